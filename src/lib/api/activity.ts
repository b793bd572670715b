/** An account plan's activity record (行动记录), through the API contract (`contract.ts`). */
import { request } from './client';
import { endpoints } from './contract';
import type { ActivityChange } from '../model/account-activity';

export type { ActivityPage, ActivityPeople } from './contract';

/** What the timeline is narrowed to; every part optional. */
export interface ActivityFilter {
	/** A member's id: what they did. */
	member?: string;
	/** A share link's role (`editor`): what holders of such links did. */
	link?: string;
	/** A node's id: what was done to it. */
	node?: string;
	kind?: ActivityChange['kind'];
}

/** Entries per page at most (the server's limit). */
export const MAX_ACTIVITY_PAGE = 500;

/**
 * One page of the record, newest first, older than `before` (a page's `next`) when given. Any
 * token that reads the account: a share link or a member's credential.
 */
export function readActivity(
	docId: string,
	token: string,
	filter: ActivityFilter = {},
	page: { before?: number; limit?: number } = {}
) {
	return request(endpoints.activity, {
		params: [docId],
		query: { ...filter, ...page },
		token
	});
}

/** Everyone who appears in the record, for the person filter. */
export function readActivityPeople(docId: string, token: string) {
	return request(endpoints.activityPeople, { params: [docId], token });
}

/**
 * Every entry the filter selects, page after page of {@link MAX_ACTIVITY_PAGE} (for the CSV
 * export); `onPage` hears how many were read so far.
 */
export async function readAllActivity(
	docId: string,
	token: string,
	filter: ActivityFilter,
	onPage: (read: number) => void = () => {}
) {
	const entries: Awaited<ReturnType<typeof readActivity>>['entries'] = [];
	let before: number | undefined;
	do {
		const page = await readActivity(docId, token, filter, { before, limit: MAX_ACTIVITY_PAGE });
		entries.push(...page.entries);
		onPage(entries.length);
		before = page.next;
	} while (before !== undefined);
	return entries;
}
