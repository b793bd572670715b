/**
 * Calls to `/api/reviews/*`. Failures throw an {@link ApiError} whose `reason` the UI translates;
 * `reason: 'offline'` means the request never reached the server (and may be retried).
 */
import type { RaterGroup } from '../domain/review/groups';
import type { SubmissionInput } from '../domain/review/submission';
import { ApiError } from './api';

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

export const reviewApi = {
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

/** The link a rater opens: their assignments, the token in the fragment. */
export function raterUrl(origin: string, raterId: string, token: string): string {
	return `${origin}/r/${raterId}#${token}`;
}

/** The link a subject opens to read their report once released. */
export function subjectReportUrl(origin: string, cycle: string, subject: string, token: string) {
	return `${origin}/report/${cycle}/${subject}#${token}`;
}
