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
