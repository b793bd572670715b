/**
 * Layouts of the 360° report's charts: pure functions from report figures to plain geometry, so
 * they test without a DOM and the components only draw. Scores are on the 1–5 scale.
 */
import { scaleBand, scaleLinear, scaleSqrt } from 'd3-scale';
import { interpolateRdBu } from 'd3-scale-chromatic';

export interface Box {
	width: number;
	height: number;
}

/** One unit's cell of one competency: the count of each score 1–5 and the panel's marks. */
export interface StripCell {
	unit: string;
	/** counts[k − 1]: scores of k. */
	counts: readonly number[];
	mean: number;
	/** Undefined when too few scored to trim. */
	trimmedMean: number | undefined;
}

export interface StripRow {
	key: string;
	cells: readonly StripCell[];
}

export interface StripDot {
	unit: string;
	score: number;
	count: number;
	cx: number;
	cy: number;
	r: number;
}

export interface StripLayout {
	/** x of each score 1–5, for the axis. */
	ticks: Array<{ score: number; x: number }>;
	rows: Array<{
		key: string;
		y: number;
		height: number;
		lanes: Array<{
			unit: string;
			y: number;
			dots: StripDot[];
			/** x of the trimmed mean, when there is one; else of the mean. */
			markX: number;
			trimmed: boolean;
		}>;
	}>;
	height: number;
}

/**
 * A strip plot per competency: one lane per unit, a dot at each score sized by how many gave it,
 * and a tick at the trimmed mean (or the mean, where too few scored to trim). `labelWidth` is
 * kept free on the left for the names.
 */
export function stripLayout(
	rows: readonly StripRow[],
	width: number,
	labelWidth: number,
	laneHeight = 22,
	rowGap = 14,
	/** Room above a competency's lanes for its name, so long names never run into unit labels. */
	headingHeight = 20
): StripLayout {
	const x = scaleLinear()
		.domain([1, 5])
		.range([labelWidth + 16, width - 16]);
	const maxCount = Math.max(1, ...rows.flatMap((r) => r.cells.flatMap((c) => [...c.counts])));
	const radius = scaleSqrt()
		.domain([0, maxCount])
		.range([0, laneHeight / 2 - 1]);
	let y = 24;
	const out: StripLayout['rows'] = [];
	for (const row of rows) {
		const top = y;
		const lanes = row.cells.map((cell, i) => {
			const laneY = top + headingHeight + i * laneHeight + laneHeight / 2;
			const dots: StripDot[] = [];
			cell.counts.forEach((count, k) => {
				if (count > 0) {
					dots.push({
						unit: cell.unit,
						score: k + 1,
						count,
						cx: x(k + 1),
						cy: laneY,
						r: radius(count)
					});
				}
			});
			const mark = cell.trimmedMean ?? cell.mean;
			return {
				unit: cell.unit,
				y: laneY,
				dots,
				markX: x(mark),
				trimmed: cell.trimmedMean !== undefined
			};
		});
		const height = headingHeight + Math.max(1, row.cells.length) * laneHeight;
		out.push({ key: row.key, y: top, height, lanes });
		y += height + rowGap;
	}
	return {
		ticks: [1, 2, 3, 4, 5].map((score) => ({ score, x: x(score) })),
		rows: out,
		height: y
	};
}

export interface GapBar {
	key: string;
	gap: number;
	x: number;
	y: number;
	width: number;
	height: number;
	color: string;
}

/**
 * Self minus others per competency as bars diverging from zero: right where the subject rates
 * themselves higher than others do. The domain is symmetric so zero sits in the middle.
 */
export function gapLayout(
	rows: ReadonlyArray<{ key: string; gap: number }>,
	box: Box,
	labelWidth: number
): { bars: GapBar[]; zeroX: number; extent: number } {
	const extent = Math.max(1, ...rows.map((r) => Math.ceil(Math.abs(r.gap))));
	const x = scaleLinear()
		.domain([-extent, extent])
		.range([labelWidth + 8, box.width - 48]);
	const y = scaleBand()
		.domain(rows.map((r) => r.key))
		.range([0, box.height])
		.padding(0.25);
	// Diverging ramp for score gaps (DESIGN.md): blue above others, red below.
	const color = (gap: number) =>
		interpolateRdBu(0.5 + 0.45 * Math.max(-1, Math.min(1, gap / extent)));
	return {
		zeroX: x(0),
		extent,
		bars: rows.map((row) => ({
			key: row.key,
			gap: row.gap,
			x: Math.min(x(0), x(row.gap)),
			y: y(row.key) ?? 0,
			width: Math.abs(x(row.gap) - x(0)),
			height: y.bandwidth(),
			color: color(row.gap)
		}))
	};
}

export interface GapRow extends GapBar {
	/** Baseline of the row's name, written above its bar from the left edge. */
	nameY: number;
}

/**
 * Self minus others as bars diverging from zero, each under its own name: names never share the
 * line with the bars, so a long name ("Management communication", "跨部门协调") is never cut at
 * any width, and the chart reflows to a phone's width with its type at full size. `margin` keeps
 * room on both sides for the values written beyond the bar ends.
 */
export function gapRowsLayout(
	rows: ReadonlyArray<{ key: string; gap: number }>,
	width: number,
	{ nameHeight = 18, barHeight = 14, rowGap = 10, margin = 44 } = {}
): { rows: GapRow[]; zeroX: number; extent: number; height: number } {
	const extent = Math.max(1, ...rows.map((r) => Math.ceil(Math.abs(r.gap))));
	const x = scaleLinear()
		.domain([-extent, extent])
		.range([margin, Math.max(margin + 40, width - margin)]);
	const color = (gap: number) =>
		interpolateRdBu(0.5 + 0.45 * Math.max(-1, Math.min(1, gap / extent)));
	let y = 0;
	const out = rows.map((row) => {
		const top = y;
		y += nameHeight + barHeight + rowGap;
		return {
			key: row.key,
			gap: row.gap,
			nameY: top + nameHeight - 5,
			x: Math.min(x(0), x(row.gap)),
			y: top + nameHeight,
			width: Math.abs(x(row.gap) - x(0)),
			height: barHeight,
			color: color(row.gap)
		};
	});
	return { rows: out, zeroX: x(0), extent, height: y };
}

/**
 * The strip plot's room for unit names at `width`: 200 px on a desk, less on a phone so the
 * scores keep most of the line. Unit names are short ("Direct reports", "其他（合并）").
 */
export function stripLabelWidth(width: number): number {
	return Math.round(Math.max(92, Math.min(200, width * 0.3)));
}

export interface HistogramBar {
	label: string;
	count: number;
	x: number;
	y: number;
	width: number;
	height: number;
}

/** Vertical bars for counts in order (scores 1–5, or 10-point bins of totals). */
export function histogramLayout(
	bins: ReadonlyArray<{ label: string; count: number }>,
	box: Box,
	margin = { top: 16, bottom: 24, left: 8, right: 8 }
): HistogramBar[] {
	const x = scaleBand()
		.domain(bins.map((b) => b.label))
		.range([margin.left, box.width - margin.right])
		.padding(0.15);
	const max = Math.max(1, ...bins.map((b) => b.count));
	const y = scaleLinear()
		.domain([0, max])
		.range([box.height - margin.bottom, margin.top]);
	return bins.map((bin) => ({
		label: bin.label,
		count: bin.count,
		x: x(bin.label) ?? 0,
		y: y(bin.count),
		width: x.bandwidth(),
		height: y(0) - y(bin.count)
	}));
}
