import { describe, expect, it } from 'vitest';
import { spendAlerts } from '../../src/lib/domain/bookings/alerts';
import type { Period } from '../../src/lib/domain/bookings/periods';
import { latestPeriod, travelReport, type ReportQuery } from '../../src/lib/domain/bookings/report';
import type { Booking, Cabin } from '../../src/lib/domain/bookings/rows';

const day = (iso: string) => Date.parse(iso) / 86_400_000;

function trip(
	date: string,
	route: string,
	fare: number,
	extra: { cabin?: Cabin; carrier?: string; department?: string; traveller?: string } = {}
): Booking {
	const [origin, destination] = route.split('-') as [string, string];
	return {
		day: day(date),
		origin,
		destination,
		cabin: extra.cabin ?? 'Y',
		fare,
		carrier: extra.carrier ?? 'CA',
		ticket: '',
		department: extra.department ?? '江苏',
		traveller: extra.traveller ?? ''
	};
}

// Round distances so every figure below can be worked out by hand. PKX is Beijing's second airport.
const KM: Record<string, number> = { 'PEK-SHA': 1000, 'SHA-CTU': 1500, 'CAN-SHA': 1200 };
const places = {
	city: (iata: string) => (iata === 'PKX' ? 'PEK' : iata),
	distance: (a: string, b: string) => {
		const [x, y] = [a === 'PKX' ? 'PEK' : a, b === 'PKX' ? 'PEK' : b];
		return KM[`${x}-${y}`] ?? KM[`${y}-${x}`];
	}
};
const Q2: Period = { kind: 'quarter', year: 2026, index: 2 };

const bookings = [
	trip('2025-12-31', 'PEK-SHA', 500),
	trip('2026-02-01', 'PEK-SHA', 1200, { traveller: 'A' }),
	trip('2026-03-31', 'PEK-SHA', 1000, { carrier: 'MU', department: '上海', traveller: 'C' }),
	trip('2026-04-10', 'PEK-SHA', 1000, { traveller: 'A' }),
	trip('2026-05-01', 'PKX-SHA', 800, { carrier: 'MU', traveller: 'B' }),
	trip('2026-06-30', 'SHA-CTU', 3000, { cabin: 'C', department: '上海', traveller: 'A' }),
	trip('2026-06-15', 'CAN-SHA', 600, { department: '未归属' }),
	trip('2026-07-01', 'PEK-SHA', 9999)
];

const query = (overrides: Partial<ReportQuery> = {}): ReportQuery => ({
	period: Q2,
	history: 3,
	departments: { 江苏: ['js', 'group'], 上海: ['sh', 'group'] },
	node: null,
	ourCarriers: ['CA'],
	benchmark: { Y: 0.9, C: 2.5 },
	mergeDirections: true,
	topDestinations: 10,
	...overrides
});

describe('travel report', () => {
	const report = travelReport(bookings, query(), places);

	it('sums the period: spend, trips, named travellers, km, price per km, share', () => {
		expect(report.now).toEqual({
			spend: 5400,
			trips: 4,
			refunds: 0,
			refunded: 0,
			travellers: 2,
			km: 4700,
			pricePerKm: 5400 / 4700,
			// Y: (0.9×1000 − 1000) + (0.9×1000 − 800) + (0.9×1200 − 600) = 480; C: 2.5×1500 − 3000 = 750
			saved: expect.closeTo(1230, 6),
			oursSpend: 4600,
			share: 4600 / 5400
		});
		expect(report.tripsPerTraveller).toBe(2);
	});

	it('compares with the previous period', () => {
		expect(report.previous).toEqual({ kind: 'quarter', year: 2026, index: 1 });
		expect(report.before).toMatchObject({ spend: 2200, trips: 2, travellers: 2, km: 2000 });
		expect(report.changes.spend).toBeCloseTo(3200 / 2200, 10);
		expect(report.changes.trips).toBe(1);
		expect(report.changes.pricePerKm).toBeCloseTo(5400 / 4700 / 1.1 - 1, 10);
		expect(report.changes.share).toBeCloseTo(4600 / 5400 - 1200 / 2200, 10);
	});

	it('draws spend over the periods leading up to it, nothing after', () => {
		expect(report.series.map((s) => [s.key, s.spend, s.trips])).toEqual([
			['2025-Q4', 500, 1],
			['2026-Q1', 2200, 2],
			['2026-Q2', 5400, 4]
		]);
	});

	it('marks the periods before the first booking as having no data, not ¥0', () => {
		const longer = travelReport(bookings, query({ history: 5 }), places);
		expect(longer.series.map((s) => [s.key, s.covered])).toEqual([
			['2025-Q2', false],
			['2025-Q3', false],
			['2025-Q4', true],
			['2026-Q1', true],
			['2026-Q2', true]
		]);
		// For a part of the tree, from its own first booking.
		const shanghai = travelReport(bookings, query({ node: 'sh' }), places);
		expect(shanghai.series.map((s) => [s.key, s.covered])).toEqual([
			['2025-Q4', false],
			['2026-Q1', true],
			['2026-Q2', true]
		]);
	});

	it('reads routes as city pairs, ranks them and finds the 80% set', () => {
		expect(report.routes.map((r) => [r.key, r.trips, r.spend])).toEqual([
			['CTU-SHA', 1, 3000],
			['PEK-SHA', 2, 1800],
			['CAN-SHA', 1, 600]
		]);
		// 3000 ÷ 5400 = 56%; with PEK-SHA 4800 ÷ 5400 = 89%.
		expect(report.paretoCount).toBe(2);
		const directional = travelReport(bookings, query({ mergeDirections: false }), places);
		expect(directional.routes.map((r) => r.key)).toContain('SHA-CTU');
	});

	it('lists destinations by trips and cabins against the benchmark', () => {
		expect(report.destinations).toEqual([
			{ city: 'SHA', trips: 3, spend: 2400 },
			{ city: 'CTU', trips: 1, spend: 3000 }
		]);
		expect(report.cabins).toEqual([
			{
				cabin: 'C',
				trips: 1,
				spend: 3000,
				km: 1500,
				spendWithKm: 3000,
				pricePerKm: 2,
				benchmark: 2.5,
				saved: 750
			},
			{
				cabin: 'Y',
				trips: 3,
				spend: 2400,
				km: 3200,
				spendWithKm: 2400,
				pricePerKm: 0.75,
				benchmark: 0.9,
				saved: expect.closeTo(480, 6)
			}
		]);
	});

	it('covers a subtree through the departments attached to it', () => {
		expect(travelReport(bookings, query({ node: 'js' }), places).now.spend).toBe(1800);
		expect(travelReport(bookings, query({ node: 'js' }), places).before.spend).toBe(1200);
		// Unattached bookings count for the whole account only.
		expect(travelReport(bookings, query({ node: 'group' }), places).now.spend).toBe(4800);
		expect(travelReport(bookings, query({ node: 'elsewhere' }), places).now.trips).toBe(0);
	});

	it('reports nothing before when the previous period is empty', () => {
		const first = travelReport(
			bookings,
			query({ period: { ...Q2, year: 2025, index: 4 } }),
			places
		);
		expect(first.now.spend).toBe(500);
		expect(first.changes.spend).toBeUndefined();
		expect(first.changes.pricePerKm).toBeUndefined();
	});
});

describe('default period', () => {
	it('is the last one ended, or the one of the last booking when the data stops earlier', () => {
		const today = day('2026-11-28');
		expect(latestPeriod('quarter', day('2026-11-20'), today)).toEqual({
			kind: 'quarter',
			year: 2026,
			index: 3
		});
		expect(latestPeriod('month', day('2026-11-20'), today)).toEqual({
			kind: 'month',
			year: 2026,
			index: 10
		});
		expect(latestPeriod('quarter', day('2025-05-01'), today)).toEqual({
			kind: 'quarter',
			year: 2025,
			index: 2
		});
	});
});

describe('spend alerts', () => {
	const five = (date: string, fare: number, department: string) =>
		Array.from({ length: 5 }, () => trip(date, 'PEK-SHA', fare, { department }));
	const departments = { A: ['a', 'root'], B: ['b', 'root'] };
	const history = [
		...five('2026-02-01', 1000, 'A'),
		...five('2026-02-01', 1000, 'B'),
		...five('2026-05-01', 1000, 'A'),
		trip('2026-05-02', 'PEK-SHA', 500, { department: 'B' })
	];

	it('flags every part whose spend fell by more than the threshold, largest fall first', () => {
		const alerts = spendAlerts(history, departments, Q2, 0.3, 5);
		expect(alerts.map((a) => [a.node, a.before, a.spend])).toEqual([
			['b', 5000, 500],
			['root', 10000, 5500]
		]);
		expect(alerts[0]!.drop).toBeCloseTo(0.9, 10);
		expect(alerts[1]!.drop).toBeCloseTo(0.45, 10);
		expect(spendAlerts(history, departments, Q2, 0.5, 5).map((a) => a.node)).toEqual(['b']);
	});

	it('needs enough trips before to call it a fall', () => {
		const few = history.filter((b, i) => !(b.department === 'B' && i === 5));
		expect(spendAlerts(few, departments, Q2, 0.3, 5).map((a) => a.node)).not.toContain('b');
		// By default a part needs 20 trips before: five is chance, not a trend.
		expect(spendAlerts(history, departments, Q2, 0.3)).toEqual([]);
	});

	it('flags a part that stopped flying altogether', () => {
		const stopped = history.filter((b) => !(b.department === 'B' && b.day >= day('2026-04-01')));
		expect(spendAlerts(stopped, departments, Q2, 0.3, 5)[0]).toMatchObject({
			node: 'b',
			spend: 0,
			drop: 1
		});
	});
});
