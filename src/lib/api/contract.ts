/**
 * The HTTP API's contract, as `transport/protocol.ts` is the socket's: every endpoint's method,
 * path and response type, in one file read by both sides. The client's `request` (client.ts)
 * answers an endpoint's response type; the server's `endpointRoute` (`server/http.ts`) makes a
 * handler return exactly it, so a change on one side that the other does not follow fails
 * `tsc`. Request bodies are named here for the client; the server still checks every field it
 * reads, since anyone can send anything.
 *
 * Paths are templates: `:name` is one id (`[A-Za-z0-9_-]{1,64}`), filled in order.
 */
import type { ActivityChange } from '../model/account-activity';
import type { DocKind, Role } from '../domain/documents';
import type { SeatSummary } from '../domain/journey/seats';
import type { JourneyRef } from '../domain/journey/types';
import type { WorkshopPhase, WorkshopState } from '../domain/journey/workshop';
import type { GradeBand } from '../domain/review/grades';
import type { RaterGroup } from '../domain/review/groups';
import type { SubjectFeasibility } from '../domain/review/nomination';
import type { OutlierFlag } from '../domain/review/outliers';
import type { CycleProgress } from '../domain/review/progress';
import type { Questionnaire } from '../domain/review/questionnaire';
import type { Calibration, SubjectReport } from '../domain/review/report';

export type Method = 'GET' | 'POST';

/** One endpoint: method and path, with its request and response types carried along. */
export interface Endpoint<Request, Response> {
	readonly method: Method;
	readonly path: string;
	/** Type carriers only: never set. */
	readonly request?: Request;
	readonly response?: Response;
}

export type RequestOf<E> = E extends Endpoint<infer R, unknown> ? R : never;
export type ResponseOf<E> = E extends Endpoint<unknown, infer R> ? R : never;

function endpoint<Request = Record<string, never>, Response = Record<string, never>>(
	method: Method,
	path: string
): Endpoint<Request, Response> {
	return { method, path };
}

// ---- documents and links ------------------------------------------------------------------

export type LinkRole = 'editor' | 'viewer';

/** A share link the owner issued that still works (the token itself is never kept). */
export interface IssuedShareLink {
	id: string;
	role: LinkRole;
	/** Milliseconds since the epoch. */
	createdAt: number;
	expiresAt?: number;
}

// ---- plan versions ------------------------------------------------------------------------

/** A named version of an account plan, as its versions list shows it. */
export interface PlanVersion {
	id: string;
	/** What the person who took it called it; empty for a quarter-end version. */
	name: string;
	/** Set on the version the server took at a quarter's end: the quarter that ended, `2026-Q3`. */
	quarter?: string;
	/** Milliseconds since the epoch. */
	takenAt: number;
}

// ---- workshops ----------------------------------------------------------------------------

/** What the facilitator hands out: the board and the tokens of its links. */
export interface WorkshopAccess {
	boardId: string;
	/** Lets a participant add notes and votes (through the API) and watch the board. */
	participantToken: string;
	boardViewerToken: string;
	/** Lets participants and the projector follow the map without changing it. */
	journeyViewerToken: string;
	/** Six characters typed at `/join` instead of following the link (see `domain/journey/join-code`). */
	joinCode: string;
	/**
	 * Goes in the projector's link: lets the projector fetch the join link and code (also after
	 * the join link is replaced), which the map's viewer token alone does not.
	 */
	projectorKey: string;
}

/** The join link's parts and its code, for the screen that shows them to the room. */
export interface JoinInfo {
	boardId: string;
	journeyToken: string;
	participantToken: string;
	joinCode: string;
}

/** Where a join code leads: the join link's parts. */
export interface JoinTarget {
	journeyId: string;
	journeyToken: string;
	participantToken: string;
}

/**
 * What a seat reads back of its own (a phone that reloads, or lost its storage): its ballots and
 * scores, and the notes that carry its id — published or held. Anonymous notes are stored without
 * their author, so only the phone that wrote them knows them.
 */
export interface OwnSeatState {
	votes: Array<{ item: string; round: number }>;
	scores: Array<{ touchpoint: string; score: number; round: number }>;
	notes: Array<{ id: string; text: string; target: JourneyRef; round: number; held: boolean }>;
}

/** A participant's own seat at a workshop: their server-made id and the token that carries it. */
export interface Seat {
	participant: string;
	token: string;
}

export interface NoteDraft {
	/** Made on the device when the note is written; sending it again does not post it twice. */
	key?: string;
	/** Kept on the phone for its own list; the server names the note by the seat, not by this. */
	name: string;
	text: string;
	target: JourneyRef;
}

// ---- 360° reviews ---------------------------------------------------------------------------

/** One review a rater is asked for. */
export interface Assignment {
	draft: string;
	subject: string;
	subjectName: string;
	group: RaterGroup;
	/** Opens this draft only. */
	token: string;
	submitted: boolean;
}

export interface RaterAssignments {
	cycle: string;
	title: string;
	name: string;
	assignments: Assignment[];
}

/** How close a rater's group is to being shown on its own. */
export interface AnonymityMeter {
	group: RaterGroup;
	submitted: number;
	asked: number;
	needed: number;
	pooledAt: number;
}

/** An invitation launch issued: the rater and the token their first device claims. */
export interface IssuedLink {
	raterId: string;
	person: string;
	name: string;
	token: string;
}

/** A rater proposed for one subject, as subjects, managers and HR see it. */
export interface Proposal {
	id: string;
	subject: string;
	rater: string;
	raterName: string;
	group: Exclude<RaterGroup, 'self'>;
	status: 'proposed' | 'approved' | 'declined';
	/** Approved reviews this rater is asked for across the cycle. */
	load: number;
}

/** A proposal as the server keeps it until HR imports it into the cycle. */
export interface StoredProposal extends Omit<Proposal, 'load'> {
	cycleId: string;
	imported: boolean;
}

export interface ProposalView {
	who: 'owner' | 'subject' | 'manager';
	subjectName: string;
	cap: number;
	groups: Array<Exclude<RaterGroup, 'self'>>;
	proposals: Proposal[];
	warning?: { reason: 'over-cap'; rater: string; load: number; cap: number };
	/** Invitations HR re-issued to this subject's raters (managers and HR only). */
	reissues?: Array<{ at: number; raterName: string }>;
}

export interface Dashboard {
	launched: boolean;
	closed: boolean;
	/** `claimedAt`: when a device claimed the rater's current invitation. */
	raters: Array<{ id: string; name: string; person: string; claimedAt?: number }>;
	/** Counts per subject and group (asked, submitted): before close, the only review figures. */
	progress: CycleProgress;
	owing: Array<{ raterId: string; rater: string; subject: string; group: RaterGroup }>;
	feasibility: SubjectFeasibility[];
	/** Computed at close over the groups the reports show; absent before close. */
	outliers: OutlierFlag[] | undefined;
	calibration: Calibration | undefined;
	audit: Array<{ at: number; action: string; detail: string }>;
	/** Raters managers approved or added that HR has not yet put in the cycle. */
	proposals: StoredProposal[];
}

/** A subject's released report. */
export interface ReportData {
	title: string;
	subjectName: string;
	questionnaire: Questionnaire;
	gradeBands: readonly GradeBand[];
	report: SubjectReport;
}

export interface SubmissionBody {
	draft: string;
	idempotencyKey: string;
	answers: unknown;
	comments?: unknown;
}

// ---- every endpoint -----------------------------------------------------------------------

export const endpoints = {
	instance: endpoint<undefined, { createKeyRequired: boolean }>('GET', '/api/instance'),
	createDoc: endpoint<
		{ kind: DocKind; title: string; template?: string; locale?: string },
		{ id: string; token: string }
	>('POST', '/api/docs'),
	createLink: endpoint<{ role: LinkRole; expiresInDays?: number }, { token: string }>(
		'POST',
		'/api/docs/:doc/links'
	),
	listLinks: endpoint<undefined, { links: IssuedShareLink[] }>('GET', '/api/docs/:doc/links'),
	revokeRoleLinks: endpoint<{ role: LinkRole }, { links: IssuedShareLink[] }>(
		'POST',
		'/api/docs/:doc/links/revoke'
	),
	rotate: endpoint<Record<string, never>, { token: string }>('POST', '/api/docs/:doc/rotate'),
	listVersions: endpoint<undefined, { versions: PlanVersion[] }>('GET', '/api/docs/:doc/versions'),
	takeVersion: endpoint<{ name: string }, { version: PlanVersion }>(
		'POST',
		'/api/docs/:doc/versions'
	),
	/** `state`: the version's whole document as one Yjs update, base64. */
	readVersion: endpoint<undefined, { version: PlanVersion; state: string }>(
		'GET',
		'/api/docs/:doc/versions/:version'
	),

	time: endpoint<undefined, { now: number }>('GET', '/api/time'),
	openWorkshop: endpoint<Record<string, never>, WorkshopAccess>(
		'POST',
		'/api/journeys/:journey/workshop'
	),
	boardAccess: endpoint<Record<string, never>, { boardId: string; token: string }>(
		'POST',
		'/api/journeys/:journey/board-access'
	),
	setPhase: endpoint<{ phase: WorkshopPhase }, WorkshopState>(
		'POST',
		'/api/journeys/:journey/phase'
	),
	reveal: endpoint<{ what: 'notes' | 'votes' }, WorkshopState>(
		'POST',
		'/api/journeys/:journey/reveal'
	),
	join: endpoint<{ device: string; name: string }, Seat & { name: string }>(
		'POST',
		'/api/boards/:board/join'
	),
	seats: endpoint<undefined, { seats: SeatSummary[] }>('GET', '/api/journeys/:journey/seats'),
	removeSeat: endpoint<Record<string, never>, { seats: SeatSummary[] }>(
		'POST',
		'/api/journeys/:journey/seats/:participant/remove'
	),
	rotateJoinLink: endpoint<Record<string, never>, { participantToken: string; joinCode: string }>(
		'POST',
		'/api/journeys/:journey/join-link/rotate'
	),
	joinInfo: endpoint<{ projector?: string }, JoinInfo>('POST', '/api/journeys/:journey/join-info'),
	resolveJoinCode: endpoint<Record<string, never>, JoinTarget>('POST', '/api/join-codes/:code'),
	mine: endpoint<undefined, OwnSeatState>('GET', '/api/boards/:board/mine'),
	addNote: endpoint<NoteDraft, { id: string; held: boolean }>('POST', '/api/boards/:board/notes'),
	score: endpoint<{ touchpoint: string; score: number }, { held: boolean }>(
		'POST',
		'/api/boards/:board/scores'
	),
	vote: endpoint<{ item: string }, { left: number }>('POST', '/api/boards/:board/votes'),

	nominationLinks: endpoint<
		Record<string, never>,
		{
			links: Array<{
				subject: string;
				name: string;
				manager: string;
				subjectToken: string;
				managerToken: string;
			}>;
		}
	>('POST', '/api/reviews/:cycle/nomination-links'),
	proposals: endpoint<undefined, ProposalView>('GET', '/api/reviews/:cycle/proposals/:subject'),
	propose: endpoint<{ rater: string; raterName: string; group: string }, ProposalView>(
		'POST',
		'/api/reviews/:cycle/proposals/:subject'
	),
	decide: endpoint<{ status: 'approved' | 'declined' | 'removed' }, ProposalView>(
		'POST',
		'/api/reviews/:cycle/proposals/:subject/:proposal'
	),
	markImported: endpoint<{ ids: string[] }, { imported: number }>(
		'POST',
		'/api/reviews/:cycle/proposals-imported'
	),
	launch: endpoint<Record<string, never>, { issued: IssuedLink[]; drafts: number }>(
		'POST',
		'/api/reviews/:cycle/launch'
	),
	claim: endpoint<Record<string, never>, { token: string }>(
		'POST',
		'/api/reviews/raters/:rater/claim'
	),
	assignments: endpoint<undefined, RaterAssignments>('GET', '/api/reviews/raters/:rater'),
	meter: endpoint<undefined, AnonymityMeter>('GET', '/api/reviews/:cycle/meter/:draft'),
	submit: endpoint<SubmissionBody, { submitted: true }>('POST', '/api/reviews/:cycle/submit'),
	reissue: endpoint<{ rater: string }, { raterId: string; token: string }>(
		'POST',
		'/api/reviews/:cycle/reissue'
	),
	dashboard: endpoint<undefined, Dashboard>('GET', '/api/reviews/:cycle/dashboard'),
	close: endpoint<Record<string, never>, { closed: true }>('POST', '/api/reviews/:cycle/close'),
	subjectLinks: endpoint<
		Record<string, never>,
		{ links: Array<{ subject: string; name: string; token: string }> }
	>('POST', '/api/reviews/:cycle/subject-links'),
	report: endpoint<undefined, ReportData>('GET', '/api/reviews/:cycle/report/:subject'),

	// ---- teams: a workspace's members, sectors and documents (server/teams/team-api.ts) -------
	/** The workspace's owner link makes its holder the first member (an owner). */
	startTeam: endpoint<{ name: string }, JoinedTeam>('POST', '/api/workspaces/:workspace/team'),
	invite: endpoint<{ role: MemberRole; sector?: string }, TeamInvitation>(
		'POST',
		'/api/workspaces/:workspace/invitations'
	),
	/** With an invitation's token: claims it once and answers this device's credential. */
	joinTeam: endpoint<{ name: string }, JoinedTeam>('POST', '/api/workspaces/:workspace/members'),
	team: endpoint<undefined, TeamView>('GET', '/api/workspaces/:workspace/members'),
	changeMember: endpoint<MemberChangeBody, TeamView>(
		'POST',
		'/api/workspaces/:workspace/members/:member'
	),
	addSector: endpoint<{ name: string }, TeamView>('POST', '/api/workspaces/:workspace/sectors'),
	/** `docToken`: the document's owner link, proof that the caller may put it here. */
	placeDocument: endpoint<{ doc: string; sector: string; docToken: string }, TeamDocuments>(
		'POST',
		'/api/workspaces/:workspace/documents'
	),
	teamDocuments: endpoint<undefined, TeamDocuments>('GET', '/api/workspaces/:workspace/documents'),
	/** A member asks for a sector or a document, for some days or until revoked. */
	requestAccess: endpoint<AccessRequestBody, AccessRequests>(
		'POST',
		'/api/workspaces/:workspace/requests'
	),
	/** The caller's own requests, and those they may decide. */
	accessRequests: endpoint<undefined, AccessRequests>('GET', '/api/workspaces/:workspace/requests'),
	/**
	 * Query: `before` (seq), `limit`, `member` or `link` (a share link's role), `node`, `kind`;
	 * newest first.
	 */
	activity: endpoint<undefined, ActivityPage>('GET', '/api/docs/:doc/activity'),
	/** Everyone who appears in the account's activity record: the person filter's choices. */
	activityPeople: endpoint<undefined, ActivityPeople>('GET', '/api/docs/:doc/activity/people'),
	decideRequest: endpoint<{ decision: 'approved' | 'declined' | 'revoked' }, AccessRequests>(
		'POST',
		'/api/workspaces/:workspace/requests/:request'
	)
} as const;

/** One page of an account's activity record. */
export interface ActivityPage {
	entries: Array<{
		seq: number;
		at: number;
		/** Who made it: a member (with their name now) or the role of a share link. */
		by: { member?: string; name?: string; role: string };
		change: ActivityChange;
	}>;
	/** Pass as `before` for the next page; absent on the last. */
	next?: number;
}

/** Who appears in an account's activity record. */
export interface ActivityPeople {
	/** Members who made a change, with their names now, the most recent first. */
	members: Array<{ member: string; name: string }>;
	/** Roles of the share links changes were made with: owner, then editor, then viewer. */
	links: string[];
}

export interface AccessRequestBody {
	target: { sector: string } | { doc: string };
	role: 'viewer' | 'editor';
	/** Days the access lasts once approved; absent for until revoked. */
	days?: number;
	reason: string;
}

export interface AccessRequestView {
	id: string;
	member: string;
	memberName: string;
	target: { sector: string } | { doc: string };
	role: 'viewer' | 'editor';
	until?: number;
	reason: string;
	createdAt: number;
	status: 'pending' | 'approved' | 'declined' | 'revoked';
	/** Who decided, by name, and when; who revoked, likewise. */
	decidedBy?: string;
	decidedAt?: number;
	revokedBy?: string;
	revokedAt?: number;
	/** Whether the caller may decide (or revoke) it. */
	decidable: boolean;
}

export interface AccessRequests {
	requests: AccessRequestView[];
}

export type MemberRole = 'owner' | 'manager' | 'member' | 'guest';

export interface TeamMemberView {
	id: string;
	name: string;
	role: MemberRole;
	sectors: Array<{ sector: string; head: boolean }>;
	joinedAt: number;
	activeAt: number;
	removed: boolean;
}

export interface TeamView {
	/** The workspace's title, as the registry last heard it. */
	title: string;
	/** The caller. */
	me: TeamMemberView;
	/** Everyone, for members and above; a guest sees only themselves. */
	members: TeamMemberView[];
	sectors: Array<{ id: string; name: string }>;
}

export interface JoinedTeam {
	member: TeamMemberView;
	/** This device's credential: opens what the member may open, until they are removed. */
	credential: string;
}

export interface TeamInvitation {
	id: string;
	/** Goes into the invitation link; claimed once by the first device that opens it. */
	token: string;
	expiresAt: number;
}

export type MemberChangeBody =
	| { role: MemberRole }
	| { remove: true }
	| { seat: { sector: string; head: boolean } }
	| { unseat: string };

/** The documents the caller may open, nothing else (not even other sectors' titles). */
export interface TeamDocuments {
	documents: Array<{
		id: string;
		kind: DocKind;
		title: string;
		sector: string;
		/** What the caller's credential opens it as. */
		role: Role;
	}>;
}

/** The path of `endpoint` with its `:name` parts filled from `params`, in order. */
export function pathOf(endpoint: Endpoint<unknown, unknown>, params: readonly string[]): string {
	let i = 0;
	return endpoint.path.replace(/:[a-z]+/g, () => encodeURIComponent(params[i++] ?? ''));
}
