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
	type CurvePoint,
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
	/** The same for the participants' scores: the second series, its own gaps. */
	participantPaths: string[];
	/**
	 * Each touchpoint's place; `y` is null where its emotion is unknown, `py` where the
	 * participants' score is.
	 */
	points: Array<{
		touchpoint: string;
		x: number;
		y: number | null;
		emotion: number | null;
		py: number | null;
		participants: number | null;
	}>;
	/**
	 * A value beside each mark ("+2", "−1", the participants' "3.7"): the editors' above their
	 * dot, the participants' below theirs, so the two series' labels do not collide.
	 */
	labels: Array<{
		touchpoint: string;
		series: 'editors' | 'participants';
		x: number;
		y: number;
		text: string;
	}>;
	/**
	 * Touchpoint names under the plot, written at {@link NAME_ANGLE}° from `(x, y)` (the text's
	 * end), shortened with "…" to the room there is; empty unless names were asked for.
	 */
	names: Array<{ touchpoint: string; x: number; y: number; text: string; name: string }>;
	/** The participants' 1 … 5 scale on the right, at the heights of −2 … +2; empty without them. */
	scoreTicks: Array<{ value: number; y: number }>;
	/**
	 * Each stage's horizontal band, for its background and its name below: bands follow each
	 * other without overlapping, and `label` is the name, shortened with "…" only when the
	 * band is too narrow for it (`name` stays whole, for a tooltip).
	 */
	bands: Array<{ stage: string; name: string; label: string; x0: number; x1: number }>;
	/** Horizontal grid lines at −2 … +2; `zero` marks the neutral line. */
	ticks: Array<{ value: number; y: number }>;
}

/** Angle of the touchpoint names under the curve, degrees (negative: rising to the right). */
export const NAME_ANGLE = -35;
/**
 * How far below the plot a name ends, in ems: clear of a −2 dot and its "−2" label, which sit on
 * the plot's bottom edge.
 */
const NAME_GAP_EM = 1.5;

export interface CurveOptions {
	/**
	 * Touchpoint id → name: writes each touchpoint's name under the plot (the bottom margin grows
	 * to hold them, at most `maxNameEm` ems long).
	 */
	names?: ReadonlyMap<string, string>;
	maxNameEm?: number;
	/** Write each mark's value beside it. */
	values?: boolean;
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
export function curveLayout(
	curve: EmotionCurve,
	box: Box,
	labelSize = 12,
	options: CurveOptions = {}
): CurveLayout {
	const hasParticipants = curve.points.some((p) => p.participants !== null);
	const radians = (Math.abs(NAME_ANGLE) * Math.PI) / 180;
	const maxNameWidth = (options.maxNameEm ?? 9) * labelSize;
	const longestName = options.names
		? Math.min(
				maxNameWidth,
				Math.max(
					0,
					...curve.points.map((p) => labelWidth(options.names!.get(p.touchpoint) ?? '', labelSize))
				)
			)
		: 0;
	// The names hang below the plot, then the stage names under them.
	const nameBlock = options.names
		? Math.ceil(
				longestName * Math.sin(radians) + labelSize * (NAME_GAP_EM - 0.4 + Math.cos(radians))
			)
		: 0;
	const margin = {
		top: Math.max(CURVE_MARGIN.top, Math.ceil(labelSize * (options.values ? 1.6 : 0.6))),
		right: hasParticipants ? Math.ceil(labelSize * 1.8) : CURVE_MARGIN.right,
		bottom: Math.max(CURVE_MARGIN.bottom, Math.ceil(labelSize + 14)) + nameBlock,
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
	const pathsOf = (segments: EmotionCurve['segments'], value: (p: CurvePoint) => number | null) => {
		const draw = line<CurvePoint>()
			.x((p) => centre(p.index))
			.y((p) => y(value(p) ?? 0))
			.curve(curveMonotoneX);
		return segments.map((segment) =>
			// A single point is a dot, not a line: a zero-length segment keeps it visible.
			segment.length === 1
				? `M${centre(segment[0]!.index)},${y(value(segment[0]!) ?? 0)}h0.01`
				: (draw(segment) ?? '')
		);
	};
	const points = curve.points.map((p) => ({
		touchpoint: p.touchpoint,
		x: centre(p.index),
		y: p.emotion === null ? null : y(p.emotion),
		emotion: p.emotion,
		py: p.participants === null ? null : y(p.participants),
		participants: p.participants
	}));
	const labels: CurveLayout['labels'] = [];
	if (options.values) {
		const gap = labelSize * 0.55;
		for (const p of points) {
			if (p.y !== null && p.emotion !== null)
				labels.push({
					touchpoint: p.touchpoint,
					series: 'editors',
					x: p.x,
					y: p.y - gap,
					text: signed(p.emotion)
				});
			if (p.py !== null && p.participants !== null)
				labels.push({
					touchpoint: p.touchpoint,
					series: 'participants',
					x: p.x,
					y: p.py + gap + labelSize * 0.8,
					text: (p.participants + 3).toFixed(1)
				});
		}
	}
	const plotBottom = box.height - margin.bottom;
	const names: CurveLayout['names'] = [];
	if (options.names) {
		for (const p of points) {
			const name = options.names.get(p.touchpoint) ?? '';
			// The text ends just under its point and runs down to the left; near the left edge it
			// is shortened so it stays inside the box.
			const x = p.x + labelSize * 0.3;
			const room = Math.min(maxNameWidth, x / Math.cos(radians));
			names.push({
				touchpoint: p.touchpoint,
				x,
				y: plotBottom + labelSize * NAME_GAP_EM,
				text: shorten(name, room, labelSize),
				name
			});
		}
	}
	return {
		margin,
		paths: pathsOf(curve.segments, (p) => p.emotion),
		participantPaths: pathsOf(curve.participantSegments ?? [], (p) => p.participants),
		points,
		labels,
		names,
		bands,
		ticks: [-2, -1, 0, 1, 2].map((value) => ({ value, y: y(value) })),
		scoreTicks: hasParticipants ? [1, 2, 3, 4, 5].map((value) => ({ value, y: y(value - 3) })) : []
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
	/**
	 * For a mean over more than one distinct value, its range ("−2 … +2", "1 … 5"), so a mean
	 * of 0.0 that hides a split says so; null otherwise.
	 */
	spread: string | null;
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
			return { measure, text: '–', spread: null, fill: null, dark: true };
		}
		const text = withMinus(format(cell.value, measure));
		const { better, scale } = MEASURE_INFO[measure];
		const range = cell.spread;
		const spread =
			range && range.min !== range.max
				? `${rangeEnd(range.min, measure)} … ${rangeEnd(range.max, measure)}`
				: null;
		if (scale === 'relative' && cell.value === 0)
			return { measure, text, spread, fill: null, dark: true };
		const { fill, strong } = PALETTES[better](cell.normalized, scale === 'relative');
		return { measure, text, spread, fill, dark: !strong };
	});
}

/** A range end: emotion signed ("−2", "+1.5"), scores plain ("3.5"); one decimal only when needed. */
function rangeEnd(value: number, measure: HeatmapMeasure): string {
	const digits = Number.isInteger(value) ? 0 : 1;
	return measure === 'emotion' ? signed(value, digits) : value.toFixed(digits);
}

/** "-1.5" → "−1.5"; "-0.0" → "0.0". */
function withMinus(text: string): string {
	if (/^-0(?:[.,]0+)?$/.test(text)) return text.slice(1);
	return text.replace(/^-/, '−');
}

/** A signed number as people write it: "+2", "0", "−1.5" (true minus sign). */
export function signed(value: number, digits = 0): string {
	const text = value.toFixed(digits);
	if (/^-?0(?:\.0+)?$/.test(text)) return text.replace('-', '');
	return value > 0 ? `+${text}` : text.replace('-', '−');
}

/** WCAG relative luminance of a `#rrggbb` or `rgb(r, g, b)` colour, 0 … 1. */
export function luminance(colour: string): number {
	const hex = /^#([0-9a-f]{6})$/i.exec(colour);
	const rgb = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(colour);
	const channels = hex
		? [0, 2, 4].map((i) => parseInt(hex[1]!.slice(i, i + 2), 16))
		: rgb
			? [rgb[1], rgb[2], rgb[3]].map(Number)
			: [0, 0, 0];
	const [r, g, b] = channels.map((c) => {
		const v = c! / 255;
		return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
	});
	return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG contrast ratio of two colours, 1 … 21. */
export function contrast(a: string, b: string): number {
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (hi! + 0.05) / (lo! + 0.05);
}

export interface EmotionChip {
	/** "+2", "0", "−1" with a true minus sign. */
	label: string;
	fill: string;
	/** Black or white, whichever contrasts more with `fill` (at least WCAG AA's 4.5 : 1 here). */
	text: '#000000' | '#ffffff';
}

/** How an emotion −2 … +2 is shown as a chip: its diverging colour and readable text on it. */
export function emotionChip(emotion: number): EmotionChip {
	const fill = emotionColor(emotion);
	const text = contrast(fill, '#000000') >= contrast(fill, '#ffffff') ? '#000000' : '#ffffff';
	return { label: signed(emotion), fill, text };
}
