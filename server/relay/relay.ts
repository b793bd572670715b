/**
 * The relay at `/sync/<docId>?token=…`: accepts websocket upgrades, checks the capability before
 * any document data is sent, and attaches the socket to its room.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type * as Y from 'yjs';
import { CloseCode, DOC_ID_PATTERN } from '../../src/lib/sync/protocol.ts';
import { log } from '../log.ts';
import type { DocStore } from '../store/doc-store.ts';
import { TokenError, type TokenFailure, type TokenIssuer } from '../tokens.ts';
import { Connection } from './connection.ts';
import { GroupCommit } from './group-commit.ts';
import { RateLimiter } from './rate-limit.ts';
import { Rooms } from './rooms.ts';

export const SYNC_PATH = '/sync/';

/** How often sockets are pinged and idle ones sent a keep-alive (y-websocket gives up at 30 s). */
const HEARTBEAT_MS = 15_000;
/** Documents whose link epoch is remembered; past this the memory starts over. */
const EPOCH_CACHE_SIZE = 100_000;

export interface RelayOptions {
	store: DocStore;
	tokens: TokenIssuer;
	maxMessageBytes: number;
	connectionsPerMinute: number;
	roomIdleMs: number;
	compactAfterUpdates: number;
	commitWindowMs: number;
	/** Documents no client may write any more, whatever its token says (submitted drafts). */
	isReadOnly?: (docId: string) => boolean;
}

export interface Relay {
	/** Takes an HTTP upgrade for a `/sync/` path; returns false for any other path. */
	handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
	/** Closes every connection to `docId` whose token predates `epoch`. */
	revoke(docId: string, epoch: number): void;
	/**
	 * Closes the connections that could write `docId`, now that `isReadOnly` says it is read-only:
	 * their clients reconnect and read it, and their writes are refused from then on.
	 */
	closeWriters(docId: string): void;
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
	const { store, tokens } = options;
	const wss = new WebSocketServer({
		noServer: true,
		// ws checks the length header and closes with 1009 before buffering an oversized frame.
		maxPayload: options.maxMessageBytes,
		perMessageDeflate: false
	});
	const commits = new GroupCommit(store, options.commitWindowMs);
	const rooms = new Rooms(
		store,
		commits,
		{ idleMs: options.roomIdleMs, compactAfterUpdates: options.compactAfterUpdates },
		(room) => {
			for (const connection of connections) {
				if (connection.room === room) connection.close(CloseCode.storeFailure, 'store failure');
			}
		}
	);
	const limiter = new RateLimiter(options.connectionsPerMinute);
	const connections = new Set<Connection>();
	const sockets = new Set<WebSocket>();
	/**
	 * Link epoch per known document, so a connection needs no store round trip. Rotation goes
	 * through `revoke` in this process, which keeps the entries current.
	 */
	const epochs = new Map<string, number>();
	let closing = false;
	const heartbeat = setInterval(() => {
		for (const connection of connections) connection.heartbeat();
	}, HEARTBEAT_MS);
	heartbeat.unref();

	async function accept(ws: WebSocket, docId: string, token: string | null): Promise<void> {
		// Frames that arrive while the token is checked and the room loads are replayed in order.
		const early: Uint8Array[] = [];
		const attached: { connection?: Connection } = {};
		ws.on('message', (data: RawData) => {
			const frame = toUint8Array(data);
			if (attached.connection) attached.connection.receive(frame);
			else early.push(frame);
		});
		ws.on('close', () => {
			sockets.delete(ws);
			const { connection } = attached;
			if (!connection) return;
			connections.delete(connection);
			connection.room.members.delete(connection);
			connection.dispose();
			rooms.release(connection.room);
		});
		ws.on('error', () => ws.terminate());

		if (!DOC_ID_PATTERN.test(docId)) return void ws.close(CloseCode.badDocumentId, 'bad id');
		let epoch = epochs.get(docId);
		if (epoch === undefined) {
			const record = await store.get(docId);
			if (!record) return void ws.close(CloseCode.tokenInvalid, 'invalid token');
			epoch = Math.max(record.tokenEpoch, epochs.get(docId) ?? 0);
			if (epochs.size >= EPOCH_CACHE_SIZE) epochs.clear();
			epochs.set(docId, epoch);
		}
		let capability;
		try {
			capability = await tokens.verify(token, docId, epoch);
		} catch (error) {
			if (!(error instanceof TokenError)) throw error;
			return void ws.close(closeCodeFor[error.reason], `token ${error.reason}`);
		}
		if (closing) return void ws.close(CloseCode.shuttingDown, 'shutting down');
		const room = await rooms.open(docId);
		if (ws.readyState !== ws.OPEN) return rooms.release(room);
		// A rotation may have happened while the token was checked or the room loaded.
		if (capability.epoch < (epochs.get(docId) ?? 0)) {
			rooms.release(room);
			return void ws.close(CloseCode.tokenRevoked, 'token revoked');
		}
		const connection = new Connection(
			ws,
			room,
			capability,
			commits,
			options.isReadOnly?.(docId) ?? false
		);
		attached.connection = connection;
		ws.on('pong', () => (connection.alive = true));
		connections.add(connection);
		room.members.add(connection);
		connection.start();
		for (const frame of early.splice(0)) connection.receive(frame);
	}

	return {
		handleUpgrade(request, socket, head) {
			const url = new URL(request.url ?? '/', 'http://relay');
			if (!url.pathname.startsWith(SYNC_PATH)) return false;
			if (closing) {
				socket.destroy();
				return true;
			}
			const docId = decodeURIComponent(url.pathname.slice(SYNC_PATH.length));
			const token = url.searchParams.get('token');
			const address = request.socket.remoteAddress ?? 'unknown';
			wss.handleUpgrade(request, socket, head, (ws) => {
				sockets.add(ws);
				if (!limiter.allow(address)) {
					ws.close(CloseCode.rateLimited, 'too many connections');
					return;
				}
				accept(ws, docId, token).catch((error: unknown) => {
					log.error('a connection failed to open', error);
					ws.close(CloseCode.storeFailure, 'server error');
				});
			});
			return true;
		},

		revoke(docId, epoch) {
			epochs.set(docId, epoch);
			for (const connection of connections) {
				if (connection.room.id === docId && connection.capability.epoch < epoch) {
					connection.close(CloseCode.tokenRevoked, 'token revoked');
				}
			}
		},

		closeWriters(docId) {
			for (const connection of connections) {
				if (connection.room.id === docId && connection.writable) {
					connection.close(CloseCode.nowReadOnly, 'read-only now');
				}
			}
		},

		async withDoc(docId, fn) {
			const room = await rooms.open(docId);
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
