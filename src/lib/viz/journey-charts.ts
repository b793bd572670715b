/**
 * Layouts for the journey map's charts: the emotion curve (情绪曲线) and the stage × measure
 * heatmap. Pure functions from the domain's numbers to geometry and colours; the components
 * only draw what these return.
 */
import { scaleLinear } from 'd3-scale';
import { interpolateBlues, interpolateRdYlBu } from 'd3-scale-chromatic';
import { curveMonotoneX, line } from 'd3-shape';
import type { EmotionCurve, HeatmapMeasure, HeatmapRow } from '../domain/journey/aggregate';
import { EMOTION } from '../domain/journey/types';

export interface Box {
	width: number;
	height: number;
}

export const CURVE_MARGIN = { top: 16, right: 16, bottom: 28, left: 36 } as const;

export interface CurveLayout {
	/** One SVG path per run of touchpoints with an emotion (unknown emotions leave a gap). */
	paths: string[];
	/** Each touchpoint's place; `y` is null where its emotion is unknown. */
	points: Array<{ touchpoint: string; x: number; y: number | null; emotion: number | null }>;
	/** Each stage's horizontal band, for its label and background. */
	bands: Array<{ stage: string; name: string; x0: number; x1: number }>;
	/** Horizontal grid lines at −2 … +2; `zero` marks the neutral line. */
	ticks: Array<{ value: number; y: number }>;
}

/**
 * Places the curve in `box`: touchpoints evenly spaced left to right in map order (each in the
 * middle of its slot), emotion −2 … +2 bottom to top.
 */
export function curveLayout(curve: EmotionCurve, box: Box): CurveLayout {
	const slots = Math.max(1, curve.points.length);
	const x = scaleLinear()
		.domain([0, slots])
		.range([CURVE_MARGIN.left, box.width - CURVE_MARGIN.right]);
	const y = scaleLinear()
		.domain([EMOTION.min, EMOTION.max])
		.range([box.height - CURVE_MARGIN.bottom, CURVE_MARGIN.top]);
	const centre = (index: number) => x(index + 0.5);
	const draw = line<{ index: number; emotion: number | null }>()
		.x((p) => centre(p.index))
		.y((p) => y(p.emotion ?? 0))
		.curve(curveMonotoneX);
	return {
		paths: curve.segments.map((segment) =>
			// A single point is a dot, not a line: a zero-length segment keeps it visible.
			segment.length === 1
				? `M${centre(segment[0]!.index)},${y(segment[0]!.emotion ?? 0)}h0.01`
				: (draw(segment) ?? '')
		),
		points: curve.points.map((p) => ({
			touchpoint: p.touchpoint,
			x: centre(p.index),
			y: p.emotion === null ? null : y(p.emotion),
			emotion: p.emotion
		})),
		bands: curve.stages.map((s) => ({ stage: s.stage, name: s.name, x0: x(s.from), x1: x(s.to) })),
		ticks: [-2, -1, 0, 1, 2].map((value) => ({ value, y: y(value) }))
	};
}

/** Colour of an emotion −2 … +2: red (bad) through pale yellow to blue (good), colour-blind safe. */
export function emotionColor(emotion: number): string {
	return interpolateRdYlBu((emotion - EMOTION.min) / (EMOTION.max - EMOTION.min));
}

export interface HeatCellLayout {
	measure: HeatmapMeasure;
	/** What the cell says: the mean to one decimal, the count, or '–' for nothing. */
	text: string;
	/** Background colour; null for an empty cell. */
	fill: string | null;
	/** Dark text on light cells, light text on dark ones. */
	dark: boolean;
}

/**
 * Colours the heatmap: satisfaction and emotion on the diverging scale (higher is better), pain
 * points reversed (more is worse), notes and votes on a neutral sequential ramp (attention).
 */
export function heatmapCells(
	row: HeatmapRow,
	measures: readonly HeatmapMeasure[],
	format: (value: number, measure: HeatmapMeasure) => string
): HeatCellLayout[] {
	return measures.map((measure) => {
		const cell = row.cells[measure];
		if (cell.value === null || cell.normalized === null) {
			return { measure, text: '–', fill: null, dark: true };
		}
		const t = cell.normalized;
		let fill: string;
		let strong: boolean;
		if (measure === 'satisfaction' || measure === 'emotion') {
			fill = interpolateRdYlBu(t);
			strong = t < 0.15 || t > 0.85;
		} else if (measure === 'painPoints') {
			fill = interpolateRdYlBu(0.5 - 0.5 * t);
			strong = t > 0.85;
		} else {
			fill = interpolateBlues(0.1 + 0.7 * t);
			strong = t > 0.7;
		}
		return { measure, text: format(cell.value, measure), fill, dark: !strong };
	});
}
