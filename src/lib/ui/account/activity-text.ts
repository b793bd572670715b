/**
 * How the activity record (行动记录) reads: each recorded change as one sentence in the plan's
 * words ("李经理将南京分公司移到华东子公司下"), who made it, the day headings of the timeline and
 * the CSV export. Pure functions over the API's entries; the messages follow the current locale,
 * numbers and dates the `locale` passed.
 */
import type { ActivityPage } from '$lib/api/activity';
import { formatCsv } from '$lib/domain/bookings/csv';
import { isoToday } from '$lib/domain/account/node';
import { ROOT } from '$lib/domain/tree/move-tree';
import type { ActivityChange } from '$lib/model/account-activity';
import { m } from '$lib/paraglide/messages';
import { downloadBytes } from '$lib/ui/download';
import { formatCount, formatMoney } from '$lib/ui/format';
import { checklistFieldLabel } from './version-labels';

/** One entry of the record as the API gives it. */
export type ActivityEntry = ActivityPage['entries'][number];
export type ActivityBy = ActivityEntry['by'];
export type ActivityKind = ActivityChange['kind'];

/** Every kind of change, in the order the kind filter lists them. */
export const ACTIVITY_KINDS: readonly ActivityKind[] = [
	'node-added',
	'node-moved',
	'node-removed',
	'node-restored',
	'node-changed',
	'settings-changed',
	'item-changed',
	'more-changes'
];

/** What the live plan calls things now, for what an entry names only by id. */
export interface ActivityNames {
	/** An item of one of the plan's lists (an action's title, a contact's name), if it still exists. */
	item?(list: string, id: string): string | undefined;
	/** A node's name now, if it still exists: for one that had none yet when the change was made. */
	node?(id: string): string | undefined;
}

/** One change as it reads: the sentence, and a second clause some changes have ("was under …"). */
export interface ActivityText {
	sentence: string;
	detail?: string;
}

const whoOfLink: Record<string, () => string> = {
	owner: m.activity_who_link_owner,
	editor: m.activity_who_link_editor,
	viewer: m.activity_who_link_viewer
};

/** Who made a change: the member's name, or "Someone with an editor link". */
export function activityWho(by: ActivityBy): string {
	if (by.member !== undefined) return by.name || m.activity_who_member_unknown();
	return whoOfLink[by.role]?.() ?? m.activity_who_link_editor();
}

const roleLabel: Record<string, () => string> = {
	owner: m.role_owner,
	editor: m.role_editor,
	viewer: m.role_viewer
};

/** The role a change was made with: "Can edit" / "可编辑". */
export function activityRole(by: ActivityBy): string {
	return roleLabel[by.role]?.() ?? by.role;
}

const kindLabel: Record<ActivityKind, () => string> = {
	'node-added': m.activity_kind_node_added,
	'node-moved': m.activity_kind_node_moved,
	'node-removed': m.activity_kind_node_removed,
	'node-restored': m.activity_kind_node_restored,
	'node-changed': m.activity_kind_node_changed,
	'settings-changed': m.activity_kind_settings_changed,
	'item-changed': m.activity_kind_item_changed,
	'more-changes': m.activity_kind_more_changes
};

/** A kind of change as the kind filter and the CSV name it. */
export function activityKindLabel(kind: ActivityKind): string {
	return kindLabel[kind]?.() ?? kind;
}

const fieldLabel: Record<string, () => string> = {
	kind: m.activity_field_kind,
	region: m.activity_field_region,
	headcount: m.activity_field_headcount,
	spend: m.activity_field_spend,
	ours: m.activity_field_ours,
	owner: m.activity_field_owner
};

const nodeKindLabel: Record<string, () => string> = {
	group: m.node_group,
	subsidiary: m.node_subsidiary,
	branch: m.node_branch
};

const listLabel: Record<string, () => string> = {
	agreements: m.activity_list_agreements,
	contacts: m.activity_list_contacts,
	checklist: m.activity_list_checklist,
	team: m.activity_list_team,
	goals: m.activity_list_goals,
	actions: m.activity_list_actions,
	feedback: m.activity_list_feedback
};

/**
 * A node's name as it was; if it had none yet (added, then named: two edits), its name now; else
 * "Unnamed node".
 */
const nodeName = (name: string, id?: string, names: ActivityNames = {}) =>
	name || (id !== undefined ? names.node?.(id) : undefined) || m.node_unnamed();

/** A whole number with a true minus sign. */
const count = (value: number, locale: string) => formatCount(value, locale).replace('-', '−');

/** A field's value, before or after, the way the node's detail panel shows it. */
function fieldValue(
	field: string,
	value: string | number,
	locale: string,
	names: ActivityNames
): string {
	if (value === '') return field === 'owner' ? m.owner_none() : m.activity_empty_value();
	if (typeof value === 'number') {
		return field === 'spend' || field === 'ours'
			? formatMoney(value, locale)
			: count(value, locale);
	}
	if (field === 'kind') return nodeKindLabel[value]?.() ?? value;
	// The owner is a member of the plan's virtual team, kept by id.
	if (field === 'owner') return names.item?.('team', value) ?? m.activity_owner_unknown();
	return value;
}

/** The item an item change is about: "a plan action “Visit Nanjing”", named when it still is. */
function itemPhrase(list: string, id: string, names: ActivityNames): string {
	const item = listLabel[list]?.() ?? m.activity_list_other({ list });
	const title =
		list === 'checklist'
			? checklistFieldLabel[id as keyof typeof checklistFieldLabel]?.()
			: names.item?.(list, id);
	return title ? m.activity_item_titled({ item, title }) : item;
}

/** One change as a sentence in the plan's words. `locale` formats its numbers. */
export function activityText(
	entry: Pick<ActivityEntry, 'by' | 'change'>,
	locale: string,
	names: ActivityNames = {}
): ActivityText {
	const who = activityWho(entry.by);
	const change = entry.change;
	switch (change.kind) {
		case 'node-added': {
			const name = nodeName(change.name, change.node, names);
			return {
				sentence:
					change.parent === ROOT
						? m.activity_added_top({ who, name })
						: m.activity_added_under({ who, name, parent: nodeName(change.parentName) })
			};
		}
		case 'node-moved': {
			const name = nodeName(change.name, change.node, names);
			return {
				sentence:
					change.parent === ROOT
						? m.activity_moved_top({ who, name })
						: m.activity_moved_under({ who, name, parent: nodeName(change.parentName) }),
				detail:
					change.from === ROOT
						? m.activity_was_top()
						: m.activity_was_under({ parent: nodeName(change.fromName) })
			};
		}
		case 'node-removed':
			return {
				sentence: m.activity_removed({ who, name: nodeName(change.name, change.node, names) })
			};
		case 'node-restored': {
			const name = nodeName(change.name, change.node, names);
			return {
				sentence:
					change.parent === ROOT
						? m.activity_restored_top({ who, name })
						: m.activity_restored_under({ who, name, parent: nodeName(change.parentName) })
			};
		}
		case 'node-changed': {
			if (change.field === 'name') {
				// Adding a node and typing its name are two edits: the second reads as naming it.
				if (change.from === '') {
					return { sentence: m.activity_named({ who, name: nodeName(String(change.to)) }) };
				}
				return {
					sentence: m.activity_renamed({
						who,
						from: nodeName(String(change.from)),
						to: nodeName(String(change.to))
					})
				};
			}
			return {
				sentence: m.activity_field_changed({
					who,
					name: nodeName(change.name, change.node, names),
					field: fieldLabel[change.field]?.() ?? change.field,
					from: fieldValue(change.field, change.from, locale, names),
					to: fieldValue(change.field, change.to, locale, names)
				})
			};
		}
		case 'settings-changed':
			if (change.setting === 'tiers') return { sentence: m.activity_settings_tiers({ who }) };
			if (change.setting === 'nationalThreshold') {
				return { sentence: m.activity_settings_national({ who }) };
			}
			return { sentence: m.activity_settings_other({ who, setting: change.setting }) };
		case 'item-changed': {
			const item = itemPhrase(change.list, change.id, names);
			const say =
				change.action === 'added'
					? m.activity_item_added
					: change.action === 'removed'
						? m.activity_item_removed
						: m.activity_item_changed;
			return { sentence: say({ who, item }) };
		}
		case 'more-changes':
			return { sentence: m.activity_more_changes({ count: change.count }) };
	}
}

/** The node an entry is about, if it is about one. */
export function activityNode(change: ActivityChange): { id: string; name: string } | undefined {
	return 'node' in change ? { id: change.node, name: change.name } : undefined;
}

/** A day of the timeline: its entries (newest first) under one heading. */
export interface ActivityDay {
	/** Unique among the groups, even when one day comes back (see {@link activityDays}). */
	key: string;
	/** Local date, `2026-12-03`. */
	day: string;
	label: string;
	entries: ActivityEntry[];
	/** The same entries, those one person's one edit made (same time, same author) together. */
	edits: ActivityEdit[];
}

/** Entries one edit made: one transaction records all its changes at one time, by one author. */
export interface ActivityEdit {
	/** The newest entry's `seq`: unique. */
	key: number;
	entries: ActivityEntry[];
}

const sameEdit = (a: ActivityEntry, b: ActivityEntry) =>
	a.at === b.at && a.by.member === b.by.member && a.by.role === b.by.role;

/**
 * Entries (newest first) grouped by local day, each headed "Today", "Yesterday" or its date
 * ("12月1日周一", "Mon, Dec 1"; with the year when not this one). The record's order is the
 * server's (`seq`) and times can run slightly against it (several relay instances, each with its
 * own clock and its own second of batching), so around midnight a day may head a second group:
 * entries are never shown out of the record's order.
 */
export function activityDays(
	entries: readonly ActivityEntry[],
	locale: string,
	now = Date.now()
): ActivityDay[] {
	const today = isoToday(new Date(now));
	const yesterdayDate = new Date(now);
	yesterdayDate.setDate(yesterdayDate.getDate() - 1);
	const yesterday = isoToday(yesterdayDate);
	const thisYear = new Date(now).getFullYear();
	const days: ActivityDay[] = [];
	for (const entry of entries) {
		const date = new Date(entry.at);
		const day = isoToday(date);
		let group = days.at(-1);
		if (group?.day !== day) {
			const label =
				day === today
					? m.activity_today()
					: day === yesterday
						? m.activity_yesterday()
						: new Intl.DateTimeFormat(locale, {
								weekday: 'short',
								month: 'short',
								day: 'numeric',
								year: date.getFullYear() === thisYear ? undefined : 'numeric'
							}).format(date);
			group = { key: `${day}#${days.length}`, day, label, entries: [], edits: [] };
			days.push(group);
		}
		const previous = group.entries.at(-1);
		if (previous && sameEdit(previous, entry)) group.edits.at(-1)!.entries.push(entry);
		else group.edits.push({ key: entry.seq, entries: [entry] });
		group.entries.push(entry);
	}
	return days;
}

/** The time of day of an entry: "14:02" (its day is the heading above it). */
export function activityTime(at: number, locale: string): string {
	return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(at);
}

/** `at` as an ISO 8601 local time with its offset: `2026-12-03T14:02:05+08:00`. */
export function isoLocalTime(at: number): string {
	const date = new Date(at);
	const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');
	const offset = -date.getTimezoneOffset();
	const sign = offset >= 0 ? '+' : '-';
	return (
		`${isoToday(date)}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
		`${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`
	);
}

/**
 * The entries as CSV text (UTF-8 with a byte-order mark, RFC 4180 quoting, formula-looking cells
 * neutralised — all `formatCsv`'s): time, person, role, kind, node, and the sentence.
 */
export function activityCsv(
	entries: readonly ActivityEntry[],
	locale: string,
	names: ActivityNames = {}
): string {
	return formatCsv([
		[
			m.activity_csv_time(),
			m.activity_csv_person(),
			m.activity_csv_role(),
			m.activity_csv_kind(),
			m.activity_csv_node(),
			m.activity_csv_sentence()
		],
		...entries.map((entry) => {
			const text = activityText(entry, locale, names);
			const node = activityNode(entry.change);
			return [
				isoLocalTime(entry.at),
				activityWho(entry.by),
				activityRole(entry.by),
				activityKindLabel(entry.change.kind),
				node ? nodeName(node.name, node.id, names) : '',
				text.detail
					? m.activity_with_detail({ sentence: text.sentence, detail: text.detail })
					: text.sentence
			];
		})
	]);
}

/** Downloads the entries as `{行动记录|activity}-{today}.csv`. */
export function downloadActivityCsv(
	entries: readonly ActivityEntry[],
	locale: string,
	names: ActivityNames = {}
): void {
	downloadBytes(
		new TextEncoder().encode(activityCsv(entries, locale, names)),
		`${m.activity_csv_file()}-${isoToday()}.csv`,
		'text/csv;charset=utf-8'
	);
}
