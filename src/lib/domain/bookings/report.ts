/**
 * Travel reports (差旅报表) for a subtree of the account and one month, quarter or year: spend,
 * trips, travellers, destinations, price per kilometre, savings against the benchmark and our
 * share, each beside the period before; spend over the periods leading up to it; the routes of
 * the period with their Pareto set. One pass over the bookings, so a yearly report over 100,000
 * bookings costs tens of milliseconds.
 */
import { change, periodDays, periodKey, periodOf, previousPeriod, type Period } from './periods';
import {
	addToCabin,
	paretoSet,
	perKm,
	RouteTally,
	savedAgainst,
	type BenchmarkTable,
	type CabinStat,
	type RouteStat
} from './routes';
import { isRefund, type Booking, type Cabin } from './rows';

/** Where bookings fly: an airport's city and the distance between two airports. */
export interface Places {
	/** The city an airport serves, as a code shared by the city's airports. */
	city(iata: string): string;
	/** Great-circle km; undefined when an airport is unknown. */
	distance(a: string, b: string): number | undefined;
}

/** Which bookings belong to which part of the tree. */
export interface Scope {
	/**
	 * Each department or branch name in the bookings → the tree node it is attached to, followed
	 * by that node's ancestors up to the account's root. Unattached names are absent.
	 */
	departments: Readonly<Record<string, readonly string[]>>;
	/** The node whose subtree is reported; null for the whole account (attached or not). */
	node: string | null;
}

export interface ReportQuery extends Scope {
	period: Period;
	/** How many periods the spend-over-time series holds, ending with `period`. */
	history: number;
	ourCarriers: readonly string[];
	benchmark: BenchmarkTable;
	/** Whether PEK→SHA and SHA→PEK are one route. */
	mergeDirections: boolean;
	/** How many destinations to list. */
	topDestinations: number;
}

export interface Figures {
	/** Net of refunds: what the account paid. */
	spend: number;
	/** Flights: refund rows are not counted. */
	trips: number;
	/** Refund rows, and the CNY they gave back (a positive amount, already netted from spend). */
	refunds: number;
	refunded: number;
	/** Distinct travellers (named ones; rows without a name are not counted). */
	travellers: number;
	/** Kilometres flown over the trips with a known distance. */
	km: number;
	/** CNY per km over the trips with a known distance. */
	pricePerKm: number | undefined;
	/** Σ (benchmark − paid per km) × km, over trips with a distance and a benchmark for their cabin. */
	saved: number;
	/** Spend flown with our carriers, and its share of all spend (0..1). */
	oursSpend: number;
	share: number;
}

export interface FigureChanges {
	spend: number | undefined;
	trips: number | undefined;
	travellers: number | undefined;
	pricePerKm: number | undefined;
	/** Difference in share points (0.05 = five points more), not a relative change. */
	share: number | undefined;
}

export interface CabinLine extends CabinStat {
	cabin: Cabin;
	pricePerKm: number | undefined;
	benchmark: number | undefined;
	/** See {@link savedAgainst}: 0 without a benchmark. */
	saved: number;
}

/** A cabin on one route, beside what the cabin costs per km across the report's scope. */
export interface RouteCabinLine extends CabinLine {
	average: number | undefined;
}

/** A route of the report, with what the report's benchmark and averages say about it. */
export interface ReportRoute extends RouteStat {
	/** Savings against the benchmark over its cabins that have one and a known distance. */
	saved: number | undefined;
	/**
	 * What it paid per km against what the same cabins cost on average across the scope, as a
	 * ratio less one (0.1 = 10% dearer); undefined without a known distance.
	 */
	vsAverage: number | undefined;
	cabinLines: RouteCabinLine[];
}

export interface Destination {
	/** City code (see {@link Places.city}). */
	city: string;
	trips: number;
	spend: number;
}

export interface TravelReport {
	period: Period;
	previous: Period;
	now: Figures;
	before: Figures;
	/** Relative change from the previous period; undefined when there was nothing before. */
	changes: FigureChanges;
	/**
	 * Spend and trips per period, oldest first, ending with the report's period. A period that
	 * ends before the scope's first booking is not `covered`: it has no data, which is not ¥0.
	 */
	series: Array<{ key: string; period: Period; spend: number; trips: number; covered: boolean }>;
	destinations: Destination[];
	/** The period's routes, ranked by spend. */
	routes: ReportRoute[];
	/** The first `paretoCount` routes carry 80% of the period's spend. */
	paretoCount: number;
	cabins: CabinLine[];
	/** Trips per named traveller in the period. */
	tripsPerTraveller: number | undefined;
}

/** Tells whether a department's bookings fall in the scope; memoised per name. */
export function scopeTest(scope: Scope): (department: string) => boolean {
	if (scope.node === null) return () => true;
	const node = scope.node;
	const memo = new Map<string, boolean>();
	return (department) => {
		let inside = memo.get(department);
		if (inside === undefined) {
			inside = scope.departments[department]?.includes(node) ?? false;
			memo.set(department, inside);
		}
		return inside;
	};
}

/** Distances memoised per airport pair: a report asks for the same few hundred pairs again and again. */
export function memoDistance(places: Places): (a: string, b: string) => number | undefined {
	const memo = new Map<string, number | undefined>();
	return (a, b) => {
		const key = a < b ? `${a}${b}` : `${b}${a}`;
		if (memo.has(key)) return memo.get(key);
		const km = places.distance(a, b);
		memo.set(key, km);
		return km;
	};
}

const CABIN_ORDER: readonly Cabin[] = ['F', 'C', 'W', 'Y'];

/** Each cabin's figures against the benchmark, in the order people list cabins (F, C, W, Y). */
export function cabinLines(
	cabins: Partial<Record<Cabin, CabinStat>>,
	benchmark: BenchmarkTable
): CabinLine[] {
	return CABIN_ORDER.filter((cabin) => cabins[cabin]).map((cabin) => {
		const stat = cabins[cabin]!;
		return {
			cabin,
			...stat,
			pricePerKm: perKm(stat),
			benchmark: benchmark[cabin],
			saved: savedAgainst(stat, benchmark[cabin])
		};
	});
}

/** A route's savings, its price against the scope's average per cabin, and its cabin lines. */
function reportRoute(
	route: RouteStat,
	benchmark: BenchmarkTable,
	average: Partial<Record<Cabin, number>>
): ReportRoute {
	const lines = cabinLines(route.cabins, benchmark).map((line) => ({
		...line,
		average: average[line.cabin]
	}));
	let saved: number | undefined;
	let expected = 0;
	let paid = 0;
	for (const line of lines) {
		if (line.km === 0) continue;
		if (line.benchmark !== undefined) saved = (saved ?? 0) + line.saved;
		if (line.average === undefined) continue;
		expected += line.average * line.km;
		paid += line.spendWithKm;
	}
	return {
		...route,
		saved,
		vsAverage: expected > 0 ? paid / expected - 1 : undefined,
		cabinLines: lines
	};
}

class FigureTally {
	spend = 0;
	trips = 0;
	refunds = 0;
	refunded = 0;
	oursSpend = 0;
	readonly travellers = new Set<string>();
	readonly cabins: Partial<Record<Cabin, CabinStat>> = {};

	add(booking: Booking, km: number | undefined, ours: boolean): void {
		this.spend += booking.fare;
		if (ours) this.oursSpend += booking.fare;
		if (isRefund(booking)) {
			// Money back, no flight: it lowers spend and our spend, never trips, km or cabins.
			this.refunds++;
			this.refunded -= booking.fare;
			return;
		}
		this.trips++;
		if (booking.traveller) this.travellers.add(booking.traveller);
		addToCabin(
			(this.cabins[booking.cabin] ??= { trips: 0, spend: 0, km: 0, spendWithKm: 0 }),
			booking.fare,
			km
		);
	}

	figures(benchmark: BenchmarkTable): Figures {
		let km = 0;
		let spendWithKm = 0;
		let saved = 0;
		for (const line of cabinLines(this.cabins, benchmark)) {
			km += line.km;
			spendWithKm += line.spendWithKm;
			saved += line.saved;
		}
		return {
			spend: this.spend,
			trips: this.trips,
			refunds: this.refunds,
			refunded: this.refunded,
			travellers: this.travellers.size,
			km,
			pricePerKm: perKm({ km, spendWithKm }),
			saved,
			oursSpend: this.oursSpend,
			share: this.spend > 0 ? this.oursSpend / this.spend : 0
		};
	}
}

/** The periods of the series, oldest first, ending with `period`. */
function seriesPeriods(period: Period, count: number): Period[] {
	const periods = [period];
	while (periods.length < Math.max(1, count)) periods.unshift(previousPeriod(periods[0]!));
	return periods;
}

/** Builds one report in a single pass over `bookings`. */
export function travelReport(
	bookings: Iterable<Booking>,
	query: ReportQuery,
	places: Places
): TravelReport {
	const previous = previousPeriod(query.period);
	const periods = seriesPeriods(query.period, query.history);
	const ranges = periods.map(periodDays);
	const [nowStart, nowEnd] = periodDays(query.period);
	const [beforeStart, beforeEnd] = periodDays(previous);
	const firstDay = Math.min(ranges[0]![0], beforeStart);
	const inScope = scopeTest(query);
	const distance = memoDistance(places);
	const ours = new Set(query.ourCarriers);
	const series = periods.map((period) => ({
		key: periodKey(period),
		period,
		spend: 0,
		trips: 0,
		covered: true
	}));
	let firstInScope = Infinity;

	const now = new FigureTally();
	const before = new FigureTally();
	const routes = new RouteTally({
		merged: query.mergeDirections,
		ourCarriers: ours,
		distance,
		city: places.city
	});
	const destinations = new Map<string, Destination>();

	for (const booking of bookings) {
		const day = booking.day;
		if (!inScope(booking.department)) continue;
		if (day < firstInScope) firstInScope = day;
		if (day < firstDay || day > nowEnd) continue;
		// The series' periods are contiguous: find the one holding the day by binary search.
		let lo = 0;
		let hi = ranges.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (ranges[mid]![0] <= day) lo = mid;
			else hi = mid - 1;
		}
		if (day >= ranges[lo]![0]) {
			series[lo]!.spend += booking.fare;
			if (!isRefund(booking)) series[lo]!.trips++;
		}
		const isNow = day >= nowStart;
		const isBefore = day >= beforeStart && day <= beforeEnd;
		if (!isNow && !isBefore) continue;
		const km = distance(booking.origin, booking.destination);
		const isOurs = ours.has(booking.carrier);
		if (isBefore) {
			before.add(booking, km, isOurs);
			continue;
		}
		now.add(booking, km, isOurs);
		if (isRefund(booking)) continue;
		routes.add(booking, km);
		const city = places.city(booking.destination);
		let destination = destinations.get(city);
		if (!destination) destinations.set(city, (destination = { city, trips: 0, spend: 0 }));
		destination.trips++;
		destination.spend += booking.fare;
	}

	ranges.forEach(([, end], i) => (series[i]!.covered = end >= firstInScope));
	const nowFigures = now.figures(query.benchmark);
	const beforeFigures = before.figures(query.benchmark);
	const cabins = cabinLines(now.cabins, query.benchmark);
	const average = Object.fromEntries(cabins.map((line) => [line.cabin, line.pricePerKm]));
	const ranked = routes.routes().map((route) => reportRoute(route, query.benchmark, average));
	return {
		period: query.period,
		previous,
		now: nowFigures,
		before: beforeFigures,
		changes: {
			spend: change(nowFigures.spend, beforeFigures.spend),
			trips: change(nowFigures.trips, beforeFigures.trips),
			travellers: change(nowFigures.travellers, beforeFigures.travellers),
			pricePerKm:
				nowFigures.pricePerKm !== undefined && beforeFigures.pricePerKm !== undefined
					? change(nowFigures.pricePerKm, beforeFigures.pricePerKm)
					: undefined,
			share: beforeFigures.spend > 0 ? nowFigures.share - beforeFigures.share : undefined
		},
		series,
		destinations: [...destinations.values()]
			.sort((a, b) => b.trips - a.trips || b.spend - a.spend || (a.city < b.city ? -1 : 1))
			.slice(0, query.topDestinations),
		routes: ranked,
		paretoCount: paretoSet(ranked).length,
		cabins,
		tripsPerTraveller:
			nowFigures.travellers > 0 ? nowFigures.trips / nowFigures.travellers : undefined
	};
}

/**
 * The period a report or an alert looks at by default: the last one that has ended by `today`
 * (days since the epoch) — or, when the data stops earlier, the period of the last booking.
 */
export function latestPeriod(kind: Period['kind'], lastBookingDay: number, today: number): Period {
	const lastComplete = previousPeriod(periodOf(today, kind));
	const ofData = periodOf(lastBookingDay, kind);
	return periodDays(ofData)[0] < periodDays(lastComplete)[0] ? ofData : lastComplete;
}
