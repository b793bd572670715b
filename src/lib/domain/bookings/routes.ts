/**
 * Route analysis (航线分析) over bookings: routes ranked by spend, the Pareto set that covers most
 * of it, our share per route, price per kilometre against a benchmark, and the savings.
 */
import type { Booking, Cabin } from './rows';

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

export interface RouteStat {
	key: string;
	trips: number;
	spend: number;
	/** Trips and spend flown with one of our carriers. */
	oursTrips: number;
	oursSpend: number;
	/** Our share of the route's spend, in [0, 1]. */
	share: number;
	/** Great-circle distance of one trip, when both airports are known. */
	km: number | undefined;
	/** Spend ÷ (trips × km): what a kilometre costs on this route. */
	pricePerKm: number | undefined;
}

export interface RouteOptions {
	merged: boolean;
	/** Carrier codes that count as us (the airline using Panorama). */
	ourCarriers: ReadonlySet<string>;
	distance: (origin: string, destination: string) => number | undefined;
}

/** Routes ranked by spend, then trips. */
export function analyseRoutes(bookings: Iterable<Booking>, options: RouteOptions): RouteStat[] {
	const byKey = new Map<string, RouteStat>();
	for (const booking of bookings) {
		const key = routeKey(booking.origin, booking.destination, options.merged);
		let stat = byKey.get(key);
		if (!stat) {
			const km = options.distance(booking.origin, booking.destination);
			stat = {
				key,
				trips: 0,
				spend: 0,
				oursTrips: 0,
				oursSpend: 0,
				share: 0,
				km,
				pricePerKm: undefined
			};
			byKey.set(key, stat);
		}
		stat.trips++;
		stat.spend += booking.fare;
		if (options.ourCarriers.has(booking.carrier)) {
			stat.oursTrips++;
			stat.oursSpend += booking.fare;
		}
	}
	const routes = [...byKey.values()];
	for (const route of routes) {
		route.share = route.spend > 0 ? route.oursSpend / route.spend : 0;
		route.pricePerKm = route.km ? route.spend / (route.trips * route.km) : undefined;
	}
	return routes.sort((a, b) => b.spend - a.spend || b.trips - a.trips || (a.key < b.key ? -1 : 1));
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

export interface Savings {
	/** Σ (benchmark − paid) × km over bookings with a known distance and benchmark. */
	saved: number;
	/** Bookings that entered the sum. */
	counted: number;
}

/** Savings against the benchmark: positive when the account paid less than the benchmark. */
export function savingsAgainst(
	bookings: Iterable<Booking>,
	benchmark: BenchmarkTable,
	distance: RouteOptions['distance']
): Savings {
	let saved = 0;
	let counted = 0;
	for (const booking of bookings) {
		const km = distance(booking.origin, booking.destination);
		const perKm = benchmark[booking.cabin];
		if (!km || perKm === undefined) continue;
		saved += (perKm - booking.fare / km) * km;
		counted++;
	}
	return { saved, counted };
}

/** Average price per kilometre per cabin over the bookings with a known distance. */
export function pricePerKmByCabin(
	bookings: Iterable<Booking>,
	distance: RouteOptions['distance']
): Partial<Record<Cabin, number>> {
	const spend: Partial<Record<Cabin, number>> = {};
	const km: Partial<Record<Cabin, number>> = {};
	for (const booking of bookings) {
		const d = distance(booking.origin, booking.destination);
		if (!d) continue;
		spend[booking.cabin] = (spend[booking.cabin] ?? 0) + booking.fare;
		km[booking.cabin] = (km[booking.cabin] ?? 0) + d;
	}
	const out: Partial<Record<Cabin, number>> = {};
	for (const cabin of Object.keys(spend) as Cabin[]) out[cabin] = spend[cabin]! / km[cabin]!;
	return out;
}
