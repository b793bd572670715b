import { describe, expect, it } from 'vitest';
import { emotionCurve, stageHeatmap } from '../../src/lib/domain/journey/aggregate.ts';
import type { JourneyView, Touchpoint } from '../../src/lib/domain/journey/types.ts';
import { emptyTouchpoint } from '../../src/lib/domain/journey/types.ts';
import { curveLayout, heatmapCells } from '../../src/lib/viz/journey-charts.ts';

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
			{ stage: 's1', name: 'Before', x0: 36, x1: 228 },
			{ stage: 's2', name: 'After', x0: 228, x1: 420 }
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
