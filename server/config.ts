/** Server configuration, read once from the environment with safe defaults. */
import { resolve } from 'node:path';

export interface ServerConfig {
	/** TCP port; 0 picks a free one (tests). */
	port: number;
	/** Interface to bind; `0.0.0.0` opens the server to a workshop LAN. */
	host: string;
	/** Folder holding the SQLite file and the generated secret. */
	dataDir: string;
	/**
	 * `postgres://…`: documents are stored in that PostgreSQL database, shared by every instance
	 * pointed at it. Absent → the SQLite file in `dataDir`.
	 */
	databaseUrl: string | undefined;
	/** HMAC secret for capability tokens; generated into `dataDir` when absent. */
	secret: string | undefined;
	/** Folder of the static client build, served with an SPA fallback. Absent → no static files. */
	staticDir: string | undefined;
	/** Largest websocket frame accepted, in bytes. */
	maxMessageBytes: number;
	/** Bytes waiting unsent in one socket past which its client counts as not reading. */
	maxBufferedBytes: number;
	/** Size budget of one document, in bytes of stored updates; writes past it are refused. */
	maxDocumentBytes: number;
	/** Websocket connection attempts allowed per IP address per minute. */
	connectionsPerMinute: number;
	/** How long a room with no connections stays in memory, in milliseconds. */
	roomIdleMs: number;
	/** Updates in a document's log before it is compacted into its snapshot. */
	compactAfterUpdates: number;
	/** How long the first update of a group commit waits for company, in milliseconds. */
	commitWindowMs: number;
	/** Creations (documents, links, boards, …) one client address may make at once. */
	createBurst: number;
	/** Creations one client address regains per minute once its burst is spent. */
	createPerMinute: number;
	/** Creations the whole instance may make at once, from every address together. */
	instanceCreateBurst: number;
	/** Creations the whole instance regains per minute. */
	instanceCreatePerMinute: number;
	/** When set, creating a document needs this key (header `x-panorama-create-key`). */
	createKey: string | undefined;
	/**
	 * Start even though a store lost acknowledged changes or fails SQLite's check: the loss is
	 * logged and the store's commit marker is reset to what is there. Off unless set to `1`.
	 */
	acceptDataLoss: boolean;
	/** Pages of the document store's write-ahead log before SQLite checkpoints it; 0 never does. */
	walAutocheckpoint: number;
	/** `redis://…` of the bus between instances sharing one store; absent → a single instance. */
	redisUrl: string | undefined;
}

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 0) {
		throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
	}
	return value;
}

function positiveIntFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
	const value = intFromEnv(env, name, fallback);
	if (value < 1) throw new Error(`${name} must be at least 1, got "${env[name]}"`);
	return value;
}

function databaseUrlFromEnv(env: NodeJS.ProcessEnv): string | undefined {
	const raw = env.PANORAMA_DATABASE_URL;
	if (!raw) return undefined;
	if (!/^postgres(ql)?:\/\//.test(raw)) {
		throw new Error('PANORAMA_DATABASE_URL must be a postgres:// or postgresql:// URL');
	}
	return raw;
}

/** Reads the configuration from `env` (process.env by default). Throws on malformed values. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
	return {
		port: intFromEnv(env, 'PORT', 3000),
		host: env.HOST || '127.0.0.1',
		dataDir: resolve(env.PANORAMA_DATA_DIR || './data'),
		databaseUrl: databaseUrlFromEnv(env),
		secret: env.PANORAMA_SECRET || undefined,
		staticDir: resolve(env.PANORAMA_STATIC_DIR || './build'),
		maxMessageBytes: intFromEnv(env, 'PANORAMA_MAX_MESSAGE_BYTES', 16 * 1024 * 1024),
		maxBufferedBytes: intFromEnv(env, 'PANORAMA_MAX_BUFFERED_BYTES', 16 * 1024 * 1024),
		maxDocumentBytes: intFromEnv(env, 'PANORAMA_MAX_DOCUMENT_BYTES', 64 * 1024 * 1024),
		connectionsPerMinute: intFromEnv(env, 'PANORAMA_CONNECTIONS_PER_MINUTE', 600),
		roomIdleMs: intFromEnv(env, 'PANORAMA_ROOM_IDLE_MS', 30_000),
		compactAfterUpdates: intFromEnv(env, 'PANORAMA_COMPACT_AFTER', 500),
		commitWindowMs: intFromEnv(env, 'PANORAMA_COMMIT_WINDOW_MS', 5),
		createBurst: positiveIntFromEnv(env, 'PANORAMA_CREATE_BURST', 20),
		createPerMinute: intFromEnv(env, 'PANORAMA_CREATE_PER_MINUTE', 60),
		instanceCreateBurst: positiveIntFromEnv(env, 'PANORAMA_INSTANCE_CREATE_BURST', 200),
		instanceCreatePerMinute: intFromEnv(env, 'PANORAMA_INSTANCE_CREATE_PER_MINUTE', 600),
		createKey: env.PANORAMA_CREATE_KEY || undefined,
		acceptDataLoss: env.PANORAMA_ACCEPT_DATA_LOSS === '1',
		walAutocheckpoint: intFromEnv(env, 'PANORAMA_WAL_AUTOCHECKPOINT', 1000),
		redisUrl: env.PANORAMA_REDIS_URL || undefined
	};
}
