/**
 * The team API of a workspace: its members, invitations, sectors and which documents sit where.
 * Every route names the workspace; the caller is a member's credential for it (or, to start a
 * team, the workspace's owner link; to join, an invitation). Who may do what is `refusal()` of
 * `domain/teams/access.ts` over the team store's records, never anything the client says of
 * itself. A change that can take access away revokes every document of the workspace on every
 * instance, so the relay re-admits each open socket against the new records.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import {
	endpoints,
	type AccessRequestView,
	type AccessRequests,
	type MemberChangeBody,
	type TeamDocuments,
	type TeamMemberView,
	type TeamView
} from '../../src/lib/api/contract.ts';
import { DocKind, Role } from '../../src/lib/domain/documents.ts';
import {
	documentRole,
	isMemberRole,
	refusal,
	type TeamAction,
	type TeamRefusal
} from '../../src/lib/domain/teams/access.ts';
import { bearerToken, tokenHttpError, type Access } from '../access.ts';
import { endpointRoute, HttpError, readJson, type Route } from '../http.ts';
import type { Relay } from '../relay/relay.ts';
import type { DocRecord, DocStore } from '../store/doc-store.ts';
import { TokenError, type TokenIssuer } from '../tokens.ts';
import { activeMember, grantsFrom, toMember } from './member-access.ts';
import type { AccessRequestRecord, MemberRecord, TeamStore } from './team-store.ts';

export interface TeamApiOptions {
	store: DocStore;
	teams: TeamStore;
	tokens: TokenIssuer;
	access: Access;
	relay: Pick<Relay, 'revoke'>;
	now?: () => number;
}

/** How long an invitation can be claimed. */
export const INVITATION_DAYS = 14;
/** Longest member or sector name, in UTF-16 code units. */
export const MAX_TEAM_NAME = 60;
/** Longest reason given with an access request. */
export const MAX_REQUEST_REASON = 500;
/** Longest time-limited access, in days. */
export const MAX_REQUEST_DAYS = 366;

const REFUSALS: Record<TeamRefusal, () => HttpError> = {
	'not-allowed': () => new HttpError(403, 'not-allowed', 'your role cannot do this'),
	'last-owner': () => new HttpError(409, 'last-owner', 'a workspace keeps at least one owner'),
	removed: () => new HttpError(409, 'member-removed', 'that person is no longer a member')
};

export function teamRoutes({
	store,
	teams,
	tokens,
	access,
	relay,
	now = Date.now
}: TeamApiOptions): Route[] {
	async function workspaceOf(id: string): Promise<DocRecord> {
		const record = await store.get(id);
		if (!record || record.kind !== DocKind.workspace) {
			throw new HttpError(404, 'not-found', 'no such workspace');
		}
		return record;
	}

	/** What the request's bearer token says (signature and expiry checked), or the 401 why not. */
	async function claimsOf(request: IncomingMessage) {
		try {
			return await tokens.inspect(bearerToken(request));
		} catch (error) {
			if (error instanceof TokenError) throw tokenHttpError(error.reason);
			throw error;
		}
	}

	/** The calling member, from their credential for `workspace`. */
	async function caller(request: IncomingMessage, workspace: string): Promise<MemberRecord> {
		await workspaceOf(workspace);
		const claimed = await claimsOf(request);
		if (claimed.member === undefined || claimed.docId !== workspace) {
			throw tokenHttpError('wrong-document');
		}
		const member = await activeMember(teams, claimed.member, workspace);
		if (!member) throw tokenHttpError('revoked');
		return member;
	}

	function allow(actor: MemberRecord, action: TeamAction, members: readonly MemberRecord[]) {
		const refused = refusal(toMember(actor), action, members.map(toMember));
		if (refused) throw REFUSALS[refused]();
	}

	function credential(workspace: string, member: string): Promise<string> {
		return tokens.sign({
			docId: workspace,
			kind: DocKind.workspace,
			role: Role.viewer,
			epoch: 0,
			member
		});
	}

	function nameFrom(body: Record<string, unknown>): string {
		const name = typeof body.name === 'string' ? body.name.trim() : '';
		if (!name || name.length > MAX_TEAM_NAME) {
			throw new HttpError(400, 'bad-name', `a name of 1 to ${MAX_TEAM_NAME} characters`);
		}
		return name;
	}

	function view(member: MemberRecord): TeamMemberView {
		return {
			id: member.id,
			name: member.name,
			role: member.role,
			sectors: member.sectors,
			joinedAt: member.joinedAt,
			activeAt: member.activeAt,
			removed: member.removedAt !== undefined
		};
	}

	async function teamView(me: MemberRecord): Promise<TeamView> {
		const [members, sectors, record] = await Promise.all([
			teams.members(me.workspace),
			teams.sectors(me.workspace),
			store.get(me.workspace)
		]);
		return {
			title: record?.title ?? '',
			me: view(me),
			members: me.role === 'guest' ? [view(me)] : members.map(view),
			sectors: sectors.map(({ id, name }) => ({ id, name }))
		};
	}

	async function documentsFor(me: MemberRecord): Promise<TeamDocuments> {
		const placements = await teams.placements(me.workspace);
		const grants = grantsFrom(await teams.requests(me.workspace), me.id);
		const member = toMember(me);
		const at = now();
		const documents: TeamDocuments['documents'] = [];
		for (const placement of placements) {
			const role = documentRole(member, placement, grants, at);
			if (role === undefined) continue;
			const record = await store.get(placement.doc);
			if (record) {
				documents.push({
					id: record.id,
					kind: record.kind,
					title: record.title,
					sector: placement.sector,
					role
				});
			}
		}
		return { documents };
	}

	/** The sector a request's target is in (a document's placement), if it is in this workspace. */
	async function sectorOf(
		workspace: string,
		target: AccessRequestRecord['target']
	): Promise<string | undefined> {
		if ('sector' in target) {
			const sectors = await teams.sectors(workspace);
			return sectors.some((s) => s.id === target.sector) ? target.sector : undefined;
		}
		const placement = await teams.placement(target.doc);
		return placement?.workspace === workspace ? placement.sector : undefined;
	}

	/** The caller's requests and those they may decide, names filled in. */
	async function requestsFor(me: MemberRecord): Promise<AccessRequests> {
		const [requests, members] = await Promise.all([
			teams.requests(me.workspace),
			teams.members(me.workspace)
		]);
		const names = new Map(members.map((m) => [m.id, m.name]));
		const everyone = members.map(toMember);
		const out: AccessRequestView[] = [];
		for (const r of requests) {
			const sector = await sectorOf(me.workspace, r.target);
			const decidable =
				sector !== undefined &&
				refusal(toMember(me), { kind: 'decide', target: { sector } }, everyone) === undefined;
			if (r.member !== me.id && !decidable) continue;
			out.push({
				id: r.id,
				member: r.member,
				memberName: names.get(r.member) ?? '',
				target: r.target,
				role: r.role,
				...(r.until !== undefined ? { until: r.until } : {}),
				reason: r.reason,
				createdAt: r.createdAt,
				status: r.revokedAt !== undefined ? 'revoked' : r.status,
				...(r.decidedBy !== undefined ? { decidedBy: names.get(r.decidedBy) ?? '' } : {}),
				...(r.decidedAt !== undefined ? { decidedAt: r.decidedAt } : {}),
				...(r.revokedBy !== undefined ? { revokedBy: names.get(r.revokedBy) ?? '' } : {}),
				...(r.revokedAt !== undefined ? { revokedAt: r.revokedAt } : {}),
				decidable
			});
		}
		return { requests: out };
	}

	/** Every open socket on the workspace's documents is re-admitted against the records. */
	async function revokeAll(workspace: string): Promise<void> {
		for (const placement of await teams.placements(workspace)) await relay.revoke(placement.doc);
	}

	return [
		endpointRoute(endpoints.startTeam, {
			async run(request, [workspace]) {
				const { record } = await access.authorize(request, workspace!, {
					roles: [Role.owner],
					kind: DocKind.workspace,
					refusal: ['not-owner', 'only the owner link starts a team']
				});
				if ((await teams.members(record.id)).length > 0) {
					throw new HttpError(409, 'has-team', 'this workspace already has members');
				}
				const body = await readJson(request);
				const at = now();
				const member: MemberRecord = {
					id: randomBytes(12).toString('base64url'),
					workspace: record.id,
					name: nameFrom(body),
					role: 'owner',
					sectors: [],
					joinedAt: at,
					activeAt: at
				};
				await teams.addMember(member);
				return [201, { member: view(member), credential: await credential(record.id, member.id) }];
			}
		}),
		endpointRoute(endpoints.invite, {
			creates: 'child',
			async run(request, [workspace]) {
				const me = await caller(request, workspace!);
				const body = await readJson(request);
				if (!isMemberRole(body.role)) throw new HttpError(400, 'bad-role', 'an unknown role');
				const sector = typeof body.sector === 'string' ? body.sector : undefined;
				if (sector && !(await teams.sectors(workspace!)).some((s) => s.id === sector)) {
					throw new HttpError(400, 'no-sector', 'no such sector in this workspace');
				}
				allow(me, { kind: 'invite', role: body.role, sector }, await teams.members(workspace!));
				const at = now();
				const id = randomBytes(12).toString('base64url');
				const expiresAt = at + INVITATION_DAYS * 86_400_000;
				await teams.addInvitation({
					id,
					workspace: workspace!,
					role: body.role,
					...(sector ? { sector } : {}),
					invitedBy: me.id,
					createdAt: at,
					expiresAt
				});
				const token = await tokens.sign(
					{
						docId: workspace!,
						kind: DocKind.workspace,
						role: Role.viewer,
						epoch: 0,
						invitation: id
					},
					INVITATION_DAYS
				);
				return [201, { id, token, expiresAt }];
			}
		}),
		endpointRoute(endpoints.joinTeam, {
			async run(request, [workspace]) {
				await workspaceOf(workspace!);
				const claimed = await claimsOf(request);
				if (claimed.invitation === undefined || claimed.docId !== workspace) {
					throw tokenHttpError('wrong-document');
				}
				const invitation = await teams.invitation(claimed.invitation);
				if (!invitation || invitation.workspace !== workspace) throw tokenHttpError('invalid');
				if (invitation.expiresAt <= now()) throw tokenHttpError('expired');
				const body = await readJson(request);
				const at = now();
				const member: MemberRecord = {
					id: randomBytes(12).toString('base64url'),
					workspace: workspace!,
					name: nameFrom(body),
					role: invitation.role,
					sectors: invitation.sector ? [{ sector: invitation.sector, head: false }] : [],
					joinedAt: at,
					activeAt: at
				};
				const result = await teams.claimInvitation(invitation.id, member);
				if (result === 'taken') {
					throw new HttpError(409, 'invitation-taken', 'this invitation was used already');
				}
				if (result === 'unknown') throw tokenHttpError('invalid');
				return [201, { member: view(member), credential: await credential(workspace!, member.id) }];
			}
		}),
		endpointRoute(endpoints.team, {
			async run(request, [workspace]) {
				return [200, await teamView(await caller(request, workspace!))];
			}
		}),
		endpointRoute(endpoints.changeMember, {
			async run(request, [workspace, memberId]) {
				const me = await caller(request, workspace!);
				const members = await teams.members(workspace!);
				const target = members.find((m) => m.id === memberId);
				if (!target) throw new HttpError(404, 'no-member', 'no such member');
				const body = (await readJson(request)) as Partial<Record<string, unknown>>;
				const change = parseChange(body);
				const sectors = await teams.sectors(workspace!);
				const known = (sector: string) => sectors.some((s) => s.id === sector);
				if ('seat' in change && !known(change.seat.sector)) {
					throw new HttpError(400, 'no-sector', 'no such sector in this workspace');
				}
				const t = toMember(target);
				if ('role' in change) {
					allow(me, { kind: 'set-role', target: t, role: change.role }, members);
					await teams.changeMember(target.id, { role: change.role });
				} else if ('remove' in change) {
					allow(me, { kind: 'remove', target: t }, members);
					await teams.changeMember(target.id, { removedAt: now() });
				} else if ('seat' in change) {
					allow(me, { kind: 'seat', target: t, ...change.seat }, members);
					const rest = target.sectors.filter((s) => s.sector !== change.seat.sector);
					await teams.changeMember(target.id, { sectors: [...rest, change.seat] });
				} else {
					allow(me, { kind: 'unseat', target: t, sector: change.unseat }, members);
					await teams.changeMember(target.id, {
						sectors: target.sectors.filter((s) => s.sector !== change.unseat)
					});
				}
				await revokeAll(workspace!);
				const fresh = (await activeMember(teams, me.id, workspace!)) ?? me;
				return [200, await teamView(fresh)];
			}
		}),
		endpointRoute(endpoints.addSector, {
			creates: 'child',
			async run(request, [workspace]) {
				const me = await caller(request, workspace!);
				allow(me, { kind: 'sectors' }, await teams.members(workspace!));
				const name = nameFrom(await readJson(request));
				await teams.addSector({
					id: randomBytes(9).toString('base64url'),
					workspace: workspace!,
					name,
					createdAt: now()
				});
				return [201, await teamView(me)];
			}
		}),
		endpointRoute(endpoints.placeDocument, {
			async run(request, [workspace]) {
				const me = await caller(request, workspace!);
				const body = await readJson(request);
				const doc = typeof body.doc === 'string' ? body.doc : '';
				const sector = typeof body.sector === 'string' ? body.sector : '';
				if (!(await teams.sectors(workspace!)).some((s) => s.id === sector)) {
					throw new HttpError(400, 'no-sector', 'no such sector in this workspace');
				}
				// Placing hands the document to everyone of the sector: only its owner may, and only
				// into a sector they belong to (or any, for owners and managers).
				let owns = false;
				try {
					const granted = await access.check(
						typeof body.docToken === 'string' ? body.docToken : null,
						doc
					);
					owns = granted.capability.role === Role.owner && granted.capability.member === undefined;
				} catch (error) {
					if (!(error instanceof TokenError)) throw error;
				}
				const record = owns ? await store.get(doc) : undefined;
				if (!record || record.kind === DocKind.workspace || record.parent !== undefined) {
					throw new HttpError(403, 'not-doc-owner', "only the document's owner link places it");
				}
				const seated = me.sectors.some((s) => s.sector === sector);
				if (!(me.role === 'owner' || me.role === 'manager' || (me.role === 'member' && seated))) {
					throw REFUSALS['not-allowed']();
				}
				try {
					await teams.place({ doc, workspace: workspace!, sector });
				} catch {
					throw new HttpError(409, 'other-workspace', 'the document belongs to another workspace');
				}
				// A move out of a sector takes it from that sector's members.
				await relay.revoke(doc);
				return [200, await documentsFor(me)];
			}
		}),
		endpointRoute(endpoints.requestAccess, {
			creates: 'child',
			async run(request, [workspace]) {
				const me = await caller(request, workspace!);
				const body = await readJson(request);
				const target = parseTarget(body.target);
				// A request names something in this workspace; what is not reads as not there, so
				// asking is no way to learn which documents exist.
				if (!target || (await sectorOf(workspace!, target)) === undefined) {
					throw new HttpError(404, 'no-target', 'no such sector or document here');
				}
				if (body.role !== 'viewer' && body.role !== 'editor') {
					throw new HttpError(400, 'bad-role', 'viewer or editor');
				}
				const days = body.days;
				if (
					days !== undefined &&
					(typeof days !== 'number' ||
						!Number.isInteger(days) ||
						days < 1 ||
						days > MAX_REQUEST_DAYS)
				) {
					throw new HttpError(400, 'bad-days', `whole days from 1 to ${MAX_REQUEST_DAYS}`);
				}
				const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
				if (reason.length > MAX_REQUEST_REASON) {
					throw new HttpError(400, 'reason-too-long', `at most ${MAX_REQUEST_REASON} characters`);
				}
				const at = now();
				await teams.addRequest({
					id: randomBytes(12).toString('base64url'),
					workspace: workspace!,
					member: me.id,
					target,
					role: body.role,
					...(typeof days === 'number' ? { until: at + days * 86_400_000 } : {}),
					reason,
					createdAt: at,
					status: 'pending'
				});
				return [201, await requestsFor(me)];
			}
		}),
		endpointRoute(endpoints.accessRequests, {
			async run(request, [workspace]) {
				return [200, await requestsFor(await caller(request, workspace!))];
			}
		}),
		endpointRoute(endpoints.decideRequest, {
			async run(request, [workspace, requestId]) {
				const me = await caller(request, workspace!);
				const asked = await teams.request(requestId!);
				const sector = asked && (await sectorOf(workspace!, asked.target));
				if (!asked || asked.workspace !== workspace || sector === undefined) {
					throw new HttpError(404, 'no-request', 'no such request');
				}
				allow(me, { kind: 'decide', target: { sector } }, await teams.members(workspace!));
				const { decision } = await readJson(request);
				const at = now();
				if (decision === 'approved' || decision === 'declined') {
					if (!(await teams.decideRequest(asked.id, decision, me.id, at))) {
						throw new HttpError(409, 'already-decided', 'this request was decided already');
					}
				} else if (decision === 'revoked') {
					if (!(await teams.revokeRequest(asked.id, me.id, at))) {
						throw new HttpError(409, 'not-granted', 'only granted access can be revoked');
					}
					await revokeAll(workspace!);
				} else {
					throw new HttpError(400, 'bad-decision', 'approved, declined or revoked');
				}
				return [200, await requestsFor(me)];
			}
		}),
		endpointRoute(endpoints.teamDocuments, {
			async run(request, [workspace]) {
				return [200, await documentsFor(await caller(request, workspace!))];
			}
		})
	];
}

function parseTarget(value: unknown): AccessRequestRecord['target'] | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const { sector, doc } = value as Record<string, unknown>;
	if (typeof sector === 'string' && doc === undefined) return { sector };
	if (typeof doc === 'string' && sector === undefined) return { doc };
	return undefined;
}

function parseChange(body: Partial<Record<string, unknown>>): MemberChangeBody {
	if (isMemberRole(body.role)) return { role: body.role };
	if (body.remove === true) return { remove: true };
	const seat = body.seat as Partial<Record<string, unknown>> | undefined;
	if (seat && typeof seat.sector === 'string' && typeof seat.head === 'boolean') {
		return { seat: { sector: seat.sector, head: seat.head } };
	}
	if (typeof body.unseat === 'string') return { unseat: body.unseat };
	throw new HttpError(400, 'bad-change', 'role, remove, seat or unseat');
}
