/** Document kinds and access roles: the vocabulary shared by the client, the relay and the API. */

/** Every kind of Y.Doc Panorama stores. The permission boundary between kinds is a document. */
export const DocKind = {
	account: 'account',
	journey: 'journey',
	journeyBoard: 'journey-board',
	reviewCycle: 'review-cycle',
	reviewDraft: 'review-draft',
	workspace: 'workspace',
	/**
	 * A board's server-only companion: silent notes, ballots and scores until their reveal. No
	 * token opens it; only the server reads and writes it.
	 */
	journeyPending: 'journey-pending',
	/**
	 * A named version of an account plan: a read-only copy of the account's state that the server
	 * made, a child of the account. No token opens it; the versions API serves it to whoever may
	 * read the account (see `server/versions/`).
	 */
	accountVersion: 'account-version',
	/**
	 * A subject's own development plan after a 360° report: made from the report page on the
	 * subject's device and owned by them alone, so nobody else reads it unless they share it.
	 */
	developmentPlan: 'development-plan'
} as const;
export type DocKind = (typeof DocKind)[keyof typeof DocKind];

const docKinds: ReadonlySet<string> = new Set(Object.values(DocKind));

/** True when `value` names a document kind. */
export function isDocKind(value: unknown): value is DocKind {
	return typeof value === 'string' && docKinds.has(value);
}

/**
 * Kinds anyone may create through `POST /api/docs`. The others exist only as children the server
 * makes for a parent it has checked: a board for a journey, a draft for a cycle.
 */
const creatableKinds: ReadonlySet<string> = new Set([
	DocKind.account,
	DocKind.journey,
	DocKind.reviewCycle,
	DocKind.workspace,
	DocKind.developmentPlan
]);

/** True when `value` is a kind `POST /api/docs` creates. */
export function isCreatableKind(value: unknown): value is DocKind {
	return typeof value === 'string' && creatableKinds.has(value);
}

/** True when some token may open a document of `kind` through the relay. */
export function opensByLink(kind: DocKind): boolean {
	return kind !== DocKind.journeyPending && kind !== DocKind.accountVersion;
}

/**
 * True when links to a document of `kind` carry its parent's link epoch as well as its own, so
 * rotating the parent's links revokes them: a journey's rotation ends its board's links and seats.
 */
export function inheritsParentLinks(kind: DocKind): boolean {
	return kind === DocKind.journeyBoard;
}

/** What a capability token lets its holder do with one document. */
export const Role = {
	/** Everything, including minting links and rotating them. */
	owner: 'owner',
	/** Reads and writes the document. */
	editor: 'editor',
	/** Reads the document and shares presence; its writes are dropped. */
	viewer: 'viewer',
	/**
	 * Writes one `review-draft`. Only the server mints it (never the cycle's owner), so a draft's
	 * answers are readable by its rater alone until submitted without identity.
	 */
	rater: 'rater',
	/**
	 * One subject of a 360° cycle, through the API: proposes their raters and reads their report
	 * once released. Opens no document.
	 */
	subject: 'subject',
	/** A subject's manager, through the API: approves, declines and adds that subject's raters. */
	manager: 'manager'
} as const;
export type Role = (typeof Role)[keyof typeof Role];

const roles: ReadonlySet<string> = new Set(Object.values(Role));

/** True when `value` names a role. */
export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && roles.has(value);
}

/** True when the role's updates are applied and stored. */
export function canWrite(role: Role): boolean {
	return role === Role.owner || role === Role.editor || role === Role.rater;
}

/**
 * True when the relay applies a client's updates to a document of `kind`. A workshop board is
 * written by the server only: each note and vote arrives through the API, which checks it against
 * the journey's workshop state, and silent or anonymous notes reach the board only as the server
 * publishes them. So no token, not even the owner's, writes a board directly.
 */
export function canWriteDirectly(kind: DocKind, role: Role): boolean {
	return kind !== DocKind.journeyBoard && canWrite(role);
}

/** Longest document title accepted, in UTF-16 code units. */
export const MAX_TITLE_LENGTH = 200;

/** File name extension of a document exported by a person (see `model/export-file`). */
export const EXPORT_FILE_EXTENSION = '.panorama';
