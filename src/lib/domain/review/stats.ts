/**
 * Statistics of 1–5 scores, computed from counts rather than lists.
 *
 * Counting first has two payoffs. The result cannot depend on the order answers arrived in: sums of
 * small integers are exact, so no floating-point rounding carries a trace of submission order. And
 * every aggregate the report builds (all-but-self, pooled "others", competencies) is a sum of the
 * counts of cells it shows, which is what makes "computable from shown cells only" checkable.
 */
import { SCALE_MAX } from './questionnaire.ts';

/** Slots per count block: [not observed, score 1, …, score 5]. */
export const COUNT_SLOTS = SCALE_MAX + 1;

/** How many answers took each value. */
export interface Distribution {
	/** Answers of "not observed". */
	notObserved: number;
	/** counts[k − 1] = answers scoring k, for k = 1…5. */
	counts: readonly [number, number, number, number, number];
}

/** Statistics of the scores in one cell (an item or a competency, for one group). */
export interface ScoreStats {
	/** Scores given; "not observed" is not a score. */
	n: number;
	/** Arithmetic mean, 1–5. */
	mean: number;
	/**
	 * Mean without the single highest and single lowest score (去掉最高分和最低分), 1–5; undefined
	 * when fewer than the cycle's trimming threshold scored the item.
	 */
	trimmedMean: number | undefined;
	/** The panel's score: the trimmed mean where trimming applies, else the mean. */
	score: number;
	distribution: Distribution;
}

/** A distribution read from a count block at `offset`. */
export function distributionAt(counts: ArrayLike<number>, offset: number): Distribution {
	return {
		notObserved: counts[offset]!,
		counts: [
			counts[offset + 1]!,
			counts[offset + 2]!,
			counts[offset + 3]!,
			counts[offset + 4]!,
			counts[offset + 5]!
		]
	};
}

/**
 * Statistics of the count block at `offset`; undefined when nobody gave a score. Trimming drops
 * one highest and one lowest score when at least `trimAt` scores were given (`trimAt` ≥ 3, so
 * something is left).
 */
export function statsAt(
	counts: ArrayLike<number>,
	offset: number,
	trimAt: number
): ScoreStats | undefined {
	let n = 0;
	let sum = 0;
	let lowest = 0;
	let highest = 0;
	for (let k = 1; k <= SCALE_MAX; k++) {
		const c = counts[offset + k]!;
		if (c === 0) continue;
		if (lowest === 0) lowest = k;
		highest = k;
		n += c;
		sum += k * c;
	}
	if (n === 0) return undefined;
	const mean = sum / n;
	const trimmedMean = n >= trimAt ? (sum - lowest - highest) / (n - 2) : undefined;
	return {
		n,
		mean,
		trimmedMean,
		score: trimmedMean ?? mean,
		distribution: distributionAt(counts, offset)
	};
}

/** Adds the count block at `from[fromOffset]` into `into[intoOffset]`. */
export function addCounts(
	into: Int32Array,
	intoOffset: number,
	from: ArrayLike<number>,
	fromOffset: number
): void {
	for (let k = 0; k < COUNT_SLOTS; k++) into[intoOffset + k]! += from[fromOffset + k]!;
}

/** Arithmetic mean; undefined for no values. */
export function meanOf(values: readonly number[]): number | undefined {
	if (values.length === 0) return undefined;
	let sum = 0;
	for (const value of values) sum += value;
	return sum / values.length;
}

/** Sample standard deviation (n − 1); undefined for fewer than two values. */
export function sampleSd(values: readonly number[]): number | undefined {
	if (values.length < 2) return undefined;
	const mean = meanOf(values)!;
	let squares = 0;
	for (const value of values) squares += (value - mean) ** 2;
	return Math.sqrt(squares / (values.length - 1));
}

/** The value at quantile `q` (0–1) of sorted `values`, linearly interpolated. */
export function quantileSorted(values: readonly number[], q: number): number | undefined {
	if (values.length === 0) return undefined;
	const position = (values.length - 1) * q;
	const below = Math.floor(position);
	const above = Math.ceil(position);
	const low = values[below]!;
	return low + (values[above]! - low) * (position - below);
}
