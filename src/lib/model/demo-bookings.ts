/**
 * Two years of generated bookings for the demo account, shaped like the source material's
 * customer: it flies about 50 routes, but five of them carry most of the spend. One provincial
 * company's travel falls sharply in the last quarter, so the demo shows a spend alert. The
 * bookings end yesterday, so the latest reports are always full periods.
 */
import type * as Y from 'yjs';
import { greatCircleKm } from '../domain/bookings/routes';
import type { Booking, Cabin } from '../domain/bookings/rows';
import { periodDays, periodOf, previousPeriod } from '../domain/bookings/periods';
import { newId } from './account';
import { encodeBookings } from './booking-blocks';

/** The airports the demo flies between, with positions (degrees) for distances. */
export const DEMO_AIRPORTS: Readonly<Record<string, readonly [number, number]>> = {
	PEK: [40.08, 116.58],
	PKX: [39.51, 116.41],
	PVG: [31.14, 121.81],
	SHA: [31.2, 121.34],
	CAN: [23.39, 113.3],
	SZX: [22.64, 113.81],
	CTU: [30.58, 103.95],
	TFU: [30.32, 104.44],
	XIY: [34.45, 108.75],
	KMG: [25.1, 102.93],
	WUH: [30.78, 114.21],
	NKG: [31.74, 118.86],
	HGH: [30.23, 120.43],
	TAO: [36.27, 120.37],
	DLC: [38.97, 121.54],
	SHE: [41.64, 123.48],
	URC: [43.91, 87.47],
	HRB: [45.62, 126.25],
	CKG: [29.72, 106.64],
	XMN: [24.54, 118.13],
	HKG: [22.31, 113.92],
	SIN: [1.36, 103.99]
};

/** The five routes that matter, then 45 that are flown now and then. */
const MAIN_ROUTES: Array<[string, string]> = [
	['PEK', 'SHA'],
	['PEK', 'CAN'],
	['PEK', 'CTU'],
	['SHA', 'SZX'],
	['PEK', 'SZX']
];

const BASE_PER_KM: Record<Cabin, number> = { F: 2.3, C: 1.55, W: 1.05, Y: 0.78 };

const SURNAMES_ZH = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN_ZH = [
	'伟',
	'芳',
	'娜',
	'敏',
	'静',
	'磊',
	'洋',
	'勇',
	'军',
	'杰',
	'涛',
	'明',
	'超',
	'霞',
	'平'
];
const SURNAMES_EN = ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Zhao', 'Huang', 'Zhou', 'Wu'];
const GIVEN_EN = ['Wei', 'Fang', 'Na', 'Min', 'Jing', 'Lei', 'Yang', 'Yong', 'Jun', 'Jie', 'Tao'];

export interface DemoDepartment {
	/** The name the "export" uses, and the node it is attached to. */
	name: string;
	node: string;
	/** Relative travel volume. */
	weight: number;
	/** Share of its trips flown with us (0..1). */
	ours: number;
}

const DAY_MS = 86_400_000;
/** Travel at the end of the two years relative to the start, minus one. */
const GROWTH = 0.3;
/** Scheduled trips per kept trip: the February dip and the falling branch skip about 3%. */
const SKIPPED_SHARE = 1.03;

function allRoutes(next: () => number): Array<[string, string]> {
	const codes = Object.keys(DEMO_AIRPORTS);
	const routes = [...MAIN_ROUTES];
	const seen = new Set(routes.map(([a, b]) => [a, b].sort().join('-')));
	while (routes.length < 50) {
		const a = codes[Math.floor(next() * codes.length)]!;
		const b = codes[Math.floor(next() * codes.length)]!;
		const key = [a, b].sort().join('-');
		if (a === b || seen.has(key)) continue;
		seen.add(key);
		routes.push([a, b]);
	}
	return routes;
}

/**
 * About `count` bookings over the two years before `today` (days since the epoch), spread over
 * `departments` by weight. The department named `falling` loses most of its trips in the last
 * full quarter.
 */
export function generateDemoBookings(options: {
	departments: readonly DemoDepartment[];
	falling: string;
	count: number;
	today: number;
	language: 'zh' | 'en';
	next: () => number;
}): Booking[] {
	const { departments, count, today, next } = options;
	const routes = allRoutes(next);
	const firstDay = today - 730;
	const lastQuarter = previousPeriod(periodOf(today, 'quarter'));
	const [fallStart, fallEnd] = periodDays(lastQuarter);
	const totalWeight = departments.reduce((sum, d) => sum + d.weight, 0);
	const travellers = Array.from({ length: 1500 }, (_, i) =>
		options.language === 'zh'
			? `${SURNAMES_ZH[i % SURNAMES_ZH.length]}${GIVEN_ZH[Math.floor(i / SURNAMES_ZH.length) % GIVEN_ZH.length]}${i >= 300 ? GIVEN_ZH[i % GIVEN_ZH.length] : ''}`
			: `${SURNAMES_EN[i % SURNAMES_EN.length]} ${GIVEN_EN[Math.floor(i / SURNAMES_EN.length) % GIVEN_EN.length]}${i >= 110 ? ` ${i}` : ''}`
	);
	// Each department's trips are spread evenly over the two years (one in each slice of time, at a
	// random point within it) rather than drawn at random: with random draws a small branch swings
	// by a third from one quarter to the next by chance, and the demo would cry wolf.
	const schedule: Array<[DemoDepartment, number]> = [];
	for (const department of departments) {
		const trips = Math.round(((count * department.weight) / totalWeight) * SKIPPED_SHARE);
		for (let k = 0; k < trips; k++) schedule.push([department, (k + next()) / trips]);
	}
	const bookings: Booking[] = [];
	let i = 0;
	for (const [department, t] of schedule) {
		i++;
		// Travel grows over the two years: a density rising linearly, sampled by inverting its
		// distribution function.
		const u = (-1 + Math.sqrt(1 + 2 * GROWTH * t * (1 + GROWTH / 2))) / GROWTH;
		const clamped = Math.min(today - 1, firstDay + Math.floor(u * 730));
		const month = new Date(clamped * DAY_MS).getUTCMonth();
		// Fewer trips in February, around the Spring Festival.
		if (month === 1 && next() < 0.35) continue;
		if (department.name === options.falling && clamped >= fallStart && clamped <= fallEnd) {
			if (next() < 0.65) continue;
		}
		const route =
			next() < 0.86
				? MAIN_ROUTES[Math.floor(Math.pow(next(), 1.2) * MAIN_ROUTES.length)]!
				: routes[5 + Math.floor(next() * 45)]!;
		const [from, to] = next() < 0.5 ? route : [route[1], route[0]];
		const roll = next();
		const cabin: Cabin = roll < 0.02 ? 'F' : roll < 0.1 ? 'C' : roll < 0.15 ? 'W' : 'Y';
		const [lat1, lon1] = DEMO_AIRPORTS[from]!;
		const [lat2, lon2] = DEMO_AIRPORTS[to]!;
		const km = greatCircleKm({ lat: lat1, lon: lon1 }, { lat: lat2, lon: lon2 });
		const ours = next() < department.ours;
		// Our negotiated fares sit a little under the market's.
		const fare = Math.round(km * BASE_PER_KM[cabin] * (ours ? 0.88 : 1) * (0.6 + next() * 0.65));
		bookings.push({
			day: clamped,
			origin: from,
			destination: to,
			cabin,
			fare: Math.max(300, fare),
			carrier: ours ? 'CA' : (['MU', 'CZ', 'HU', '3U'][Math.floor(next() * 4)] ?? 'MU'),
			ticket: `999${String(2_000_000_000 + i)}`,
			department: department.name,
			traveller: travellers[Math.floor(Math.pow(next(), 1.4) * travellers.length)]!
		});
	}
	return bookings.sort((a, b) => a.day - b.day);
}

/** Stores demo bookings as one import and attaches each department to its node. */
export function writeDemoBookings(
	doc: Y.Doc,
	bookings: readonly Booking[],
	departments: readonly DemoDepartment[],
	fileName: string
): void {
	const id = newId();
	doc.getMap<Uint8Array>('bookingBlocks').set(id, encodeBookings(bookings));
	doc.getMap('imports').set(id, {
		fileName,
		encoding: 'utf-8',
		at: Date.now(),
		rows: bookings.length,
		author: ''
	});
	const mapping = doc.getMap<string>('departmentNodes');
	for (const department of departments) mapping.set(department.name, department.node);
}
