/**
 * Checks every imported row before anything is stored and turns the good ones into bookings.
 * Problems carry the file's line number and a reason the UI translates.
 */
import type { ColumnMapping } from './columns';

export const Cabin = { first: 'F', business: 'C', premium: 'W', economy: 'Y' } as const;
export type Cabin = (typeof Cabin)[keyof typeof Cabin];

export interface Booking {
	/** Days since 1970-01-01 (UTC). */
	day: number;
	/** IATA airport codes. */
	origin: string;
	destination: string;
	cabin: Cabin;
	/** CNY paid; negative for a refund (the money came back), see {@link isRefund}. */
	fare: number;
	carrier: string;
	ticket: string;
	department: string;
	traveller: string;
	/**
	 * Kept beside another version of the same ticket as its exchange (改签), by the person's
	 * choice at import; absent for ordinary tickets and refunds.
	 */
	exchange?: true;
}

/**
 * A refund row: agency exports write a refund (退票) as a row of the ticket with a negative
 * amount. It lowers spend and is no flight: reports count it in spend, never in trips, km or routes.
 */
export const isRefund = (booking: Pick<Booking, 'fare'>): boolean => booking.fare < 0;

export type RowProblemReason =
	'missing-field' | 'bad-date' | 'unknown-airport' | 'bad-fare' | 'same-airport';

export interface RowProblem {
	line: number;
	reason: RowProblemReason;
	field: string;
	value: string;
}

/** Finds the IATA code for what a file wrote: a code, a city or an airport name. */
export type AirportResolver = (text: string) => string | undefined;

const DAY_MS = 86_400_000;
/** Excel counts days from 1899-12-30 (its 1900 leap-year bug folded in). */
const EXCEL_EPOCH_DAY = Date.UTC(1899, 11, 30) / DAY_MS;

/**
 * Reads a date as exports write it: 2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日, an optional
 * time after it, or an Excel serial number (45000 → 2023-03-15). Returns days since the epoch.
 */
export function parseDay(text: string): number | undefined {
	const value = text.trim();
	if (/^\d{5}(\.\d+)?$/.test(value)) {
		const serial = Math.floor(Number(value));
		return serial > 0 ? EXCEL_EPOCH_DAY + serial : undefined;
	}
	const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$/.exec(
		value
	);
	if (!match) return undefined;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const time = Date.UTC(year, month - 1, day);
	const check = new Date(time);
	if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
	return time / DAY_MS;
}

/** Booking-class letters as airlines use them, and words in either language. */
const CABIN_CODES: Record<string, Cabin> = {
	F: Cabin.first,
	A: Cabin.first,
	P: Cabin.first,
	J: Cabin.business,
	C: Cabin.business,
	D: Cabin.business,
	Z: Cabin.business,
	I: Cabin.business,
	R: Cabin.business,
	W: Cabin.premium
};
const CABIN_WORDS: Array<[RegExp, Cabin]> = [
	[/^(超级经济|高端经济|premium)/i, Cabin.premium],
	[/^(头等|first)/i, Cabin.first],
	[/^(公务|商务|business)/i, Cabin.business]
];

/** A cabin from a class letter or a word; economy when it says nothing else. */
export function parseCabin(text: string): Cabin {
	const value = text.trim();
	const code = CABIN_CODES[value.toUpperCase()];
	if (code) return code;
	for (const [pattern, cabin] of CABIN_WORDS) if (pattern.test(value)) return cabin;
	return Cabin.economy;
}

export interface RowCheck {
	bookings: Array<Booking & { line: number }>;
	problems: RowProblem[];
}

/** Validates `records` (header excluded) under `mapping`. */
export function checkRows(
	records: ReadonlyArray<{ line: number; fields: readonly string[] }>,
	mapping: ColumnMapping,
	resolveAirport: AirportResolver
): RowCheck {
	const bookings: RowCheck['bookings'] = [];
	const problems: RowProblem[] = [];
	for (const { line, fields } of records) {
		const read = (field: keyof ColumnMapping) => {
			const index = mapping[field];
			return index === undefined ? '' : (fields[index] ?? '').trim();
		};
		const problem = (reason: RowProblemReason, field: string, value: string) =>
			problems.push({ line, reason, field, value });
		const before = problems.length;
		for (const field of ['date', 'origin', 'destination', 'fare'] as const) {
			if (!read(field)) problem('missing-field', field, '');
		}
		if (problems.length > before) continue;
		const day = parseDay(read('date'));
		if (day === undefined) problem('bad-date', 'date', read('date'));
		const origin = resolveAirport(read('origin'));
		if (!origin) problem('unknown-airport', 'origin', read('origin'));
		const destination = resolveAirport(read('destination'));
		if (!destination) problem('unknown-airport', 'destination', read('destination'));
		if (origin && destination && origin === destination) {
			problem('same-airport', 'destination', read('destination'));
		}
		// Exports write a refund as -120, −120, ¥-120 or -¥120.
		const fareText = read('fare')
			.replace(/[¥￥,，\s]/g, '')
			.replace(/^[−－]/, '-');
		const fare = Number(fareText);
		// A negative fare is a refund, not a mistake: kept, and flagged by `isRefund`.
		if (!Number.isFinite(fare) || fareText === '') problem('bad-fare', 'fare', read('fare'));
		if (problems.length > before) continue;
		bookings.push({
			line,
			day: day!,
			origin: origin!,
			destination: destination!,
			cabin: parseCabin(read('cabin')),
			fare,
			carrier: read('carrier').toUpperCase(),
			ticket: read('ticket').replace(/\s|-/g, ''),
			department: read('department'),
			traveller: read('traveller')
		});
	}
	return { bookings, problems };
}

/**
 * The key that makes re-importing a file add nothing: the ticket number when there is one (a
 * refund of the ticket has its own key, so it never reads as the ticket again), else every field
 * of the booking.
 */
export function dedupeKey(booking: Booking): string {
	if (booking.ticket)
		return isRefund(booking) ? `t:${booking.ticket}:refund` : `t:${booking.ticket}`;
	const { day, origin, destination, cabin, fare, carrier, department, traveller } = booking;
	return `r:${[day, origin, destination, cabin, fare, carrier, department, traveller].join('|')}`;
}
