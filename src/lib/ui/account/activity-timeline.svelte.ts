/**
 * The activity tab's state: the record lives on the server only (the relay writes it from who
 * delivered each change), so this holds what has been fetched — the newest page for the current
 * filter, older pages appended on demand, and who appears in the record for the person filter.
 * A response to a filter that has since changed is dropped, so a slow page never overwrites the
 * one asked for after it.
 */
import {
	readActivity,
	readActivityPeople,
	type ActivityFilter,
	type ActivityPeople
} from '$lib/api/activity';
import type { ActivityEntry } from './activity-text';

/** Entries per page on screen: a day or two of a busy plan, painted at once. */
const PAGE = 100;

export class ActivityTimeline {
	entries = $state.raw<ActivityEntry[]>([]);
	/** Pass as `before` for the next older page; undefined when there is none. */
	next = $state<number | undefined>();
	/** `loading`: the first page of the filter; `older`: a further page. */
	status = $state<'loading' | 'older' | 'ready' | 'failed'>('loading');
	failure = $state.raw<unknown>();
	filter = $state.raw<ActivityFilter>({});
	people = $state.raw<ActivityPeople>({ members: [], links: [] });
	/** Whether the record has any entry at all (an empty page under a filter does not say). */
	everRecorded = $state(false);

	#generation = 0;

	constructor(
		private readonly docId: () => string,
		private readonly token: () => string
	) {}

	get filtered(): boolean {
		return Object.values(this.filter).some((value) => value !== undefined);
	}

	/** Fetches the newest page for `filter` (and, unfiltered, who appears in the record). */
	async load(filter: ActivityFilter = this.filter): Promise<void> {
		const generation = ++this.#generation;
		this.filter = filter;
		this.status = 'loading';
		try {
			const [page, people] = await Promise.all([
				readActivity(this.docId(), this.token(), filter, { limit: PAGE }),
				readActivityPeople(this.docId(), this.token())
			]);
			if (generation !== this.#generation) return;
			this.entries = page.entries;
			this.next = page.next;
			this.people = people;
			this.everRecorded = people.members.length > 0 || people.links.length > 0;
			this.failure = undefined;
			this.status = 'ready';
		} catch (error) {
			if (generation !== this.#generation) return;
			this.failure = error;
			this.status = 'failed';
		}
	}

	/** Appends the next older page. */
	async older(): Promise<void> {
		if (this.next === undefined || this.status !== 'ready') return;
		const generation = this.#generation;
		this.status = 'older';
		try {
			const page = await readActivity(this.docId(), this.token(), this.filter, {
				before: this.next,
				limit: PAGE
			});
			if (generation !== this.#generation) return;
			this.entries = [...this.entries, ...page.entries];
			this.next = page.next;
			this.failure = undefined;
		} catch (error) {
			if (generation !== this.#generation) return;
			this.failure = error;
		} finally {
			if (generation === this.#generation) this.status = 'ready';
		}
	}
}
