/**
 * Benchmark plumbing: relay servers in child processes (ours and the y-websocket baseline), stock
 * y-websocket clients for them, bounded waits, and statistics.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { MessageType, readSaved, updateBearingKind } from '../../src/lib/transport/protocol.ts';
import type { ChildMessage, ParentMessage, ServerStats } from './servers/child.ts';

export type { ServerStats } from './servers/child.ts';

const here = dirname(fileURLToPath(import.meta.url));
const HOST = '127.0.0.1';

export type ServerKind = 'ours' | 'baseline';

/** Where one document lives: what a WebsocketProvider needs to reach it. */
export interface DocTarget {
	serverUrl: string;
	room: string;
	params: Record<string, string>;
}

/** High-resolution wall clock in ms, comparable across threads of one machine. */
export const now = (): number => performance.timeOrigin + performance.now();

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** Polls `check` every `intervalMs` until it returns true; throws after `timeoutMs`. */
export async function waitFor(
	what: string,
	check: () => boolean | Promise<boolean>,
	{ timeoutMs = 30_000, intervalMs = 25 }: { timeoutMs?: number; intervalMs?: number } = {}
): Promise<void> {
	const deadline = performance.now() + timeoutMs;
	const maxPolls = Math.ceil(timeoutMs / intervalMs) + 1;
	for (let poll = 0; poll < maxPolls; poll++) {
		if (await check()) return;
		if (performance.now() >= deadline) break;
		await sleep(intervalMs);
	}
	throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** Rejects with a clear message when `promise` does not settle in time. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Runs `task` over `items` with at most `limit` in flight. */
export async function mapLimit<T, R>(
	items: readonly T[],
	limit: number,
	task: (item: T, index: number) => Promise<R>
): Promise<R[]> {
	const results = new Array<R>(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			results[index] = await task(items[index]!, index);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
	return results;
}

// ---------------------------------------------------------------------------------------------
// Servers in child processes

const live = new Set<ChildProcess>();
let cleanupInstalled = false;

function installCleanup(): void {
	if (cleanupInstalled) return;
	cleanupInstalled = true;
	process.on('exit', () => {
		for (const child of live) child.kill('SIGKILL');
	});
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		process.once(signal, () => {
			for (const child of live) child.kill('SIGKILL');
			process.exit(130);
		});
	}
}

export class ServerProcess {
	#nextId = 1;
	#pending = new Map<number, (message: ChildMessage) => void>();
	#docCounter = 0;
	#exited: Promise<void>;

	private constructor(
		readonly kind: ServerKind,
		private readonly child: ChildProcess,
		readonly port: number,
		private readonly dataDir: string | undefined
	) {
		child.on('message', (message: ChildMessage) => {
			if (message.type === 'ready') return;
			const resolve = this.#pending.get(message.id);
			this.#pending.delete(message.id);
			resolve?.(message);
		});
		this.#exited = new Promise((done) => {
			if (child.exitCode !== null || child.signalCode !== null) done();
			else child.once('exit', () => done());
		});
	}

	get pid(): number {
		return this.child.pid ?? -1;
	}

	/**
	 * Forks a fresh server process and resolves once it listens. `extraEnv` adds variables (the
	 * cluster mode points instances at one PostgreSQL and Redis).
	 */
	static async start(
		kind: ServerKind,
		extraEnv: NodeJS.ProcessEnv = {},
		/** Another checkout's `tests/bench/servers/<kind>.ts`: its server code, to compare two versions. */
		serverFile = join(here, 'servers', `${kind}.ts`)
	): Promise<ServerProcess> {
		installCleanup();
		const dataDir = kind === 'ours' ? mkdtempSync(join(tmpdir(), 'panorama-bench-')) : undefined;
		const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
		if (kind === 'ours') {
			Object.assign(env, {
				PANORAMA_DATA_DIR: dataDir,
				PANORAMA_LOG: 'silent',
				PANORAMA_CONNECTIONS_PER_MINUTE: '1000000',
				// One address creates every document of a run: creation limits are not what is measured.
				PANORAMA_CREATE_BURST: '1000000',
				PANORAMA_INSTANCE_CREATE_BURST: '1000000',
				PANORAMA_ROOM_IDLE_MS: '1000',
				HOST
			});
		}
		Object.assign(env, extraEnv);
		delete env.YPERSISTENCE;
		const child = fork(serverFile, [], {
			cwd: resolve(dirname(serverFile), '../../..'),
			env,
			// BENCH_PROFILE=<dir> writes a V8 CPU profile of each server process there.
			execArgv: [
				'--import',
				'tsx',
				'--expose-gc',
				...(process.env.BENCH_PROFILE
					? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
					: [])
			],
			stdio: ['ignore', 'inherit', 'inherit', 'ipc']
		});
		live.add(child);
		child.once('exit', () => live.delete(child));
		try {
			const port = await withTimeout(
				new Promise<number>((resolve, reject) => {
					child.on('message', (message: ChildMessage) => {
						if (message.type === 'ready') resolve(message.port);
					});
					child.once('exit', (code, signal) =>
						reject(new Error(`${kind} server exited early (${code ?? signal})`))
					);
					child.once('error', reject);
				}),
				60_000,
				`${kind} server start`
			);
			return new ServerProcess(kind, child, port, dataDir);
		} catch (error) {
			child.kill('SIGKILL');
			if (dataDir) rmSync(dataDir, { recursive: true, force: true });
			throw error;
		}
	}

	#request(message: ParentMessage & { id: number }): Promise<ChildMessage> {
		return withTimeout(
			new Promise<ChildMessage>((resolve, reject) => {
				this.#pending.set(message.id, resolve);
				this.child.send(message, (error) => {
					if (error) {
						this.#pending.delete(message.id);
						reject(error);
					}
				});
			}),
			30_000,
			`${this.kind} server ${message.type}`
		);
	}

	/** Memory, CPU and gauges of the server process; `gc` collects garbage first. */
	async stats(gc = false): Promise<ServerStats> {
		const reply = await this.#request({ type: 'stats', id: this.#nextId++, gc });
		if (reply.type !== 'stats') throw new Error(`unexpected reply ${reply.type}`);
		return reply.stats;
	}

	/** Starts a CPU profile of the server's main thread (see {@link stopProfile}). */
	async startProfile(): Promise<void> {
		await this.#request({ type: 'profile-start', id: this.#nextId++ });
	}

	/** Ends the profile begun by {@link startProfile} and writes it (a .cpuprofile) to `file`. */
	async stopProfile(file: string): Promise<void> {
		await this.#request({ type: 'profile-stop', id: this.#nextId++, file });
	}

	/** Waits until the server used at most `maxCpuMs` of CPU during `windowMs` (bounded). */
	async settle({ windowMs = 200, maxCpuMs = 10, timeoutMs = 15_000 } = {}): Promise<boolean> {
		const deadline = performance.now() + timeoutMs;
		let before = await this.stats();
		for (let round = 0; round < Math.ceil(timeoutMs / windowMs) + 1; round++) {
			await sleep(windowMs);
			const after = await this.stats();
			if (cpuSeconds(before, after) * 1000 <= maxCpuMs) return true;
			if (performance.now() >= deadline) break;
			before = after;
		}
		return false;
	}

	/** Waits until nobody is connected, and (ours) every room has unloaded. */
	async whenEmpty(timeoutMs = 60_000): Promise<void> {
		await waitFor(
			`${this.kind} server to be empty`,
			async () => {
				const { gauges } = await this.stats();
				return this.kind === 'ours' ? gauges.loadedRooms === 0 : gauges.conns === 0;
			},
			{ timeoutMs, intervalMs: 100 }
		);
	}

	/** A new document on this server (ours: created over HTTP, with an owner token). */
	async createDoc(): Promise<DocTarget> {
		if (this.kind === 'baseline') {
			return {
				serverUrl: `ws://${HOST}:${this.port}`,
				room: `bench-${++this.#docCounter}`,
				params: {}
			};
		}
		const response = await fetch(`http://${HOST}:${this.port}/api/docs`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ kind: 'account', title: 'bench' })
		});
		if (response.status !== 201) throw new Error(`creating a document: HTTP ${response.status}`);
		const { id, token } = (await response.json()) as { id: string; token: string };
		return { serverUrl: `ws://${HOST}:${this.port}/sync`, room: id, params: { token } };
	}

	createDocs(count: number): Promise<DocTarget[]> {
		return mapLimit(
			Array.from({ length: count }, (_, i) => i),
			16,
			() => this.createDoc()
		);
	}

	/** Asks the server to shut down; kills it if it does not within a few seconds. */
	async stop(): Promise<void> {
		try {
			if (this.child.connected) this.child.send({ type: 'shutdown' } satisfies ParentMessage);
			await withTimeout(this.#exited, 10_000, `${this.kind} server shutdown`);
		} catch {
			this.child.kill('SIGKILL');
			await withTimeout(this.#exited, 5_000, `${this.kind} server kill`).catch(() => {});
		}
		if (this.dataDir) rmSync(this.dataDir, { recursive: true, force: true });
	}
}

/** The threads a relay's CPU is split into: its event loop, our SQLite thread, and the rest. */
export type ThreadGroup = 'main' | 'sqlite' | 'other';

/**
 * User + system CPU in ms of each thread of process `pid` so far, by group (Linux /proc, 10 ms
 * resolution): the main thread is the one whose id is the pid, our store's thread names itself
 * `sqlite-store`, and 'other' is V8's helpers (garbage collection, compilers) and libuv's pool.
 * A thread that ends between two readings loses its CPU from the difference; these do not end.
 */
export function threadCpu(pid: number): Record<ThreadGroup, number> {
	const out: Record<ThreadGroup, number> = { main: 0, sqlite: 0, other: 0 };
	let tasks: string[];
	try {
		tasks = readdirSync(`/proc/${pid}/task`);
	} catch {
		return { main: NaN, sqlite: NaN, other: NaN };
	}
	for (const tid of tasks) {
		let stat: string;
		try {
			stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
		} catch {
			continue; // reason: the thread ended while the folder was read
		}
		const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		// utime and stime, in clock ticks of 10 ms.
		const ms = (Number(fields[11]) + Number(fields[12])) * 10;
		const group: ThreadGroup =
			tid === String(pid) ? 'main' : comm === 'sqlite-store' ? 'sqlite' : 'other';
		out[group] += ms;
	}
	return out;
}

/** User + system CPU seconds used between two stats. */
export function cpuSeconds(before: ServerStats, after: ServerStats): number {
	return (after.cpuUser - before.cpuUser + after.cpuSystem - before.cpuSystem) / 1e6;
}

// ---------------------------------------------------------------------------------------------
// Clients

export interface BenchClient {
	doc: Y.Doc;
	provider: WebsocketProvider;
	/** Times the server closed the socket (or it failed) while the client meant to stay. */
	disconnects: number;
	/** Update-bearing frames (sync step 2, update) sent on the current socket; see `trackSent`. */
	sentUpdates: number;
	/** `storedMessages` of the latest `saved` acknowledgement (our relay only). */
	savedMessages: number;
	/** Called with `savedMessages` whenever a `saved` acknowledgement arrives. */
	onSaved?: (storedMessages: number) => void;
	destroy(): void;
}

/**
 * A stock y-websocket client for `target`. With `trackSent`, counts the update-bearing frames it
 * sends on each socket, to compare with our relay's `saved` acknowledgements.
 */
export function connectClient(target: DocTarget, { trackSent = false } = {}): BenchClient {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(target.serverUrl, target.room, doc, {
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		params: target.params,
		maxBackoffTime: 1000
	});
	let destroyed = false;
	const client: BenchClient = {
		doc,
		provider,
		disconnects: 0,
		sentUpdates: 0,
		savedMessages: 0,
		destroy() {
			if (destroyed) return;
			destroyed = true;
			provider.destroy();
			doc.destroy();
		}
	};
	// Our relay's durable acknowledgement; stock clients would log "Unable to compute message".
	provider.messageHandlers[MessageType.saved] = (_encoder, decoder) => {
		client.savedMessages = readSaved(decoder).storedMessages;
		client.onSaved?.(client.savedMessages);
	};
	if (trackSent) {
		// 'connected' is emitted before the provider sends anything on the new socket.
		provider.on('status', ({ status }) => {
			const ws = provider.ws;
			if (status !== 'connected' || !ws) return;
			client.sentUpdates = 0;
			client.savedMessages = 0;
			const send = ws.send.bind(ws);
			ws.send = (data) => {
				if (data instanceof Uint8Array && updateBearingKind(data)) client.sentUpdates++;
				send(data);
			};
		});
	}
	provider.on('connection-close', () => {
		if (!destroyed) client.disconnects++;
	});
	return client;
}

/** Resolves (with the time, see {@link now}) on the client's first `sync` event. */
export function whenSynced(client: BenchClient, timeoutMs = 60_000): Promise<number> {
	const { provider } = client;
	if (provider.synced) return Promise.resolve(now());
	return withTimeout(
		new Promise<number>((resolve, reject) => {
			const onSync = (synced: boolean) => {
				if (!synced) return;
				provider.off('sync', onSync);
				provider.off('closed', onClosed);
				resolve(now());
			};
			const onClosed = (event: { code: number; reason: string }) => {
				provider.off('sync', onSync);
				reject(new Error(`server closed the connection: ${event.code} ${event.reason}`));
			};
			provider.on('sync', onSync);
			provider.on('closed', onClosed);
		}),
		timeoutMs,
		`sync of ${provider.roomname}`
	);
}

/** Connects one client per target, at most `concurrency` still syncing at once. */
export async function connectMany(
	targets: readonly DocTarget[],
	concurrency = 100,
	timeoutMs = 120_000,
	options: { trackSent?: boolean } = {}
): Promise<BenchClient[]> {
	const clients: BenchClient[] = [];
	let failed = false;
	try {
		await withTimeout(
			mapLimit(targets, concurrency, async (target) => {
				if (failed) throw new Error('aborted');
				const client = connectClient(target, options);
				clients.push(client);
				await whenSynced(client, timeoutMs);
				return client;
			}),
			timeoutMs,
			`${targets.length} clients to sync`
		);
	} catch (error) {
		failed = true;
		for (const client of clients) client.destroy();
		throw error;
	}
	return clients;
}

/**
 * A round trip through the server on the client's socket: sends sync step 1 and waits for the
 * step 2 answer. Both relays handle a socket's frames in order, so when it arrives the server has
 * applied everything this client sent before.
 */
export function fence(client: BenchClient, timeoutMs = 60_000): Promise<void> {
	const { provider } = client;
	const ws = provider.ws;
	if (!ws || ws.readyState !== ws.OPEN) return Promise.reject(new Error('fence: not connected'));
	const original = provider.messageHandlers[MessageType.sync]!;
	return withTimeout(
		new Promise<void>((resolve) => {
			provider.messageHandlers[MessageType.sync] = (encoder, decoder, p, emitSynced, type) => {
				// The decoder is past the message type; the next byte is the sync step.
				const isStep2 = decoder.arr[decoder.pos] === syncProtocol.messageYjsSyncStep2;
				original(encoder, decoder, p, emitSynced, type);
				if (isStep2) {
					provider.messageHandlers[MessageType.sync] = original;
					resolve();
				}
			};
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, MessageType.sync);
			syncProtocol.writeSyncStep1(encoder, client.doc);
			ws.send(encoding.toUint8Array(encoder));
		}),
		timeoutMs,
		'fence round trip'
	).finally(() => {
		provider.messageHandlers[MessageType.sync] = original;
	});
}

/** A socket that receives a document's broadcasts without keeping a copy of the document. */
export interface WireClient {
	/** Frames received after the first sync step 2. */
	frames: number;
	bytes: number;
	/** Resolves when the server's sync step 2 arrives. */
	synced: Promise<void>;
	close(): void;
}

/**
 * A watching device as the server sees it: it syncs, announces its presence (as a participant's
 * phone does) and then takes every broadcast — but does not decode them. The server's work per
 * socket is the same as for a full client; decoding on thirty phones is the phones' work, which a
 * benchmark of the server should not pile onto the server's own two cores.
 */
export function connectWire(target: DocTarget, presence: Record<string, unknown> = {}): WireClient {
	const query = new URLSearchParams(target.params).toString();
	const ws = new WebSocket(`${target.serverUrl}/${target.room}?${query}`);
	ws.binaryType = 'nodebuffer';
	const client: WireClient = {
		frames: 0,
		bytes: 0,
		synced: Promise.resolve(),
		close: () => ws.close()
	};
	let synced = false;
	client.synced = withTimeout(
		new Promise<void>((resolve, reject) => {
			ws.on('open', () => {
				const step1 = encoding.createEncoder();
				encoding.writeVarUint(step1, MessageType.sync);
				syncProtocol.writeSyncStep1(step1, new Y.Doc());
				ws.send(encoding.toUint8Array(step1));
				const doc = new Y.Doc();
				const awareness = new awarenessProtocol.Awareness(doc);
				awareness.setLocalState(presence);
				const hello = encoding.createEncoder();
				encoding.writeVarUint(hello, MessageType.awareness);
				encoding.writeVarUint8Array(
					hello,
					awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID])
				);
				ws.send(encoding.toUint8Array(hello));
				awareness.destroy();
				doc.destroy();
			});
			ws.on('message', (data: Buffer) => {
				if (synced) {
					client.frames++;
					client.bytes += data.byteLength;
				} else if (data[0] === MessageType.sync && data[1] === syncProtocol.messageYjsSyncStep2) {
					synced = true;
					resolve();
				}
			});
			ws.on('close', (code, reason) => {
				if (!synced) reject(new Error(`server closed the connection: ${code} ${reason}`));
			});
			ws.on('error', reject);
		}),
		60_000,
		`wire sync of ${target.room}`
	);
	return client;
}

/** Collects garbage in this (the client) process, to keep GC pauses out of short timings. */
export const clientGc: () => void = (() => {
	setFlagsFromString('--expose-gc');
	return runInNewContext('gc') as () => void;
})();

// ---------------------------------------------------------------------------------------------
// Statistics

/** The `q` quantile (0..1) of `values` by the nearest-rank method; NaN when empty. */
export function quantile(values: readonly number[], q: number): number {
	if (values.length === 0) return NaN;
	const sorted = Float64Array.from(values).sort();
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export function median(values: readonly number[]): number {
	const finite = values.filter((v) => Number.isFinite(v));
	if (finite.length === 0) return NaN;
	const sorted = [...finite].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const MB = 1024 * 1024;
