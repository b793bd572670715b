/**
 * Anonymity rules: which rater groups a report may show, and how.
 *
 * Raters are honest only when they are sure nobody — not the subject, not the manager — can tell
 * who said what (the seed's case: a manager claimed colleagues scored him low out of revenge, and
 * HR could not tell). The defaults follow the Center for Creative Leadership's practice: peers,
 * direct reports and customers are shown only when at least 3 answered; groups too small to show
 * are pooled into "others" when that pool holds at least 4; the superior and the subject's own view
 * are shown as themselves (a superior knows the subject can tell who the boss is).
 *
 * The rules, and why each is needed:
 *
 * 1. A group is shown by itself when its raters (submissions) reach its threshold. Superior and
 *    self are never pooled: pooling a boss into "others" would only disguise a known person.
 * 2. Below-threshold peer/subordinate/customer groups (with at least one rater) form the "others"
 *    pool. The pool is shown when it holds at least `minOthers` raters AND at least two groups. A
 *    pool of one group would be that group under another name, shown below its own threshold
 *    (possible when HR sets a group's threshold above `minOthers`).
 * 3. Otherwise those groups are omitted — scores and comments alike — and are rolled into
 *    nothing else: not into "all but self", not into competency scores, not into the total.
 * 4. Within a shown unit, an item's cell is shown only when the raters who *scored* that item
 *    (not "not observed") reach the unit's threshold. Three peers of whom two ticked "not
 *    observed" would otherwise show one peer's exact score.
 * 5. Every composite — all-but-self, competency cells, unit scores, the weighted total, the
 *    self-versus-others gap, calibration — is computed from the shown cells alone (their count
 *    distributions). This is what defeats subtraction: a reader who holds every number of a report
 *    holds nothing that depends on a hidden answer, so no difference of two shown numbers (e.g.
 *    all-but-self minus the shown groups) can isolate one. Computing "all but self" from raw
 *    answers instead would leak exactly an omitted group's scores.
 * 6. Comments have their own, equal-or-higher thresholds (CCL asks more for verbatim text, since
 *    wording identifies people more readily than numbers). A group whose scores are omitted never
 *    has its comments shown; a group shown for scores but short of its comment threshold may see
 *    its comments pooled into the "others" comments under the same two-group rule. Comments are
 *    detached from scores and shuffled (see report.ts), so neither order nor position links a
 *    comment to a score row.
 * 7. The legend says, per group, shown / pooled / omitted and the threshold that applied — never
 *    how many answered in a group that is not shown, so "none" and "two" read the same.
 *
 * What this module cannot enforce, and the server must: a report is released once, after the cycle
 * closes (see timeline.ts). Two versions of a report computed before and after one more submission
 * differ by exactly that rater's answers. Likewise submissions are stored without time or order
 * that the completion list (which does name raters) could be joined on.
 */
import { isPoolable, type RaterGroup } from './groups.ts';

/** Thresholds per cycle. All counts are raters (submissions), integers ≥ 1. */
export interface AnonymitySettings {
	/** Least raters for a group's scores to be shown as that group. */
	minRaters: Readonly<Record<RaterGroup, number>>;
	/** Least raters for a group's comments to be shown as that group; each ≥ its `minRaters`. */
	minRatersForComments: Readonly<Record<RaterGroup, number>>;
	/** Least raters in the pooled "others" for its scores to be shown. */
	minOthers: number;
	/** Least raters in the pooled "others" for its comments to be shown; ≥ `minOthers`. */
	minOthersForComments: number;
	/**
	 * Least scores an item needs, within one group, before the single highest and lowest are
	 * dropped (去掉最高分和最低分); ≥ 3 so something remains.
	 */
	trimAt: number;
}

/** The Center for Creative Leadership's thresholds; the seed's talent-show panel trims at 5. */
export const DEFAULT_ANONYMITY: AnonymitySettings = {
	minRaters: { superior: 1, peer: 3, subordinate: 3, customer: 3, self: 1 },
	minRatersForComments: { superior: 1, peer: 3, subordinate: 3, customer: 3, self: 1 },
	minOthers: 4,
	minOthersForComments: 4,
	trimAt: 5
};

/** The label of the pooled unit, next to the rater groups. */
export const OTHERS = 'others';
/** What a report shows scores or comments under: a rater group, or the pooled "others". */
export type ReportUnit = RaterGroup | typeof OTHERS;

/** A threshold HR can set: one per group, the pool's, and the trimming count. */
export type AnonymitySetting = RaterGroup | typeof OTHERS | 'trim';
/** Why a threshold was refused; the UI translates it. */
export type AnonymityProblemReason = 'not-integer' | 'too-low' | 'comments-below-scores';

/** One refused threshold. */
export interface AnonymityProblem {
	reason: AnonymityProblemReason;
	setting: AnonymitySetting;
	/** Whether the problem is in the comment threshold (true) or the score threshold. */
	comments: boolean;
}

/**
 * The least value a threshold may take. A threshold of 1 for a peer-like group is no anonymity at
 * all, so those (and the pool) need 2; superior and self are shown as themselves anyway.
 */
export function anonymityFloor(setting: AnonymitySetting): number {
	if (setting === 'trim') return 3;
	if (setting === OTHERS) return 2;
	return isPoolable(setting) ? 2 : 1;
}

/** Checks thresholds typed by HR; an empty list means they are usable. */
export function checkAnonymity(settings: AnonymitySettings): AnonymityProblem[] {
	const problems: AnonymityProblem[] = [];
	const check = (setting: AnonymitySetting, value: number, comments: boolean) => {
		if (!Number.isInteger(value)) problems.push({ reason: 'not-integer', setting, comments });
		else if (value < anonymityFloor(setting))
			problems.push({ reason: 'too-low', setting, comments });
	};
	const groups = Object.keys(settings.minRaters) as RaterGroup[];
	for (const group of groups) {
		check(group, settings.minRaters[group], false);
		check(group, settings.minRatersForComments[group], true);
		if (settings.minRatersForComments[group] < settings.minRaters[group]) {
			problems.push({ reason: 'comments-below-scores', setting: group, comments: true });
		}
	}
	check(OTHERS, settings.minOthers, false);
	check(OTHERS, settings.minOthersForComments, true);
	if (settings.minOthersForComments < settings.minOthers) {
		problems.push({ reason: 'comments-below-scores', setting: OTHERS, comments: true });
	}
	check('trim', settings.trimAt, false);
	return problems;
}

/** How a group's scores (or comments) appear: as itself, inside "others", or not at all. */
export type Treatment = 'shown' | 'pooled' | 'omitted';

/** One unit a report shows. */
export interface ShownUnit {
	unit: ReportUnit;
	/** The groups whose answers it holds: the group itself, or the pooled groups in report order. */
	members: readonly RaterGroup[];
	/** Raters (submissions) it holds. */
	raters: number;
	/** Least raters who scored an item for the unit's cell of that item to be shown. */
	threshold: number;
}

/** What the report's legend says about one group the cycle asks. */
export interface LegendEntry {
	group: RaterGroup;
	scores: Treatment;
	comments: Treatment;
	/** The score threshold that applied to the group by itself. */
	threshold: number;
	/** The comment threshold that applied to the group by itself. */
	commentThreshold: number;
	/** The thresholds the pooled "others" had to meet. */
	othersThreshold: number;
	othersCommentThreshold: number;
}

/** What a report shows, decided from rater counts alone (never from answers). */
export interface VisibilityPlan {
	/** Units whose scores are shown, in report order ("others" after the groups, before self). */
	scoreUnits: readonly ShownUnit[];
	/** Units whose comments are shown, in the same order. */
	commentUnits: readonly ShownUnit[];
	/** One entry per group the cycle asks, in report order. */
	legend: readonly LegendEntry[];
}

interface Decided {
	treatment: Map<RaterGroup, Treatment>;
	units: ShownUnit[];
}

function decide(
	groups: readonly RaterGroup[],
	raters: (group: RaterGroup) => number,
	eligible: (group: RaterGroup) => boolean,
	threshold: (group: RaterGroup) => number,
	poolThreshold: number
): Decided {
	const treatment = new Map<RaterGroup, Treatment>();
	const shown: RaterGroup[] = [];
	const candidates: RaterGroup[] = [];
	for (const group of groups) {
		const n = raters(group);
		if (!eligible(group) || n === 0) treatment.set(group, 'omitted');
		else if (n >= threshold(group)) {
			treatment.set(group, 'shown');
			shown.push(group);
		} else if (isPoolable(group)) candidates.push(group);
		else treatment.set(group, 'omitted');
	}
	const pooled = candidates.reduce((sum, group) => sum + raters(group), 0);
	const pool = candidates.length >= 2 && pooled >= poolThreshold;
	for (const group of candidates) treatment.set(group, pool ? 'pooled' : 'omitted');

	const units: ShownUnit[] = [];
	const own = (group: RaterGroup): ShownUnit => ({
		unit: group,
		members: [group],
		raters: raters(group),
		threshold: threshold(group)
	});
	for (const group of shown) if (group !== 'self') units.push(own(group));
	if (pool) {
		units.push({ unit: OTHERS, members: candidates, raters: pooled, threshold: poolThreshold });
	}
	if (shown.includes('self')) units.push(own('self'));
	return { treatment, units };
}

/**
 * Decides what a report may show, from how many raters submitted in each group.
 *
 * @param raters submissions per group (a missing group counts 0)
 * @param groups the groups the cycle asks, in report order
 */
export function planVisibility(
	raters: Readonly<Partial<Record<RaterGroup, number>>>,
	groups: readonly RaterGroup[],
	settings: AnonymitySettings
): VisibilityPlan {
	const count = (group: RaterGroup) => raters[group] ?? 0;
	const scores = decide(
		groups,
		count,
		() => true,
		(group) => settings.minRaters[group],
		settings.minOthers
	);
	// A group omitted from the scores is never a source of comments (rule 6).
	const comments = decide(
		groups,
		count,
		(group) => scores.treatment.get(group) !== 'omitted',
		(group) => settings.minRatersForComments[group],
		settings.minOthersForComments
	);
	return {
		scoreUnits: scores.units,
		commentUnits: comments.units,
		legend: groups.map((group) => ({
			group,
			scores: scores.treatment.get(group)!,
			comments: comments.treatment.get(group)!,
			threshold: settings.minRaters[group],
			commentThreshold: settings.minRatersForComments[group],
			othersThreshold: settings.minOthers,
			othersCommentThreshold: settings.minOthersForComments
		}))
	};
}
