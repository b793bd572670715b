/**
 * Rater groups (评价人类别) and their weights. A weight is a percentage of the weighted total; the
 * seed's appraisal notice sets superior 70 · subordinate 10 · peer 10 · self 10, and customers,
 * when a cycle asks them at all, count for nothing unless HR says otherwise.
 */
import { bi, type Bilingual } from './text.ts';

/** Who rates the subject (上级 superior, 同级 peer, 下级 direct report, 客户 customer, 自评 self). */
export const RaterGroup = {
	superior: 'superior',
	peer: 'peer',
	subordinate: 'subordinate',
	customer: 'customer',
	self: 'self'
} as const;
export type RaterGroup = (typeof RaterGroup)[keyof typeof RaterGroup];

/** Every group in report order: the boss first, the subject's own view last. */
export const RATER_GROUPS: readonly RaterGroup[] = [
	RaterGroup.superior,
	RaterGroup.peer,
	RaterGroup.subordinate,
	RaterGroup.customer,
	RaterGroup.self
];

const groupSet: ReadonlySet<string> = new Set(RATER_GROUPS);

/** True when `value` names a rater group. */
export function isRaterGroup(value: unknown): value is RaterGroup {
	return typeof value === 'string' && groupSet.has(value);
}

/**
 * The groups a cycle asks, each with its weight in percent (0–100). A group absent from the map
 * is not part of the cycle: nobody is nominated in it and its submissions are refused.
 */
export type GroupWeights = Readonly<Partial<Record<RaterGroup, number>>>;

/** The seed's weights (上级70% 下级10% 同级10% 自评10%); customers are not asked. */
export const DEFAULT_GROUP_WEIGHTS: GroupWeights = {
	superior: 70,
	peer: 10,
	subordinate: 10,
	self: 10
};

/** Groups that may be pooled into "others" when too small: never the superior, never self. */
export function isPoolable(group: RaterGroup): boolean {
	return group !== RaterGroup.self && group !== RaterGroup.superior;
}

/** The groups a cycle asks, in report order. */
export function enabledGroups(weights: GroupWeights): RaterGroup[] {
	return RATER_GROUPS.filter((group) => weights[group] !== undefined);
}

/** Names as the glossary spells them (上级/同级/下级/客户/自评). */
export const GROUP_LABELS: Readonly<Record<RaterGroup, Bilingual>> = {
	superior: bi('上级', 'Superior'),
	peer: bi('同级', 'Peers'),
	subordinate: bi('下级', 'Direct reports'),
	customer: bi('客户', 'Customers'),
	self: bi('自评', 'Self')
};
