/**
 * Layouts of the travel charts — Pareto of routes, spend over time, top destinations — as plain
 * geometry for Svelte to draw. Charts draw in a fixed coordinate space and scale with their
 * container through the viewBox, so a chart fits an A4 page as well as a wide screen.
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';

export interface Item {
	key: string;
	value: number;
}

export interface Box {
	width: number;
	height: number;
}

/**
 * The width to draw a chart at, from the width its container measures (0 before it is measured):
 * the chart then scales about 1:1 and its labels keep their size from a phone to a wide screen.
 */
export function chartWidth(measured: number): number {
	return Math.round(Math.min(960, Math.max(320, measured || 720)));
}

export const MARGIN = { top: 12, right: 44, bottom: 24, left: 68 } as const;

export interface Tick {
	/** Position along the axis, in chart coordinates. */
	at: number;
	value: number;
}

export interface Bar {
	key: string;
	x: number;
	y: number;
	width: number;
	height: number;
	value: number;
}

export interface ParetoLayout {
	bars: Array<Bar & { cumulative: number; inSet: boolean }>;
	/** SVG path of the cumulative share, through the top-right corner of each bar. */
	cumulativePath: string;
	/** y of the cover line (80%) on the share axis. */
	coverY: number;
	valueTicks: Tick[];
	shareTicks: Tick[];
	/** How many of the largest items reach `cover`. */
	setCount: number;
}

/**
 * Items sorted largest first as bars, the running share as a line on a 0–100% axis, and the
 * fewest items that reach `cover` marked: the route chart of "50 routes, 5 matter".
 */
export function paretoLayout(items: readonly Item[], box: Box, cover = 0.8): ParetoLayout {
	const sorted = [...items].sort((a, b) => b.value - a.value || (a.key < b.key ? -1 : 1));
	const total = sorted.reduce((sum, item) => sum + item.value, 0);
	const x = scaleBand<string>()
		.domain(sorted.map((item) => item.key))
		.range([MARGIN.left, box.width - MARGIN.right])
		.paddingInner(sorted.length > 30 ? 0.1 : 0.2);
	const y = scaleLinear()
		.domain([0, Math.max(1, sorted[0]?.value ?? 1)])
		.nice()
		.range([box.height - MARGIN.bottom, MARGIN.top]);
	const share = scaleLinear()
		.domain([0, 1])
		.range([box.height - MARGIN.bottom, MARGIN.top]);
	let running = 0;
	let setCount = 0;
	const bars = sorted.map((item) => {
		const before = running;
		running += item.value;
		const inSet = total > 0 && before < cover * total;
		if (inSet) setCount++;
		const top = y(item.value);
		return {
			key: item.key,
			value: item.value,
			x: x(item.key) ?? 0,
			y: top,
			width: x.bandwidth(),
			height: box.height - MARGIN.bottom - top,
			cumulative: total > 0 ? running / total : 0,
			inSet
		};
	});
	const path =
		line<(typeof bars)[number]>()
			.x((bar) => bar.x + bar.width)
			.y((bar) => share(bar.cumulative))(bars) ?? '';
	return {
		bars,
		cumulativePath: bars.length ? `M${MARGIN.left},${share(0)}L${path.slice(1)}` : '',
		coverY: share(cover),
		valueTicks: y.ticks(4).map((value) => ({ at: y(value), value })),
		shareTicks: [0, 0.2, 0.4, 0.6, 0.8, 1].map((value) => ({ at: share(value), value })),
		setCount
	};
}

/** Vertical bars in the given order (periods, oldest first). */
export function columnLayout(items: readonly Item[], box: Box): { bars: Bar[]; ticks: Tick[] } {
	const x = scaleBand<string>()
		.domain(items.map((item) => item.key))
		.range([MARGIN.left, box.width - MARGIN.right])
		.padding(0.2);
	const max = Math.max(1, ...items.map((item) => item.value));
	const y = scaleLinear()
		.domain([0, max])
		.nice()
		.range([box.height - MARGIN.bottom, MARGIN.top]);
	return {
		bars: items.map((item) => ({
			key: item.key,
			value: item.value,
			x: x(item.key) ?? 0,
			y: y(item.value),
			width: x.bandwidth(),
			height: box.height - MARGIN.bottom - y(item.value)
		})),
		ticks: y.ticks(4).map((value) => ({ at: y(value), value }))
	};
}

/** Horizontal bars, largest first, with room on the left for labels and on the right for values. */
export function rowLayout(
	items: readonly Item[],
	box: Box,
	labelWidth: number,
	valueWidth: number = MARGIN.right
): { bars: Bar[] } {
	const y = scaleBand<string>()
		.domain(items.map((item) => item.key))
		.range([4, box.height - 4])
		.padding(0.25);
	const max = Math.max(1, ...items.map((item) => item.value));
	const x = scaleLinear()
		.domain([0, max])
		.range([labelWidth, box.width - valueWidth]);
	return {
		bars: items.map((item) => ({
			key: item.key,
			value: item.value,
			x: labelWidth,
			y: y(item.key) ?? 0,
			width: x(item.value) - labelWidth,
			height: y.bandwidth()
		}))
	};
}
