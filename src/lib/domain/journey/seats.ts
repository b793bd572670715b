/**
 * Workshop seats (座位): one per device that joined a board. A seat is what notes and votes are
 * counted by, so the same phone joining twice gets the same seat — the same participant id and
 * the vote allowance it has already used — and only a new device gets a new one. The facilitator
 * may remove a seat; its token stops working and its device cannot take it back.
 */
// Extensions spelled out: the server imports this file.

/** Longest display name kept, in UTF-16 code units (trimmed first). */
export const MAX_SEAT_NAME_LENGTH = 40;

/** A device key: 16–64 characters of URL-safe base64, made at random on the phone. */
const DEVICE_KEY_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/** True when `value` is a well-formed device key. */
export function isDeviceKey(value: unknown): value is string {
	return typeof value === 'string' && DEVICE_KEY_PATTERN.test(value);
}

/** The display name a join asked for: trimmed, at most {@link MAX_SEAT_NAME_LENGTH}; '' for none. */
export function seatName(value: unknown): string {
	return typeof value === 'string' ? value.trim().slice(0, MAX_SEAT_NAME_LENGTH).trim() : '';
}

/** A seat as the server keeps it (in the board's server-only document). */
export interface Seat {
	/** The participant id notes and ballots are counted by; random, says nothing of the device. */
	participant: string;
	/** Display name given at the last join (notes carry this, never what a request claims). */
	name: string;
	/** Epoch ms of the first join. */
	joinedAt: number;
	/** Epoch ms when the facilitator removed it; the seat's token is refused from then on. */
	removedAt?: number;
}

/** What the facilitator sees of a seat. */
export interface SeatSummary {
	participant: string;
	name: string;
	joinedAt: number;
	/** Notes it wrote that carry its id (anonymous ones do not), published or held. */
	notes: number;
	/** Ballots it cast, all rounds. */
	votes: number;
	/** Ballots it cast in the workshop's current round ("k of n voted" counts seats with any). */
	roundVotes: number;
}

/**
 * "k of n voted": seats still taken, and how many of them cast a vote in the current round.
 * Counts, never names.
 */
export function votedCount(seats: readonly Pick<SeatSummary, 'roundVotes'>[]): {
	voted: number;
	total: number;
} {
	return { voted: seats.filter((s) => s.roundVotes > 0).length, total: seats.length };
}
