/**
 * The team store in PostgreSQL (schema migration 3): the same tables for every instance, so a
 * claim, a removal or a placement holds wherever the next request lands.
 */
import type pg from 'pg';
import type {
	AccessRequestRecord,
	InvitationRecord,
	MemberRecord,
	PlacementRecord,
	SectorRecord,
	TeamStore
} from './team-store.ts';

/** How the document store lends its pool: one statement, or several in one transaction. */
export interface PostgresAccess {
	query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<R[]>;
	transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T>;
}

const MEMBER = `id, workspace, name, role, sectors, joined_at AS "joinedAt", active_at AS "activeAt",
	removed_at AS "removedAt"`;
const INVITATION = `id, workspace, role, sector, invited_by AS "invitedBy", created_at AS "createdAt",
	expires_at AS "expiresAt", claimed_by AS "claimedBy"`;
const REQUEST = `id, workspace, member, target_kind AS "targetKind", target, role, until, reason,
	created_at AS "createdAt", status, decided_by AS "decidedBy", decided_at AS "decidedAt",
	revoked_by AS "revokedBy", revoked_at AS "revokedAt"`;
const TIMES = [
	'joinedAt',
	'activeAt',
	'removedAt',
	'createdAt',
	'expiresAt',
	'until',
	'decidedAt',
	'revokedAt'
];

function toRequest(row: Record<string, unknown> | undefined): AccessRequestRecord | undefined {
	const tidied = tidy<Record<string, unknown>>(row);
	if (!tidied) return undefined;
	const { targetKind, target, ...rest } = tidied;
	return {
		...rest,
		target: targetKind === 'doc' ? { doc: target as string } : { sector: target as string }
	} as AccessRequestRecord;
}

/** Nulls left out, bigints (which pg hands out as strings) as numbers. */
function tidy<T>(row: Record<string, unknown> | undefined): T | undefined {
	if (!row) return undefined;
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(row)) {
		if (value === null) continue;
		out[key] = TIMES.includes(key) ? Number(value) : value;
	}
	return out as T;
}

const memberValues = (m: MemberRecord) => [
	m.id,
	m.workspace,
	m.name,
	m.role,
	JSON.stringify(m.sectors),
	m.joinedAt,
	m.activeAt,
	m.removedAt ?? null
];
const INSERT_MEMBER = `INSERT INTO team_members
	(id, workspace, name, role, sectors, joined_at, active_at, removed_at)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;

export function postgresTeamStore({ query, transaction }: PostgresAccess): TeamStore {
	return {
		async members(workspace) {
			const rows = await query(
				`SELECT ${MEMBER} FROM team_members WHERE workspace = $1 ORDER BY joined_at, id`,
				[workspace]
			);
			return rows.map((row) => tidy<MemberRecord>(row)!);
		},
		async member(id) {
			const [row] = await query(`SELECT ${MEMBER} FROM team_members WHERE id = $1`, [id]);
			return tidy<MemberRecord>(row);
		},
		async addMember(member) {
			await query(INSERT_MEMBER, memberValues(member));
		},
		changeMember: (id, change) =>
			transaction(async (client) => {
				const { rows } = await client.query(
					`SELECT ${MEMBER} FROM team_members WHERE id = $1 FOR UPDATE`,
					[id]
				);
				const current = tidy<MemberRecord>(rows[0]);
				if (!current) return false;
				const next = { ...current, ...change };
				await client.query(
					'UPDATE team_members SET name = $2, role = $3, sectors = $4, removed_at = $5 WHERE id = $1',
					[id, next.name, next.role, JSON.stringify(next.sectors), next.removedAt ?? null]
				);
				return true;
			}),
		async touchMember(id, at) {
			await query('UPDATE team_members SET active_at = greatest(active_at, $2) WHERE id = $1', [
				id,
				at
			]);
		},
		async addInvitation(invitation) {
			await query(
				`INSERT INTO team_invitations (id, workspace, role, sector, invited_by, created_at, expires_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7)`,
				[
					invitation.id,
					invitation.workspace,
					invitation.role,
					invitation.sector ?? null,
					invitation.invitedBy,
					invitation.createdAt,
					invitation.expiresAt
				]
			);
		},
		async invitation(id) {
			const [row] = await query(`SELECT ${INVITATION} FROM team_invitations WHERE id = $1`, [id]);
			return tidy<InvitationRecord>(row);
		},
		async invitations(workspace) {
			const rows = await query(
				`SELECT ${INVITATION} FROM team_invitations WHERE workspace = $1 ORDER BY created_at, id`,
				[workspace]
			);
			return rows.map((row) => tidy<InvitationRecord>(row)!);
		},
		claimInvitation: (id, member) =>
			transaction(async (client) => {
				// The row lock makes racing claims queue; the first to commit wins, the others see it.
				const { rows } = await client.query<{ claimed_by: string | null }>(
					'SELECT claimed_by FROM team_invitations WHERE id = $1 FOR UPDATE',
					[id]
				);
				if (rows.length === 0) return 'unknown';
				if (rows[0]!.claimed_by !== null) return 'taken';
				await client.query('UPDATE team_invitations SET claimed_by = $2 WHERE id = $1', [
					id,
					member.id
				]);
				await client.query(INSERT_MEMBER, memberValues(member));
				return 'claimed';
			}),
		async sectors(workspace) {
			const rows = await query(
				`SELECT id, workspace, name, created_at AS "createdAt" FROM team_sectors
				WHERE workspace = $1 ORDER BY created_at, id`,
				[workspace]
			);
			return rows.map((row) => tidy<SectorRecord>(row)!);
		},
		async addSector(sector) {
			await query(
				'INSERT INTO team_sectors (id, workspace, name, created_at) VALUES ($1, $2, $3, $4)',
				[sector.id, sector.workspace, sector.name, sector.createdAt]
			);
		},
		async renameSector(id, name) {
			const rows = await query('UPDATE team_sectors SET name = $2 WHERE id = $1 RETURNING id', [
				id,
				name
			]);
			return rows.length > 0;
		},
		async place({ doc, workspace, sector }) {
			// Moves only within its workspace: a document never goes to other people this way.
			const rows = await query<{ workspace: string }>(
				`INSERT INTO team_placements (doc, workspace, sector) VALUES ($1, $2, $3)
				ON CONFLICT (doc) DO UPDATE SET sector = excluded.sector
				WHERE team_placements.workspace = excluded.workspace
				RETURNING workspace`,
				[doc, workspace, sector]
			);
			if (rows.length === 0) throw new Error('the document belongs to another workspace');
		},
		async placement(doc) {
			const [row] = await query<PlacementRecord>(
				'SELECT doc, workspace, sector FROM team_placements WHERE doc = $1',
				[doc]
			);
			return row;
		},
		async addRequest(request) {
			const doc = 'doc' in request.target;
			await query(
				`INSERT INTO team_requests
				(id, workspace, member, target_kind, target, role, until, reason, created_at, status)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending')`,
				[
					request.id,
					request.workspace,
					request.member,
					doc ? 'doc' : 'sector',
					'doc' in request.target ? request.target.doc : request.target.sector,
					request.role,
					request.until ?? null,
					request.reason,
					request.createdAt
				]
			);
		},
		async request(id) {
			const [row] = await query(`SELECT ${REQUEST} FROM team_requests WHERE id = $1`, [id]);
			return toRequest(row);
		},
		async requests(workspace) {
			const rows = await query(
				`SELECT ${REQUEST} FROM team_requests WHERE workspace = $1 ORDER BY created_at, id`,
				[workspace]
			);
			return rows.map((row) => toRequest(row)!);
		},
		async decideRequest(id, status, by, at) {
			const rows = await query(
				`UPDATE team_requests SET status = $2, decided_by = $3, decided_at = $4
				WHERE id = $1 AND status = 'pending' RETURNING id`,
				[id, status, by, at]
			);
			return rows.length > 0;
		},
		async revokeRequest(id, by, at) {
			const rows = await query(
				`UPDATE team_requests SET revoked_by = $2, revoked_at = $3
				WHERE id = $1 AND status = 'approved' AND revoked_at IS NULL RETURNING id`,
				[id, by, at]
			);
			return rows.length > 0;
		},
		placements: (workspace) =>
			query<PlacementRecord>(
				'SELECT doc, workspace, sector FROM team_placements WHERE workspace = $1 ORDER BY placed',
				[workspace]
			)
	};
}
