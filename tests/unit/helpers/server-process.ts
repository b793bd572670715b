/**
 * The real server in a process of its own, for tests that must see it survive (or not), and
 * measure its memory from `/proc` rather than from inside the test's own heap.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** What the creating routes answer: the new document's id and its owner token (plus a link). */
export interface CreatedDoc {
	id: string;
	token: string;
	url?: string;
}

export interface ServerProcess {
	child: ChildProcess;
	url: string;
	wsUrl: string;
	dataDir: string;
	/** Everything the process printed so far. */
	output(): string;
	/** Resident memory of the process now, in bytes (`VmRSS` in `/proc/<pid>/status`). */
	rss(): number;
	/** Peak resident memory since start, in bytes (`VmHWM`). */
	peakRss(): number;
	/** True while the process runs. */
	alive(): boolean;
	/** `POST path` with a JSON body (and a bearer token), answering status and JSON body. */
	post<T = CreatedDoc>(
		path: string,
		body: unknown,
		token?: string
	): Promise<{ status: number; body: T }>;
	stop(): Promise<void>;
}

function statusField(pid: number, field: string): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
	if (!match) throw new Error(`no ${field} for process ${pid}`);
	return Number(match[1]) * 1024;
}

function spawnServer(env: Record<string, string>, dataDir: string): ChildProcess {
	return spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
		env: {
			...process.env,
			PORT: '0',
			PANORAMA_DATA_DIR: dataDir,
			PANORAMA_STATIC_DIR: join(dataDir, 'no-static'),
			PANORAMA_CONNECTIONS_PER_MINUTE: '100000',
			PANORAMA_LOG: '',
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
}

/**
 * Starts `server/index.ts` with `env` on a free port and resolves once it listens. With `dataDir`
 * it runs on that folder (a restart) and `stop()` leaves the folder; otherwise on a fresh temporary
 * one that `stop()` removes.
 */
export function startServerProcess(
	env: Record<string, string> = {},
	options: { dataDir?: string } = {}
): Promise<ServerProcess> {
	const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'panorama-proc-'));
	const child = spawnServer(env, dataDir);
	let printed = '';
	child.stderr!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
	let exited = false;
	child.on('exit', () => (exited = true));
	return new Promise((resolve, reject) => {
		const lines = createInterface({ input: child.stdout! });
		lines.on('line', (line) => {
			printed += line + '\n';
			const match = /listening on (http:\/\/\S+)/.exec(line);
			if (!match) return;
			const url = match[1]!;
			resolve({
				child,
				url,
				wsUrl: url.replace(/^http/, 'ws') + '/sync',
				dataDir,
				output: () => printed,
				rss: () => statusField(child.pid!, 'VmRSS'),
				peakRss: () => statusField(child.pid!, 'VmHWM'),
				alive: () => !exited,
				async post(path, body, token) {
					const response = await fetch(url + path, {
						method: 'POST',
						headers: {
							'content-type': 'application/json',
							...(token ? { authorization: `Bearer ${token}` } : {})
						},
						body: JSON.stringify(body)
					});
					const text = await response.text();
					return { status: response.status, body: text ? JSON.parse(text) : undefined };
				},
				async stop() {
					if (!exited) {
						const gone = new Promise((done) => child.once('exit', done));
						child.kill('SIGKILL');
						await gone;
					}
					if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
				}
			});
		});
		child.on('exit', (code) => reject(new Error(`server exited early with ${code}: ${printed}`)));
	});
}

/**
 * Runs `server/index.ts` on `dataDir` when it is expected not to start: resolves with its exit code
 * and everything it printed once it exits, and fails if it starts listening instead.
 */
export function serverExit(
	dataDir: string,
	env: Record<string, string> = {}
): Promise<{ code: number | null; output: string }> {
	const child = spawnServer(env, dataDir);
	let printed = '';
	child.stdout!.on('data', (chunk: Buffer) => {
		printed += chunk.toString();
		if (/listening on/.test(printed)) child.kill('SIGKILL');
	});
	child.stderr!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
	return new Promise((resolve, reject) => {
		child.on('close', (code) => {
			if (/listening on/.test(printed)) reject(new Error(`the server started: ${printed}`));
			else resolve({ code, output: printed });
		});
	});
}
