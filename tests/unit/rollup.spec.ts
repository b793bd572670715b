import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Agreement, AgreementType } from '../../src/lib/domain/account/node';
import { parseAmount, nodeWarnings } from '../../src/lib/domain/account/node';
import { RollupIndex, ownTotals, shareOf } from '../../src/lib/domain/account/rollup';
import {
	DEFAULT_TIERS,
	checkThresholds,
	nextTier,
	tierOf
} from '../../src/lib/domain/account/tiers';
import { MoveTree, ROOT, TRASH } from '../../src/lib/domain/tree/move-tree';

const TODAY = '2026-12-04';

const agreements = (...types: AgreementType[]): Agreement[] =>
	types.map((type, i) => ({
		id: `a${i}`,
		type,
		status: 'signed',
		number: '',
		start: '',
		end: '',
		terms: ''
	}));

function build(
	nodes: Array<[id: string, parent: string, spend: number, ours: number, ag?: AgreementType[]]>
) {
	const rollups = new RollupIndex();
	const tree = new MoveTree(rollups);
	rollups.attach(tree);
	nodes.forEach(([id, parent, spend, ours, ag = []], i) => {
		rollups.setOwn(
			id,
			ownTotals({ spend, ours, headcount: 10, agreements: agreements(...ag) }, TODAY)
		);
		tree.apply({ ts: i + 1, client: 1, node: id, parent, order: String(i) });
	});
	return { tree, rollups };
}

describe('roll-ups', () => {
	it('sums spend and computes share as Σ ours ÷ Σ total, not an average of percentages', () => {
		// A heavyweight subsidiary at 90% and a small branch at 10%: the average of the two
		// percentages is 50%, but of the money we hold (9 M + 0.1 M) ÷ (10 M + 1 M) = 82.7%.
		const { rollups } = build([
			['group', ROOT, 0, 0],
			['heavy', 'group', 10_000_000, 9_000_000],
			['small', 'group', 1_000_000, 100_000]
		]);
		const group = rollups.totals('group');
		expect(group.spend).toBe(11_000_000);
		expect(group.ours).toBe(9_100_000);
		expect(shareOf(group)).toBeCloseTo(9.1 / 11, 10);
		expect(shareOf(group)).not.toBeCloseTo(0.5, 2);
		expect(group.headcount).toBe(30);
		expect(group.nodes).toBe(3);
	});

	it('follows moves, deletes to the trash and edits at every level', () => {
		const { tree, rollups } = build([
			['g', ROOT, 0, 0],
			['s1', 'g', 100, 50, ['regional']],
			['s2', 'g', 200, 20],
			['b1', 's1', 1000, 100, ['regional', 'national']]
		]);
		expect(rollups.totals('g')).toMatchObject({ spend: 1300, ours: 170 });
		expect(rollups.totals('s1').agreements).toEqual({ global: 0, national: 1, regional: 2 });

		tree.apply({ ts: 10, client: 2, node: 'b1', parent: 's2', order: 'a' });
		expect(rollups.totals('s1')).toMatchObject({ spend: 100, ours: 50, nodes: 1 });
		expect(rollups.totals('s2')).toMatchObject({ spend: 1200, ours: 120, nodes: 2 });
		expect(rollups.totals('g')).toMatchObject({ spend: 1300, ours: 170 });

		tree.apply({ ts: 11, client: 2, node: 's2', parent: TRASH, order: 'a' });
		expect(rollups.totals('g')).toMatchObject({ spend: 100, ours: 50, nodes: 2 });
		expect(rollups.totals(ROOT)).toMatchObject({ spend: 100, nodes: 2 });

		rollups.setOwn('s1', ownTotals({ spend: 400, ours: 10, headcount: 1, agreements: [] }, TODAY));
		expect(rollups.totals('g')).toMatchObject({ spend: 400, ours: 10, headcount: 11 });
	});

	it('always equals sums computed from scratch, after any sequence of moves and edits', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.record({
						node: fc.nat(9),
						parent: fc.nat(10),
						spend: fc.nat(1000),
						ours: fc.nat(1000)
					}),
					{ maxLength: 60 }
				),
				(steps) => {
					const rollups = new RollupIndex();
					const tree = new MoveTree(rollups);
					rollups.attach(tree);
					const own = new Map<string, number>();
					steps.forEach((s, i) => {
						const node = `n${s.node}`;
						if (i % 2) {
							rollups.setOwn(
								node,
								ownTotals({ spend: s.spend, ours: s.ours, headcount: 0, agreements: [] }, TODAY)
							);
							own.set(node, s.spend);
						} else {
							const parent = s.parent === 10 ? ROOT : `n${s.parent}`;
							tree.apply({ ts: i + 1, client: 1, node, parent, order: 'a' });
						}
					});
					const subtreeSpend = (n: string): number =>
						(own.get(n) ?? 0) + tree.children(n).reduce((sum, c) => sum + subtreeSpend(c), 0);
					for (const node of tree.nodes()) {
						expect(rollups.totals(node).spend).toBe(subtreeSpend(node));
					}
				}
			),
			{ numRuns: 300 }
		);
	});
});

describe('tiers', () => {
	it('starts everyone in tier 1 and grades by our spend', () => {
		expect(tierOf({ spend: 0, ours: 0 })).toBe(1);
		expect(tierOf({ spend: 1e9, ours: 99_999 })).toBe(1);
		expect(tierOf({ spend: 1e9, ours: 1e5 })).toBe(2);
		expect(tierOf({ spend: 1e9, ours: 1e8 })).toBe(10);
	});

	it('opens the share path only to a wallet large enough for the tier', () => {
		// 9 M of 10 M: spend path gives tier 7 (≥ 5 M); share path: tier 8 needs a 10 M wallet
		// and 70% — met; tier 9 needs a 30 M wallet — not met.
		expect(tierOf({ spend: 10_000_000, ours: 9_000_000 })).toBe(8);
		// A tiny account at 100% share stays where its spend puts it.
		expect(tierOf({ spend: 50_000, ours: 50_000 })).toBe(1);
	});

	it('says what the next tier takes: more of our spend, or more share where open', () => {
		// 1 M of 2 M (50%): tier 5 by spend; tier 6 needs 2 M ours, or 50% of a ≥ 2 M wallet
		expect(tierOf({ spend: 2_000_000, ours: 1_000_000 })).toBe(6);
		const next = nextTier({ spend: 20_000_000, ours: 3_800_000 });
		// 19% share, tier 6 by spend (≥ 2 M); tier 7 needs 5 M ours or 60% share.
		expect(next).toEqual({ tier: 7, oursNeeded: 1_200_000, sharePointsNeeded: 41 });
		expect(nextTier({ spend: 1_000_000, ours: 800_000 })).toEqual({
			tier: 6,
			oursNeeded: 1_200_000,
			sharePointsNeeded: undefined
		});
		expect(nextTier({ spend: 1e9, ours: 1e9 })).toBeUndefined();
	});

	it('checks thresholds typed by a person', () => {
		expect(checkThresholds(DEFAULT_TIERS)).toBeUndefined();
		expect(checkThresholds({ ...DEFAULT_TIERS, minOurs: DEFAULT_TIERS.minOurs.slice(1) })).toBe(
			'length'
		);
		expect(
			checkThresholds({
				...DEFAULT_TIERS,
				minShare: [0, 0.5, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
			})
		).toBe('not-increasing');
		expect(
			checkThresholds({
				...DEFAULT_TIERS,
				minShare: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.5]
			})
		).toBe('out-of-range');
	});
});

describe('amounts typed by people', () => {
	it('reads digits, separators, ¥ and the units 万 / 亿 / k / M', () => {
		expect(parseAmount('1,200,000')).toEqual({ value: 1_200_000 });
		expect(parseAmount('¥3400万')).toEqual({ value: 34_000_000 });
		expect(parseAmount('1.2亿')).toEqual({ value: 120_000_000 });
		expect(parseAmount(' 2.5M ')).toEqual({ value: 2_500_000 });
		expect(parseAmount('１２．５万')).toEqual({ value: 125_000 });
		expect(parseAmount('-5')).toEqual({ problem: 'negative' });
		expect(parseAmount('abc')).toEqual({ problem: 'not-a-number' });
		expect(parseAmount('9999999亿')).toEqual({ problem: 'too-large' });
	});

	it('flags our spend above the total', () => {
		expect(nodeWarnings({ spend: 100, ours: 101 })).toEqual(['ours-above-total']);
		expect(nodeWarnings({ spend: 100, ours: 100 })).toEqual([]);
	});
});
