/**
 * Workshop seats in the board's server-only `pending` document (see `model/journey-board`): no
 * token opens it, so only the server reads and writes who sits where.
 *
 * Layout: pending `seats` Y.Map<seatKey, Seat>, where the key is a hash of the board and the
 * device's key (computed by the server; the device key itself is never stored). Values are plain
 * JSON, replaced whole.
 */
import type * as Y from 'yjs';
// Extensions spelled out: the server imports this file.
import type { Seat } from '../domain/journey/seats.ts';

const seatsOf = (pending: Y.Doc) => pending.getMap<unknown>('seats');

function readSeat(value: unknown): Seat | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const v = value as Record<string, unknown>;
	if (typeof v.participant !== 'string' || typeof v.name !== 'string') return undefined;
	return {
		participant: v.participant,
		name: v.name,
		joinedAt: typeof v.joinedAt === 'number' ? v.joinedAt : 0,
		...(typeof v.removedAt === 'number' ? { removedAt: v.removedAt } : {})
	};
}

/** The seat kept under `seatKey`, removed or not. */
export function seatAt(pending: Y.Doc, seatKey: string): Seat | undefined {
	return readSeat(seatsOf(pending).get(seatKey));
}

/** Every seat with its key, in the order people joined. */
export function allSeats(pending: Y.Doc): { key: string; seat: Seat }[] {
	const out: { key: string; seat: Seat }[] = [];
	for (const [key, value] of seatsOf(pending)) {
		const seat = readSeat(value);
		if (seat) out.push({ key, seat });
	}
	return out.sort((a, b) => a.seat.joinedAt - b.seat.joinedAt || (a.key < b.key ? -1 : 1));
}

/** The seat of participant `participant`, with its key; undefined for an id nobody holds. */
export function seatOf(
	pending: Y.Doc,
	participant: string
): { key: string; seat: Seat } | undefined {
	return allSeats(pending).find((entry) => entry.seat.participant === participant);
}

/** Writes (or replaces) the seat under `seatKey`. */
export function putSeat(pending: Y.Doc, seatKey: string, seat: Seat): void {
	seatsOf(pending).set(seatKey, { ...seat });
}
