/** A reporting period as people read it: 2026年第2季度 / Q2 2026, 2026年3月 / Mar 2026. */
import type { Period } from '$lib/domain/bookings/periods';
import { m } from '$lib/paraglide/messages';

export function periodLabel(period: Period, locale: string): string {
	if (period.kind === 'year') return m.period_year({ year: period.year });
	if (period.kind === 'quarter')
		return m.period_quarter({ year: period.year, quarter: period.index });
	return new Intl.DateTimeFormat(locale, {
		year: 'numeric',
		month: 'short',
		timeZone: 'UTC'
	}).format(Date.UTC(period.year, period.index - 1, 1));
}

/** Short labels for chart axes: Q2 ’26, 3月. */
export function periodShortLabel(period: Period, locale: string): string {
	if (period.kind === 'year') return String(period.year);
	if (period.kind === 'quarter') {
		return m.period_quarter_short({ year: String(period.year).slice(2), quarter: period.index });
	}
	return new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' }).format(
		Date.UTC(period.year, period.index - 1, 1)
	);
}
