/**
 * `npm run migrate`'s part for teams: copies members, invitations, sectors, placements and access
 * requests from
 * the SQLite document store into PostgreSQL in one transaction. Rows already there are kept (a
 * second run adds nothing, and never undoes a removal made on the new store since).
 */
import type Database from 'better-sqlite3';
import type pg from 'pg';

/** Each table: its SQLite columns and the PostgreSQL table and columns they go to, in order. */
const TABLES = [
	{
		from: 'members',
		columns: 'id, workspace, name, role, sectors, joined_at, active_at, removed_at',
		to: 'team_members'
	},
	{
		from: 'invitations',
		columns: 'id, workspace, role, sector, invited_by, created_at, expires_at, claimed_by',
		to: 'team_invitations'
	},
	{ from: 'sectors', columns: 'id, workspace, name, created_at', to: 'team_sectors' },
	// `placed` keeps each workspace's order; PostgreSQL's sequence moves past it below.
	{ from: 'placements', columns: 'doc, workspace, sector, placed', to: 'team_placements' },
	{
		from: 'access_requests',
		columns:
			'id, workspace, member, target_kind, target, role, until, reason, created_at, status, decided_by, decided_at, revoked_by, revoked_at',
		to: 'team_requests'
	}
] as const;

/** Copies what `source` holds; returns rows copied per table, or undefined for a store without teams. */
export async function copyTeamsToPostgres(
	source: Database.Database,
	client: pg.PoolClient
): Promise<Record<string, number> | undefined> {
	const present = source
		.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'members'")
		.pluck()
		.get();
	if (!present) return undefined;
	const copied: Record<string, number> = {};
	await client.query('BEGIN');
	try {
		for (const { from, columns, to } of TABLES) {
			const rows = source.prepare(`SELECT ${columns} FROM ${from}`).raw().all() as unknown[][];
			const names = columns.split(', ');
			const placeholders = names.map((_, i) => `$${i + 1}`).join(', ');
			let n = 0;
			for (const row of rows) {
				const result = await client.query(
					`INSERT INTO ${to} (${columns}) VALUES (${placeholders}) ON CONFLICT DO NOTHING`,
					row
				);
				n += result.rowCount ?? 0;
			}
			copied[from] = n;
		}
		await client.query(
			"SELECT setval(pg_get_serial_sequence('team_placements', 'placed'), greatest(coalesce(max(placed), 0), 1)) FROM team_placements"
		);
		await client.query('COMMIT');
	} catch (error) {
		await client.query('ROLLBACK').catch(() => {});
		throw error;
	}
	return copied;
}
