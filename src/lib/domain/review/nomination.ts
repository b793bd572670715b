/**
 * Nominations (提名评价人): subjects propose raters (name, e-mail, employee number, role) and their
 * manager approves the list (D1–D5). Two checks help before launch: how many reviews each rater is
 * asked for, and whether a subject's approved raters can meet the anonymity thresholds at all.
 *
 * Nominations name raters, and live in the review-cycle document; they never reach the stored
 * answers (see submission.ts).
 */
import { planVisibility, type AnonymitySettings } from './anonymity.ts';
import { requiredGroups, type CycleConfig } from './cycle.ts';
import { RaterGroup, enabledGroups, isPoolable } from './groups.ts';

/** Where a nomination stands: proposed by the subject, then approved or declined by the manager. */
export const NominationStatus = {
	proposed: 'proposed',
	approved: 'approved',
	declined: 'declined'
} as const;
export type NominationStatus = (typeof NominationStatus)[keyof typeof NominationStatus];

/** The groups raters are nominated in; self is every subject, implicitly. */
export type NominatedGroup = Exclude<RaterGroup, 'self'>;

/** One rater proposed for one subject in one group. */
export interface Nomination {
	id: string;
	subject: string;
	/** The rater, as a person id (their e-mail or employee number). */
	rater: string;
	group: NominatedGroup;
	status: NominationStatus;
}

/**
 * Whether a nominee is the subject themselves, outside self-assessment: the subject's own id, or
 * the subject's name (ignoring case and spaces). Shown to the manager as a flag, not refused: two
 * colleagues may share a name.
 */
export function nomineeIsSubject(
	subject: { id: string; name: string },
	nominee: { rater: string; raterName: string }
): boolean {
	const plain = (text: string) => text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
	return (
		nominee.rater === subject.id ||
		(plain(subject.name) !== '' && plain(nominee.raterName) === plain(subject.name))
	);
}

/**
 * Nominees of one subject who look like one person twice: the same name (ignoring case, spaces
 * and width) under different e-mails or staff numbers. Flagged to the manager, not refused: two
 * colleagues may share a name. Declined nominees count for nobody. Returns the flagged ids.
 */
export function duplicateNominees(
	nominees: ReadonlyArray<{ id: string; rater: string; raterName: string; status: string }>
): Set<string> {
	const plain = (text: string) => text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
	const byName = new Map<string, Set<string>>();
	for (const n of nominees) {
		if (n.status === 'declined' || plain(n.raterName) === '') continue;
		const key = plain(n.raterName);
		byName.set(key, (byName.get(key) ?? new Set()).add(n.rater));
	}
	return new Set(
		nominees
			.filter((n) => n.status !== 'declined' && (byName.get(plain(n.raterName))?.size ?? 0) > 1)
			.map((n) => n.id)
	);
}

/** Reviews each rater is asked for, counting nominations with one of `statuses`. */
export function raterLoad(
	nominations: readonly Nomination[],
	statuses: readonly NominationStatus[] = ['approved']
): Map<string, number> {
	const load = new Map<string, number>();
	for (const nomination of nominations) {
		if (statuses.includes(nomination.status)) {
			load.set(nomination.rater, (load.get(nomination.rater) ?? 0) + 1);
		}
	}
	return load;
}

/** Approving would ask a rater for more reviews than the cycle's cap. */
export interface LoadWarning {
	reason: 'over-cap';
	rater: string;
	/** Approved reviews for the rater once this one is approved. */
	load: number;
	cap: number;
}

/**
 * Approves nomination `id` (a new array; the input is not changed) and warns when that takes its
 * rater past `cap`. Approval still happens: the manager may have no one else to ask.
 */
export function approveNomination(
	nominations: readonly Nomination[],
	id: string,
	cap: number
): { nominations: Nomination[]; warning: LoadWarning | undefined } {
	const target = nominations.find((n) => n.id === id);
	if (!target) return { nominations: nominations.slice(), warning: undefined };
	const updated = nominations.map((n) => (n.id === id ? { ...n, status: 'approved' as const } : n));
	const load = raterLoad(updated).get(target.rater) ?? 0;
	const warning: LoadWarning | undefined =
		target.status !== 'approved' && load > cap
			? { reason: 'over-cap', rater: target.rater, load, cap }
			: undefined;
	return { nominations: updated, warning };
}

/** Raters whose approved load exceeds `cap`, most loaded first. */
export function overloadedRaters(
	nominations: readonly Nomination[],
	cap: number
): Array<{ rater: string; load: number }> {
	return [...raterLoad(nominations)]
		.filter(([, load]) => load > cap)
		.map(([rater, load]) => ({ rater, load }))
		.sort((a, b) => b.load - a.load || (a.rater < b.rater ? -1 : 1));
}

/** Why a subject's approved list may fail the report. */
export const FeasibilityReason = {
	/** Even if all answer, the group cannot be shown, not even pooled into "others". */
	willBeOmitted: 'will-be-omitted',
	/** Even if all answer, the group shows only inside "others". */
	willBePooled: 'will-be-pooled',
	/** Exactly at the threshold: one rater not answering hides the group. */
	noMargin: 'no-margin',
	/** The cycle asks superiors and none is approved. */
	noSuperior: 'no-superior',
	/** The same rater approved twice for one subject. */
	duplicateRater: 'duplicate-rater',
	/** A subject approved as their own rater outside self-assessment. */
	raterIsSubject: 'rater-is-subject',
	/**
	 * A group the total needs (cycle.ts `requiredGroups`) will have no shown answers even if all
	 * answer: the report will say "incomplete — no overall grade".
	 */
	noTotal: 'no-total',
	/** One rater of a group the total needs not answering leaves the report without a total. */
	totalAtRisk: 'total-at-risk'
} as const;
export type FeasibilityReason = (typeof FeasibilityReason)[keyof typeof FeasibilityReason];

/** One reason a subject's report may come out without a group. */
export interface FeasibilityIssue {
	reason: FeasibilityReason;
	/** Errors leave a report without the group; warnings only risk it. */
	severity: 'error' | 'warning';
	group?: NominatedGroup;
	/** Approved raters in the group. */
	approved?: number;
	/** Raters the group needs to be shown by itself. */
	needed?: number;
	rater?: string;
}

/** A subject with at least one issue. */
export interface SubjectFeasibility {
	subject: string;
	issues: FeasibilityIssue[];
}

function groupIssues(
	approved: Partial<Record<RaterGroup, number>>,
	groups: readonly RaterGroup[],
	settings: AnonymitySettings
): FeasibilityIssue[] {
	const plan = planVisibility(approved, groups, settings);
	const issues: FeasibilityIssue[] = [];
	for (const entry of plan.legend) {
		if (entry.group === 'self') continue;
		const group = entry.group;
		const count = approved[group] ?? 0;
		const needed = entry.threshold;
		if (group === 'superior' && count === 0) {
			issues.push({ reason: 'no-superior', severity: 'error', group, approved: 0, needed });
		} else if (count === 0) {
			continue; // a frontline subject has no direct reports: nothing to show, nothing lost
		} else if (entry.scores === 'omitted') {
			issues.push({ reason: 'will-be-omitted', severity: 'error', group, approved: count, needed });
		} else if (entry.scores === 'pooled') {
			issues.push({
				reason: 'will-be-pooled',
				severity: 'warning',
				group,
				approved: count,
				needed
			});
		} else if (isPoolable(group) && count === needed) {
			issues.push({ reason: 'no-margin', severity: 'warning', group, approved: count, needed });
		}
	}
	return issues;
}

/** Whether `group` would have shown answers if exactly `approved` raters answered. */
function isShown(
	approved: Partial<Record<RaterGroup, number>>,
	groups: readonly RaterGroup[],
	settings: AnonymitySettings,
	group: RaterGroup
): boolean {
	const plan = planVisibility(approved, groups, settings);
	return plan.scoreUnits.some((unit) => unit.members.includes(group));
}

/** Groups the total needs that may come out without shown answers (see report.ts). */
function totalIssues(
	approved: Partial<Record<RaterGroup, number>>,
	groups: readonly RaterGroup[],
	config: CycleConfig
): FeasibilityIssue[] {
	const issues: FeasibilityIssue[] = [];
	for (const group of requiredGroups(config)) {
		if (group === 'self') continue;
		const count = approved[group] ?? 0;
		const needed = config.anonymity.minRaters[group];
		if (!isShown(approved, groups, config.anonymity, group)) {
			issues.push({ reason: 'no-total', severity: 'error', group, approved: count, needed });
		} else if (
			// Like no-margin: a superior is always one person away from missing, so only groups
			// of several raters (a required peer group, say) warn here.
			isPoolable(group) &&
			!isShown({ ...approved, [group]: count - 1 }, groups, config.anonymity, group)
		) {
			issues.push({ reason: 'total-at-risk', severity: 'warning', group, approved: count, needed });
		}
	}
	return issues;
}

/**
 * Subjects whose approved nominations cannot give a full report even if every rater answers (or
 * can only just), to fix before launch. Subjects without issues are left out.
 */
export function feasibility(
	config: CycleConfig,
	nominations: readonly Nomination[]
): SubjectFeasibility[] {
	const groups = enabledGroups(config.groups);
	const approvedBy = new Map<string, Nomination[]>();
	for (const nomination of nominations) {
		if (nomination.status !== 'approved') continue;
		let list = approvedBy.get(nomination.subject);
		if (!list) approvedBy.set(nomination.subject, (list = []));
		list.push(nomination);
	}
	const result: SubjectFeasibility[] = [];
	for (const subject of config.subjects) {
		const approved: Partial<Record<RaterGroup, number>> = {};
		const issues: FeasibilityIssue[] = [];
		const seen = new Set<string>();
		for (const nomination of approvedBy.get(subject.id) ?? []) {
			if (config.groups[nomination.group] === undefined) continue;
			const raterName = (nomination as { raterName?: string }).raterName ?? '';
			if (nomineeIsSubject(subject, { rater: nomination.rater, raterName })) {
				issues.push({ reason: 'rater-is-subject', severity: 'error', rater: nomination.rater });
				continue;
			}
			if (seen.has(nomination.rater)) {
				issues.push({ reason: 'duplicate-rater', severity: 'error', rater: nomination.rater });
				continue;
			}
			seen.add(nomination.rater);
			approved[nomination.group] = (approved[nomination.group] ?? 0) + 1;
		}
		if (config.groups.self !== undefined) approved.self = 1;
		issues.push(...groupIssues(approved, groups, config.anonymity));
		issues.push(...totalIssues(approved, groups, config));
		if (issues.length > 0) result.push({ subject: subject.id, issues });
	}
	return result;
}
