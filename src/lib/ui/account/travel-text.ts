/** How travel figures read, the same in the routes tab, the report and the settings. */
import type { Cabin } from '$lib/domain/bookings/rows';
import { m } from '$lib/paraglide/messages';

/** Cabins in the order people list them, with their names. */
export const CABINS: ReadonlyArray<readonly [Cabin, () => string]> = [
	['F', m.cabin_first],
	['C', m.cabin_business],
	['W', m.cabin_premium],
	['Y', m.cabin_economy]
];

export const cabinName = (cabin: Cabin): string =>
	(CABINS.find(([c]) => c === cabin)?.[1] ?? m.cabin_economy)();

/** CNY per km to two decimals, with the locale's currency sign (¥ / CN¥); a dash when unknown. */
export const perKmText = (value: number | undefined, locale: string): string =>
	value === undefined
		? '—'
		: new Intl.NumberFormat(locale, {
				style: 'currency',
				currency: 'CNY',
				minimumFractionDigits: 2,
				maximumFractionDigits: 2
			})
				.format(value)
				.replace('-', '−');

/** +3.2% / −1.5% / ±0% from a ratio (0.032); undefined when there is nothing to compare. */
export function signedPercent(value: number | undefined): string | undefined {
	if (value === undefined || !Number.isFinite(value)) return undefined;
	const percent = Math.round(value * 1000) / 10;
	return `${percent > 0 ? '+' : percent < 0 ? '−' : '±'}${Math.abs(percent)}%`;
}
