/**
 * The PostgreSQL schema, created and migrated by the server as it starts. `panorama_schema` holds
 * the version reached; each migration runs once, in order, in the same transaction that records
 * it. Instances starting together serialise on an advisory lock, so the second one finds the work
 * done instead of racing it.
 */
import type pg from 'pg';

/** Key of the advisory lock held while the schema is checked or migrated. */
const SCHEMA_LOCK = [0x50414e4f + 1, 0];

/** Migration n (1-based) brings the schema from version n − 1 to n. Append only; never edit one. */
export const MIGRATIONS: readonly string[] = [
	// 1: the document registry, issued links, each document's append log and snapshot.
	`CREATE TABLE panorama_docs (
		id text PRIMARY KEY,
		kind text NOT NULL,
		title text NOT NULL,
		created_at bigint NOT NULL,
		token_epoch integer NOT NULL DEFAULT 0,
		parent text,
		role_epochs jsonb
	);
	CREATE INDEX panorama_docs_by_parent ON panorama_docs (parent, created_at, id);
	CREATE TABLE panorama_links (
		id text PRIMARY KEY,
		doc_id text NOT NULL,
		role text NOT NULL,
		created_at bigint NOT NULL,
		expires_at bigint,
		doc_epoch integer NOT NULL,
		role_epoch integer NOT NULL
	);
	CREATE INDEX panorama_links_by_doc ON panorama_links (doc_id, created_at, id);
	CREATE TABLE panorama_log (
		seq bigserial PRIMARY KEY,
		doc_id text NOT NULL,
		data bytea NOT NULL
	);
	CREATE INDEX panorama_log_by_doc ON panorama_log (doc_id, seq);
	CREATE TABLE panorama_snapshots (
		doc_id text PRIMARY KEY,
		data bytea NOT NULL
	);`
];

/** Brings the database at `pool` to the newest schema; throws if it is newer than this code. */
export async function migrateSchema(pool: pg.Pool): Promise<void> {
	const client = await pool.connect();
	try {
		await client.query('BEGIN');
		await client.query('SELECT pg_advisory_xact_lock($1, $2)', SCHEMA_LOCK);
		await client.query('CREATE TABLE IF NOT EXISTS panorama_schema (version integer NOT NULL)');
		const { rows } = await client.query<{ version: number }>('SELECT version FROM panorama_schema');
		let version = rows[0]?.version ?? 0;
		if (rows.length === 0) await client.query('INSERT INTO panorama_schema VALUES (0)');
		if (version > MIGRATIONS.length) {
			throw new Error(
				`The PostgreSQL schema is at version ${version}, newer than this server knows ` +
					`(${MIGRATIONS.length}): run a newer Panorama on this database.`
			);
		}
		for (; version < MIGRATIONS.length; version++) {
			await client.query(MIGRATIONS[version]!);
		}
		await client.query('UPDATE panorama_schema SET version = $1', [version]);
		await client.query('COMMIT');
	} catch (error) {
		await client.query('ROLLBACK').catch(() => {});
		throw error;
	} finally {
		client.release();
	}
}
