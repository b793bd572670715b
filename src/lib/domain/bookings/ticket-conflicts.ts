/**
 * Which rows of an import the account already holds, and which reuse a ticket number with other
 * data (another date, route, fare or department): those are conflicts the person resolves — keep
 * what is there, replace it, or keep both as an exchange (改签). Nothing vanishes silently.
 */
import { dedupeKey, type Booking } from './rows';

/** Where a stored booking sits: its import and its position in that import's block. */
export interface StoredAt {
	importId: string;
	index: number;
}

export const ConflictChoice = { keep: 'keep', replace: 'replace', both: 'both' } as const;
export type ConflictChoice = (typeof ConflictChoice)[keyof typeof ConflictChoice];

/** What may differ between two versions of a ticket, in the words of the import screen. */
export type ConflictField =
	'date' | 'route' | 'cabin' | 'fare' | 'carrier' | 'department' | 'traveller';

export type LinedBooking = Booking & { line: number };

export interface TicketConflict {
	ticket: string;
	/** The incoming row and its line in the file. */
	line: number;
	incoming: Booking;
	/** The version it clashes with: the first one the account or the file holds. */
	existing: Booking;
	/** Set when `existing` is stored in the account. */
	stored?: StoredAt;
	/** Set when `existing` is an earlier line of the same file. */
	earlierLine?: number;
	differs: ConflictField[];
}

export interface ImportPlan {
	/** Rows neither held nor in conflict, in file order. */
	fresh: LinedBooking[];
	/** Rows identical to a booking held (or to an earlier row of the file). */
	duplicates: number;
	conflicts: TicketConflict[];
}

/** Fields that differ between two bookings of one ticket; empty when they are the same booking. */
export function differingFields(a: Booking, b: Booking): ConflictField[] {
	const differs: ConflictField[] = [];
	if (a.day !== b.day) differs.push('date');
	if (a.origin !== b.origin || a.destination !== b.destination) differs.push('route');
	if (a.cabin !== b.cabin) differs.push('cabin');
	if (Math.round(a.fare * 100) !== Math.round(b.fare * 100)) differs.push('fare');
	if (a.carrier !== b.carrier) differs.push('carrier');
	if (a.department !== b.department) differs.push('department');
	if (a.traveller !== b.traveller) differs.push('traveller');
	return differs;
}

interface Version {
	booking: Booking;
	stored?: StoredAt;
	line?: number;
}

/**
 * Sorts `incoming` against what the account holds. A row whose ticket (or, without a ticket, all
 * of whose fields) matches a held version exactly is a duplicate; a row whose ticket is held with
 * other data is a conflict with the first version held. Refunds have their own key (see
 * `dedupeKey`), so a refund row never conflicts with its ticket.
 */
export function planImport(
	stored: Iterable<[StoredAt, Booking]>,
	incoming: readonly LinedBooking[]
): ImportPlan {
	const versions = new Map<string, Version[]>();
	const remember = (key: string, version: Version) => {
		const list = versions.get(key);
		if (list) list.push(version);
		else versions.set(key, [version]);
	};
	for (const [at, booking] of stored) remember(dedupeKey(booking), { booking, stored: at });

	const fresh: LinedBooking[] = [];
	const conflicts: TicketConflict[] = [];
	let duplicates = 0;
	for (const row of incoming) {
		const key = dedupeKey(row);
		const held = versions.get(key);
		const { line, ...booking } = row;
		if (!held) {
			fresh.push(row);
			remember(key, { booking, line });
			continue;
		}
		if (held.some((version) => differingFields(version.booking, booking).length === 0)) {
			duplicates++;
			continue;
		}
		// Without a ticket the key is every field, so only ticketed rows reach here.
		const first = held[0]!;
		conflicts.push({
			ticket: booking.ticket,
			line,
			incoming: booking,
			existing: first.booking,
			...(first.stored ? { stored: first.stored } : { earlierLine: first.line }),
			differs: differingFields(first.booking, booking)
		});
		// An exact repeat of this row later in the file is a duplicate, whatever is chosen for it.
		remember(key, { booking, line });
	}
	return { fresh, duplicates, conflicts };
}

export interface ResolvedImport {
	/** Bookings to store, in file order; exchanges marked. */
	add: Booking[];
	/** Stored bookings that incoming rows replace. */
	remove: StoredAt[];
	replaced: number;
	exchanges: number;
	/** Conflicting rows left out because the person kept what was there. */
	kept: number;
}

/**
 * Applies the person's choice per conflicting line (`fallback` for lines without one): keep drops
 * the incoming row; replace stores it instead of the version it clashes with (a stored booking or
 * an earlier row of the file); both stores it too, marked as an exchange.
 */
export function resolveImport(
	plan: ImportPlan,
	choices: ReadonlyMap<number, ConflictChoice>,
	fallback: ConflictChoice = ConflictChoice.keep
): ResolvedImport {
	const rows = new Map<number, Booking>(plan.fresh.map(({ line, ...booking }) => [line, booking]));
	const remove: StoredAt[] = [];
	const removed = new Set<string>();
	let replaced = 0;
	let exchanges = 0;
	let kept = 0;
	for (const conflict of plan.conflicts) {
		const choice = choices.get(conflict.line) ?? fallback;
		if (choice === ConflictChoice.keep) {
			kept++;
			continue;
		}
		if (choice === ConflictChoice.both) {
			rows.set(conflict.line, { ...conflict.incoming, exchange: true });
			exchanges++;
			continue;
		}
		rows.set(conflict.line, conflict.incoming);
		replaced++;
		if (conflict.stored) {
			const key = `${conflict.stored.importId}#${conflict.stored.index}`;
			if (!removed.has(key)) {
				removed.add(key);
				remove.push(conflict.stored);
			}
		} else if (conflict.earlierLine !== undefined) rows.delete(conflict.earlierLine);
	}
	const add = [...rows].sort(([a], [b]) => a - b).map(([, booking]) => booking);
	return { add, remove, replaced, exchanges, kept };
}
