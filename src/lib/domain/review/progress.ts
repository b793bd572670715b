/**
 * Completion (D11–D13: HR watches who has answered). The completion list records that a rater has
 * submitted for a subject, in a group, and nothing of what they answered; the answers are stored
 * apart without the rater (submission.ts). Progress joins the list with the approved nominations.
 */
import type { CycleConfig } from './cycle.ts';
import { RATER_GROUPS, type RaterGroup } from './groups.ts';
import type { Nomination } from './nomination.ts';

/** "This rater has submitted for this subject": one entry per submission, no answers. */
export interface CompletionEntry {
	subject: string;
	group: RaterGroup;
	/** The rater's person id; the subject's own id for a self-assessment. */
	rater: string;
}

/** Counts for one subject and group. */
export interface GroupProgress {
	/** Approved raters (1 for self): the invitations sent. */
	expected: number;
	/** Distinct raters whose invitation a device has claimed. */
	claimed: number;
	/** Distinct raters who have submitted. */
	submitted: number;
}

/** Counts for one subject, per group and in all. */
export interface SubjectProgress {
	subject: string;
	/** Per group the cycle asks. */
	groups: Partial<Record<RaterGroup, GroupProgress>>;
	expected: number;
	claimed: number;
	submitted: number;
}

/** Counts for the whole cycle, for HR's progress view. */
export interface CycleProgress {
	subjects: SubjectProgress[];
	expected: number;
	claimed: number;
	submitted: number;
	/** submitted ÷ expected, 0–1 (1 when nothing is expected). */
	share: number;
}

/**
 * Submitted and claimed against expected, per subject and group, in the cycle's subject order.
 * `claims` holds one entry per rater whose invitation a device has claimed, for each subject and
 * group they were asked about (the same shape as a completion, and as free of answers).
 */
export function progress(
	config: CycleConfig,
	nominations: readonly Nomination[],
	completions: readonly CompletionEntry[],
	claims: readonly CompletionEntry[] = []
): CycleProgress {
	const key = (subject: string, group: RaterGroup) => `${group}\u0000${subject}`;
	const expected = new Map<string, number>();
	for (const n of nominations) {
		if (n.status === 'approved')
			expected.set(key(n.subject, n.group), (expected.get(key(n.subject, n.group)) ?? 0) + 1);
	}
	const ratersBy = (entries: readonly CompletionEntry[]) => {
		const raters = new Map<string, Set<string>>();
		for (const entry of entries) {
			const k = key(entry.subject, entry.group);
			let set = raters.get(k);
			if (!set) raters.set(k, (set = new Set()));
			set.add(entry.rater);
		}
		return raters;
	};
	const submitted = ratersBy(completions);
	const claimed = ratersBy(claims);
	let allExpected = 0;
	let allClaimed = 0;
	let allSubmitted = 0;
	const subjects = config.subjects.map((subject): SubjectProgress => {
		const groups: SubjectProgress['groups'] = {};
		let subjectExpected = 0;
		let subjectClaimed = 0;
		let subjectSubmitted = 0;
		for (const group of RATER_GROUPS) {
			if (config.groups[group] === undefined) continue;
			const k = key(subject.id, group);
			const want = group === 'self' ? 1 : (expected.get(k) ?? 0);
			const got = submitted.get(k)?.size ?? 0;
			const opened = claimed.get(k)?.size ?? 0;
			groups[group] = { expected: want, claimed: opened, submitted: got };
			subjectExpected += want;
			subjectClaimed += opened;
			subjectSubmitted += got;
		}
		allExpected += subjectExpected;
		allClaimed += subjectClaimed;
		allSubmitted += subjectSubmitted;
		return {
			subject: subject.id,
			groups,
			expected: subjectExpected,
			claimed: subjectClaimed,
			submitted: subjectSubmitted
		};
	});
	return {
		subjects,
		expected: allExpected,
		claimed: allClaimed,
		submitted: allSubmitted,
		share: allExpected > 0 ? Math.min(1, allSubmitted / allExpected) : 1
	};
}
