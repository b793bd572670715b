/**
 * Real exports reuse ticket numbers (issue 17): a ticket held with other data is a conflict the
 * person resolves with both versions and the line in view; a refund (negative fare) is kept as a
 * refund and netted from spend, never counted as a flight.
 */
import { describe, expect, it } from 'vitest';
import { travelReport, type ReportQuery } from '../../src/lib/domain/bookings/report';
import { dedupeKey, type Booking } from '../../src/lib/domain/bookings/rows';
import {
	differingFields,
	planImport,
	resolveImport,
	type LinedBooking,
	type StoredAt
} from '../../src/lib/domain/bookings/ticket-conflicts';
import { decodeBookings, encodeBookings } from '../../src/lib/model/booking-blocks';

const day = (iso: string) => Date.parse(iso) / 86_400_000;

function ticket(number: string, overrides: Partial<Booking> = {}): Booking {
	return {
		day: day('2026-03-05'),
		origin: 'PEK',
		destination: 'SHA',
		cabin: 'Y',
		fare: 1200,
		carrier: 'CA',
		ticket: number,
		department: '江苏分公司',
		traveller: '王芳',
		...overrides
	};
}
const at = (line: number, booking: Booking): LinedBooking => ({ ...booking, line });
const stored = (importId: string, bookings: Booking[]): Array<[StoredAt, Booking]> =>
	bookings.map((booking, index) => [{ importId, index }, booking]);

describe('conflicting ticket numbers', () => {
	const held = stored('imp1', [ticket('001'), ticket('002'), ticket('003')]);
	const incoming = [
		at(2, ticket('001')), // the same booking again
		at(3, ticket('002', { day: day('2026-03-09'), destination: 'CAN', fare: 1500 })),
		at(4, ticket('004')),
		at(5, ticket('004', { department: '上海分公司' })), // clashes with line 4 of the same file
		at(6, ticket('003', { fare: -1200 })), // a refund of 003: its own key
		at(7, ticket('002', { day: day('2026-03-09'), destination: 'CAN', fare: 1500 })) // line 3 again
	];
	const plan = planImport(held, incoming);

	it('finds duplicates, and conflicts with their line, both versions and what differs', () => {
		expect(plan.duplicates).toBe(2);
		expect(plan.fresh.map((row) => row.line)).toEqual([4, 6]);
		expect(plan.conflicts).toEqual([
			{
				ticket: '002',
				line: 3,
				incoming: ticket('002', { day: day('2026-03-09'), destination: 'CAN', fare: 1500 }),
				existing: ticket('002'),
				stored: { importId: 'imp1', index: 1 },
				differs: ['date', 'route', 'fare']
			},
			{
				ticket: '004',
				line: 5,
				incoming: ticket('004', { department: '上海分公司' }),
				existing: ticket('004'),
				earlierLine: 4,
				differs: ['department']
			}
		]);
	});

	it('keeps what is held unless told otherwise', () => {
		const resolved = resolveImport(plan, new Map());
		expect(resolved.add.map((b) => b.ticket)).toEqual(['004', '003']);
		expect(resolved).toMatchObject({ remove: [], replaced: 0, exchanges: 0, kept: 2 });
	});

	it('replaces the stored version, or the earlier line of the file', () => {
		const resolved = resolveImport(plan, new Map(), 'replace');
		expect(resolved.remove).toEqual([{ importId: 'imp1', index: 1 }]);
		expect(resolved.add).toEqual([
			ticket('002', { day: day('2026-03-09'), destination: 'CAN', fare: 1500 }),
			ticket('004', { department: '上海分公司' }),
			ticket('003', { fare: -1200 })
		]);
		expect(resolved.replaced).toBe(2);
	});

	it('keeps both as an exchange, per line', () => {
		const resolved = resolveImport(
			plan,
			new Map([
				[3, 'both'],
				[5, 'keep']
			])
		);
		expect(resolved.remove).toEqual([]);
		expect(resolved.add.map((b) => [b.ticket, b.exchange ?? false])).toEqual([
			['002', true],
			['004', false],
			['003', false]
		]);
		expect(resolved).toMatchObject({ exchanges: 1, kept: 1 });
	});

	it('reads an exchange kept beside its ticket as already there on the next import', () => {
		const after = stored('imp1', [ticket('002')]).concat(
			stored('imp2', [{ ...ticket('002', { fare: 1500 }), exchange: true }])
		);
		const again = planImport(after, [at(2, ticket('002', { fare: 1500 })), at(3, ticket('002'))]);
		expect(again).toMatchObject({ duplicates: 2, conflicts: [], fresh: [] });
	});

	it('names what differs, fares to the cent', () => {
		expect(differingFields(ticket('1'), ticket('1', { fare: 1200.004 }))).toEqual([]);
		expect(differingFields(ticket('1'), ticket('1', { cabin: 'C', carrier: 'MU' }))).toEqual([
			'cabin',
			'carrier'
		]);
	});
});

describe('refunds', () => {
	it('have their own key, so a refund never reads as its ticket', () => {
		expect(dedupeKey(ticket('9'))).not.toBe(dedupeKey(ticket('9', { fare: -9 })));
	});

	it('survive a booking block, and so does an exchange mark', () => {
		const bookings = [ticket('1', { fare: -1200.5 }), { ...ticket('2'), exchange: true as const }];
		expect(decodeBookings(encodeBookings(bookings))).toEqual(bookings);
	});

	it('lower spend and our share but are no trip, route or km', () => {
		const query: ReportQuery = {
			period: { kind: 'quarter', year: 2026, index: 1 },
			history: 2,
			departments: {},
			node: null,
			ourCarriers: ['CA'],
			benchmark: {},
			mergeDirections: true,
			topDestinations: 5
		};
		const places = { city: (iata: string) => iata, distance: () => 1000 };
		const report = travelReport(
			[
				ticket('1', { fare: 1000 }),
				ticket('2', { fare: 3000, carrier: 'MU' }),
				ticket('1', { fare: -800 })
			],
			query,
			places
		);
		// Spend 1000 + 3000 − 800 = 3200, ours 1000 − 800 = 200; two flights of 1000 km for 4000.
		expect(report.now).toMatchObject({
			spend: 3200,
			trips: 2,
			refunds: 1,
			refunded: 800,
			km: 2000,
			pricePerKm: 2,
			oursSpend: 200,
			share: 200 / 3200
		});
		expect(report.routes.map((route) => [route.key, route.trips, route.spend])).toEqual([
			['PEK-SHA', 2, 4000]
		]);
		expect(report.series.at(-1)).toMatchObject({ spend: 3200, trips: 2 });
	});
});
