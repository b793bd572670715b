import { describe, expect, it } from 'vitest';
import {
	chartWidth,
	columnLayout,
	MARGIN,
	paretoLayout,
	rowLayout
} from '../../src/lib/viz/travel-charts';

const box = { width: 400, height: 200 };

describe('Pareto chart layout', () => {
	const items = [
		{ key: 'b', value: 20 },
		{ key: 'a', value: 60 },
		{ key: 'c', value: 15 },
		{ key: 'd', value: 5 }
	];
	const layout = paretoLayout(items, box);

	it('sorts largest first and marks the fewest that reach 80%', () => {
		expect(layout.bars.map((b) => [b.key, b.cumulative, b.inSet])).toEqual([
			['a', 0.6, true],
			['b', 0.8, true],
			['c', 0.95, false],
			['d', 1, false]
		]);
		expect(layout.setCount).toBe(2);
	});

	it('keeps bars and the cumulative line inside the plot area', () => {
		for (const bar of layout.bars) {
			expect(bar.x).toBeGreaterThanOrEqual(MARGIN.left);
			expect(bar.x + bar.width).toBeLessThanOrEqual(box.width - MARGIN.right + 1e-9);
			expect(bar.y + bar.height).toBeCloseTo(box.height - MARGIN.bottom, 9);
		}
		// The line ends at 100% at the right edge of the last bar.
		expect(layout.cumulativePath.endsWith(`,${MARGIN.top}`)).toBe(true);
		expect(layout.coverY).toBeCloseTo(
			box.height - MARGIN.bottom - 0.8 * (box.height - MARGIN.bottom - MARGIN.top),
			9
		);
	});

	it('draws nothing from nothing', () => {
		expect(paretoLayout([], box)).toMatchObject({ bars: [], cumulativePath: '', setCount: 0 });
	});
});

describe('bar layouts', () => {
	it('keeps the order of periods and scales heights to values', () => {
		const { bars } = columnLayout(
			[
				{ key: '2026-Q1', value: 50 },
				{ key: '2026-Q2', value: 100 }
			],
			box
		);
		expect(bars.map((b) => b.key)).toEqual(['2026-Q1', '2026-Q2']);
		expect(bars[1]!.height).toBeCloseTo(bars[0]!.height * 2, 9);
	});

	it('starts horizontal bars after the labels', () => {
		const { bars } = rowLayout(
			[
				{ key: 'SHA', value: 30 },
				{ key: 'CTU', value: 10 }
			],
			box,
			120
		);
		expect(bars.every((b) => b.x === 120)).toBe(true);
		expect(bars[0]!.width).toBeCloseTo(box.width - MARGIN.right - 120, 9);
		expect(bars[1]!.width).toBeCloseTo(bars[0]!.width / 3, 9);
	});
});

describe('chart width', () => {
	it('follows its container between a phone and a wide screen, 720 before it is measured', () => {
		expect([0, 200, 375.4, 700, 2000].map(chartWidth)).toEqual([720, 320, 375, 700, 960]);
	});
});
