/**
 * Route analysis (航线分析) over bookings: routes ranked by spend, the Pareto set that covers most
 * of it, our share per route, price per kilometre against a benchmark, and the savings.
 */
import { isRefund, type Booking, type Cabin } from './rows';

export interface LatLon {
	lat: number;
	lon: number;
}

const EARTH_RADIUS_KM = 6371.0088;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in kilometres (haversine). */
export function greatCircleKm(a: LatLon, b: LatLon): number {
	const dLat = radians(b.lat - a.lat);
	const dLon = radians(b.lon - a.lon);
	const h =
		Math.sin(dLat / 2) ** 2 +
		Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(dLon / 2) ** 2;
	return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A city pair; with `merged`, PEK→SHA and SHA→PEK are one route. */
export function routeKey(origin: string, destination: string, merged: boolean): string {
	return merged && destination < origin ? `${destination}-${origin}` : `${origin}-${destination}`;
}

/** What one cabin contributes to a route (or to a whole report). */
export interface CabinStat {
	trips: number;
	spend: number;
	/** Kilometres flown over the trips with a known distance, and what those trips paid. */
	km: number;
	spendWithKm: number;
}

export interface RouteStat {
	key: string;
	trips: number;
	spend: number;
	/** Trips and spend flown with one of our carriers. */
	oursTrips: number;
	oursSpend: number;
	/** Our share of the route's spend, in [0, 1]. */
	share: number;
	/** Average great-circle distance of one trip, when the airports are known. */
	km: number | undefined;
	/** Spend ÷ kilometres flown: what a kilometre costs on this route (CNY). */
	pricePerKm: number | undefined;
	/** The same figures per cabin, for comparing a route's fares with the account's and the benchmark. */
	cabins: Partial<Record<Cabin, CabinStat>>;
}

export interface RouteOptions {
	merged: boolean;
	/** Carrier codes that count as us (the airline using Panorama). */
	ourCarriers: ReadonlySet<string>;
	distance: (origin: string, destination: string) => number | undefined;
	/**
	 * The place an airport stands for: its city, so Beijing Capital and Daxing make one route.
	 * Defaults to the airport itself.
	 */
	city?: (iata: string) => string;
}

const emptyCabin = (): CabinStat => ({ trips: 0, spend: 0, km: 0, spendWithKm: 0 });

/** Adds one trip to a cabin's figures. */
export function addToCabin(stat: CabinStat, fare: number, km: number | undefined): void {
	stat.trips++;
	stat.spend += fare;
	if (km) {
		stat.km += km;
		stat.spendWithKm += fare;
	}
}

/** CNY per kilometre over the trips with a known distance; undefined when there are none. */
export const perKm = (stat: Pick<CabinStat, 'km' | 'spendWithKm'>): number | undefined =>
	stat.km > 0 ? stat.spendWithKm / stat.km : undefined;

/**
 * What flying `stat`'s kilometres saved against a `benchmark` price per km (CNY): benchmark × km
 * less what those kilometres cost, the sum of (benchmark − paid per km) × km over its trips.
 * Positive when the account paid less than the benchmark; 0 without a benchmark.
 */
export const savedAgainst = (
	stat: Pick<CabinStat, 'km' | 'spendWithKm'>,
	benchmark: number | undefined
): number => (benchmark === undefined ? 0 : benchmark * stat.km - stat.spendWithKm);

/** Incremental route analysis: feed bookings one by one, then read the ranked routes. */
export class RouteTally {
	readonly #byKey = new Map<
		string,
		RouteStat & { totalKm: number; spendWithKm: number; kmTrips: number }
	>();
	readonly #city: (iata: string) => string;

	constructor(private readonly options: RouteOptions) {
		this.#city = options.city ?? ((iata) => iata);
	}

	/**
	 * Adds one booking; `km` may be given when the caller already measured it. Refunds are no
	 * flight: routes hold what was flown, so they are left out (reports net them from spend).
	 */
	add(booking: Booking, km = this.options.distance(booking.origin, booking.destination)): void {
		if (isRefund(booking)) return;
		const key = routeKey(
			this.#city(booking.origin),
			this.#city(booking.destination),
			this.options.merged
		);
		let stat = this.#byKey.get(key);
		if (!stat) {
			stat = {
				key,
				trips: 0,
				spend: 0,
				oursTrips: 0,
				oursSpend: 0,
				share: 0,
				km: undefined,
				pricePerKm: undefined,
				cabins: {},
				totalKm: 0,
				spendWithKm: 0,
				kmTrips: 0
			};
			this.#byKey.set(key, stat);
		}
		stat.trips++;
		stat.spend += booking.fare;
		if (km) {
			stat.totalKm += km;
			stat.spendWithKm += booking.fare;
			stat.kmTrips++;
		}
		if (this.options.ourCarriers.has(booking.carrier)) {
			stat.oursTrips++;
			stat.oursSpend += booking.fare;
		}
		addToCabin((stat.cabins[booking.cabin] ??= emptyCabin()), booking.fare, km);
	}

	/** Routes ranked by spend, then trips, then key. */
	routes(): RouteStat[] {
		const routes: RouteStat[] = [];
		for (const { totalKm, spendWithKm, kmTrips, ...route } of this.#byKey.values()) {
			route.share = route.spend > 0 ? route.oursSpend / route.spend : 0;
			route.km = kmTrips > 0 ? totalKm / kmTrips : undefined;
			route.pricePerKm = totalKm > 0 ? spendWithKm / totalKm : undefined;
			routes.push(route);
		}
		return routes.sort(
			(a, b) => b.spend - a.spend || b.trips - a.trips || (a.key < b.key ? -1 : 1)
		);
	}
}

/**
 * The fewest routes (taken by spend, largest first) that together reach `cover` of all spend:
 * "you fly 50 routes, 5 of them matter".
 */
export function paretoSet(routes: readonly RouteStat[], cover = 0.8): RouteStat[] {
	const total = routes.reduce((sum, r) => sum + r.spend, 0);
	if (total === 0) return [];
	const sorted = [...routes].sort((a, b) => b.spend - a.spend);
	const set: RouteStat[] = [];
	let running = 0;
	for (const route of sorted) {
		if (running >= cover * total) break;
		set.push(route);
		running += route.spend;
	}
	return set;
}

/** Benchmark price per kilometre (CNY) per cabin, e.g. the published average fare. */
export type BenchmarkTable = Partial<Record<Cabin, number>>;
