import { describe, expect, it } from 'vitest';
import { travelReport } from '../../src/lib/domain/bookings/report';
import type { Booking } from '../../src/lib/domain/bookings/rows';
import { cabinsCsv, routesCsv } from '../../src/lib/ui/account/travel-csv';
import { cabinName } from '../../src/lib/ui/account/travel-text';

const trip = (origin: string, destination: string, fare: number, carrier = 'CA'): Booking => ({
	day: Date.parse('2026-03-01') / 86_400_000,
	origin,
	destination,
	cabin: 'Y',
	fare,
	carrier,
	ticket: '',
	department: '',
	traveller: ''
});
const KM: Record<string, number> = { 'PEK-SHA': 1000, 'CAN-SHA': 1200 };
const report = travelReport(
	[trip('PEK', 'SHA', 1000), trip('SHA', 'PEK', 800, 'MU'), trip('CAN', 'SHA', 600)],
	{
		period: { kind: 'year', year: 2026, index: 1 },
		history: 1,
		departments: {},
		node: null,
		ourCarriers: ['CA'],
		benchmark: { Y: 0.9 },
		mergeDirections: true,
		topDestinations: 0
	},
	{ city: (iata) => iata, distance: (a, b) => KM[`${a}-${b}`] ?? KM[`${b}-${a}`] }
);

describe('travel tables as CSV', () => {
	it('writes every route with raw figures and marks the 80% set', () => {
		// 1800 of 2400 is 75%: both routes are needed to reach 80%.
		const [header, ...rows] = routesCsv(report.routes, report.paretoCount, (key) => key);
		expect(header).toHaveLength(9);
		// PEK-SHA: 1800 over 2000 km, 0.9 a km paid against 2400 / 3200 = 0.75 on average.
		expect(rows).toEqual([
			['PEK-SHA', 2, '1800.00', '0.5556', 1000, '0.9000', '0.2000', '0.00', 1],
			['CAN-SHA', 1, '600.00', '1.0000', 1200, '0.5000', '-0.3333', '480.00', 1]
		]);
	});

	it('writes each cabin against the benchmark', () => {
		expect(cabinsCsv(report.cabins).slice(1)).toEqual([
			[cabinName('Y'), 3, '2400.00', '0.7500', 0.9, '480.00']
		]);
	});
});
