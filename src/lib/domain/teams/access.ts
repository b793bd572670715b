/**
 * Who in a workspace may open which document, and who may change who is in it: pure rules over
 * the server's records (members, sectors, placements, grants), decided in one place so the relay,
 * the API and the listing ask the same question and get the same answer.
 *
 * The source's customers split a group's CRM into sectors (版块): staff see only their sector,
 * sector heads the whole sector and its people, group management everything (DOMAIN.md §4).
 * Here: every document of a workspace is placed in exactly one sector; an owner or manager sees
 * all; a member sees the sectors they belong to; a guest sees nothing but what a grant gives.
 * A grant is an approved access request, to one sector or one document, possibly until a date.
 *
 * Nothing here reads a field a client wrote: the caller builds these records from its store.
 */
import { Role } from '../documents.ts';

export const MemberRole = {
	/** Everything, including members' roles and the workspace's sectors. */
	owner: 'owner',
	/** Group management: every document, and people below manager. */
	manager: 'manager',
	/** Their sectors' documents; a sector head also manages that sector's people and requests. */
	member: 'member',
	/** Only what a grant gives: a customer's contact, an auditor, a consultant. */
	guest: 'guest'
} as const;
export type MemberRole = (typeof MemberRole)[keyof typeof MemberRole];

const RANK: Readonly<Record<MemberRole, number>> = { owner: 3, manager: 2, member: 1, guest: 0 };

export function isMemberRole(value: unknown): value is MemberRole {
	return typeof value === 'string' && Object.hasOwn(RANK, value);
}

export interface SectorSeat {
	sector: string;
	/** Heads see their whole sector and manage its people and requests. */
	head: boolean;
}

export interface Member {
	id: string;
	role: MemberRole;
	sectors: readonly SectorSeat[];
	/** Milliseconds since the epoch; a removed member opens nothing, whatever else they hold. */
	removedAt?: number;
}

/** Where a document of the workspace sits; each document sits in exactly one sector. */
export interface Placement {
	doc: string;
	sector: string;
}

/** What an approved access request gives, to whom, and until when. */
export interface Grant {
	member: string;
	target: { sector: string } | { doc: string };
	role: typeof Role.viewer | typeof Role.editor;
	/** Milliseconds since the epoch; absent for access until revoked. */
	until?: number;
}

const active = (member: Member) => member.removedAt === undefined;
const seatIn = (member: Member, sector: string) => member.sectors.find((s) => s.sector === sector);

/**
 * The document role `member` has on the document at `placement` at `now`, or undefined when they
 * may not open it (and must not learn that it exists).
 */
export function documentRole(
	member: Member,
	placement: Placement,
	grants: readonly Grant[],
	now: number
): Role | undefined {
	if (!active(member)) return undefined;
	if (member.role === MemberRole.owner) return Role.owner;
	if (member.role === MemberRole.manager) return Role.editor;
	if (member.role === MemberRole.member && seatIn(member, placement.sector)) return Role.editor;
	let best: Role | undefined;
	for (const grant of grants) {
		if (grant.member !== member.id || (grant.until !== undefined && grant.until <= now)) continue;
		const covers =
			'doc' in grant.target
				? grant.target.doc === placement.doc
				: grant.target.sector === placement.sector;
		if (covers && best !== Role.editor) best = grant.role;
	}
	return best;
}

/** The documents `member` may open at `now`, in placement order: their listing, nothing more. */
export function visibleDocuments(
	member: Member,
	placements: readonly Placement[],
	grants: readonly Grant[],
	now: number
): string[] {
	return placements
		.filter((placement) => documentRole(member, placement, grants, now) !== undefined)
		.map((placement) => placement.doc);
}

/** Something one member wants to do to the workspace's people. */
export type TeamAction =
	| { kind: 'invite'; role: MemberRole; sector?: string }
	| { kind: 'set-role'; target: Member; role: MemberRole }
	| { kind: 'remove'; target: Member }
	| { kind: 'seat'; target: Member; sector: string; head: boolean }
	| { kind: 'unseat'; target: Member; sector: string }
	| { kind: 'decide'; target: { sector: string } }
	| { kind: 'sectors' };

/** Why an action is refused; each is said to the person in a sentence. */
export type TeamRefusal = 'not-allowed' | 'last-owner' | 'removed';

/**
 * Whether `actor` may do `action` in a workspace whose members are `members`: undefined when
 * allowed, else why not. Owners may do everything but leave the workspace without an owner;
 * managers manage the people and sectors below manager; a sector head seats and unseats people in
 * their sector and decides its requests; nobody acts on someone of a higher role than their own.
 */
export function refusal(
	actor: Member,
	action: TeamAction,
	members: readonly Member[]
): TeamRefusal | undefined {
	if (!active(actor)) return 'removed';
	const rank = RANK[actor.role];
	const managesPeople = rank >= RANK.manager;
	const heads = (sector: string) => seatIn(actor, sector)?.head === true;
	const owners = () => members.filter((m) => active(m) && m.role === MemberRole.owner).length;
	const below = (target: Member) => actor.role === MemberRole.owner || RANK[target.role] < rank;

	switch (action.kind) {
		case 'sectors':
			return managesPeople ? undefined : 'not-allowed';
		case 'invite':
			if (managesPeople && (actor.role === MemberRole.owner || RANK[action.role] < rank)) {
				return undefined;
			}
			// A head invites members into their own sector, nobody else and nowhere else.
			return action.role === MemberRole.member && action.sector && heads(action.sector)
				? undefined
				: 'not-allowed';
		case 'set-role':
		case 'remove': {
			if (!active(action.target)) return 'removed';
			if (actor.role !== MemberRole.owner) {
				// A manager changes only people below manager, and only to roles below manager.
				const toBelow = action.kind === 'remove' || RANK[action.role] < rank;
				if (!managesPeople || !below(action.target) || !toBelow) return 'not-allowed';
			}
			const keepsOwner = action.kind === 'set-role' && action.role === MemberRole.owner;
			const losesOwner = action.target.role === MemberRole.owner && !keepsOwner;
			return losesOwner && owners() <= 1 ? 'last-owner' : undefined;
		}
		case 'seat':
		case 'unseat':
			if (!active(action.target)) return 'removed';
			if (managesPeople && below(action.target)) return undefined;
			// A head seats members (not heads) in their own sector.
			if (
				heads(action.sector) &&
				action.target.role === MemberRole.member &&
				!(action.kind === 'seat' && action.head) &&
				!(action.kind === 'unseat' && seatIn(action.target, action.sector)?.head)
			) {
				return undefined;
			}
			return 'not-allowed';
		case 'decide':
			return managesPeople || heads(action.target.sector) ? undefined : 'not-allowed';
	}
}
