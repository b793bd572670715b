/**
 * Actuals from bookings (issue 17): each node's spend and share per period from the bookings of
 * the departments attached to it and below it, beside the typed estimate; tiers read bookings
 * where there are any. Every figure below is worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { blendTotals } from '../../src/lib/domain/account/actuals';
import { actualsWindow, nodeActuals } from '../../src/lib/domain/bookings/node-actuals';
import type { Booking } from '../../src/lib/domain/bookings/rows';

const day = (iso: string) => Date.parse(iso) / 86_400_000;
const booking = (date: string, department: string, fare: number, carrier = 'CA'): Booking => ({
	day: day(date),
	origin: 'PEK',
	destination: 'NKG',
	cabin: 'Y',
	fare,
	carrier,
	ticket: '',
	department,
	traveller: ''
});

// group G ─ S1 (江苏) ─ B1 (南京); G ─ S2 (上海); G ─ S3 (北京, no bookings).
const parents: Record<string, string | undefined> = {
	G: undefined,
	S1: 'G',
	B1: 'S1',
	S2: 'G',
	S3: 'G'
};
const departments = { 南京分公司: ['B1', 'S1', 'G'], 上海分公司: ['S2', 'G'] };
const bookings = [
	booking('2026-02-01', '南京分公司', 2000),
	booking('2026-07-10', '南京分公司', 1000),
	booking('2026-08-01', '南京分公司', 1500, 'MU'),
	booking('2026-08-05', '南京分公司', -400), // a refund of one of ours
	booking('2026-09-20', '上海分公司', 3000, 'MU'),
	booking('2026-05-05', '无锡办事处', 700) // attached to no node
];
const range = actualsWindow(day('2026-09-20'));
const actuals = nodeActuals(bookings, { departments, ourCarriers: ['CA'], ...range });

describe('actuals per node and period', () => {
	it('read the twelve months up to the last booking, and the four quarters ending with it', () => {
		expect(range.window).toEqual([day('2025-10-01'), day('2026-09-30')]);
		expect(range.periods.map((p) => `${p.year}Q${p.index}`)).toEqual([
			'2025Q4',
			'2026Q1',
			'2026Q2',
			'2026Q3'
		]);
	});

	it('sum a branch’s bookings, refunds netted and not counted as flights', () => {
		expect(actuals.subtree.B1!.window).toEqual({ spend: 4100, ours: 2600, trips: 3, rows: 4 });
		expect(actuals.subtree.B1!.periods).toEqual([
			// Before the first booking (2026-02-01): no data, not zero.
			{ spend: 0, ours: 0, trips: 0, rows: 0, covered: false },
			{ spend: 2000, ours: 2000, trips: 1, rows: 1, covered: true },
			{ spend: 0, ours: 0, trips: 0, rows: 0, covered: true },
			{ spend: 2100, ours: 600, trips: 2, rows: 3, covered: true }
		]);
	});

	it('roll up to every ancestor, and keep own bookings apart from the subtree’s', () => {
		expect(actuals.subtree.S1).toEqual(actuals.subtree.B1);
		expect(actuals.subtree.G!.window).toEqual({ spend: 7100, ours: 2600, trips: 4, rows: 5 });
		expect(actuals.subtree.G!.periods[3]).toMatchObject({ spend: 5100, ours: 600, trips: 3 });
		expect(actuals.own).toEqual({
			B1: { spend: 4100, ours: 2600, trips: 3, rows: 4 },
			S2: { spend: 3000, ours: 0, trips: 1, rows: 1 }
		});
		expect(actuals.unmapped).toEqual({ spend: 700, ours: 700, trips: 1, rows: 1 });
	});
});

describe('blending actuals with estimates', () => {
	// Typed estimates of each node by itself: 江苏 ¥20万 at 10%, 南京 ¥5万, 北京 ¥10万 at 30%.
	const estimates: Record<string, { spend: number; ours: number }> = {
		G: { spend: 0, ours: 0 },
		S1: { spend: 200_000, ours: 20_000 },
		B1: { spend: 50_000, ours: 5_000 },
		S2: { spend: 0, ours: 0 },
		S3: { spend: 100_000, ours: 30_000 }
	};
	const blended = blendTotals({
		nodes: Object.keys(parents),
		parentOf: (node) => parents[node],
		estimate: (node) => estimates[node]!,
		actual: actuals.own
	});

	it('counts each node once: by its bookings when it has any, else by its estimate', () => {
		expect(blended.get('B1')).toMatchObject({ spend: 4100, ours: 2600, basis: 'actual' });
		expect(blended.get('S1')).toMatchObject({
			spend: 204_100,
			ours: 22_600,
			basis: 'mixed',
			actualNodes: 1,
			estimateNodes: 1
		});
		expect(blended.get('S3')).toMatchObject({ spend: 100_000, basis: 'estimate' });
		expect(blended.get('G')).toMatchObject({
			spend: 307_100,
			ours: 52_600,
			share: 52_600 / 307_100,
			basis: 'mixed',
			actualNodes: 2,
			estimateNodes: 2
		});
	});
});
