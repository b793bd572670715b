/**
 * The teams this device is a member of: for each workspace, the member's credential (what the
 * server gave when the invitation was claimed or the team started) and the names last seen. The
 * credential opens what the server's records say the member may open, so it is kept like a link:
 * on this device only, never inside a shared document.
 */
export interface Membership {
	workspace: string;
	member: string;
	/** The member's name in the team. */
	name: string;
	credential: string;
	/** The workspace's title when last seen, for the home page. */
	title: string;
	joinedAt: number;
}

const KEY = 'panorama.teams';

function readAll(): Membership[] {
	try {
		const text = localStorage.getItem(KEY);
		const list: unknown = text ? JSON.parse(text) : [];
		return Array.isArray(list) ? list.filter(isMembership) : [];
	} catch {
		// reason: unreadable storage is no membership; the person joins again with a new invitation
		return [];
	}
}

function isMembership(value: unknown): value is Membership {
	if (typeof value !== 'object' || value === null) return false;
	const m = value as Record<string, unknown>;
	return (
		typeof m.workspace === 'string' &&
		typeof m.member === 'string' &&
		typeof m.credential === 'string' &&
		typeof m.name === 'string'
	);
}

function writeAll(list: readonly Membership[]): void {
	localStorage.setItem(KEY, JSON.stringify(list));
}

export function memberships(): Membership[] {
	return readAll().sort((a, b) => a.title.localeCompare(b.title) || a.joinedAt - b.joinedAt);
}

export function membershipOf(workspace: string): Membership | undefined {
	return readAll().find((m) => m.workspace === workspace);
}

/** Keeps (or replaces) this device's membership of its workspace. */
export function keepMembership(membership: Membership): void {
	writeAll([...readAll().filter((m) => m.workspace !== membership.workspace), membership]);
}

export function updateMembership(
	workspace: string,
	change: Partial<Pick<Membership, 'name' | 'title'>>
): void {
	const list = readAll();
	const found = list.find((m) => m.workspace === workspace);
	if (!found) return;
	writeAll(list.map((m) => (m === found ? { ...m, ...change } : m)));
}

/** Forgets the membership (after a removal): the credential opens nothing any more. */
export function forgetMembership(workspace: string): void {
	writeAll(readAll().filter((m) => m.workspace !== workspace));
}

/**
 * An invitation opened in this tab and not yet claimed: the page is rebuilt on a language switch
 * (and may be reloaded) after its link's fragment was taken off the address bar. Kept for the
 * tab only, and dropped once claimed.
 */
const invitationKey = (workspace: string) => `panorama.team-invitation.${workspace}`;

export function holdInvitation(workspace: string, token: string): void {
	try {
		sessionStorage.setItem(invitationKey(workspace), token);
	} catch {
		// reason: without tab storage the invitation still works until the page is rebuilt
	}
}

export function heldInvitation(workspace: string): string | undefined {
	try {
		return sessionStorage.getItem(invitationKey(workspace)) ?? undefined;
	} catch {
		// reason: unreadable tab storage holds no invitation
		return undefined;
	}
}

export function dropInvitation(workspace: string): void {
	try {
		sessionStorage.removeItem(invitationKey(workspace));
	} catch {
		// reason: nothing was kept
	}
}
