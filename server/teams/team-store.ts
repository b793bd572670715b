/**
 * What the server keeps about a workspace's people: members, the invitations that make them,
 * sectors, and which sector each document sits in. Both document stores implement it in their own
 * database (SQLite: the document store's file, through its thread; PostgreSQL: the same tables for
 * every instance), so a removal or a placement holds on whichever instance a request lands.
 *
 * These records are the only input to `domain/teams/access.ts`: nothing a client writes into a
 * document takes part.
 */
import type { MemberRole, SectorSeat } from '../../src/lib/domain/teams/access.ts';

export interface MemberRecord {
	id: string;
	workspace: string;
	/** The name the person gave when they joined (or an owner set). */
	name: string;
	role: MemberRole;
	sectors: SectorSeat[];
	/** Milliseconds since the epoch. */
	joinedAt: number;
	/** Last time one of their credentials opened something; for the members list. */
	activeAt: number;
	removedAt?: number;
}

/** An invitation to join: one person, one role, claimed once by the first device that opens it. */
export interface InvitationRecord {
	id: string;
	workspace: string;
	role: MemberRole;
	/** The sector the person joins, if any (a head's invitations always name theirs). */
	sector?: string;
	/** Who made it, for the record. */
	invitedBy: string;
	createdAt: number;
	expiresAt: number;
	/** Set once: the member the invitation became. */
	claimedBy?: string;
}

export interface SectorRecord {
	id: string;
	workspace: string;
	name: string;
	createdAt: number;
}

export interface PlacementRecord {
	doc: string;
	workspace: string;
	sector: string;
}

/**
 * A member's request for access to a sector or a document, and what became of it. An approved
 * request that is not revoked (and not past `until`) is a grant (`domain/teams/access.ts`).
 */
export interface AccessRequestRecord {
	id: string;
	workspace: string;
	member: string;
	target: { sector: string } | { doc: string };
	role: 'viewer' | 'editor';
	/** Milliseconds since the epoch: the access ends then; absent for until revoked. */
	until?: number;
	/** Why they ask, in their words. */
	reason: string;
	createdAt: number;
	status: 'pending' | 'approved' | 'declined';
	decidedBy?: string;
	decidedAt?: number;
	revokedBy?: string;
	revokedAt?: number;
}

/** The fields of a member that change after joining. */
export type MemberChange = Partial<Pick<MemberRecord, 'name' | 'role' | 'sectors' | 'removedAt'>>;

export interface TeamStore {
	/** The workspace's members, removed ones included, in joining order. */
	members(workspace: string): Promise<MemberRecord[]>;
	member(id: string): Promise<MemberRecord | undefined>;
	/** Adds a member without an invitation: the workspace's creator. Throws if the id exists. */
	addMember(member: MemberRecord): Promise<void>;
	/** Applies `change`; false for an unknown member. */
	changeMember(id: string, change: MemberChange): Promise<boolean>;
	/** Records that a member's credential was used at `at` (never moves backwards). */
	touchMember(id: string, at: number): Promise<void>;

	addInvitation(invitation: InvitationRecord): Promise<void>;
	invitation(id: string): Promise<InvitationRecord | undefined>;
	/** The workspace's invitations, claimed or not, oldest first. */
	invitations(workspace: string): Promise<InvitationRecord[]>;
	/**
	 * Turns the invitation into `member` in one transaction, if nobody claimed it before: 'claimed'
	 * then, 'taken' when it was claimed already (by anyone, this device included), 'unknown' for no
	 * such invitation. Expiry is the caller's check.
	 */
	claimInvitation(id: string, member: MemberRecord): Promise<'claimed' | 'taken' | 'unknown'>;

	sectors(workspace: string): Promise<SectorRecord[]>;
	addSector(sector: SectorRecord): Promise<void>;
	renameSector(id: string, name: string): Promise<boolean>;

	/** Puts a document in a sector of its workspace, or moves it to another sector of the same one. */
	place(placement: PlacementRecord): Promise<void>;
	placement(doc: string): Promise<PlacementRecord | undefined>;
	/** The workspace's documents with their sectors, in placing order. */
	placements(workspace: string): Promise<PlacementRecord[]>;

	addRequest(request: AccessRequestRecord): Promise<void>;
	request(id: string): Promise<AccessRequestRecord | undefined>;
	/** The workspace's requests, oldest first. */
	requests(workspace: string): Promise<AccessRequestRecord[]>;
	/** Decides a pending request; false when it was decided already (by anyone). */
	decideRequest(
		id: string,
		status: 'approved' | 'declined',
		by: string,
		at: number
	): Promise<boolean>;
	/** Ends an approved request's access; false when it is not approved or already revoked. */
	revokeRequest(id: string, by: string, at: number): Promise<boolean>;
}
