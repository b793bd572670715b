/**
 * Layouts for the journey map's charts: the emotion curve (情绪曲线) and the stage × measure
 * heatmap. Pure functions from the domain's numbers to geometry and colours; the components
 * only draw what these return.
 */
import { scaleLinear } from 'd3-scale';
import { interpolateBlues, interpolateRdYlBu } from 'd3-scale-chromatic';
import { curveMonotoneX, line } from 'd3-shape';
import {
	MEASURE_INFO,
	type EmotionCurve,
	type HeatmapMeasure,
	type HeatmapRow,
	type MeasureInfo
} from '../domain/journey/aggregate';
import { EMOTION } from '../domain/journey/types';

export interface Box {
	width: number;
	height: number;
}

/** The curve's margins at the default 12 px labels; `curveLayout` widens them for larger labels. */
export const CURVE_MARGIN = { top: 16, right: 16, bottom: 28, left: 36 } as const;

export interface CurveLayout {
	/** The margins used, in the box's units: tick labels go left of `left`, stage names below. */
	margin: { top: number; right: number; bottom: number; left: number };
	/** One SVG path per run of touchpoints with an emotion (unknown emotions leave a gap). */
	paths: string[];
	/** Each touchpoint's place; `y` is null where its emotion is unknown. */
	points: Array<{ touchpoint: string; x: number; y: number | null; emotion: number | null }>;
	/**
	 * Each stage's horizontal band, for its background and its name below: bands follow each
	 * other without overlapping, and `label` is the name, shortened with "…" only when the
	 * band is too narrow for it (`name` stays whole, for a tooltip).
	 */
	bands: Array<{ stage: string; name: string; label: string; x0: number; x1: number }>;
	/** Horizontal grid lines at −2 … +2; `zero` marks the neutral line. */
	ticks: Array<{ value: number; y: number }>;
}

/**
 * Places the curve in `box`: emotion −2 … +2 bottom to top; left to right, one band per stage
 * in map order with its touchpoints evenly spaced inside it. Bands share the width by their
 * number of touchpoints (an empty stage counts as one), but each is at least as wide as its
 * name needs, so stage names never run into each other; when the names cannot all fit, every
 * band gets a share of the width in proportion to its name and the names are shortened.
 * `labelSize` is the font size of the tick and stage labels in the box's units: the margins
 * grow with it (a "+2" is about 1.5 em wide in a wide sans-serif; stage names sit below −2).
 */
export function curveLayout(curve: EmotionCurve, box: Box, labelSize = 12): CurveLayout {
	const margin = {
		top: Math.max(CURVE_MARGIN.top, Math.ceil(labelSize * 0.6)),
		right: CURVE_MARGIN.right,
		bottom: Math.max(CURVE_MARGIN.bottom, Math.ceil(labelSize + 14)),
		left: Math.max(CURVE_MARGIN.left, Math.ceil(labelSize * 2))
	};
	const left = margin.left;
	const width = Math.max(0, box.width - margin.right - left);
	// A name needs its own width plus half an em on either side.
	const pad = labelSize;
	const widths = shareWidth(
		width,
		curve.stages.map((s) => Math.max(1, s.to - s.from)),
		curve.stages.map((s) => labelWidth(s.name, labelSize) + pad)
	);
	const bands: CurveLayout['bands'] = [];
	const xOf = new Map<number, number>();
	let x0 = left;
	for (const [i, stage] of curve.stages.entries()) {
		const x1 = x0 + widths[i]!;
		const count = stage.to - stage.from;
		for (let index = stage.from; index < stage.to; index++)
			xOf.set(index, x0 + ((index - stage.from + 0.5) * (x1 - x0)) / count);
		bands.push({
			stage: stage.stage,
			name: stage.name,
			label: shorten(stage.name, x1 - x0 - pad, labelSize),
			x0,
			x1
		});
		x0 = x1;
	}
	// Points outside every stage (none from `emotionCurve`) fall back to even spacing.
	const even = scaleLinear()
		.domain([0, Math.max(1, curve.points.length)])
		.range([left, left + width]);
	const centre = (index: number) => xOf.get(index) ?? even(index + 0.5);
	const y = scaleLinear()
		.domain([EMOTION.min, EMOTION.max])
		.range([box.height - margin.bottom, margin.top]);
	const draw = line<{ index: number; emotion: number | null }>()
		.x((p) => centre(p.index))
		.y((p) => y(p.emotion ?? 0))
		.curve(curveMonotoneX);
	return {
		margin,
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
		bands,
		ticks: [-2, -1, 0, 1, 2].map((value) => ({ value, y: y(value) }))
	};
}

/**
 * Splits `total` among items by `weights`, giving each at least its `minimum`: items whose
 * share would fall short get their minimum and the rest share what is left, by weight. When
 * the minimums alone exceed `total`, each gets a share in proportion to its minimum.
 * Returns widths that add up to `total`.
 */
export function shareWidth(total: number, weights: number[], minimums: number[]): number[] {
	const needed = minimums.reduce((a, b) => a + b, 0);
	if (needed >= total) return minimums.map((m) => (needed > 0 ? (m * total) / needed : 0));
	const fixed = new Set<number>();
	for (;;) {
		let rest = total;
		let weight = 0;
		for (const [i, w] of weights.entries()) {
			if (fixed.has(i)) rest -= minimums[i]!;
			else weight += w;
		}
		const unit = weight > 0 ? rest / weight : 0;
		const short = weights.findIndex((w, i) => !fixed.has(i) && w * unit < minimums[i]!);
		if (short === -1) return weights.map((w, i) => (fixed.has(i) ? minimums[i]! : w * unit));
		// Fixing an item lowers everyone else's share, so an item fixed once stays fixed.
		fixed.add(short);
	}
}

/**
 * Estimated width of `text` at `size` px: CJK glyphs are one em wide, other characters about
 * 0.62 em (a wide sans-serif such as DejaVu Sans, the widest the projector is likely to use).
 */
export function labelWidth(text: string, size: number): number {
	let em = 0;
	for (const char of text) em += CJK.test(char) ? 1 : 0.62;
	return em * size;
}

const CJK = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/;

/** `text`, shortened with "…" until it is estimated to fit `width`. */
function shorten(text: string, width: number, size: number): string {
	// A band sized to its name must keep it whole despite rounding: allow a hair's breadth.
	const room = width + 0.01;
	if (labelWidth(text, size) <= room) return text;
	const chars = [...text];
	while (chars.length > 1 && labelWidth(chars.join('') + '…', size) > room) chars.pop();
	return chars.join('').trimEnd() + '…';
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

interface Paint {
	fill: string;
	strong: boolean;
}

/**
 * A palette per `MeasureInfo.better`: the colour of a value at `t` (0 … 1) and whether it is
 * dark enough to need light text. `relative` is true for counts against the largest stage.
 */
const PALETTES: Record<MeasureInfo['better'], (t: number, relative: boolean) => Paint> = {
	higher: (t) => ({ fill: interpolateRdYlBu(t), strong: t < 0.15 || t > 0.85 }),
	// A count against the worst stage has no "good" end: pale yellow to red.
	lower: (t, relative) =>
		relative
			? { fill: interpolateRdYlBu(0.5 - 0.5 * t), strong: t > 0.85 }
			: { fill: interpolateRdYlBu(1 - t), strong: t < 0.15 || t > 0.85 },
	neither: (t) => ({ fill: interpolateBlues(0.1 + 0.7 * t), strong: t > 0.7 })
};

/**
 * Colours the heatmap by what each measure means (`MEASURE_INFO`): where higher is better
 * (satisfaction, participants' scores, emotion) the diverging red-to-blue scale, red for bad;
 * where lower is better (pain points) the red half of it, more is redder; where neither
 * (notes, votes: attention, not quality) a neutral blue ramp. A count of zero is left
 * uncoloured: nothing there is neither a warning nor a highlight. Texts use the true minus
 * sign "−", and a value that rounds to zero loses its sign.
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
		const text = withMinus(format(cell.value, measure));
		const { better, scale } = MEASURE_INFO[measure];
		if (scale === 'relative' && cell.value === 0) return { measure, text, fill: null, dark: true };
		const { fill, strong } = PALETTES[better](cell.normalized, scale === 'relative');
		return { measure, text, fill, dark: !strong };
	});
}

/** "-1.5" → "−1.5"; "-0.0" → "0.0". */
function withMinus(text: string): string {
	if (/^-0(?:[.,]0+)?$/.test(text)) return text.slice(1);
	return text.replace(/^-/, '−');
}
