/**
 * What the facilitator makes of the workshop's sticky notes, in the `journey` document: clusters
 * (notes dragged onto each other, the group named) and promotions (a note or a cluster written
 * into a touchpoint's pain points or opportunities, the notes kept as its source).
 *
 * The notes themselves stay on the board (only the server writes it); these maps hold note ids
 * and, for a promotion, a copy of the notes' text — never an author — so the map still says where
 * a pain point came from after the board is gone.
 *
 * Layout (top-level, flat, so concurrent edits merge entry by entry):
 * - `noteClusters`: Y.Map<noteId, clusterId>: each note in at most one cluster (last writer wins);
 * - `clusterNames`: Y.Map<clusterId, string>;
 * - `promotions`: Y.Map<promotionId, {touchpoint, field, text, notes: [{id, text}], cluster?, at}>,
 *   written once, in the same transaction as the list item it explains.
 * The first two are the facilitator's (the relay refuses other writers, see `FACILITATOR_ONLY_MAPS`
 * in `model/journey`); promotions write the map, which editors may do anyway.
 */
import * as Y from 'yjs';
// Extensions spelled out: the relay imports `model/journey`, which imports this file.
import { MAX_NOTE_LENGTH } from '../domain/journey/notes.ts';
import { checkTouchpointField, TEXT_LIMITS, type JourneyProblem } from '../domain/journey/types.ts';
import { newId } from './account.ts';
import { Origin } from './origins.ts';

/** The maps only the facilitator writes (see `FACILITATOR_ONLY_MAPS`). */
export const CLUSTER_MAPS = ['noteClusters', 'clusterNames'] as const;

/** Longest cluster name, in UTF-16 code units: a heading on a wall, like a stage name. */
export const MAX_CLUSTER_NAME = TEXT_LIMITS.stageName;

/** The two lists a note can be promoted into. */
export type PromotionField = 'painPoints' | 'opportunities';

export function isPromotionField(value: unknown): value is PromotionField {
	return value === 'painPoints' || value === 'opportunities';
}

export interface NoteCluster {
	id: string;
	/** The facilitator's name for it; '' until named. */
	name: string;
	/** Its notes' ids, sorted (the screen orders them as the board does). */
	notes: string[];
}

/** A list item written from notes, and the notes it came from. */
export interface Promotion {
	id: string;
	touchpoint: string;
	field: PromotionField;
	/** The item's text as written into the list. */
	text: string;
	/** The notes it came from: id and text as they were when promoted. */
	notes: Array<{ id: string; text: string }>;
	/** The cluster's name when a cluster was promoted. */
	cluster?: string;
	/** Epoch ms. */
	at: number;
}

/** What a promotion writes: the item, where, and the notes it came from. */
export interface PromoteInput {
	touchpoint: string;
	field: PromotionField;
	text: string;
	notes: ReadonlyArray<{ id: string; text: string }>;
	/** The cluster's name, when a cluster is promoted. */
	cluster?: string;
}

export type ClusterProblem = 'same-note' | 'unknown-cluster' | 'too-long' | 'no-notes' | 'empty';

const maps = (doc: Y.Doc) => ({
	membership: doc.getMap<unknown>('noteClusters'),
	names: doc.getMap<unknown>('clusterNames'),
	promotions: doc.getMap<unknown>('promotions'),
	touchpoints: doc.getMap<unknown>('touchpoints')
});

/**
 * The clusters, each with two notes or more (a cluster left with one note is that note alone
 * again); sorted by id, so every device lists them alike.
 */
export function readClusters(doc: Y.Doc): NoteCluster[] {
	const { membership, names } = maps(doc);
	const byCluster = new Map<string, string[]>();
	for (const [note, cluster] of membership) {
		if (typeof cluster !== 'string') continue;
		const notes = byCluster.get(cluster) ?? [];
		notes.push(note);
		byCluster.set(cluster, notes);
	}
	const out: NoteCluster[] = [];
	for (const [id, notes] of byCluster) {
		if (notes.length < 2) continue;
		const name = names.get(id);
		out.push({
			id,
			name: typeof name === 'string' ? name.slice(0, MAX_CLUSTER_NAME) : '',
			notes: notes.sort()
		});
	}
	return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The cluster `note` is in (with at least one other note), or undefined. */
export function clusterOf(doc: Y.Doc, note: string): NoteCluster | undefined {
	return readClusters(doc).find((c) => c.notes.includes(note));
}

/**
 * Puts `note` with `onto` (the facilitator dropped one on the other): into `onto`'s cluster when
 * it has one, else `onto` joins `note`'s cluster, else both start a new one. Returns the cluster.
 */
export function clusterNotes(
	doc: Y.Doc,
	note: string,
	onto: string
): { cluster: string } | { problem: ClusterProblem } {
	if (note === onto) return { problem: 'same-note' };
	const { membership } = maps(doc);
	const target = clusterOf(doc, onto)?.id;
	const own = clusterOf(doc, note)?.id;
	const cluster = target ?? own ?? newId();
	doc.transact(() => {
		if (membership.get(note) !== cluster) membership.set(note, cluster);
		if (membership.get(onto) !== cluster) membership.set(onto, cluster);
	}, Origin.local);
	return { cluster };
}

/** Names (or renames) a cluster; an empty name is allowed and reads as unnamed. */
export function nameCluster(doc: Y.Doc, cluster: string, name: string): ClusterProblem | undefined {
	if (!readClusters(doc).some((c) => c.id === cluster)) return 'unknown-cluster';
	const trimmed = name.trim();
	if (trimmed.length > MAX_CLUSTER_NAME) return 'too-long';
	const { names } = maps(doc);
	if (names.get(cluster) === trimmed) return undefined;
	doc.transact(() => names.set(cluster, trimmed), Origin.local);
	return undefined;
}

/** Takes `note` out of its cluster (a cluster of two is then no cluster). */
export function unclusterNote(doc: Y.Doc, note: string): void {
	const { membership } = maps(doc);
	if (!membership.has(note)) return;
	doc.transact(() => membership.delete(note), Origin.local);
}

/**
 * Writes `text` as a pain point or opportunity of `touchpoint`, with `notes` kept as its source,
 * in one transaction (one undo step). An item already in the list is not written twice; the
 * source is still recorded. Refused like any edit of the list (too long, too many items,
 * unknown touchpoint), and with no text or no notes.
 */
export function promoteNotes(
	doc: Y.Doc,
	input: PromoteInput,
	now: number = Date.now()
): { id: string } | { problem: JourneyProblem | ClusterProblem } {
	if (!input.notes.length) return { problem: 'no-notes' };
	const { touchpoints, promotions } = maps(doc);
	const touchpoint = touchpoints.get(input.touchpoint);
	if (!(touchpoint instanceof Y.Map)) return { problem: 'unknown-touchpoint' };
	const text = input.text.trim();
	if (!text) return { problem: 'empty' };
	const current = touchpoint.get(input.field);
	const list = Array.isArray(current)
		? current.filter((item): item is string => typeof item === 'string')
		: [];
	const next = list.includes(text) ? list : [...list, text];
	const problem = checkTouchpointField(input.field, next);
	if (problem) return { problem };
	const id = newId();
	const record: Omit<Promotion, 'id'> = {
		touchpoint: input.touchpoint,
		field: input.field,
		text,
		notes: input.notes.map((n) => ({ id: n.id, text: n.text.slice(0, MAX_NOTE_LENGTH) })),
		...(input.cluster ? { cluster: input.cluster.slice(0, MAX_CLUSTER_NAME) } : {}),
		at: now
	};
	doc.transact(() => {
		if (next !== list) touchpoint.set(input.field, next);
		promotions.set(id, record);
	}, Origin.local);
	return { id };
}

/** Every promotion, oldest first; entries of another shape are skipped. */
export function readPromotions(doc: Y.Doc): Promotion[] {
	const out: Promotion[] = [];
	for (const [id, value] of maps(doc).promotions) {
		if (typeof value !== 'object' || value === null) continue;
		const v = value as Record<string, unknown>;
		if (typeof v.touchpoint !== 'string' || !isPromotionField(v.field)) continue;
		if (typeof v.text !== 'string' || !Array.isArray(v.notes)) continue;
		const notes = v.notes
			.filter(
				(n): n is { id: string; text: string } =>
					typeof n === 'object' &&
					n !== null &&
					typeof (n as { id: unknown }).id === 'string' &&
					typeof (n as { text: unknown }).text === 'string'
			)
			.map((n) => ({ id: n.id, text: n.text.slice(0, MAX_NOTE_LENGTH) }));
		out.push({
			id,
			touchpoint: v.touchpoint,
			field: v.field,
			text: v.text.slice(0, TEXT_LIMITS.listItem),
			notes,
			...(typeof v.cluster === 'string' ? { cluster: v.cluster.slice(0, MAX_CLUSTER_NAME) } : {}),
			at: typeof v.at === 'number' ? v.at : 0
		});
	}
	return out.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
}

/**
 * The notes a list item came from: every promotion of that text into that touchpoint's list
 * (one item may be promoted twice), notes once each. Empty for an item typed by hand.
 */
export function sourcesOf(
	promotions: readonly Promotion[],
	touchpoint: string,
	field: PromotionField,
	text: string
): Array<{ id: string; text: string }> {
	const seen = new Map<string, string>();
	for (const p of promotions) {
		if (p.touchpoint !== touchpoint || p.field !== field || p.text !== text) continue;
		for (const n of p.notes) if (!seen.has(n.id)) seen.set(n.id, n.text);
	}
	return [...seen].map(([id, noteText]) => ({ id, text: noteText }));
}
