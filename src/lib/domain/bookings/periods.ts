/**
 * Reporting periods for travel reports (差旅报表): months, quarters and years, each with the one
 * before it, so a report can say how spend changed.
 */

export type PeriodKind = 'month' | 'quarter' | 'year';

export interface Period {
	kind: PeriodKind;
	year: number;
	/** 1–12 for months, 1–4 for quarters, 1 for years. */
	index: number;
}

const DAY_MS = 86_400_000;

export function periodOf(day: number, kind: PeriodKind): Period {
	const date = new Date(day * DAY_MS);
	const year = date.getUTCFullYear();
	const month = date.getUTCMonth() + 1;
	if (kind === 'year') return { kind, year, index: 1 };
	if (kind === 'quarter') return { kind, year, index: Math.ceil(month / 3) };
	return { kind, year, index: month };
}

export function previousPeriod(period: Period): Period {
	const perYear = period.kind === 'month' ? 12 : period.kind === 'quarter' ? 4 : 1;
	return period.index > 1
		? { ...period, index: period.index - 1 }
		: { ...period, year: period.year - 1, index: perYear };
}

/** A stable key: `2026`, `2026-Q1`, `2026-03`. */
export function periodKey(period: Period): string {
	if (period.kind === 'year') return String(period.year);
	if (period.kind === 'quarter') return `${period.year}-Q${period.index}`;
	return `${period.year}-${String(period.index).padStart(2, '0')}`;
}

/** First and last day (days since the epoch, inclusive) of the period. */
export function periodDays(period: Period): [number, number] {
	const firstMonth =
		period.kind === 'year'
			? 0
			: period.kind === 'quarter'
				? (period.index - 1) * 3
				: period.index - 1;
	const months = period.kind === 'year' ? 12 : period.kind === 'quarter' ? 3 : 1;
	const start = Date.UTC(period.year, firstMonth, 1) / DAY_MS;
	const end = Date.UTC(period.year, firstMonth + months, 1) / DAY_MS - 1;
	return [start, end];
}

/** Relative change from `before` to `now`; undefined when there was nothing before. */
export function change(now: number, before: number): number | undefined {
	return before > 0 ? (now - before) / before : undefined;
}

/** Reads a key written by {@link periodKey} back. */
export function parsePeriodKey(key: string): Period | undefined {
	const match = /^(\d{4})(?:-Q([1-4])|-(\d{2}))?$/.exec(key);
	if (!match) return undefined;
	const year = Number(match[1]);
	if (match[2]) return { kind: 'quarter', year, index: Number(match[2]) };
	if (match[3]) {
		const month = Number(match[3]);
		return month >= 1 && month <= 12 ? { kind: 'month', year, index: month } : undefined;
	}
	return { kind: 'year', year, index: 1 };
}

/**
 * The periods of `kind` that hold at least one booking, newest first, from counts per month
 * (`2026-03` → n).
 */
export function periodsWithData(
	months: Readonly<Record<string, number>>,
	kind: PeriodKind
): Period[] {
	const seen = new Map<string, Period>();
	for (const [key, count] of Object.entries(months)) {
		const month = parsePeriodKey(key);
		if (!month || month.kind !== 'month' || count <= 0) continue;
		const period: Period =
			kind === 'month'
				? month
				: kind === 'quarter'
					? { kind, year: month.year, index: Math.ceil(month.index / 3) }
					: { kind, year: month.year, index: 1 };
		seen.set(periodKey(period), period);
	}
	return [...seen.values()].sort((a, b) => b.year - a.year || b.index - a.index);
}
