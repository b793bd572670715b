/**
 * What a member's credential opens, read from the team store at every use: the credential names a
 * person and their workspace, never a document or a role, so a removal, a role change, a move to
 * another sector or a document's new sector holds for the next connection and, through the
 * relay's re-admission (`admit`), for the open ones.
 */
import { DocKind, type Role } from '../../src/lib/domain/documents.ts';
import { documentRole, type Grant, type Member } from '../../src/lib/domain/teams/access.ts';
import type { AccessRequestRecord, MemberRecord, TeamStore } from './team-store.ts';

/** The member a credential names, when it is still one of `workspace`'s. */
export async function activeMember(
	teams: TeamStore,
	memberId: string,
	workspace: string
): Promise<MemberRecord | undefined> {
	const member = await teams.member(memberId);
	if (!member || member.workspace !== workspace || member.removedAt !== undefined) return undefined;
	return member;
}

/**
 * The role member `memberId` of `workspace` has on `docId` now, or undefined: not a member any
 * more, the document not in that workspace, or not in a sector they see. The workspace document
 * itself is never opened by a member credential: a team's listing comes from the server, filtered
 * by sector, and that document holds link tokens.
 */
export async function memberDocumentRole(
	teams: TeamStore,
	memberId: string,
	workspace: string,
	docId: string,
	kind: DocKind,
	now = Date.now()
): Promise<Role | undefined> {
	return (await memberStanding(teams, memberId, workspace, docId, kind, now))?.role;
}

/** The member record and their role on `docId` (see {@link memberDocumentRole}), read once. */
async function memberStanding(
	teams: TeamStore,
	memberId: string,
	workspace: string,
	docId: string,
	kind: DocKind,
	now: number
): Promise<{ member: MemberRecord; role: Role | undefined } | undefined> {
	if (kind === DocKind.workspace) return undefined;
	const [member, placement] = await Promise.all([
		activeMember(teams, memberId, workspace),
		teams.placement(docId)
	]);
	if (!member) return undefined;
	if (!placement || placement.workspace !== workspace) return { member, role: undefined };
	const grants = grantsFrom(await teams.requests(workspace), member.id);
	return { member, role: documentRole(toMember(member), placement, grants, now) };
}

/** What approved, unrevoked requests give (of `member` only, when named). */
export function grantsFrom(requests: readonly AccessRequestRecord[], member?: string): Grant[] {
	return requests
		.filter(
			(r) =>
				r.status === 'approved' &&
				r.revokedAt === undefined &&
				(member === undefined || r.member === member)
		)
		.map((r) => ({
			member: r.member,
			target: r.target,
			role: r.role,
			...(r.until !== undefined ? { until: r.until } : {})
		}));
}

export function toMember(record: MemberRecord): Member {
	return {
		id: record.id,
		role: record.role,
		sectors: record.sectors,
		...(record.removedAt !== undefined ? { removedAt: record.removedAt } : {})
	};
}

/** How stale a member's "last active" may get before a connection records it again. */
const ACTIVITY_GRAIN_MS = 5 * 60_000;

/**
 * The relay's re-admission of a member's connection (on connect and after every revocation): it
 * stays only while the team store still gives the role it was opened with — a removal, a demotion
 * or a move out of the document's sector closes it, and the client's reconnection gets the new
 * answer. Records the member's activity on the way, at most every few minutes.
 */
export async function memberAdmission(
	teams: TeamStore,
	capability: { docId: string; kind: DocKind; role: Role; member?: string; workspace?: string }
): Promise<'refused' | undefined> {
	if (capability.member === undefined || capability.workspace === undefined) return undefined;
	const now = Date.now();
	const standing = await memberStanding(
		teams,
		capability.member,
		capability.workspace,
		capability.docId,
		capability.kind,
		now
	);
	if (!standing || standing.role !== capability.role) return 'refused';
	const { member } = standing;
	if (now - member.activeAt > ACTIVITY_GRAIN_MS) await teams.touchMember(member.id, now);
	return undefined;
}
