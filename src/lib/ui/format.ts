/** Locale-aware formatting for what people read: dates the way each locale writes them. */

/** "14:02" today, "11月26日" / "Nov 26" this year, else a full date. `at`: ms since the epoch. */
export function formatWhen(at: number, locale: string, now = Date.now()): string {
	const date = new Date(at);
	const today = new Date(now);
	if (date.toDateString() === today.toDateString()) {
		return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(date);
	}
	const sameYear = date.getFullYear() === today.getFullYear();
	return new Intl.DateTimeFormat(locale, {
		year: sameYear ? undefined : 'numeric',
		month: 'short',
		day: 'numeric'
	}).format(date);
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Below this, compact notation writes the whole amount: 万 in Chinese, K in English. */
const compactFrom = (locale: string) => (locale.startsWith('zh') ? 10_000 : 1_000);

/**
 * Money the way readers count: `¥3400万` / `¥1.2亿` in zh-CN, `CN¥34M` in en; one decimal at
 * most on the compact units, whole yuan below them (`¥5657`, never `¥5656.8` beside `¥3.7万`).
 */
export function formatMoney(value: number, locale: string): string {
	const whole = Math.abs(value) < compactFrom(locale);
	const key = `${locale}|${whole}`;
	let format = moneyFormats.get(key);
	if (!format) {
		format = new Intl.NumberFormat(locale, {
			style: 'currency',
			currency: 'CNY',
			notation: 'compact',
			minimumFractionDigits: 0,
			maximumFractionDigits: whole ? 0 : 1
		});
		moneyFormats.set(key, format);
	}
	// A true minus sign: Intl writes the hyphen-minus, which reads as a dash and breaks lines.
	return format.format(value).replace('-', '−');
}

/**
 * One formatter per locale and kind, made once: building an Intl.NumberFormat costs far more than
 * using one, and an outline row formats its share and spend on every render.
 */
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(
	locale: string,
	kind: string,
	options: Intl.NumberFormatOptions
): Intl.NumberFormat {
	const key = `${locale}|${kind}`;
	let format = numberFormats.get(key);
	if (!format) {
		format = new Intl.NumberFormat(locale, options);
		numberFormats.set(key, format);
	}
	return format;
}

/** A share in [0, 1] as a percentage with one decimal; a dash when there is none. */
export function formatShare(share: number | undefined, locale: string): string {
	if (share === undefined) return '—';
	return numberFormat(locale, 'share', {
		style: 'percent',
		minimumFractionDigits: 1,
		maximumFractionDigits: 1
	}).format(share);
}

/** A whole number with the locale's grouping. */
export function formatCount(value: number, locale: string): string {
	return numberFormat(locale, 'count', {}).format(value);
}
