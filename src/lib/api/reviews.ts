/**
 * Calls to `/api/reviews/*`. Failures throw an {@link ApiError} whose `reason` the UI translates;
 * `reason: 'offline'` means the request never reached the server (and may be retried).
 */
import type { RaterGroup } from '../domain/review/groups';
import type { SubmissionInput } from '../domain/review/submission';
import { ApiError } from './docs';

/** A refused request's details, e.g. every problem of a refused submission. */
export class ReviewApiError extends ApiError {
	constructor(
		status: number,
		reason: string,
		readonly details: unknown
	) {
		super(status, reason);
	}
}

async function call<T>(path: string, token: string, body?: unknown): Promise<T> {
	let response: Response;
	try {
		response = await fetch(path, {
			method: body === undefined ? 'GET' : 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
			body: body === undefined ? undefined : JSON.stringify(body)
		});
	} catch {
		throw new ReviewApiError(0, 'offline', undefined);
	}
	const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
	if (!response.ok) {
		throw new ReviewApiError(response.status, String(json.reason ?? response.status), json.details);
	}
	return json as T;
}

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

export const reviewApi = {
	nominationLinks: (cycle: string, owner: string) =>
		call<{
			links: Array<{
				subject: string;
				name: string;
				manager: string;
				subjectToken: string;
				managerToken: string;
			}>;
		}>(`/api/reviews/${cycle}/nomination-links`, owner, {}),
	proposals: (cycle: string, subject: string, token: string) =>
		call<ProposalView>(`/api/reviews/${cycle}/proposals/${subject}`, token),
	propose: (
		cycle: string,
		subject: string,
		token: string,
		fields: { rater: string; raterName: string; group: string }
	) => call<ProposalView>(`/api/reviews/${cycle}/proposals/${subject}`, token, fields),
	decide: (
		cycle: string,
		subject: string,
		token: string,
		id: string,
		status: 'approved' | 'declined' | 'removed'
	) => call<ProposalView>(`/api/reviews/${cycle}/proposals/${subject}/${id}`, token, { status }),
	markImported: (cycle: string, owner: string, ids: string[]) =>
		call<unknown>(`/api/reviews/${cycle}/proposals-imported`, owner, { ids }),
	launch: (cycle: string, owner: string) =>
		call<{ issued: IssuedLink[]; drafts: number }>(`/api/reviews/${cycle}/launch`, owner, {}),
	reissue: (cycle: string, owner: string, raterId: string) =>
		call<{ raterId: string; token: string }>(`/api/reviews/${cycle}/reissue`, owner, {
			rater: raterId
		}),
	dashboard: <T>(cycle: string, owner: string) => call<T>(`/api/reviews/${cycle}/dashboard`, owner),
	close: (cycle: string, owner: string) => call<unknown>(`/api/reviews/${cycle}/close`, owner, {}),
	subjectLinks: (cycle: string, owner: string) =>
		call<{ links: Array<{ subject: string; name: string; token: string }> }>(
			`/api/reviews/${cycle}/subject-links`,
			owner,
			{}
		),
	report: <T>(cycle: string, subject: string, token: string) =>
		call<T>(`/api/reviews/${cycle}/report/${subject}`, token),
	/** Trades an invitation for the rater credential this device keeps; works once. */
	claim: (raterId: string, invitation: string) =>
		call<{ token: string }>(`/api/reviews/raters/${raterId}/claim`, invitation, {}),
	assignments: (raterId: string, token: string) =>
		call<RaterAssignments>(`/api/reviews/raters/${raterId}`, token),
	meter: (cycle: string, draft: string, token: string) =>
		call<AnonymityMeter>(`/api/reviews/${cycle}/meter/${draft}`, token),
	submit: (cycle: string, draft: string, token: string, key: string, input: SubmissionInput) =>
		call<{ submitted: true }>(`/api/reviews/${cycle}/submit`, token, {
			draft,
			idempotencyKey: key,
			answers: input.answers,
			comments: input.comments
		})
};

/** The invitation HR sends a rater: the first device that opens it claims it. */
export function raterUrl(origin: string, raterId: string, invitation: string): string {
	return `${origin}/r/${raterId}#${invitation}`;
}

/** A rater's link for another device of theirs: it carries the credential and the draft key. */
export function raterDeviceUrl(
	origin: string,
	raterId: string,
	credential: string,
	key: string
): string {
	return `${origin}/r/${raterId}#${new URLSearchParams({ device: credential, key })}`;
}

/** What a rater page's fragment holds: an invitation to claim, or what another device handed over. */
export function readRaterFragment(
	fragment: string
): { invitation: string } | { credential: string; key: string | undefined } | undefined {
	if (!fragment) return undefined;
	if (fragment.startsWith('device=')) {
		const params = new URLSearchParams(fragment);
		return { credential: params.get('device') ?? '', key: params.get('key') ?? undefined };
	}
	return { invitation: fragment };
}

/** The link a subject opens to read their report once released. */
export function subjectReportUrl(origin: string, cycle: string, subject: string, token: string) {
	return `${origin}/report/${cycle}/${subject}#${token}`;
}

/** The link a subject (or, with a manager token, their manager) opens to nominate raters. */
export function nominationUrl(origin: string, cycle: string, subject: string, token: string) {
	return `${origin}/nominate/${cycle}/${subject}#${token}`;
}
