/**
 * Actuals per node of the tree (实际采购): spend and spend with our carriers from the bookings of
 * the departments attached to each node and its subtree, per period and over the last twelve
 * months of data — what the tree shows beside the team's typed estimates, and what tiers read
 * where there are bookings. One pass over the bookings.
 */
import { periodDays, periodOf, previousPeriod, type Period } from './periods';
import { isRefund, type Booking } from './rows';

export interface Actual {
	/** CNY, net of refunds. */
	spend: number;
	/** CNY flown with our carriers, net of refunds. */
	ours: number;
	/** Flights (refunds are not). */
	trips: number;
	/** Booking rows, refunds included: whether the node has any data at all. */
	rows: number;
}

export const emptyActual = (): Actual => ({ spend: 0, ours: 0, trips: 0, rows: 0 });

export interface ActualsQuery {
	/** Department name → its node followed by the node's ancestors (see report's `Scope`). */
	departments: Readonly<Record<string, readonly string[]>>;
	ourCarriers: readonly string[];
	/** Periods shown per node, oldest first, contiguous. */
	periods: Period[];
	/** First and last day (days since the epoch) of the window tiers read. */
	window: [number, number];
}

export interface PeriodActual extends Actual {
	/** False for a period that ends before the first booking: no data, not zero. */
	covered: boolean;
}

export interface NodeActuals {
	window: [number, number];
	periods: Period[];
	/** Per node: sums over its subtree, per period (as `periods`) and over the window. */
	subtree: Record<string, { window: Actual; periods: PeriodActual[] }>;
	/** Per node: the window's bookings of departments attached to the node itself. */
	own: Record<string, Actual>;
	/** The window's bookings whose department is attached to no node. */
	unmapped: Actual;
	/** Day of the first booking overall; undefined without bookings. */
	firstDay: number | undefined;
}

function addTo(actual: Actual, booking: Booking, ours: boolean): void {
	actual.spend += booking.fare;
	if (ours) actual.ours += booking.fare;
	if (!isRefund(booking)) actual.trips++;
	actual.rows++;
}

/**
 * The window and periods actuals are read over: the twelve months ending with the month of the
 * last booking, and the quarters ending with the last booking's (four of them).
 */
export function actualsWindow(lastDay: number): { window: [number, number]; periods: Period[] } {
	const lastMonth = periodOf(lastDay, 'month');
	let first = lastMonth;
	for (let i = 0; i < 11; i++) first = previousPeriod(first);
	const periods = [periodOf(lastDay, 'quarter')];
	while (periods.length < 4) periods.unshift(previousPeriod(periods[0]!));
	return { window: [periodDays(first)[0], periodDays(lastMonth)[1]], periods };
}

/** Sums the bookings per node (own and subtree), per period and over the window. */
export function nodeActuals(bookings: Iterable<Booking>, query: ActualsQuery): NodeActuals {
	const ranges = query.periods.map(periodDays);
	const ours = new Set(query.ourCarriers);
	const [windowStart, windowEnd] = query.window;
	const subtree: NodeActuals['subtree'] = {};
	const own: NodeActuals['own'] = {};
	const unmapped = emptyActual();
	let firstDay: number | undefined;
	const first = ranges[0]?.[0] ?? Infinity;
	const last = ranges.at(-1)?.[1] ?? -Infinity;

	for (const booking of bookings) {
		const day = booking.day;
		if (firstDay === undefined || day < firstDay) firstDay = day;
		const inWindow = day >= windowStart && day <= windowEnd;
		const inPeriods = day >= first && day <= last;
		if (!inWindow && !inPeriods) continue;
		const isOurs = ours.has(booking.carrier);
		const path = query.departments[booking.department];
		if (!path?.length) {
			if (inWindow) addTo(unmapped, booking, isOurs);
			continue;
		}
		const index = inPeriods ? ranges.findIndex(([start, end]) => day >= start && day <= end) : -1;
		if (inWindow) addTo((own[path[0]!] ??= emptyActual()), booking, isOurs);
		for (const node of path) {
			const sums = (subtree[node] ??= {
				window: emptyActual(),
				periods: ranges.map(() => ({ ...emptyActual(), covered: true }))
			});
			if (inWindow) addTo(sums.window, booking, isOurs);
			if (index >= 0) addTo(sums.periods[index]!, booking, isOurs);
		}
	}
	// Periods that end before the first booking hold no data: they read as such, never as ¥0.
	for (const sums of Object.values(subtree)) {
		sums.periods.forEach((period, i) => (period.covered = ranges[i]![1] >= (firstDay ?? Infinity)));
	}
	return { window: query.window, periods: query.periods, subtree, own, unmapped, firstDay };
}
