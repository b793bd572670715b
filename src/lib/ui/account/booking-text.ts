/** How single bookings read on the import screen. */

/** 2026-03-05 from days since the epoch. */
export const isoDay = (day: number): string =>
	new Date(day * 86_400_000).toISOString().slice(0, 10);

/** A fare in full with the locale's grouping and a true minus for refunds: 3,600 / −1,200.5. */
export const formatFare = (fare: number, locale: string): string =>
	fare.toLocaleString(locale, { maximumFractionDigits: 2 }).replace('-', '−');

/** Excel's column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
	let letters = '';
	for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
		letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
	}
	return letters;
}
