/**
 * Plan actions as work: which are overdue, and the due date an action raised by a spend alert
 * gets, so an alert becomes something someone owns by a date rather than a line in a log.
 */

/** Days an alert's action is given before it falls due. */
export const ALERT_ACTION_DAYS = 14;

const DAY_MS = 86_400_000;

/** The ISO date `days` after `iso` (both yyyy-mm-dd, UTC). */
export function addDays(iso: string, days: number): string {
	return new Date(Date.parse(iso) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The ISO date (UTC) of `at`, ms since the epoch. */
export const isoDate = (at: number): string => new Date(at).toISOString().slice(0, 10);

/** Days past its due date (≥ 1) of an action not done; 0 when it is not overdue. */
export function daysOverdue(action: { due: string; status: string }, today: string): number {
	if (!action.due || action.status === 'done' || action.due >= today) return 0;
	return Math.round((Date.parse(today) - Date.parse(action.due)) / DAY_MS);
}

export const isOverdue = (action: { due: string; status: string }, today: string): boolean =>
	daysOverdue(action, today) > 0;
