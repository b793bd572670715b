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
	);`,
	// 2: 360° reviews (postgres-review-store.ts): raters, drafts, completions, cycles, proposals,
	// audit, and the submissions apart, in a table with no column naming a rater.
	`CREATE TABLE review_raters (
		id text PRIMARY KEY,
		cycle_id text NOT NULL,
		person text NOT NULL,
		name text NOT NULL,
		epoch integer NOT NULL DEFAULT 0,
		claimed_at bigint,
		reissued_at bigint,
		UNIQUE (cycle_id, person)
	);
	CREATE TABLE review_drafts (
		id text PRIMARY KEY,
		cycle_id text NOT NULL,
		rater_id text NOT NULL,
		subject text NOT NULL,
		grp text NOT NULL,
		UNIQUE (rater_id, subject)
	);
	CREATE INDEX review_drafts_by_cycle ON review_drafts (cycle_id);
	CREATE TABLE review_completions (
		draft_id text PRIMARY KEY,
		cycle_id text NOT NULL,
		idempotency_key text NOT NULL,
		pending text
	);
	CREATE INDEX review_completions_by_cycle ON review_completions (cycle_id);
	CREATE TABLE review_cycles (
		cycle_id text PRIMARY KEY,
		closed boolean NOT NULL DEFAULT false,
		reports jsonb,
		outliers jsonb
	);
	CREATE TABLE review_proposals (
		seq bigserial,
		id text PRIMARY KEY,
		cycle_id text NOT NULL,
		subject text NOT NULL,
		rater text NOT NULL,
		rater_name text NOT NULL,
		grp text NOT NULL,
		status text NOT NULL,
		imported boolean NOT NULL DEFAULT false
	);
	CREATE INDEX review_proposals_by_cycle ON review_proposals (cycle_id, seq);
	CREATE TABLE review_audit (
		seq bigserial PRIMARY KEY,
		cycle_id text NOT NULL,
		at bigint NOT NULL,
		action text NOT NULL,
		detail text NOT NULL
	);
	CREATE INDEX review_audit_by_cycle ON review_audit (cycle_id, seq);
	CREATE TABLE review_submissions (
		id text PRIMARY KEY,
		cycle_id text NOT NULL,
		subject text NOT NULL,
		grp text NOT NULL,
		answers jsonb NOT NULL,
		comments jsonb NOT NULL
	);`,
	// 3: a workspace's people (teams/team-store.ts): members, invitations, sectors, placements,
	// access requests.
	`CREATE TABLE team_members (
		id text PRIMARY KEY,
		workspace text NOT NULL,
		name text NOT NULL,
		role text NOT NULL,
		sectors jsonb NOT NULL,
		joined_at bigint NOT NULL,
		active_at bigint NOT NULL,
		removed_at bigint
	);
	CREATE INDEX team_members_by_workspace ON team_members (workspace, joined_at, id);
	CREATE TABLE team_invitations (
		id text PRIMARY KEY,
		workspace text NOT NULL,
		role text NOT NULL,
		sector text,
		invited_by text NOT NULL,
		created_at bigint NOT NULL,
		expires_at bigint NOT NULL,
		claimed_by text
	);
	CREATE INDEX team_invitations_by_workspace ON team_invitations (workspace, created_at, id);
	CREATE TABLE team_sectors (
		id text PRIMARY KEY,
		workspace text NOT NULL,
		name text NOT NULL,
		created_at bigint NOT NULL
	);
	CREATE INDEX team_sectors_by_workspace ON team_sectors (workspace, created_at, id);
	CREATE TABLE team_placements (
		doc text PRIMARY KEY,
		workspace text NOT NULL,
		sector text NOT NULL,
		placed bigserial NOT NULL
	);
	CREATE INDEX team_placements_by_workspace ON team_placements (workspace, placed);
	CREATE TABLE team_requests (
		id text PRIMARY KEY,
		workspace text NOT NULL,
		member text NOT NULL,
		target_kind text NOT NULL,
		target text NOT NULL,
		role text NOT NULL,
		until bigint,
		reason text NOT NULL,
		created_at bigint NOT NULL,
		status text NOT NULL,
		decided_by text,
		decided_at bigint,
		revoked_by text,
		revoked_at bigint
	);
	CREATE INDEX team_requests_by_workspace ON team_requests (workspace, created_at, id);`
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
