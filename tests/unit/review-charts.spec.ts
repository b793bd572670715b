import { describe, expect, it } from 'vitest';
import {
	gapChartLayout,
	gapLayout,
	histogramLayout,
	stripLabelWidth,
	stripLayout
} from '../../src/lib/viz/review-charts';
import { estimateTextWidth } from '../../src/lib/viz/text-width';

describe('strip plot layout', () => {
	const rows = [
		{
			key: 'conduct',
			cells: [
				{ unit: 'superior', counts: [0, 0, 0, 1, 0], mean: 4, trimmedMean: undefined },
				{ unit: 'peer', counts: [0, 1, 2, 1, 1], mean: 3.4, trimmedMean: 3.33 }
			]
		},
		{ key: 'results', cells: [{ unit: 'peer', counts: [0, 0, 0, 0, 5], mean: 5, trimmedMean: 5 }] }
	];
	const layout = stripLayout(rows, 600, 200);

	it('puts score 1 after the labels and 5 at the right edge', () => {
		expect(layout.ticks.map((t) => t.score)).toEqual([1, 2, 3, 4, 5]);
		expect(layout.ticks[0]!.x).toBe(216);
		expect(layout.ticks[4]!.x).toBe(584);
	});

	it('draws a dot per score given, the biggest for the most common, none for zero', () => {
		const peer = layout.rows[0]!.lanes[1]!;
		expect(peer.dots.map((d) => [d.score, d.count])).toEqual([
			[2, 1],
			[3, 2],
			[4, 1],
			[5, 1]
		]);
		const five = layout.rows[1]!.lanes[0]!.dots[0]!;
		expect(five.r).toBeGreaterThan(peer.dots[1]!.r);
	});

	it('marks the trimmed mean, or the mean (flagged untrimmed) when too few scored', () => {
		const [superior, peer] = layout.rows[0]!.lanes;
		expect(superior).toMatchObject({ trimmed: false, markX: layout.ticks[3]!.x });
		expect(peer!.trimmed).toBe(true);
		expect(peer!.markX).toBeCloseTo(216 + (2.33 / 4) * 368, 6);
	});

	it('stacks rows without overlap', () => {
		const [a, b] = layout.rows;
		expect(b!.y).toBeGreaterThanOrEqual(a!.y + a!.height);
		expect(layout.height).toBeGreaterThan(b!.y + b!.height);
	});
});

describe('self-versus-others gap layout', () => {
	const layout = gapLayout(
		[
			{ key: 'a', gap: 1.5 },
			{ key: 'b', gap: -0.5 },
			{ key: 'c', gap: 0 }
		],
		{ width: 500, height: 90 },
		100
	);

	it('centres zero on a symmetric domain and grows bars away from it', () => {
		expect(layout.extent).toBe(2);
		expect(layout.zeroX).toBeCloseTo((108 + 452) / 2, 9);
		const [a, b, c] = layout.bars;
		expect(a!.x).toBeCloseTo(layout.zeroX, 9);
		expect(b!.x + b!.width).toBeCloseTo(layout.zeroX, 9);
		expect(a!.width).toBeCloseTo(3 * b!.width, 9);
		expect(c!.width).toBe(0);
	});

	it('colours above and below others differently', () => {
		expect(layout.bars[0]!.color).not.toBe(layout.bars[1]!.color);
	});
});

describe('histogram layout', () => {
	it('scales the tallest bar to the plot height and keeps zero bars flat', () => {
		const bars = histogramLayout(
			[
				{ label: '1', count: 0 },
				{ label: '2', count: 2 },
				{ label: '3', count: 4 }
			],
			{ width: 300, height: 140 }
		);
		expect(bars.map((b) => b.height)).toEqual([0, 50, 100]);
		expect(bars[2]!.y).toBe(16);
		expect(bars[0]!.x).toBeLessThan(bars[1]!.x);
	});
});

describe('charts laid out for their names and width', () => {
	const rows = [
		{ key: 'mc', label: 'Management communication', gap: -1.25 },
		{ key: 'r', label: 'Results', gap: 0.5 }
	];

	it('estimates Chinese characters wider than Latin letters, capitals wider than lower case', () => {
		expect(estimateTextWidth('管理沟通', 13)).toBe(52);
		expect(estimateTextWidth('ab', 10)).toBeLessThan(estimateTextWidth('AB', 10));
		expect(estimateTextWidth('Management communication', 13)).toBeGreaterThan(150);
	});

	it('on a desk, names sit beside their bars and none starts left of the chart', () => {
		const layout = gapChartLayout(rows, 720);
		expect(layout.stacked).toBe(false);
		for (const name of layout.names) {
			const label = rows.find((r) => r.key === name.key)!.label;
			expect(name.anchor).toBe('end');
			expect(name.x - estimateTextWidth(label, 13)).toBeGreaterThanOrEqual(0);
		}
		// A negative bar's value is written left of its end: it must not run into the names.
		const negative = layout.bars.find((bar) => bar.gap < 0)!;
		expect(negative.x - estimateTextWidth('−1.25', 13)).toBeGreaterThanOrEqual(layout.names[0]!.x);
	});

	it('on a phone, long names go above their bars, from the left edge, clear of the bar', () => {
		const layout = gapChartLayout(rows, 330);
		expect(layout.stacked).toBe(true);
		layout.names.forEach((name, i) => {
			expect(name).toMatchObject({ x: 0, anchor: 'start' });
			expect(name.y + 13 / 2).toBeLessThanOrEqual(layout.bars[i]!.y);
		});
		const [first, second] = layout.bars;
		expect(second!.y).toBeGreaterThan(first!.y + first!.height + 13);
		expect(layout.height).toBeGreaterThan(second!.y + second!.height);
	});

	it("keeps room for the strip plot's unit names, within 35% of the width", () => {
		expect(stripLabelWidth(['Superior', 'Self'], 720)).toBe(estimateTextWidth('Superior', 12) + 16);
		expect(stripLabelWidth(['A very long rater group name indeed'], 330)).toBe(
			Math.round(330 * 0.35)
		);
		expect(stripLabelWidth([], 330)).toBe(48);
	});
});
