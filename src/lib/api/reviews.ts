/**
 * Calls to `/api/reviews/*`, through the API contract (`contract.ts`). Failures throw an
 * {@link ApiError} whose `reason` the UI translates and whose `details` list every problem of a
 * refused submission; `reason: 'offline'` means the request never reached the server.
 */
import type { SubmissionInput } from '../domain/review/submission';
import { ApiError, request } from './client';
import { endpoints } from './contract';

export type {
	AnonymityMeter,
	Assignment,
	Dashboard,
	IssuedLink,
	Proposal,
	ProposalView,
	RaterAssignments,
	ReportData
} from './contract';

/** Kept for callers that name it: every API error carries its details now. */
export const ReviewApiError = ApiError;
export type ReviewApiError = ApiError;

export const reviewApi = {
	nominationLinks: (cycle: string, owner: string) =>
		request(endpoints.nominationLinks, { params: [cycle], token: owner }),
	proposals: (cycle: string, subject: string, token: string) =>
		request(endpoints.proposals, { params: [cycle, subject], token }),
	propose: (
		cycle: string,
		subject: string,
		token: string,
		fields: { rater: string; raterName: string; group: string }
	) => request(endpoints.propose, { params: [cycle, subject], body: fields, token }),
	decide: (
		cycle: string,
		subject: string,
		token: string,
		id: string,
		status: 'approved' | 'declined' | 'removed'
	) => request(endpoints.decide, { params: [cycle, subject, id], body: { status }, token }),
	markImported: (cycle: string, owner: string, ids: string[]) =>
		request(endpoints.markImported, { params: [cycle], body: { ids }, token: owner }),
	launch: (cycle: string, owner: string) =>
		request(endpoints.launch, { params: [cycle], token: owner }),
	reissue: (cycle: string, owner: string, raterId: string) =>
		request(endpoints.reissue, { params: [cycle], body: { rater: raterId }, token: owner }),
	dashboard: (cycle: string, owner: string) =>
		request(endpoints.dashboard, { params: [cycle], token: owner }),
	close: (cycle: string, owner: string) =>
		request(endpoints.close, { params: [cycle], token: owner }),
	subjectLinks: (cycle: string, owner: string) =>
		request(endpoints.subjectLinks, { params: [cycle], token: owner }),
	report: (cycle: string, subject: string, token: string) =>
		request(endpoints.report, { params: [cycle, subject], token }),
	/** Trades an invitation for the rater credential this device keeps; works once. */
	claim: (raterId: string, invitation: string) =>
		request(endpoints.claim, { params: [raterId], token: invitation }),
	assignments: (raterId: string, token: string) =>
		request(endpoints.assignments, { params: [raterId], token }),
	meter: (cycle: string, draft: string, token: string) =>
		request(endpoints.meter, { params: [cycle, draft], token }),
	submit: (cycle: string, draft: string, token: string, key: string, input: SubmissionInput) =>
		request(endpoints.submit, {
			params: [cycle],
			body: { draft, idempotencyKey: key, answers: input.answers, comments: input.comments },
			token
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
