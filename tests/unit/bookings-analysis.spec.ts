import { describe, expect, it } from 'vitest';
import {
	change,
	periodDays,
	periodKey,
	periodOf,
	periodsWithData,
	parsePeriodKey,
	previousPeriod
} from '../../src/lib/domain/bookings/periods';
import { travelReport } from '../../src/lib/domain/bookings/report';
import { greatCircleKm, paretoSet } from '../../src/lib/domain/bookings/routes';
import type { Booking } from '../../src/lib/domain/bookings/rows';
import { cabinsCsv, routesCsv } from '../../src/lib/ui/account/travel-csv';
import { cabinName } from '../../src/lib/ui/account/travel-text';

const day = (iso: string) => Date.parse(iso) / 86_400_000;

function booking(origin: string, destination: string, fare: number, carrier = 'CA'): Booking {
	return {
		day: day('2026-03-01'),
		origin,
		destination,
		cabin: 'Y',
		fare,
		carrier,
		ticket: '',
		department: '',
		traveller: ''
	};
}

// Hand-made fixture: distances are round numbers so every figure can be checked by hand.
const KM: Record<string, number> = { 'PEK-SHA': 1000, 'PEK-CTU': 1500, 'CAN-SHA': 1200 };
const distance = (a: string, b: string) => KM[`${a}-${b}`] ?? KM[`${b}-${a}`];
const bookings = [
	booking('PEK', 'SHA', 1000),
	booking('PEK', 'SHA', 1200),
	booking('PEK', 'SHA', 800, 'MU'),
	booking('SHA', 'PEK', 1000),
	booking('PEK', 'CTU', 1500, 'MU'),
	booking('CAN', 'SHA', 500)
];

/** The report of the fixture's year, routes merged or not, against `benchmark`. */
const reportOf = (merged: boolean, benchmark = {}) =>
	travelReport(
		bookings,
		{
			period: { kind: 'year', year: 2026, index: 1 },
			history: 1,
			departments: {},
			node: null,
			ourCarriers: ['CA'],
			benchmark,
			mergeDirections: merged,
			topDestinations: 0
		},
		{ city: (iata) => iata, distance }
	);

describe('distances', () => {
	it('measures great circles: a degree of longitude on the equator, a quarter meridian', () => {
		expect(greatCircleKm({ lat: 0, lon: 0 }, { lat: 0, lon: 1 })).toBeCloseTo(111.195, 2);
		expect(greatCircleKm({ lat: 0, lon: 0 }, { lat: 90, lon: 0 })).toBeCloseTo(10_007.56, 1);
		expect(greatCircleKm({ lat: 40.08, lon: 116.58 }, { lat: 40.08, lon: 116.58 })).toBe(0);
	});
});

describe('route analysis', () => {
	it('ranks city pairs by spend with trips, our share and price per km', () => {
		const routes = reportOf(true).routes;
		expect(routes.map((r) => r.key)).toEqual(['PEK-SHA', 'CTU-PEK', 'CAN-SHA']);
		expect(routes[0]).toMatchObject({
			key: 'PEK-SHA',
			trips: 4,
			spend: 4000,
			oursTrips: 3,
			oursSpend: 3200,
			share: 0.8,
			km: 1000,
			pricePerKm: 1,
			cabins: { Y: { trips: 4, spend: 4000, km: 4000, spendWithKm: 4000 } }
		});
		expect(routes[2]!.pricePerKm).toBeCloseTo(500 / 1200, 10);
		const directional = reportOf(false).routes;
		expect(directional.find((r) => r.key === 'SHA-PEK')).toMatchObject({ trips: 1, spend: 1000 });
	});

	it('finds the few routes that carry 80% of the spend', () => {
		const routes = reportOf(true).routes;
		// 4000 of 6000 is 67%; with CTU-PEK (merged pairs read alphabetically), 5500 is 92%.
		expect(paretoSet(routes).map((r) => r.key)).toEqual(['PEK-SHA', 'CTU-PEK']);
		expect(paretoSet(routes, 0.5).map((r) => r.key)).toEqual(['PEK-SHA']);
		expect(paretoSet([])).toEqual([]);
	});

	it('computes savings against a benchmark price per km, and the average per cabin', () => {
		// (1.1 × 1000 × 4 − 4000) + (1.1 × 1500 − 1500) + (1.1 × 1200 − 500) = 400 + 150 + 820
		const report = reportOf(true, { Y: 1.1 });
		expect(report.now.saved).toBeCloseTo(1370, 6);
		expect(report.cabins.find((c) => c.cabin === 'Y')!.trips).toBe(6);
		expect(report.routes.map((r) => r.saved)).toEqual([
			expect.closeTo(400, 6),
			expect.closeTo(150, 6),
			expect.closeTo(820, 6)
		]);
		expect(reportOf(true, { C: 2 }).now.saved).toBe(0);
		expect(reportOf(true, { C: 2 }).routes[0]!.saved).toBeUndefined();
		expect(report.cabins[0]!.pricePerKm).toBeCloseTo(6000 / 6700, 10);
	});

	it('holds each route against what its cabins cost on average across the report', () => {
		const routes = reportOf(true).routes;
		// The average is 6000 / 6700 per km; PEK-SHA pays 1 per km, CAN-SHA 500 / 1200.
		expect(routes[0]!.vsAverage).toBeCloseTo(6700 / 6000 - 1, 10);
		expect(routes[2]!.vsAverage).toBeCloseTo(500 / 1200 / (6000 / 6700) - 1, 10);
		expect(routes[0]!.cabinLines).toEqual([
			expect.objectContaining({ cabin: 'Y', trips: 4, pricePerKm: 1, average: 6000 / 6700 })
		]);
	});
});

describe('travel tables as CSV', () => {
	const report = reportOf(true, { Y: 1.1 });

	it('writes every route with raw figures and marks the 80% set', () => {
		const [header, ...rows] = routesCsv(report.routes, report.paretoCount, (key) => key);
		expect(header).toHaveLength(9);
		// Against the average of 6000 / 6700 per km: 1 a km is 11.7% dearer, 500 / 1200 53.5% cheaper.
		expect(rows).toEqual([
			['PEK-SHA', 4, '4000.00', '0.8000', 1000, '1.0000', '0.1167', '400.00', 1],
			['CTU-PEK', 1, '1500.00', '0.0000', 1500, '1.0000', '0.1167', '150.00', 1],
			['CAN-SHA', 1, '500.00', '1.0000', 1200, '0.4167', '-0.5347', '820.00', 0]
		]);
	});

	it('writes each cabin against the benchmark', () => {
		expect(cabinsCsv(report.cabins).slice(1)).toEqual([
			[cabinName('Y'), 6, '6000.00', '0.8955', 1.1, '1370.00']
		]);
	});
});

describe('reporting periods', () => {
	it('names months, quarters and years, and the one before each', () => {
		const march = day('2026-03-05');
		expect(periodKey(periodOf(march, 'quarter'))).toBe('2026-Q1');
		expect(periodKey(previousPeriod(periodOf(march, 'quarter')))).toBe('2025-Q4');
		expect(periodKey(previousPeriod(periodOf(day('2026-01-31'), 'month')))).toBe('2025-12');
		expect(periodKey(previousPeriod(periodOf(march, 'year')))).toBe('2025');
		expect(periodDays(periodOf(march, 'quarter'))).toEqual([day('2026-01-01'), day('2026-03-31')]);
		expect(periodDays(periodOf(day('2024-02-10'), 'month'))).toEqual([
			day('2024-02-01'),
			day('2024-02-29')
		]);
	});

	it('reports change against the previous period, none when there was nothing before', () => {
		expect(change(120, 100)).toBeCloseTo(0.2, 10);
		expect(change(70, 100)).toBeCloseTo(-0.3, 10);
		expect(change(5, 0)).toBeUndefined();
	});
});

describe('choosing a period', () => {
	it('reads period keys back', () => {
		for (const key of ['2026', '2026-Q3', '2026-11'])
			expect(periodKey(parsePeriodKey(key)!)).toBe(key);
		expect(parsePeriodKey('2026-13')).toBeUndefined();
		expect(parsePeriodKey('Q3')).toBeUndefined();
	});
});

describe('periods with data', () => {
	it('offers only the periods that hold bookings, newest first', () => {
		const months = { '2026-03': 3, '2026-01': 1, '2023-03': 1, '2025-12': 0 };
		expect(periodsWithData(months, 'quarter').map(periodKey)).toEqual(['2026-Q1', '2023-Q1']);
		expect(periodsWithData(months, 'year').map(periodKey)).toEqual(['2026', '2023']);
		expect(periodsWithData(months, 'month').map(periodKey)).toEqual([
			'2026-03',
			'2026-01',
			'2023-03'
		]);
	});
});
