import { describe, expect, it } from 'vitest';
import { emotionCurve, stageHeatmap } from '../../src/lib/domain/journey/aggregate.ts';
import type { JourneyView, Touchpoint } from '../../src/lib/domain/journey/types.ts';
import { emptyTouchpoint } from '../../src/lib/domain/journey/types.ts';
import {
	contrast,
	curveLayout,
	emotionChip,
	emotionColor,
	heatmapCells,
	labelWidth,
	shareWidth,
	signed
} from '../../src/lib/viz/journey-charts.ts';

const tp = (id: string, stage: string, emotion: number | null): Touchpoint => ({
	...emptyTouchpoint(),
	id,
	stage,
	order: 'a0',
	name: id,
	emotion,
	satisfaction: emotion === null ? null : emotion + 3
});

const journey: JourneyView = {
	stages: [
		{ id: 's1', name: 'Before', order: 'a0', touchpoints: [tp('a', 's1', -2), tp('b', 's1', 2)] },
		{ id: 's2', name: 'After', order: 'a1', touchpoints: [tp('c', 's2', null), tp('d', 's2', 0)] }
	],
	unplaced: []
};
const box = { width: 436, height: 144 };

describe('curveLayout', () => {
	const layout = curveLayout(emotionCurve(journey), box);

	it('puts each touchpoint in the middle of its slot, in map order', () => {
		// 436 − 36 − 16 = 384 px for 4 slots of 96 px.
		expect(layout.points.map((p) => p.x)).toEqual([84, 180, 276, 372]);
	});

	it('maps −2 to the bottom and +2 to the top', () => {
		expect(layout.points[0]!.y).toBe(box.height - 28);
		expect(layout.points[1]!.y).toBe(16);
	});

	it('leaves a gap where an emotion is unknown: two paths, one of them a dot', () => {
		expect(layout.points[2]!.y).toBeNull();
		expect(layout.paths).toHaveLength(2);
		expect(layout.paths[1]).toMatch(/h0\.01$/);
	});

	it('gives each stage a band over its touchpoints', () => {
		expect(layout.bands).toEqual([
			{ stage: 's1', name: 'Before', label: 'Before', x0: 36, x1: 228 },
			{ stage: 's2', name: 'After', label: 'After', x0: 228, x1: 420 }
		]);
	});
});

describe('heatmapCells', () => {
	const rows = stageHeatmap(journey);
	const format = (value: number) => value.toFixed(1);

	it('says – and leaves empty cells uncoloured', () => {
		const cells = heatmapCells(rows[0]!, ['notes', 'satisfaction'], format);
		expect(cells[1]).toMatchObject({ text: '3.0' });
		expect(cells[1]!.fill).toMatch(/^rgb/);
	});

	it('colours satisfaction and emotion on one diverging scale', () => {
		const [satisfaction, emotion] = heatmapCells(rows[1]!, ['satisfaction', 'emotion'], format);
		expect(satisfaction!.fill).toBe(emotion!.fill);
	});
});

describe('curveLayout with empty stages', () => {
	const withEmpty: JourneyView = {
		stages: [
			{ id: 'e1', name: 'Research', order: 'a0', touchpoints: [] },
			{ id: 's1', name: 'Before', order: 'a1', touchpoints: [tp('a', 's1', -1)] },
			{ id: 'e2', name: 'Support', order: 'a2', touchpoints: [] },
			{ id: 'e3', name: 'Loyalty', order: 'a3', touchpoints: [] }
		],
		unplaced: []
	};

	it('gives every stage, empty or not, a band of its own that no other band overlaps', () => {
		const { bands } = curveLayout(emotionCurve(withEmpty), box);
		for (const band of bands) expect(band.x1 - band.x0).toBeGreaterThan(0);
		for (const [i, band] of bands.entries()) {
			if (i > 0) expect(band.x0).toBeGreaterThanOrEqual(bands[i - 1]!.x1);
		}
		// Labels sit in the middle of their bands: all at different places.
		const centres = bands.map((b) => (b.x0 + b.x1) / 2);
		expect(new Set(centres).size).toBe(bands.length);
	});

	it('keeps a touchpoint inside its own stage band', () => {
		const layout = curveLayout(emotionCurve(withEmpty), box);
		const before = layout.bands[1]!;
		expect(layout.points[0]!.x).toBeGreaterThan(before.x0);
		expect(layout.points[0]!.x).toBeLessThan(before.x1);
	});

	it('spreads a blank map (stages, no touchpoints) evenly across the width', () => {
		const blank: JourneyView = {
			stages: withEmpty.stages.filter((s) => s.touchpoints.length === 0),
			unplaced: []
		};
		const { bands } = curveLayout(emotionCurve(blank), box);
		// 436 − 36 − 16 = 384 px for 3 stages of 128 px.
		expect(bands.map((b) => [b.x0, b.x1])).toEqual([
			[36, 164],
			[164, 292],
			[292, 420]
		]);
	});
});

describe('curveLayout stage names', () => {
	const many = (n: number, prefix: string) =>
		Array.from({ length: n }, (_, i) => tp(`${prefix}${i}`, prefix, (i % 5) - 2));
	const crowded: JourneyView = {
		stages: [
			{ id: 'p', name: 'Pre-flight', order: 'a0', touchpoints: many(12, 'p') },
			{ id: 'e', name: 'Research before booking', order: 'a1', touchpoints: [] },
			{ id: 'c', name: 'In the cabin', order: 'a2', touchpoints: many(12, 'c') },
			{ id: 'f', name: 'Post-flight', order: 'a3', touchpoints: many(5, 'f') },
			{ id: 'l', name: 'Loyalty', order: 'a4', touchpoints: [] }
		],
		unplaced: []
	};

	it('widens an empty stage’s band to fit its name, and the name stays whole', () => {
		const { bands, margin } = curveLayout(emotionCurve(crowded), { width: 1800, height: 240 }, 26);
		const research = bands[1]!;
		expect(research.label).toBe('Research before booking');
		expect(research.x1 - research.x0).toBeGreaterThanOrEqual(labelWidth(research.name, 26));
		// Every name fits here, including those whose band is exactly as wide as the name needs.
		expect(bands.map((b) => b.label)).toEqual(bands.map((b) => b.name));
		// The bands still tile the plot, the last one ending at the right margin.
		expect(bands[0]!.x0).toBe(margin.left);
		expect(bands.at(-1)!.x1).toBeCloseTo(1800 - margin.right);
		for (const [i, band] of bands.entries())
			if (i > 0) expect(band.x0).toBeCloseTo(bands[i - 1]!.x1);
	});

	it('shortens names with “…” when they cannot all fit, each inside its own band', () => {
		const names = Array.from({ length: 8 }, (_, i) => `A rather long stage name ${i}`);
		const curve = emotionCurve({
			stages: names.map((name, i) => ({ id: `s${i}`, name, order: `a${i}`, touchpoints: [] })),
			unplaced: []
		});
		const { bands } = curveLayout(curve, { width: 1200, height: 200 });
		for (const band of bands) {
			expect(band.label).toMatch(/…$/);
			expect(labelWidth(band.label, 12)).toBeLessThanOrEqual(band.x1 - band.x0);
		}
	});
});

describe('shareWidth', () => {
	it.each([
		{ total: 100, weights: [1, 1], minimums: [0, 0], expected: [50, 50] },
		{ total: 100, weights: [3, 1], minimums: [10, 10], expected: [75, 25] },
		{ total: 100, weights: [9, 1], minimums: [10, 40], expected: [60, 40] },
		{ total: 100, weights: [1, 1], minimums: [100, 300], expected: [25, 75] }
	])(
		'shares $total by $weights with minimums $minimums',
		({ total, weights, minimums, expected }) => {
			expect(shareWidth(total, weights, minimums)).toEqual(expected);
		}
	);
});

describe('curveLayout margins', () => {
	it('leaves room on the left for the tick labels at their size', () => {
		const small = curveLayout(emotionCurve(journey), box);
		const large = curveLayout(emotionCurve(journey), box, 26);
		expect(small.margin.left).toBe(36);
		// "+2" is about 1.5 em wide in a wide sans-serif: it needs more than 36 px at 26 px.
		expect(large.margin.left).toBeGreaterThanOrEqual(2 * 26);
		expect(large.bands[0]!.x0).toBe(large.margin.left);
	});
});

describe('heatmapCells palettes', () => {
	const format = (value: number) => value.toFixed(1);
	const scored: JourneyView = {
		stages: [
			{ id: 's1', name: 'Before', order: 'a0', touchpoints: [tp('a', 's1', -2)] },
			{ id: 's2', name: 'After', order: 'a1', touchpoints: [tp('b', 's2', 1)] }
		],
		unplaced: []
	};

	it('colours participants’ scores like satisfaction (a quality, red for bad), not as a count', () => {
		const rows = stageHeatmap(scored, {
			scores: new Map([
				['a', { n: 4, mean: 1 }],
				['b', { n: 4, mean: 4 }]
			])
		});
		for (const row of rows) {
			const [satisfaction, participants] = heatmapCells(
				row,
				['satisfaction', 'participantScore'],
				format
			);
			expect(participants!.fill).toBe(satisfaction!.fill);
		}
		const [low] = heatmapCells(rows[0]!, ['participantScore'], format);
		expect(low!.fill).toBe(emotionColor(-2));
	});

	it('leaves a count of zero uncoloured: no pain points is no warning', () => {
		const rows = stageHeatmap(scored);
		const cells = heatmapCells(rows[0]!, ['painPoints', 'notes', 'votes'], format);
		expect(cells.map((c) => [c.text, c.fill])).toEqual([
			['0.0', null],
			['0.0', null],
			['0.0', null]
		]);
	});

	it('writes negative numbers with the minus sign, and never “−0.0”', () => {
		const [before] = heatmapCells(stageHeatmap(scored)[0]!, ['emotion'], format);
		expect(before!.text).toBe('−2.0');
		const nearZero: JourneyView = {
			stages: [{ id: 's', name: 'S', order: 'a0', touchpoints: [tp('a', 's', 0)] }],
			unplaced: []
		};
		const [zero] = heatmapCells(stageHeatmap(nearZero)[0]!, ['emotion'], () => '-0.0');
		expect(zero!.text).toBe('0.0');
	});
});

describe('curveLayout with participants, values and names (projector)', () => {
	const scores = new Map([
		['a', { n: 3, mean: 2 }],
		['b', { n: 1, mean: 5 }],
		['c', { n: 4, mean: 4.5 }],
		['d', { n: 3, mean: 3 }]
	]);
	const curve = emotionCurve(journey, undefined, scores);
	const names = new Map([
		['a', 'Travel-policy lookup'],
		['b', 'Booking'],
		['c', 'Seat comfort'],
		['d', '里程累积']
	]);
	const layout = curveLayout(curve, { width: 900, height: 400 }, 20, { names, values: true });

	it('draws the participants as their own series, with gaps where fewer than three scored', () => {
		expect(layout.points.map((p) => p.participants)).toEqual([-1, null, 1.5, 0]);
		expect(layout.participantPaths).toHaveLength(2);
		expect(layout.scoreTicks.map((t) => t.value)).toEqual([1, 2, 3, 4, 5]);
		// Score 3 sits on the neutral line.
		expect(layout.scoreTicks[2]!.y).toBe(layout.ticks[2]!.y);
	});

	it('labels each mark with its value, true minus signs, editors above and participants below', () => {
		const editors = layout.labels.filter((l) => l.series === 'editors');
		expect(editors.map((l) => l.text)).toEqual(['−2', '+2', '0']);
		const a = layout.points[0]!;
		expect(editors[0]!.y).toBeLessThan(a.y!);
		const participants = layout.labels.filter((l) => l.series === 'participants');
		expect(participants.map((l) => l.text)).toEqual(['2.0', '4.5', '3.0']);
		expect(participants[0]!.y).toBeGreaterThan(a.py!);
	});

	it('writes every touchpoint’s name under the plot, inside the box', () => {
		expect(layout.names.map((n) => n.name)).toEqual([...names.values()]);
		for (const name of layout.names) {
			const reach = labelWidth(name.text, 20) * Math.cos((35 * Math.PI) / 180);
			expect(name.x - reach).toBeGreaterThanOrEqual(0);
			expect(name.y).toBeGreaterThan(layout.points[0]!.y!);
		}
	});

	it('is deterministic (snapshot of the layout data)', () => {
		const round = (value: unknown): unknown =>
			JSON.parse(
				JSON.stringify(value, (_, v) => (typeof v === 'number' ? Math.round(v * 100) / 100 : v))
			);
		expect(round(layout)).toMatchSnapshot();
	});
});

describe('heatmap spread and emotion chips', () => {
	it('writes the range under a mean that hides a split', () => {
		const rows = stageHeatmap(journey);
		const format = (value: number) => value.toFixed(1);
		const [emotion] = heatmapCells(rows[0]!, ['emotion'], format);
		expect(emotion).toMatchObject({ text: '0.0', spread: '−2 … +2' });
		const [after] = heatmapCells(rows[1]!, ['emotion'], format);
		expect(after!.spread).toBeNull();
		expect(round2(heatmapCells(rows[0]!, ['satisfaction', 'notes'], format))).toMatchSnapshot();
	});

	it('gives every emotion chip text of at least 4.5 : 1 contrast and a true minus', () => {
		for (const emotion of [-2, -1, 0, 1, 2]) {
			const chip = emotionChip(emotion);
			expect(contrast(chip.fill, chip.text)).toBeGreaterThanOrEqual(4.5);
		}
		expect([-2, -1, 0, 1, 2].map((e) => emotionChip(e).label)).toEqual([
			'−2',
			'−1',
			'0',
			'+1',
			'+2'
		]);
	});

	it('formats signed values', () => {
		expect([signed(-1.5, 1), signed(-0.01, 1), signed(0.5, 1), signed(2)]).toEqual([
			'−1.5',
			'0.0',
			'+0.5',
			'+2'
		]);
	});
});

function round2(value: unknown): unknown {
	return JSON.parse(
		JSON.stringify(value, (_, v) => (typeof v === 'number' ? Math.round(v * 100) / 100 : v))
	);
}
