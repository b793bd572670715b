/**
 * Calendar quarters in a named time zone, for the versions an account plan takes at each quarter's
 * end. A quarter's boundary is local midnight on 1 January, April, July or October in that zone
 * (the customers' business calendar), not UTC midnight.
 */

export interface Quarter {
	year: number;
	/** 1–4. */
	quarter: number;
}

/** `2026-Q3`: the form stored in a quarter-end version's record. */
export function quarterKey({ year, quarter }: Quarter): string {
	return `${year}-Q${quarter}`;
}

/** The quarter a {@link quarterKey} names, or undefined for anything else. */
export function parseQuarterKey(key: string): Quarter | undefined {
	const match = /^(\d{4})-Q([1-4])$/.exec(key);
	return match ? { year: Number(match[1]), quarter: Number(match[2]) } : undefined;
}

export function previousQuarter({ year, quarter }: Quarter): Quarter {
	return quarter === 1 ? { year: year - 1, quarter: 4 } : { year, quarter: quarter - 1 };
}

export function nextQuarter({ year, quarter }: Quarter): Quarter {
	return quarter === 4 ? { year: year + 1, quarter: 1 } : { year, quarter: quarter + 1 };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Wall-clock fields of instant `ms` in `timeZone`. */
function wallClock(ms: number, timeZone: string) {
	let format = formatters.get(timeZone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric'
		});
		formatters.set(timeZone, format);
	}
	const fields: Record<string, number> = {};
	for (const part of format.formatToParts(ms)) {
		if (part.type !== 'literal') fields[part.type] = Number(part.value);
	}
	return fields as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
}

/** Milliseconds `timeZone` is ahead of UTC at instant `ms`. */
function offsetAt(ms: number, timeZone: string): number {
	const w = wallClock(ms, timeZone);
	const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
	return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The quarter instant `ms` (milliseconds since the epoch) falls in, in `timeZone`. */
export function quarterAt(ms: number, timeZone: string): Quarter {
	const { year, month } = wallClock(ms, timeZone);
	return { year, quarter: Math.floor((month - 1) / 3) + 1 };
}

/** The instant (milliseconds since the epoch) a quarter starts in `timeZone`. */
export function quarterStart({ year, quarter }: Quarter, timeZone: string): number {
	const local = Date.UTC(year, (quarter - 1) * 3, 1);
	// The offset at the guess, then at the corrected instant (they differ only across a DST change).
	const guess = local - offsetAt(local, timeZone);
	return local - offsetAt(guess, timeZone);
}
