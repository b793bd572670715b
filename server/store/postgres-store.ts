/**
 * The document store on PostgreSQL, for many relay instances sharing one database. Same contract
 * as the SQLite store: `append` resolves only once its transaction has committed with
 * `synchronous_commit = on` (the WAL is flushed on the server), and a failed or unreachable
 * database rejects it, so nothing is acknowledged that is not stored.
 *
 * Several instances may append to one document while one of them compacts it: compaction takes a
 * per-document advisory lock (one compactor at a time, the others skip) and deletes exactly the
 * log rows it read, never a row that committed after its read.
 */
import pg from 'pg';
import * as Y from 'yjs';
import { isDocKind } from '../../src/lib/domain/documents.ts';
import { log } from '../log.ts';
import type { DocRecord, DocStore, IssuedLink, PendingUpdate } from './doc-store.ts';
import { postgresTeamStore } from '../teams/postgres-team-store.ts';
import type { TeamStore } from '../teams/team-store.ts';
import type { ActivityStore } from '../activity/activity-store.ts';
import { postgresActivityStore } from '../activity/postgres-activity-store.ts';
import { migrateSchema } from './postgres-schema.ts';

export interface PostgresStoreOptions {
	/** Connections in the pool (default 10). */
	maxConnections?: number;
	/** How long to wait for a connection before a call fails, in milliseconds (default 5000). */
	connectTimeoutMs?: number;
}

export interface PostgresStore extends DocStore {
	/** Resolves once the schema is in place; rejects with the reason the store cannot be used. */
	ready: Promise<void>;
	/** A workspace's people, in the same database (see `teams/team-store.ts`). */
	teams: TeamStore;
	/** What was done to each account plan, by whom (see `activity/activity-store.ts`). */
	activity: ActivityStore;
}

/** First key of the per-document advisory locks (the second is a hash of the document id). */
const DOC_LOCK_SPACE = 0x50414e4f; // 'PANO'

/**
 * Said explicitly for every session, whatever the server's default: a commit returns only once its
 * WAL is flushed, which is what an acknowledgement promises; and no statement runs past 30 s, so a
 * stuck lock or a runaway query fails the call instead of holding a connection for ever.
 */
export const SESSION_OPTIONS = '-c synchronous_commit=on -c statement_timeout=30000';

/**
 * How long the client waits for any answer (a little past the statement timeout): a database
 * that stopped answering (frozen, cut off) fails calls after this instead of hanging them.
 */
export const QUERY_TIMEOUT_MS = 35_000;

/** A bind parameter per value: PostgreSQL takes at most 65535 in one statement. */
const ROWS_PER_INSERT = 10_000;

const RECORD = 'id, kind, title, created_at, token_epoch, parent, role_epochs FROM panorama_docs';

interface RecordRow {
	id: string;
	kind: string;
	title: string;
	created_at: string;
	token_epoch: number;
	parent: string | null;
	role_epochs: Record<string, number> | null;
}

function toRecord(row: RecordRow): DocRecord | undefined {
	if (!isDocKind(row.kind)) return undefined;
	const record: DocRecord = {
		id: row.id,
		kind: row.kind,
		title: row.title,
		createdAt: Number(row.created_at),
		tokenEpoch: row.token_epoch
	};
	if (row.parent !== null) record.parent = row.parent;
	if (row.role_epochs !== null) record.roleEpochs = row.role_epochs;
	return record;
}

interface LinkRow {
	id: string;
	doc_id: string;
	role: string;
	created_at: string;
	expires_at: string | null;
	doc_epoch: number;
	role_epoch: number;
}

function toLink(row: LinkRow): IssuedLink {
	const link: IssuedLink = {
		id: row.id,
		docId: row.doc_id,
		role: row.role,
		createdAt: Number(row.created_at),
		docEpoch: row.doc_epoch,
		roleEpoch: row.role_epoch
	};
	if (row.expires_at !== null) link.expiresAt = Number(row.expires_at);
	return link;
}

/** Runs `work` in one transaction on one pooled connection; rolls back when it throws. */
async function inTransaction<T>(
	pool: pg.Pool,
	begin: string,
	work: (client: pg.PoolClient) => Promise<T>
): Promise<T> {
	const client = await pool.connect();
	let broken: Error | undefined;
	try {
		await client.query(begin);
		const result = await work(client);
		await client.query('COMMIT');
		return result;
	} catch (error) {
		try {
			await client.query('ROLLBACK');
		} catch (rollbackError) {
			// The connection is gone (server restarted): the pool must not hand it out again.
			broken = rollbackError as Error;
		}
		throw error;
	} finally {
		client.release(broken);
	}
}

/** `INSERT … VALUES ($1, $2), ($3, $4), …` for `rows` updates. */
function insertLog(updates: readonly PendingUpdate[]): { text: string; values: unknown[] } {
	const values: unknown[] = [];
	const tuples: string[] = [];
	for (const { docId, update } of updates) {
		values.push(docId, update);
		tuples.push(`($${values.length - 1}, $${values.length})`);
	}
	return { text: `INSERT INTO panorama_log (doc_id, data) VALUES ${tuples.join(', ')}`, values };
}

/** The URL with its password hidden, for messages. */
export function redactedUrl(url: string): string {
	try {
		const parsed = new URL(url);
		if (parsed.password) parsed.password = '***';
		return parsed.toString();
	} catch {
		return 'the PostgreSQL database';
	}
}

/**
 * Opens the store on `url` (`postgres://…`). Creates or migrates the schema in the background;
 * every call waits for that, and `ready` says when it is done (the server awaits it before it
 * listens).
 */
export function openPostgresStore(url: string, options: PostgresStoreOptions = {}): PostgresStore {
	const pool = new pg.Pool({
		connectionString: url,
		max: options.maxConnections ?? 10,
		connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
		options: SESSION_OPTIONS,
		query_timeout: QUERY_TIMEOUT_MS,
		keepAlive: true,
		application_name: 'panorama'
	});
	// An idle connection dropped by the server (restart, failover) is an 'error' on the pool;
	// unhandled it would end the process. The next call opens a fresh connection.
	pool.on('error', (error) => log.warn(`a PostgreSQL connection closed: ${error.message}`));

	const ready = migrateSchema(pool).catch((error: unknown) => {
		const reason = error instanceof Error ? error.message : String(error);
		throw new Error(`The document store at ${redactedUrl(url)} cannot be used: ${reason}`, {
			cause: error
		});
	});
	// Callers see the failure on their own calls; this keeps it from being an unhandled rejection.
	ready.catch(() => {});

	async function query<R extends pg.QueryResultRow>(
		text: string,
		values: unknown[] = []
	): Promise<R[]> {
		await ready;
		return (await pool.query<R>(text, values)).rows;
	}

	return {
		ready,
		teams: postgresTeamStore({
			query,
			async transaction(work) {
				await ready;
				return inTransaction(pool, 'BEGIN', work);
			}
		}),
		activity: postgresActivityStore(query),
		async create(record, content) {
			// One statement, so one transaction: the snapshot is inserted only if the record was.
			await query(
				`WITH doc AS (
					INSERT INTO panorama_docs (id, kind, title, created_at, token_epoch, parent)
					VALUES ($1, $2, $3, $4, $5, $6) RETURNING id
				)
				INSERT INTO panorama_snapshots (doc_id, data) SELECT id, $7 FROM doc WHERE $7::bytea IS NOT NULL`,
				[
					record.id,
					record.kind,
					record.title,
					record.createdAt,
					record.tokenEpoch,
					record.parent ?? null,
					content ?? null
				]
			);
		},
		async get(docId) {
			const [row] = await query<RecordRow>(`SELECT ${RECORD} WHERE id = $1`, [docId]);
			return row && toRecord(row);
		},
		async children(parentId) {
			const rows = await query<RecordRow>(
				`SELECT ${RECORD} WHERE parent = $1 ORDER BY created_at, id`,
				[parentId]
			);
			return rows.flatMap((row) => toRecord(row) ?? []);
		},
		async rename(docId, title) {
			await query('UPDATE panorama_docs SET title = $2 WHERE id = $1', [docId, title]);
		},
		async bumpTokenEpoch(docId) {
			const [row] = await query<{ epoch: number }>(
				'UPDATE panorama_docs SET token_epoch = token_epoch + 1 WHERE id = $1 RETURNING token_epoch AS epoch',
				[docId]
			);
			if (!row) throw new Error(`unknown document ${docId}`);
			return row.epoch;
		},
		async bumpRoleEpoch(docId, role) {
			// One statement under the row's lock: two instances bumping at once get two numbers.
			const [row] = await query<{ epoch: number }>(
				`UPDATE panorama_docs SET role_epochs = jsonb_set(coalesce(role_epochs, '{}'), ARRAY[$2],
					to_jsonb(coalesce((role_epochs ->> $2)::int, 0) + 1))
				WHERE id = $1 RETURNING (role_epochs ->> $2)::int AS epoch`,
				[docId, role]
			);
			if (!row) throw new Error(`unknown document ${docId}`);
			return row.epoch;
		},
		async addLink(link) {
			await query(
				`INSERT INTO panorama_links (id, doc_id, role, created_at, expires_at, doc_epoch, role_epoch)
				VALUES ($1, $2, $3, $4, $5, $6, $7)`,
				[
					link.id,
					link.docId,
					link.role,
					link.createdAt,
					link.expiresAt ?? null,
					link.docEpoch,
					link.roleEpoch
				]
			);
		},
		async links(docId) {
			const rows = await query<LinkRow>(
				`SELECT id, doc_id, role, created_at, expires_at, doc_epoch, role_epoch
				FROM panorama_links WHERE doc_id = $1 ORDER BY created_at, id`,
				[docId]
			);
			return rows.map(toLink);
		},
		async load(docId) {
			// One statement reads from one snapshot of the database, as a REPEATABLE READ
			// transaction would, in one round trip: a compaction committing meanwhile is seen
			// entirely (new snapshot, its rows gone) or not at all (old snapshot, rows still there).
			const rows = await query<{ data: Buffer }>(
				`SELECT data FROM (
					SELECT 0 AS part, 0::bigint AS seq, data FROM panorama_snapshots WHERE doc_id = $1
					UNION ALL
					SELECT 1, seq, data FROM panorama_log WHERE doc_id = $1
				) parts ORDER BY part, seq`,
				[docId]
			);
			return rows.map((row) => new Uint8Array(row.data));
		},
		async append(updates) {
			if (updates.length === 0) return;
			await ready;
			if (updates.length <= ROWS_PER_INSERT) {
				// One statement outside BEGIN is one transaction: it resolves after its COMMIT.
				const { text, values } = insertLog(updates);
				await pool.query(text, values);
				return;
			}
			await inTransaction(pool, 'BEGIN', async (client) => {
				for (let i = 0; i < updates.length; i += ROWS_PER_INSERT) {
					const { text, values } = insertLog(updates.slice(i, i + ROWS_PER_INSERT));
					await client.query(text, values);
				}
			});
		},
		async logLength(docId) {
			const [row] = await query<{ n: number }>(
				'SELECT count(*)::int AS n FROM panorama_log WHERE doc_id = $1',
				[docId]
			);
			return row?.n ?? 0;
		},
		async compact(docId, snapshot) {
			await ready;
			return inTransaction(pool, 'BEGIN', async (client) => {
				const lock = await client.query<{ locked: boolean }>(
					'SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS locked',
					[DOC_LOCK_SPACE, docId]
				);
				// Another instance is compacting this document; its snapshot will fold these rows.
				if (!lock.rows[0]?.locked) return 0;
				// READ COMMITTED: each statement below sees what committed before it, including a
				// compaction that finished just before this lock was granted.
				const tail = await client.query<{ seq: string; data: Buffer }>(
					'SELECT seq, data FROM panorama_log WHERE doc_id = $1 ORDER BY seq',
					[docId]
				);
				if (tail.rows.length === 0) return 0;
				const stored = await client.query<{ data: Buffer }>(
					'SELECT data FROM panorama_snapshots WHERE doc_id = $1',
					[docId]
				);
				// The caller's snapshot covers what its own instance holds; rows another instance
				// appended may not be in it yet, so they are merged in rather than trusted away.
				const parts: Uint8Array[] = [];
				if (stored.rows[0]) parts.push(stored.rows[0].data);
				for (const row of tail.rows) parts.push(row.data);
				if (snapshot) parts.push(snapshot);
				const merged = Y.mergeUpdates(parts);
				await client.query(
					`INSERT INTO panorama_snapshots (doc_id, data) VALUES ($1, $2)
					ON CONFLICT (doc_id) DO UPDATE SET data = excluded.data`,
					[docId, merged]
				);
				// Exactly the rows read: with seq <= max, a row whose seq was taken earlier but
				// which committed after the read would be deleted unmerged.
				await client.query(
					'DELETE FROM panorama_log WHERE doc_id = $1 AND seq = ANY($2::bigint[])',
					[docId, tail.rows.map((row) => row.seq)]
				);
				return tail.rows.length;
			});
		},
		async purge(docId) {
			await ready;
			await inTransaction(pool, 'BEGIN', async (client) => {
				// Waits for a compaction in progress, which would otherwise write its snapshot back.
				await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
					DOC_LOCK_SPACE,
					docId
				]);
				await client.query('DELETE FROM panorama_snapshots WHERE doc_id = $1', [docId]);
				await client.query('DELETE FROM panorama_log WHERE doc_id = $1', [docId]);
			});
		},
		// PostgreSQL keeps its own caches; an idle pool closes its connections by itself.
		release: async () => {},
		async close() {
			await ready.catch(() => {});
			await pool.end();
		}
	};
}
