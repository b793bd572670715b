/**
 * The relay at `/sync/<docId>?token=…`: accepts websocket upgrades, checks the capability before
 * any document data is sent, and attaches the socket to its room.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type * as Y from 'yjs';
import { CloseCode } from '../../src/lib/transport/protocol.ts';
import type { Access } from '../access.ts';
import type { Bus } from '../bus/bus.ts';
import { log } from '../log.ts';
import { parseSyncTarget } from '../request-target.ts';
import type { DocStore } from '../store/doc-store.ts';
import { TokenError, type Capability, type TokenFailure } from '../tokens.ts';
import { Connection, type ConnectionLimits } from './connection.ts';
import { ControlChannel } from './control.ts';
import { FanOut } from './fan-out.ts';
import { GroupCommit } from './group-commit.ts';
import { RateLimiter } from './rate-limit.ts';
import type { Room } from './room.ts';
import { DocumentGone, Rooms, type RoomsOptions } from './rooms.ts';

/** How often sockets are pinged and idle ones sent a keep-alive (y-websocket gives up at 30 s). */
const HEARTBEAT_MS = 15_000;
/**
 * What a socket may send before its token is checked and its room loaded: a real client sends a
 * sync step 1 and its presence. More than this is not a client waiting for an answer.
 */
const EARLY_FRAMES = 64;
const EARLY_BYTES = 1024 * 1024;
/** How long a refused socket may take to finish the close handshake before it is cut. */
const REFUSED_GRACE_MS = 1_000;
/** What a refused socket may still send (its close answer is a few bytes) before it is cut. */
const REFUSED_READ_BYTES = 64 * 1024;

export interface RelayOptions extends ConnectionLimits {
	store: DocStore;
	access: Access;
	maxMessageBytes: number;
	connectionsPerMinute: number;
	roomIdleMs: number;
	compactAfterUpdates: number;
	commitWindowMs: number;
	/** Documents no client may write any more, whatever its token says (submitted drafts). */
	isReadOnly?: (docId: string) => boolean;
	/**
	 * Documents whose content was deleted for good (submitted review drafts): a connection is
	 * refused with {@link CloseCode.submitted} and the document is never loaded again.
	 */
	isGone?: (docId: string) => boolean | Promise<boolean>;
	/**
	 * The connection limit shared by every instance (Redis): whether `address` may open one more
	 * this minute, or undefined when it cannot say, and this instance's own window decides.
	 */
	allowConnection?: (address: string) => Promise<boolean | undefined>;
	/**
	 * A check beyond the token's, on connecting and on every `revoke`: the close code to refuse
	 * `capability` with, or undefined to let it in (a removed workshop seat is refused). Returns
	 * undefined at once for a capability it has nothing to say about, so those connect without
	 * waiting another turn while their first frames queue.
	 */
	admit?: (capability: Capability) => Promise<CloseCode | undefined> | undefined;
	/** Other instances sharing the store: rooms fan out over it, and so do revocations. */
	bus?: Bus;
	/**
	 * Called before this instance acts on another's revocation or read-only switch (`undefined`
	 * after the bus was down: any document may have changed): what it cached of the registry is
	 * stale.
	 */
	onRemoteChange?: (docId: string | undefined) => void;
	/** Told of each room as it loads, before anyone's frames reach it (see `Rooms`). */
	onRoomLoaded?: RoomsOptions['onLoaded'];
}

export interface Relay {
	/** Takes an HTTP upgrade for a `/sync/` path; returns false for any other path. */
	handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
	/**
	 * Closes every connection to `docId`, and to the children that inherit its links, whose token
	 * is no longer current or that `admit` now refuses (call after a rotation, a role's
	 * revocation or a seat's removal).
	 */
	revoke(docId: string): Promise<void>;
	/**
	 * For a document `isGone` now names: closes its connections with {@link CloseCode.submitted}
	 * and forgets its room without writing anything more of it. Resolves once nothing of it waits
	 * to be stored, so the caller can then delete what the store holds.
	 */
	drop(docId: string): Promise<void>;
	/**
	 * Runs `fn` on the live document (loading it if needed), so what the server writes reaches
	 * everyone connected; resolves after anything `fn` wrote is durably stored.
	 */
	withDoc<T>(docId: string, fn: (doc: Y.Doc) => T): Promise<T>;
	/** Rooms in memory (for tests and benchmarks). */
	readonly loadedRooms: number;
	/** Stores what is pending, closes every connection and unloads every room. */
	close(): Promise<void>;
}

const closeCodeFor: Record<TokenFailure, CloseCode> = {
	missing: CloseCode.tokenMissing,
	invalid: CloseCode.tokenInvalid,
	expired: CloseCode.tokenExpired,
	'wrong-document': CloseCode.tokenWrongDocument,
	revoked: CloseCode.tokenRevoked
};

export function createRelay(options: RelayOptions): Relay {
	const { store, access } = options;
	const wss = new WebSocketServer({
		noServer: true,
		// ws checks the length header and closes with 1009 before buffering an oversized frame.
		maxPayload: options.maxMessageBytes,
		perMessageDeflate: false
	});
	const limits: ConnectionLimits = {
		maxBufferedBytes: options.maxBufferedBytes,
		maxDocumentBytes: options.maxDocumentBytes
	};
	const commits = new GroupCommit(store, options.commitWindowMs);
	const fanOut: FanOut | undefined =
		options.bus && new FanOut(options.bus, store, (): ReadonlyMap<string, Room> => rooms.loaded);
	const rooms = new Rooms(
		store,
		commits,
		{
			idleMs: options.roomIdleMs,
			compactAfterUpdates: options.compactAfterUpdates,
			isGone: options.isGone,
			onLoaded: options.onRoomLoaded
		},
		(room) => {
			for (const connection of connections) {
				if (connection.room === room) connection.close(CloseCode.storeFailure, 'store failure');
			}
		},
		fanOut
	);
	const limiter = new RateLimiter(options.connectionsPerMinute);
	const connections = new Set<Connection>();
	const sockets = new Set<WebSocket>();
	let closing = false;
	const heartbeat = setInterval(() => {
		for (const connection of connections) {
			try {
				connection.heartbeat();
			} catch (error) {
				// reason: one socket failing its ping must not end the loop or the process
				log.error('a heartbeat failed', error);
				connection.close(CloseCode.protocolError, 'heartbeat failed');
			}
		}
	}, HEARTBEAT_MS);
	heartbeat.unref();

	// The TCP stream under each websocket, so a refused one can stop being read.
	const streams = new WeakMap<WebSocket, Duplex>();

	/**
	 * Closes a socket that gets no connection, and cuts it if it does not let go. The close frame
	 * tells a stock client to stop retrying, and its answer completes the close at once; a peer
	 * that keeps streaming instead is cut after a few kilobytes, not after the grace period.
	 */
	function refuse(ws: WebSocket, code: CloseCode, reason: string): void {
		ws.close(code, reason);
		let after = 0;
		streams.get(ws)?.on('data', (chunk: Buffer) => {
			after += chunk.length;
			if (after > REFUSED_READ_BYTES) ws.terminate();
		});
		setTimeout(() => ws.terminate(), REFUSED_GRACE_MS).unref();
	}

	async function accept(
		ws: WebSocket,
		address: string,
		docId: string,
		token: string | null
	): Promise<void> {
		// Frames that arrive while the token is checked and the room loads are replayed in order,
		// up to a small cap; after a refusal nothing more is kept.
		let early: Uint8Array[] | undefined = [];
		let earlyBytes = 0;
		const attached: { connection?: Connection } = {};
		ws.on('message', (data: RawData) => {
			const frame = toUint8Array(data);
			if (attached.connection) return attached.connection.receive(frame);
			if (!early) return;
			earlyBytes += frame.length;
			if (early.length >= EARLY_FRAMES || earlyBytes > EARLY_BYTES) {
				early = undefined;
				refuse(ws, CloseCode.protocolError, 'too much before ready');
				return;
			}
			early.push(frame);
		});
		ws.on('close', () => {
			sockets.delete(ws);
			early = undefined;
			const { connection } = attached;
			if (!connection) return;
			connections.delete(connection);
			connection.room.members.delete(connection);
			connection.dispose();
			rooms.release(connection.room);
		});
		ws.on('error', () => ws.terminate());

		const allowed = (await options.allowConnection?.(address)) ?? limiter.allow(address);
		if (!allowed) {
			early = undefined;
			return refuse(ws, CloseCode.rateLimited, 'too many');
		}

		let granted;
		try {
			granted = await access.check(token, docId);
		} catch (error) {
			if (!(error instanceof TokenError)) throw error;
			early = undefined;
			return refuse(ws, closeCodeFor[error.reason], `token ${error.reason}`);
		}
		if (!early) return; // refused or gone while the token was checked
		if (closing) return refuse(ws, CloseCode.shuttingDown, 'shutting down');
		if (await isGone(docId)) return refuse(ws, CloseCode.submitted, 'submitted');
		let room;
		try {
			room = await rooms.open(docId);
		} catch (error) {
			if (!(error instanceof DocumentGone)) throw error;
			return refuse(ws, CloseCode.submitted, 'submitted');
		}
		if (ws.readyState !== ws.OPEN || !early) return rooms.release(room);
		// A rotation may have happened while the token was checked or the room loaded.
		const now = await access.resolve(docId);
		if (!access.current(granted.capability, now)) {
			rooms.release(room);
			return refuse(ws, CloseCode.tokenRevoked, 'token revoked');
		}
		const admitting = options.admit?.(granted.capability);
		const refusal = admitting && (await admitting);
		if (refusal !== undefined || ws.readyState !== ws.OPEN || !early) {
			rooms.release(room);
			if (refusal !== undefined) refuse(ws, refusal, 'not admitted');
			return;
		}
		// Submitted while the token was checked: its room was dropped and must not take a member.
		if ((await isGone(docId)) || rooms.wasDropped(docId)) {
			rooms.release(room);
			return refuse(ws, CloseCode.submitted, 'submitted');
		}
		const connection = new Connection(
			ws,
			room,
			granted.capability,
			token!,
			commits,
			limits,
			options.isReadOnly?.(docId) ?? false
		);
		attached.connection = connection;
		ws.on('pong', () => (connection.alive = true));
		connections.add(connection);
		room.members.add(connection);
		connection.start();
		const replay = early;
		early = undefined;
		for (const frame of replay) connection.receive(frame);
	}

	async function revokeHere(docId: string): Promise<void> {
		const affected = new Set<string>();
		for (const connection of connections) {
			const room = connection.room;
			if (room.id === docId || room.parent === docId) affected.add(room.id);
		}
		for (const id of affected) {
			const now = await access.resolve(id);
			for (const connection of [...connections]) {
				if (connection.room.id !== id) continue;
				if (!access.current(connection.capability, now)) {
					connection.close(CloseCode.tokenRevoked, 'token revoked');
					continue;
				}
				const refusal = await options.admit?.(connection.capability);
				if (refusal !== undefined) connection.close(refusal, 'not admitted');
			}
		}
	}

	async function isGone(docId: string): Promise<boolean> {
		return rooms.wasDropped(docId) || ((await options.isGone?.(docId)) ?? false);
	}

	async function dropHere(docId: string): Promise<void> {
		for (const connection of connections) {
			if (connection.room.id === docId) connection.close(CloseCode.submitted, 'submitted');
		}
		await rooms.drop(docId);
	}

	const control =
		options.bus &&
		new ControlChannel(options.bus, {
			revoke(docId) {
				options.onRemoteChange?.(docId);
				return revokeHere(docId);
			},
			drop(docId) {
				options.onRemoteChange?.(docId);
				return dropHere(docId);
			},
			// What was sent while the bus was down is lost: check every open room again.
			async missed() {
				options.onRemoteChange?.(undefined);
				for (const id of rooms.loaded.keys()) {
					await revokeHere(id);
					if (await isGone(id)) await dropHere(id);
				}
			}
		});

	return {
		handleUpgrade(request, socket, head) {
			const target = parseSyncTarget(request.url);
			if (!target.ok && target.reason === 'not-sync') return false;
			if (closing || (!target.ok && target.reason === 'bad-target')) {
				// Not a socket we would serve: answer plainly, before any websocket exists.
				const status = closing ? '503 Service Unavailable' : '400 Bad Request';
				socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
				return true;
			}
			const address = request.socket.remoteAddress ?? 'unknown';
			wss.handleUpgrade(request, socket, head, (ws) => {
				sockets.add(ws);
				streams.set(ws, socket);
				if (!target.ok) {
					if (!limiter.allow(address)) return refuse(ws, CloseCode.rateLimited, 'too many');
					// A readable path with an id that is not ours: a close code a client stops on.
					return refuse(ws, CloseCode.badDocumentId, 'bad id');
				}
				accept(ws, address, target.docId, target.token).catch((error: unknown) => {
					log.error('a connection failed to open', error);
					refuse(ws, CloseCode.storeFailure, 'server error');
				});
			});
			return true;
		},

		async revoke(docId) {
			control?.send({ op: 'revoke', docId });
			await revokeHere(docId);
		},

		async drop(docId) {
			control?.send({ op: 'drop', docId });
			await dropHere(docId);
		},

		async withDoc(docId, fn) {
			let room = await rooms.open(docId);
			// Another instance may have committed a change the bus has not brought yet. The room may
			// finish unloading meanwhile (withDoc is no member): then open it again.
			if (fanOut) {
				await fanOut.catchUp(room);
				while (rooms.loaded.get(docId) !== room) {
					room = await rooms.open(docId);
					await fanOut.catchUp(room);
				}
			}
			let changed = false;
			const mark = () => (changed = true);
			try {
				room.doc.on('update', mark);
				const result = fn(room.doc);
				room.doc.off('update', mark);
				if (changed) {
					await new Promise<void>((resolve, reject) =>
						commits.current.onCommit((error) => (error === undefined ? resolve() : reject(error)))
					);
				}
				return result;
			} finally {
				room.doc.off('update', mark);
				rooms.release(room);
			}
		},

		get loadedRooms() {
			return rooms.loaded.size;
		},

		async close() {
			closing = true;
			clearInterval(heartbeat);
			control?.stop();
			fanOut?.stop();
			for (const ws of sockets) ws.close(CloseCode.shuttingDown, 'shutting down');
			await rooms.close();
			wss.close();
		}
	};
}

function toUint8Array(data: RawData): Uint8Array {
	if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
