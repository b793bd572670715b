/**
 * Order among siblings (stages of a journey, touchpoints of a stage) as fractional-index strings.
 * Each item stores its own key, so a move is one write to the moved item and two people inserting
 * or moving at once never conflict: both keys survive, and everyone sorts them the same way.
 * Two concurrent inserts at the same spot get the same key; the id breaks the tie, and the next
 * insert between them re-keys the tied items (see {@link placeAt}).
 */
import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';

export interface Ordered {
	id: string;
	/** A fractional-index key (`fractional-indexing`'s default base-62 alphabet). */
	order: string;
}

/** Where to put an item among its siblings: next to one of them, or at either end. */
export type Position = { before: string } | { after: string } | 'first' | 'last';

/** Display order: by key, then by id. Code-unit comparison, the same on every device. */
export function compareOrdered(a: Ordered, b: Ordered): number {
	if (a.order !== b.order) return a.order < b.order ? -1 : 1;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * True when `value` is a key `fractional-indexing` accepts. Keys that are not (written by a
 * buggy or future client) would make every later insert next to them throw, so readers skip
 * their items instead.
 */
export function isOrderKey(value: unknown): value is string {
	if (typeof value !== 'string' || value === '') return false;
	try {
		generateKeyBetween(value, null);
		return true;
	} catch {
		// reason: the library validates by throwing; an invalid key is an expected input here.
		return false;
	}
}

/** `n` ascending keys after `last` (from the start when null): seeding, appending a batch. */
export function keysAfter(last: string | null, n: number): string[] {
	return generateNKeysBetween(last, null, n);
}

/**
 * The keys to write so that `id` lands at `position` among `siblings` (which may include `id`
 * itself; it is ignored). Usually one entry, for `id`. When the two neighbours share a key (two
 * concurrent inserts), no key fits between them, so the tied items after the gap are re-keyed
 * in the same write. A neighbour that no longer exists (removed concurrently) means the end.
 */
export function placeAt(
	siblings: readonly Ordered[],
	id: string,
	position: Position
): Map<string, string> {
	const sorted = siblings.filter((s) => s.id !== id).sort(compareOrdered);
	let index = sorted.length;
	if (position === 'first') index = 0;
	else if (position !== 'last') {
		const neighbour = 'before' in position ? position.before : position.after;
		const found = sorted.findIndex((s) => s.id === neighbour);
		if (found >= 0) index = 'before' in position ? found : found + 1;
	}
	const low = index > 0 ? sorted[index - 1]!.order : null;
	let end = index;
	while (end < sorted.length && sorted[end]!.order === low) end++;
	const high = end < sorted.length ? sorted[end]!.order : null;
	const keys = generateNKeysBetween(low, high, 1 + end - index);
	const writes = new Map<string, string>([[id, keys[0]!]]);
	for (let i = index; i < end; i++) writes.set(sorted[i]!.id, keys[1 + i - index]!);
	return writes;
}
