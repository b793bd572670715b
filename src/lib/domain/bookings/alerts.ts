/**
 * Spend alerts (预警): a part of the account whose spend in a period fell by more than a set share
 * below the period before. The source material's advice is to find out why — staff, price or
 * service — so an alert becomes a "to investigate" entry in the plan's feedback log.
 */
import { periodDays, previousPeriod, type Period } from './periods';
import { isRefund, type Booking } from './rows';

/** Alert when spend falls by more than this share (0..1) from one period to the next. */
export const DEFAULT_ALERT_DROP = 0.3;
/**
 * Too few trips before to call a fall a trend: a branch with a dozen trips a quarter swings by a
 * third from chance alone, and an alert nobody needs to chase teaches people to ignore alerts.
 */
export const MIN_TRIPS_FOR_ALERT = 20;

export interface SpendAlert {
	node: string;
	period: Period;
	/** CNY in the period and in the one before it. */
	spend: number;
	before: number;
	/** The fall as a share of `before`, in (threshold, 1]. */
	drop: number;
}

/**
 * Nodes whose subtree's spend in `period` fell by more than `threshold` below the previous period.
 * `departments` maps a department name to its node followed by the node's ancestors, so a branch's
 * bookings count for the branch, its subsidiary and the group. Largest falls first.
 */
export function spendAlerts(
	bookings: Iterable<Booking>,
	departments: Readonly<Record<string, readonly string[]>>,
	period: Period,
	threshold = DEFAULT_ALERT_DROP,
	minTrips = MIN_TRIPS_FOR_ALERT
): SpendAlert[] {
	const [nowStart, nowEnd] = periodDays(period);
	const [beforeStart, beforeEnd] = periodDays(previousPeriod(period));
	const totals = new Map<string, { spend: number; before: number; beforeTrips: number }>();
	for (const booking of bookings) {
		const isNow = booking.day >= nowStart && booking.day <= nowEnd;
		const isBefore = booking.day >= beforeStart && booking.day <= beforeEnd;
		if (!isNow && !isBefore) continue;
		const path = departments[booking.department];
		if (!path) continue;
		for (const node of path) {
			let total = totals.get(node);
			if (!total) totals.set(node, (total = { spend: 0, before: 0, beforeTrips: 0 }));
			if (isNow) total.spend += booking.fare;
			else {
				total.before += booking.fare;
				if (!isRefund(booking)) total.beforeTrips++;
			}
		}
	}
	const alerts: SpendAlert[] = [];
	for (const [node, { spend, before, beforeTrips }] of totals) {
		if (before <= 0 || beforeTrips < minTrips) continue;
		const drop = (before - spend) / before;
		if (drop > threshold) alerts.push({ node, period, spend, before, drop });
	}
	return alerts.sort((a, b) => b.drop - a.drop || (a.node < b.node ? -1 : 1));
}
