/**
 * Numbers a journey workshop shows: how participants scored each touchpoint, a stage × measure
 * heatmap, and the emotion curve. Pure reductions over plain data; charts in `viz/` draw them.
 */
// Extensions spelled out: the relay imports the journey rules, and Vite's config loader follows.
import {
	EMOTION,
	SATISFACTION,
	type JourneyRef,
	type JourneyView,
	type Touchpoint
} from './types.ts';

/** One participant's satisfaction score for one touchpoint. */
export interface ParticipantScore {
	participant: string;
	touchpoint: string;
	/** Whole number 1 … 5; anything else is ignored. */
	score: number;
	/** Server-time epoch ms; a participant's latest score counts. */
	at?: number;
}

export interface ScoreDistribution {
	touchpoint: string;
	/** How many participants gave 1, 2, 3, 4 and 5 (index 0 = score 1). */
	counts: [number, number, number, number, number];
	/** Participants who scored it. */
	n: number;
	/** Mean score, 1 … 5; null when nobody scored or fewer than {@link MIN_SHOWN_SCORES} did. */
	mean: number | null;
}

/**
 * What may be published of a distribution: all of it from {@link MIN_SHOWN_SCORES} participants
 * on, else only `n` (counts zero, mean null).
 */
export function publishable(distribution: ScoreDistribution): ScoreDistribution {
	if (distribution.n >= MIN_SHOWN_SCORES) return distribution;
	return {
		touchpoint: distribution.touchpoint,
		counts: [0, 0, 0, 0, 0],
		n: distribution.n,
		mean: null
	};
}

/**
 * Fewest participants whose scores on a touchpoint are published: below it a mean or a count per
 * score is one or two people's own answer, readable by everyone in the room (and in the board's
 * bytes), so only how many scored is published.
 */
export const MIN_SHOWN_SCORES = 3;

/** True for a participant's score: a whole number 1 … 5. The relay checks this before storing. */
export function isScore(value: unknown): value is number {
	return (
		typeof value === 'number' &&
		Number.isInteger(value) &&
		value >= SATISFACTION.min &&
		value <= SATISFACTION.max
	);
}

/**
 * Score distribution per touchpoint. Each participant counts once per touchpoint, with their
 * latest score (by `at`; at the same instant, the higher one, so devices agree); invalid scores
 * are skipped. Touchpoints nobody scored are absent.
 */
export function scoreDistributions(
	scores: readonly ParticipantScore[]
): Map<string, ScoreDistribution> {
	const latest = new Map<string, Map<string, ParticipantScore>>();
	for (const s of scores) {
		if (!isScore(s.score)) continue;
		let byParticipant = latest.get(s.touchpoint);
		if (!byParticipant) latest.set(s.touchpoint, (byParticipant = new Map()));
		const previous = byParticipant.get(s.participant);
		const newer =
			!previous ||
			(s.at ?? 0) > (previous.at ?? 0) ||
			((s.at ?? 0) === (previous.at ?? 0) && s.score > previous.score);
		if (newer) byParticipant.set(s.participant, s);
	}
	const out = new Map<string, ScoreDistribution>();
	for (const [touchpoint, byParticipant] of latest) {
		const counts: ScoreDistribution['counts'] = [0, 0, 0, 0, 0];
		let sum = 0;
		for (const { score } of byParticipant.values()) {
			counts[score - 1]!++;
			sum += score;
		}
		const n = byParticipant.size;
		out.set(touchpoint, { touchpoint, counts, n, mean: n ? sum / n : null });
	}
	return out;
}

export const HeatmapMeasure = {
	satisfaction: 'satisfaction',
	/** Participants' revealed 1 … 5 scores, beside the satisfaction the map's editors entered. */
	participantScore: 'participantScore',
	emotion: 'emotion',
	painPoints: 'painPoints',
	notes: 'notes',
	votes: 'votes'
} as const;
export type HeatmapMeasure = (typeof HeatmapMeasure)[keyof typeof HeatmapMeasure];

/** The heatmap's columns, in display order. */
export const HEATMAP_MEASURES: readonly HeatmapMeasure[] = Object.values(HeatmapMeasure);

export interface MeasureInfo {
	/** `mean` over the stage's scored touchpoints, or `sum` over the stage. */
	reduce: 'mean' | 'sum';
	/**
	 * How a value becomes 0 … 1: against the measure's own fixed range (satisfaction 1 … 5,
	 * emotion −2 … +2), or relative to the largest stage (counts).
	 */
	scale: { min: number; max: number } | 'relative';
	/** Which end is good, for picking a palette: notes and votes are attention, not quality. */
	better: 'higher' | 'lower' | 'neither';
}

export const MEASURE_INFO: Readonly<Record<HeatmapMeasure, MeasureInfo>> = {
	satisfaction: { reduce: 'mean', scale: SATISFACTION, better: 'higher' },
	participantScore: { reduce: 'mean', scale: SATISFACTION, better: 'higher' },
	emotion: { reduce: 'mean', scale: EMOTION, better: 'higher' },
	painPoints: { reduce: 'sum', scale: 'relative', better: 'lower' },
	notes: { reduce: 'sum', scale: 'relative', better: 'neither' },
	votes: { reduce: 'sum', scale: 'relative', better: 'neither' }
};

export interface HeatCell {
	/** The mean or the sum; null for a mean with nothing to average. */
	value: number | null;
	/**
	 * For a mean, the lowest and highest value it averages — touchpoints' values, or for
	 * participants' scores each person's score — so a 0.0 from +2, 0 and −2 shows its split;
	 * null for sums and empty cells.
	 */
	spread: { min: number; max: number } | null;
	/** `value` on 0 … 1 for colouring (see {@link MeasureInfo.scale}); null when value is. */
	normalized: number | null;
	/** Touchpoints the value rests on: scored ones for a mean, all of the stage's for a sum. */
	n: number;
}

export interface HeatmapRow {
	stage: string;
	name: string;
	cells: Record<HeatmapMeasure, HeatCell>;
}

export interface HeatmapInput {
	/** Notes on the map; one on a touchpoint counts for its stage. */
	notes?: readonly { target: JourneyRef }[];
	/** Vote totals per target, e.g. a tally with each item resolved to what it is about. */
	votes?: readonly { target: JourneyRef; votes: number }[];
	/** Participants' revealed scores per touchpoint id (see `scoreDistributions`). */
	scores?: ReadonlyMap<
		string,
		Pick<ScoreDistribution, 'n' | 'mean'> & { counts?: readonly number[] }
	>;
}

/**
 * One row per stage, in map order, one cell per measure. Notes and votes on targets no longer
 * on the map are left out.
 */
export function stageHeatmap(journey: JourneyView, input: HeatmapInput = {}): HeatmapRow[] {
	const stageOf = new Map<string, string>();
	for (const stage of journey.stages) {
		stageOf.set(`stage:${stage.id}`, stage.id);
		for (const t of stage.touchpoints) stageOf.set(`touchpoint:${t.id}`, stage.id);
	}
	const resolve = (target: JourneyRef) => stageOf.get(`${target.kind}:${target.id}`);
	const noteCount = new Map<string, number>();
	for (const note of input.notes ?? []) {
		const stage = resolve(note.target);
		if (stage !== undefined) noteCount.set(stage, (noteCount.get(stage) ?? 0) + 1);
	}
	const voteCount = new Map<string, number>();
	for (const vote of input.votes ?? []) {
		const stage = resolve(vote.target);
		if (stage !== undefined && Number.isFinite(vote.votes))
			voteCount.set(stage, (voteCount.get(stage) ?? 0) + vote.votes);
	}

	const mean = (values: Array<number | null>): HeatCell => {
		const present = values.filter((v): v is number => v !== null);
		const value = present.length ? present.reduce((a, b) => a + b, 0) / present.length : null;
		const spread = present.length ? { min: Math.min(...present), max: Math.max(...present) } : null;
		return { value, spread, normalized: null, n: present.length };
	};
	const sum = (value: number, n: number): HeatCell => ({
		value,
		spread: null,
		normalized: null,
		n
	});
	/**
	 * Every participant's score counts once: a touchpoint scored by ten weighs more than one by
	 * two. The spread is of people's scores, read from the published counts per score.
	 */
	const pooled = (tps: readonly Touchpoint[]): HeatCell => {
		let total = 0;
		let n = 0;
		let min = Infinity;
		let max = -Infinity;
		for (const t of tps) {
			const scored = input.scores?.get(t.id);
			if (!scored || scored.mean === null || scored.n <= 0) continue;
			total += scored.mean * scored.n;
			n += scored.n;
			const given = (scored.counts ?? [])
				.map((count, i) => (count > 0 ? i + SATISFACTION.min : null))
				.filter((v): v is number => v !== null);
			// Without counts, the touchpoint's mean is the best spread there is.
			for (const v of given.length ? given : [scored.mean]) {
				min = Math.min(min, v);
				max = Math.max(max, v);
			}
		}
		return {
			value: n ? total / n : null,
			spread: n ? { min, max } : null,
			normalized: null,
			n
		};
	};
	const rows: HeatmapRow[] = journey.stages.map((stage) => {
		const tps = stage.touchpoints;
		return {
			stage: stage.id,
			name: stage.name,
			cells: {
				satisfaction: mean(tps.map((t) => t.satisfaction)),
				participantScore: pooled(tps),
				emotion: mean(tps.map((t) => t.emotion)),
				painPoints: sum(
					tps.reduce((total, t) => total + t.painPoints.filter((p) => p.trim()).length, 0),
					tps.length
				),
				notes: sum(noteCount.get(stage.id) ?? 0, tps.length),
				votes: sum(voteCount.get(stage.id) ?? 0, tps.length)
			}
		};
	});

	for (const measure of HEATMAP_MEASURES) {
		const { scale } = MEASURE_INFO[measure];
		const largest = Math.max(0, ...rows.map((r) => r.cells[measure].value ?? 0));
		for (const row of rows) {
			const cell = row.cells[measure];
			if (cell.value === null) continue;
			cell.normalized =
				scale === 'relative'
					? largest > 0
						? cell.value / largest
						: 0
					: (cell.value - scale.min) / (scale.max - scale.min);
		}
	}
	return rows;
}

export interface CurvePoint {
	touchpoint: string;
	stage: string;
	/** Position along the whole journey, 0-based. */
	index: number;
	/** −2 … +2; null where unknown, which is a gap in the line, not a zero. */
	emotion: number | null;
	/**
	 * Participants' revealed mean score on the same scale (1 … 5 as −2 … +2, see
	 * {@link scoreAsEmotion}); null where fewer than {@link MIN_SHOWN_SCORES} scored it.
	 */
	participants: number | null;
}

export interface EmotionCurve {
	/** Every touchpoint in map order. */
	points: CurvePoint[];
	/** Runs of consecutive points with an emotion: draw one line per run. */
	segments: CurvePoint[][];
	/** Runs of consecutive points with a participants' score: the second line. */
	participantSegments: CurvePoint[][];
	/** Each stage's span of indices, `from` inclusive, `to` exclusive (equal when it is empty). */
	stages: Array<{ stage: string; name: string; from: number; to: number }>;
}

/**
 * A participants' mean score 1 … 5 on the emotion scale −2 … +2 (score − 3): both say how the
 * moment felt, from very bad to very good, so the curve draws them against one axis (the chart
 * labels the 1 … 5 scale on its other side).
 */
export function scoreAsEmotion(mean: number): number {
	return mean - (SATISFACTION.min + SATISFACTION.max) / 2;
}

const finiteOrNull = (value: number | null | undefined) =>
	value !== null && value !== undefined && Number.isFinite(value) ? value : null;

/** Runs of consecutive points where `value` is known: one line each, gaps between. */
function runs(points: CurvePoint[], value: (p: CurvePoint) => number | null): CurvePoint[][] {
	const out: CurvePoint[][] = [];
	let run: CurvePoint[] = [];
	for (const point of points) {
		if (value(point) === null) {
			if (run.length) out.push(run);
			run = [];
		} else run.push(point);
	}
	if (run.length) out.push(run);
	return out;
}

/**
 * The emotion curve (情绪曲线) across the journey, touchpoints in stage order. `emotionOf` picks
 * the editors' value, by default the touchpoint's own emotion; `scores` adds the participants'
 * revealed scores as a second series (a touchpoint with fewer than {@link MIN_SHOWN_SCORES}
 * scores has none: a gap, never one person's answer).
 */
export function emotionCurve(
	journey: JourneyView,
	emotionOf: (touchpoint: Touchpoint) => number | null = (t) => t.emotion,
	scores?: ReadonlyMap<string, Pick<ScoreDistribution, 'n' | 'mean'>>
): EmotionCurve {
	const points: CurvePoint[] = [];
	const stages: EmotionCurve['stages'] = [];
	for (const stage of journey.stages) {
		const from = points.length;
		for (const t of stage.touchpoints) {
			const scored = scores?.get(t.id);
			const mean = scored && scored.n >= MIN_SHOWN_SCORES ? finiteOrNull(scored.mean) : null;
			points.push({
				touchpoint: t.id,
				stage: stage.id,
				index: points.length,
				emotion: finiteOrNull(emotionOf(t)),
				participants: mean === null ? null : scoreAsEmotion(mean)
			});
		}
		stages.push({ stage: stage.id, name: stage.name, from, to: points.length });
	}
	return {
		points,
		segments: runs(points, (p) => p.emotion),
		participantSegments: runs(points, (p) => p.participants),
		stages
	};
}
