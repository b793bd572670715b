/**
 * The record of what was done to each account plan, by whom (行动记录). Both document stores keep
 * it in their own database beside the documents; entries are only ever appended.
 */
import type { ActivityChange } from '../../src/lib/model/account-activity.ts';

export interface ActivityEntry {
	doc: string;
	/** Milliseconds since the epoch, when the relay accepted the change. */
	at: number;
	/** The member whose credential delivered it; absent for a share link's holder. */
	member?: string;
	/** The role it was made with (a link's role, or the member's role then). */
	role: string;
	change: ActivityChange;
}

export interface StoredActivity extends ActivityEntry {
	/** Increases with every entry: the timeline's order and its page cursor. */
	seq: number;
}

export interface ActivityQuery {
	/** Entries older than this `seq` (the next page). */
	before?: number;
	limit: number;
	member?: string;
	/** Only what share-link holders of this role did (no member). */
	link?: string;
	node?: string;
	kind?: ActivityChange['kind'];
}

/** Who appears in a document's record: the timeline's person filter offers exactly these. */
export interface ActivityPeople {
	/** Members who made a change, the most recent first. */
	members: string[];
	/** Roles of the share links changes were made with, in any order. */
	links: string[];
}

export interface ActivityStore {
	addActivity(entries: readonly ActivityEntry[]): Promise<void>;
	/** The document's entries matching `query`, newest first. */
	activity(doc: string, query: ActivityQuery): Promise<StoredActivity[]>;
	/** Everyone who appears in the document's record. */
	activityPeople(doc: string): Promise<ActivityPeople>;
}
