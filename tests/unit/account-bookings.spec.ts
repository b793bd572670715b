import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Booking } from '../../src/lib/domain/bookings/rows';
import { AccountBookings } from '../../src/lib/model/account-bookings';
import { decodeBookings, encodeBookings } from '../../src/lib/model/booking-blocks';

const booking = fc.record({
	day: fc.integer({ min: 0, max: 40_000 }),
	origin: fc.constantFrom('PEK', 'SHA', 'CAN', 'CTU'),
	destination: fc.constantFrom('PVG', 'SZX', 'XIY', 'KMG'),
	cabin: fc.constantFrom('F', 'C', 'W', 'Y'),
	fare: fc.integer({ min: 0, max: 10_000_000 }).map((cents) => cents / 100),
	carrier: fc.constantFrom('CA', 'MU', 'CZ', '3U'),
	ticket: fc.oneof(
		fc.constant(''),
		fc.stringMatching(/^\d{1,15}$/),
		fc.stringMatching(/^[A-Z0-9-]{1,20}$/),
		fc.constantFrom('0', '000', '0012')
	),
	department: fc.constantFrom('江苏分公司', '上海分公司', ''),
	traveller: fc.string({ maxLength: 8 })
}) as fc.Arbitrary<Booking>;

describe('booking blocks', () => {
	it('round-trip every field exactly', () => {
		fc.assert(
			fc.property(fc.array(booking, { maxLength: 50 }), (bookings) => {
				expect(decodeBookings(encodeBookings(bookings))).toEqual(bookings);
			}),
			{ numRuns: 300 }
		);
	});
});

describe('account bookings', () => {
	const sample: Booking[] = [
		{
			day: 20517,
			origin: 'PEK',
			destination: 'SHA',
			cabin: 'Y',
			fare: 1250,
			carrier: 'CA',
			ticket: '9991234567890',
			department: '江苏分公司',
			traveller: '张三'
		},
		{
			day: 20518,
			origin: 'SHA',
			destination: 'PEK',
			cabin: 'C',
			fare: 3600,
			carrier: 'CA',
			ticket: '',
			department: '江苏分公司',
			traveller: '张三'
		}
	];

	it('re-importing the same file adds nothing', () => {
		const doc = new Y.Doc();
		const store = new AccountBookings(doc);
		expect(
			store.add(sample, { fileName: 'a.csv', encoding: 'gb18030', author: 'Li' })
		).toMatchObject({ added: 2, duplicates: 0 });
		expect(store.add(sample, { fileName: 'a.csv', encoding: 'gb18030', author: 'Li' })).toEqual({
			added: 0,
			duplicates: 2,
			importId: undefined
		});
		const more = [...sample, { ...sample[1]!, fare: 3700 }];
		expect(store.add(more, { fileName: 'b.csv', encoding: 'utf-8', author: 'Li' })).toMatchObject({
			added: 1,
			duplicates: 2
		});
		expect(store.all()).toHaveLength(3);
		expect(
			store
				.importsList()
				.map((i) => i.rows)
				.sort()
		).toEqual([1, 2]);
	});

	it('travels to another replica and can be removed import by import', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		const first = new AccountBookings(a).add(sample, {
			fileName: 'a.csv',
			encoding: 'utf-8',
			author: 'Li'
		});
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		const replica = new AccountBookings(b);
		expect(replica.all()).toEqual(sample);
		replica.removeImport(first.importId!);
		expect(replica.all()).toEqual([]);
	});
});
