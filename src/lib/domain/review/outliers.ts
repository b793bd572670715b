/**
 * Outlier flags for HR: a submission whose mean score sits far from the other submissions for the
 * same subject — the seed's "scored low out of revenge" case, which HR could not tell from noise.
 *
 * A flag tells HR that a subject's answers deserve a look, and no more: the subject, how many
 * submissions were flagged, and in which direction. Never the group — a group breakdown would let
 * HR subtract the shown groups' flags from the total and find a flag in a group too small to show —
 * and never the submission, its scores or its comments.
 *
 * Self-assessments are left out on both sides: they are not anonymous, they are a different
 * perspective by design, and they run high in most cycles.
 *
 * When: only at close, over the groups each released report shows ({@link flagShownOutliers}).
 * Computed live, a flag appearing right after a named rater left the "still owed" list pointed at
 * that rater; computed over a hidden group, it told HR about answers the report keeps back.
 */
import { RaterGroup } from './groups.ts';
import type { StoredSubmission } from './submission.ts';

/** When a submission counts as far from the others; distances in points on the 1–5 scale. */
export interface OutlierSettings {
	/** A deviation beyond this many points (on 1–5) is flagged. */
	points: number;
	/** A deviation beyond this many standard deviations of the other submissions is flagged. */
	sdMultiple: number;
	/**
	 * The least standard deviation the SD rule uses. Three others who all gave 4.0 have SD 0, and
	 * without a floor a 3.9 would be "infinitely" far; with 0.25, the SD rule needs 0.5 points.
	 */
	sdFloor: number;
	/** Least other submissions for the same subject before a submission can be judged. */
	minOthers: number;
}

/** More than 2 SD or more than 1.5 points from the mean of the others, with at least 3 others. */
export const DEFAULT_OUTLIERS: OutlierSettings = {
	points: 1.5,
	sdMultiple: 2,
	sdFloor: 0.25,
	minOthers: 3
};

/** What HR sees for a subject with flagged submissions. */
export interface OutlierFlag {
	subject: string;
	/** Flagged submissions: `low + high`. */
	flagged: number;
	/** Flagged below the others' mean. */
	low: number;
	/** Flagged above the others' mean. */
	high: number;
}

/** The mean of a submission's scores; undefined when it scored nothing. */
function submissionMean(submission: StoredSubmission): number | undefined {
	let sum = 0;
	let n = 0;
	for (const id in submission.answers) {
		const answer = submission.answers[id];
		if (typeof answer === 'number') {
			sum += answer;
			n++;
		}
	}
	return n > 0 ? sum / n : undefined;
}

/**
 * Subjects with at least one flagged submission, ordered by subject id (not by anything that
 * follows submission order).
 */
export function flagOutliers(
	submissions: readonly StoredSubmission[],
	settings: OutlierSettings = DEFAULT_OUTLIERS
): OutlierFlag[] {
	const means = new Map<string, number[]>();
	for (const submission of submissions) {
		if (submission.group === RaterGroup.self) continue;
		const mean = submissionMean(submission);
		if (mean === undefined) continue;
		let list = means.get(submission.subject);
		if (!list) means.set(submission.subject, (list = []));
		list.push(mean);
	}
	const flags: OutlierFlag[] = [];
	for (const [subject, list] of means) {
		const others = list.length - 1;
		if (others < settings.minOthers) continue;
		let sum = 0;
		let squares = 0;
		for (const m of list) {
			sum += m;
			squares += m * m;
		}
		let low = 0;
		let high = 0;
		for (const m of list) {
			// Leave-one-out mean and sample SD of the others, from running sums.
			const mean = (sum - m) / others;
			const variance =
				others > 1 ? Math.max(0, (squares - m * m - others * mean * mean) / (others - 1)) : 0;
			const sd = Math.max(Math.sqrt(variance), settings.sdFloor);
			const deviation = m - mean;
			const far =
				Math.abs(deviation) > settings.points || Math.abs(deviation) > settings.sdMultiple * sd;
			if (!far) continue;
			if (deviation < 0) low++;
			else high++;
		}
		if (low + high > 0) flags.push({ subject, flagged: low + high, low, high });
	}
	return flags.sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0));
}

/**
 * Outlier flags over the submissions each subject's released report shows: a submission counts
 * only when its group is a member of one of the report's score units (shown as itself or pooled
 * into "others"). A subject missing from `reports` has nothing shown, so nothing flagged.
 */
export function flagShownOutliers(
	submissions: readonly StoredSubmission[],
	reports: ReadonlyArray<{
		subject: string;
		units: ReadonlyArray<{ members: readonly RaterGroup[] }>;
	}>,
	settings: OutlierSettings = DEFAULT_OUTLIERS
): OutlierFlag[] {
	const shown = new Map(
		reports.map((report) => [report.subject, new Set(report.units.flatMap((u) => u.members))])
	);
	return flagOutliers(
		submissions.filter((s) => shown.get(s.subject)?.has(s.group) === true),
		settings
	);
}
