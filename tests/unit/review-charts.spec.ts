import { describe, expect, it } from 'vitest';
import {
	gapLayout,
	gapRowsLayout,
	histogramLayout,
	stripLabelWidth,
	stripLayout
} from '../../src/lib/viz/review-charts';

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

describe('report charts at phone width', () => {
	it('self-versus-others rows put each name above its bar, so no name is cut', () => {
		const rows = [
			{ key: 'communication', gap: 0.67 },
			{ key: 'values', gap: -1.5 }
		];
		const layout = gapRowsLayout(rows, 340);
		expect(layout).toMatchSnapshot();
		for (const row of layout.rows) {
			// The name's baseline sits above the bar; the bar and its value stay inside the width.
			expect(row.nameY).toBeLessThan(row.y);
			expect(row.x).toBeGreaterThanOrEqual(44);
			expect(row.x + row.width).toBeLessThanOrEqual(340 - 44);
		}
		expect(layout.zeroX).toBe(170);
	});

	it('the strip plot keeps most of a phone line for the scores', () => {
		expect(stripLabelWidth(720)).toBe(200);
		expect(stripLabelWidth(340)).toBe(102);
		expect(stripLabelWidth(200)).toBe(92);
		const layout = stripLayout(
			[
				{
					key: 'c',
					cells: [{ unit: 'peer', counts: [0, 1, 2, 0, 1], mean: 3.25, trimmedMean: undefined }]
				}
			],
			340,
			stripLabelWidth(340)
		);
		expect(layout.ticks.map((t) => Math.round(t.x))).toEqual([118, 170, 221, 273, 324]);
	});
});
