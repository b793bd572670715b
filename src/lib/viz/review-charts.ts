/**
 * Layouts of the 360° report's charts: pure functions from report figures to plain geometry, so
 * they test without a DOM and the components only draw. Scores are on the 1–5 scale.
 */
import { scaleBand, scaleLinear, scaleSqrt } from 'd3-scale';
import { interpolateRdBu } from 'd3-scale-chromatic';
import { widestText } from './text-width.ts';

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

/** Room kept for the unit names on the left of a strip plot at `width`: the widest name, within bounds. */
export function stripLabelWidth(unitNames: Iterable<string>, width: number, fontSize = 12): number {
	return Math.round(Math.max(48, Math.min(width * 0.35, widestText(unitNames, fontSize) + 16)));
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

/** A gap chart laid out for its names and its width (see {@link gapChartLayout}). */
export interface GapChartLayout {
	width: number;
	height: number;
	/** Names on their own line above each bar, because beside it they would crowd the bars out. */
	stacked: boolean;
	names: Array<{ key: string; x: number; y: number; anchor: 'start' | 'end' }>;
	bars: GapBar[];
	zeroX: number;
	/** Baseline of the axis' "0". */
	axisY: number;
}

/** Room left of the plot for a negative bar's value ("−1.25"), which is written beside its end. */
const VALUE_ROOM = 44;
/** Share of the width the names may take beside the bars before they go above them. */
const GAP_NAMES_SHARE = 0.4;

/**
 * The gap chart at `width` px: names right-aligned beside their bars when the widest fits in 40% of
 * the width, else each on a line of its own above its bar (a phone, or long names), so no name is
 * ever cut at the left edge.
 */
export function gapChartLayout(
	rows: ReadonlyArray<{ key: string; label: string; gap: number }>,
	width: number,
	fontSize = 13
): GapChartLayout {
	const widest = widestText(
		rows.map((row) => row.label),
		fontSize
	);
	const stacked = widest + 8 > width * GAP_NAMES_SHARE;
	if (!stacked) {
		const box = { width, height: Math.max(48, rows.length * 30) };
		const labelWidth = widest + 8;
		const side = gapLayout(rows, box, labelWidth + VALUE_ROOM);
		return {
			width,
			height: box.height + 20,
			stacked,
			names: side.bars.map((bar) => ({
				key: bar.key,
				x: labelWidth,
				y: bar.y + bar.height / 2,
				anchor: 'end'
			})),
			bars: side.bars,
			zeroX: side.zeroX,
			axisY: box.height + 14
		};
	}
	const nameHeight = fontSize + 6;
	const barHeight = 16;
	const rowHeight = nameHeight + barHeight + 8;
	const box = { width, height: Math.max(rowHeight, rows.length * rowHeight) };
	const above = gapLayout(rows, box, VALUE_ROOM - 8);
	const bars = above.bars.map((bar, i) => ({
		...bar,
		y: i * rowHeight + nameHeight,
		height: barHeight
	}));
	return {
		width,
		height: box.height + 20,
		stacked,
		names: bars.map((bar) => ({
			key: bar.key,
			x: 0,
			y: bar.y - nameHeight / 2 - 1,
			anchor: 'start'
		})),
		bars,
		zeroX: above.zeroX,
		axisY: box.height + 14
	};
}
