/**
 * A review cycle's configuration (评估周期): what the `review-cycle` document holds apart from
 * nominations — the questionnaire, the groups asked and their weights, anonymity thresholds, grade
 * bands, subjects and the timeline. No answers live here (see submission.ts).
 */
import { checkAnonymity, type AnonymitySettings } from './anonymity.ts';
import { checkGradeBands, type GradeBand } from './grades.ts';
import { RATER_GROUPS, type GroupWeights, type RaterGroup } from './groups.ts';
import { checkQuestionnaire, type Questionnaire } from './questionnaire.ts';
import type { Bilingual } from './text.ts';
import { checkTimeline, type Phase } from './timeline.ts';

/** A person being reviewed (被评价人). */
export interface Subject {
	/** Unique within the cycle; submissions and nominations refer to it. */
	id: string;
	name: string;
	/** The subject's manager, who approves nominations and reads the report: a person id. */
	manager?: string;
	/** The subject's own e-mail or staff id, lower case, when an import gave it. */
	person?: string;
}

/**
 * Most reviews one rater should be asked for in a cycle. The seed sets no number; past about eight
 * forms of forty items, answers drift towards the middle of the scale, so approving more warns.
 */
export const DEFAULT_RATER_CAP = 8;

/** Everything a cycle is configured with; built by `instantiateTemplate` and edited by HR. */
export interface CycleConfig {
	questionnaire: Questionnaire;
	/** Groups asked and their weights in percent, summing to 100. */
	groups: GroupWeights;
	anonymity: AnonymitySettings;
	/** Highest band first (see grades.ts). */
	gradeBands: readonly GradeBand[];
	subjects: readonly Subject[];
	timeline: readonly Phase<Bilingual>[];
	/** Most reviews one rater is asked for before approving another warns. */
	raterCap: number;
	/**
	 * Honest totals: a report gives no overall score or grade when a group weighing at least this
	 * many percent has no shown answers. Unset: the superior group's weight (so a report without
	 * the superior has no total); see {@link requiredWeightOf}.
	 */
	requiredWeight?: number;
}

/**
 * The weight (percent) from which a group without shown answers withholds the total: the
 * configured one, else the superior's, else none (Infinity: no group is required).
 */
export function requiredWeightOf(config: Pick<CycleConfig, 'groups' | 'requiredWeight'>): number {
	const superior = config.groups.superior ?? 0;
	return config.requiredWeight ?? (superior > 0 ? superior : Infinity);
}

/**
 * Reads what HR typed for the required share: empty is the default (undefined), a number from 0
 * to 100 is taken, anything else is refused (`ok: false`) and the stored value stays.
 */
export function parseRequiredWeight(
	text: string
): { ok: true; value: number | undefined } | { ok: false } {
	const trimmed = text.trim();
	if (trimmed === '') return { ok: true, value: undefined };
	const value = Number(trimmed);
	return Number.isFinite(value) && value >= 0 && value <= 100 ? { ok: true, value } : { ok: false };
}

/** Groups the cycle asks whose missing answers withhold the total, in report order. */
export function requiredGroups(
	config: Pick<CycleConfig, 'groups' | 'requiredWeight'>
): RaterGroup[] {
	const least = requiredWeightOf(config);
	return RATER_GROUPS.filter((group) => {
		const weight = config.groups[group];
		return weight !== undefined && weight > 0 && weight >= least;
	});
}

/** Which part of the configuration a problem is in. */
export type CycleArea =
	'questionnaire' | 'groups' | 'anonymity' | 'grades' | 'timeline' | 'subjects';

/** One problem found in a configuration; `reason` is the area's own reason code. */
export interface CycleProblem {
	area: CycleArea;
	reason: string;
	/** The item, group, setting or subject concerned, when there is one. */
	id?: string;
}

/** Group weights in percent: each ≥ 0, summing to 100, at least one group asked. */
export function checkGroupWeights(
	groups: GroupWeights
): Array<'no-groups' | 'bad-weight' | 'weights-not-100'> {
	const weights = RATER_GROUPS.map((group) => groups[group]).filter((w) => w !== undefined);
	if (weights.length === 0) return ['no-groups'];
	const problems: Array<'bad-weight' | 'weights-not-100'> = [];
	if (weights.some((w) => !(w >= 0) || !Number.isFinite(w))) problems.push('bad-weight');
	const sum = weights.reduce((a, b) => a + b, 0);
	if (Math.abs(sum - 100) > 1e-6) problems.push('weights-not-100');
	return problems;
}

/** Everything wrong with a configuration; an empty list means the cycle can launch. */
export function checkCycle(config: CycleConfig): CycleProblem[] {
	const problems: CycleProblem[] = [];
	for (const p of checkQuestionnaire(config.questionnaire)) {
		problems.push({ area: 'questionnaire', reason: p.reason, ...(p.id ? { id: p.id } : {}) });
	}
	for (const reason of checkGroupWeights(config.groups)) problems.push({ area: 'groups', reason });
	for (const p of checkAnonymity(config.anonymity)) {
		problems.push({ area: 'anonymity', reason: p.reason, id: p.setting });
	}
	for (const reason of checkGradeBands(config.gradeBands))
		problems.push({ area: 'grades', reason });
	for (const reason of checkTimeline(config.timeline)) problems.push({ area: 'timeline', reason });
	const ids = new Set<string>();
	for (const subject of config.subjects) {
		if (ids.has(subject.id))
			problems.push({ area: 'subjects', reason: 'duplicate-id', id: subject.id });
		ids.add(subject.id);
	}
	if (!Number.isInteger(config.raterCap) || config.raterCap < 1) {
		problems.push({ area: 'subjects', reason: 'bad-rater-cap' });
	}
	const required = config.requiredWeight;
	if (required !== undefined && !(required >= 0 && required <= 100)) {
		problems.push({ area: 'groups', reason: 'bad-required-weight' });
	}
	return problems;
}
