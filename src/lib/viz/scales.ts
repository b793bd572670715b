/**
 * The chart colours, once: a sequential ramp for share of wallet and a distinct ordinal ramp for
 * tiers, both readable by colour-blind people (d3-scale-chromatic's Blues and cividis).
 */
import { scaleSequential, scaleSqrt } from 'd3-scale';
import { interpolateBlues, interpolateCividis } from 'd3-scale-chromatic';

/** Share in [0, 1] → colour; the palest end is skipped so 0% still shows on white. */
export const shareColor = scaleSequential((t: number) => interpolateBlues(0.15 + 0.85 * t)).domain([
	0, 1
]);

/** Tier 1–10 → colour, dark (tier 1) to bright (tier 10). */
export const tierColor = scaleSequential(interpolateCividis).domain([1, 10]);

/** Colour for nodes without spend. */
export const NO_DATA = '#c7cbd1';

/** Node radius by spend: area proportional to spend, between `min` and `max` pixels. */
export function radiusScale(maxSpend: number, min = 3, max = 18) {
	return scaleSqrt()
		.domain([0, Math.max(1, maxSpend)])
		.range([min, max])
		.clamp(true);
}
