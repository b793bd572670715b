/**
 * Grades (考核等级) from the weighted total, used for promotion, bonus and training decisions.
 *
 * Bands sit on the 100-point scale Chinese appraisal forms use; a 1–5 total converts by × 20, so
 * 5.0 → 100 and 3.0 ("meets expectations") → 60, the usual pass mark. The seed's appraisal notice
 * has a heading for the bands (八、绩效考核等级划分) but its table is lost, so the default bands
 * below are ours, in the customary 优秀 / 良好 / 合格 / 待改进 shape; a cycle may replace them.
 */
import { SCALE_MAX } from './questionnaire.ts';
import { bi, type Bilingual } from './text.ts';

/** One grade: its code, its name and the lowest score that earns it. */
export interface GradeBand<S = Bilingual> {
	/** Short code shown in tables, e.g. 'A'. Unique within a cycle. */
	id: string;
	label: S;
	/** Lowest score (inclusive) on the 100-point scale that earns the band. */
	min: number;
}

/** Highest band first. Covers 0–100: the lowest band starts at 0. */
export const DEFAULT_GRADE_BANDS: readonly GradeBand[] = [
	{ id: 'A', label: bi('优秀', 'Outstanding'), min: 90 },
	{ id: 'B', label: bi('良好', 'Good'), min: 80 },
	{ id: 'C', label: bi('合格', 'Meets expectations'), min: 60 },
	{ id: 'D', label: bi('待改进', 'Needs improvement'), min: 0 }
];

/** A 1–5 total on the 100-point scale (× 20): 1 → 20, 5 → 100. */
export function toHundred(total: number): number {
	return (total * 100) / SCALE_MAX;
}

/**
 * The band a score earns: the one with the highest `min` not above it. Undefined only when the
 * score is below every band (bands that pass {@link checkGradeBands} never leave a gap).
 */
export function gradeOf<S>(
	hundred: number,
	bands: readonly GradeBand<S>[]
): GradeBand<S> | undefined {
	let best: GradeBand<S> | undefined;
	for (const band of bands) {
		if (hundred >= band.min && (best === undefined || band.min > best.min)) best = band;
	}
	return best;
}

/** Why a set of bands was refused; the UI translates it. */
export type GradeBandProblem = 'empty' | 'duplicate-id' | 'duplicate-min' | 'out-of-range' | 'gap';

/** Checks bands typed by a person: unique codes and floors, floors in 0–100, one starting at 0. */
export function checkGradeBands(bands: readonly GradeBand<unknown>[]): GradeBandProblem[] {
	if (bands.length === 0) return ['empty'];
	const problems = new Set<GradeBandProblem>();
	const ids = new Set<string>();
	const floors = new Set<number>();
	for (const band of bands) {
		if (ids.has(band.id)) problems.add('duplicate-id');
		if (floors.has(band.min)) problems.add('duplicate-min');
		ids.add(band.id);
		floors.add(band.min);
		if (!(band.min >= 0 && band.min <= 100)) problems.add('out-of-range');
	}
	if (!floors.has(0)) problems.add('gap');
	return [...problems];
}
