import { describe, expect, it } from 'vitest';
import { DEFAULT_ANONYMITY } from '../../src/lib/domain/review/anonymity';
import { DEFAULT_RATER_CAP, type CycleConfig } from '../../src/lib/domain/review/cycle';
import { DEFAULT_GRADE_BANDS } from '../../src/lib/domain/review/grades';
import {
	approveNomination,
	duplicateNominees,
	feasibility,
	overloadedRaters,
	raterLoad,
	type Nomination,
	type NominatedGroup
} from '../../src/lib/domain/review/nomination';
import { progress } from '../../src/lib/domain/review/progress';
import { DEFAULT_TIMELINE } from '../../src/lib/domain/review/timeline';

const config: CycleConfig = {
	questionnaire: { competencies: [], comments: [] },
	groups: { superior: 70, peer: 10, subordinate: 10, customer: 0, self: 10 },
	anonymity: DEFAULT_ANONYMITY,
	gradeBands: DEFAULT_GRADE_BANDS,
	subjects: ['ann', 'ben', 'cai', 'dai'].map((id) => ({ id, name: id })),
	timeline: DEFAULT_TIMELINE,
	raterCap: DEFAULT_RATER_CAP
};

let next = 0;
const nominate = (
	subject: string,
	group: NominatedGroup,
	raters: string[],
	status: Nomination['status'] = 'approved'
): Nomination[] => raters.map((rater) => ({ id: `n${next++}`, subject, rater, group, status }));

describe('rater load', () => {
	const nominations = [
		...nominate('ann', 'peer', ['x', 'y']),
		...nominate('ben', 'peer', ['x']),
		...nominate('cai', 'peer', ['x'], 'proposed'),
		...nominate('dai', 'peer', ['x'], 'declined')
	];

	it('counts approved reviews per rater, or proposed ones too when asked', () => {
		expect(raterLoad(nominations)).toEqual(
			new Map([
				['x', 2],
				['y', 1]
			])
		);
		expect(raterLoad(nominations, ['approved', 'proposed']).get('x')).toBe(3);
	});

	it('approves past the cap with a warning, and without one up to the cap', () => {
		const proposed = nominations.find((n) => n.status === 'proposed')!;
		const atCap = approveNomination(nominations, proposed.id, 3);
		expect(atCap.warning).toBeUndefined();
		expect(atCap.nominations.find((n) => n.id === proposed.id)!.status).toBe('approved');
		expect(nominations.find((n) => n.id === proposed.id)!.status).toBe('proposed');
		expect(approveNomination(nominations, proposed.id, 2).warning).toEqual({
			reason: 'over-cap',
			rater: 'x',
			load: 3,
			cap: 2
		});
		expect(overloadedRaters(atCap.nominations, 2)).toEqual([{ rater: 'x', load: 3 }]);
	});
});

describe('feasibility before launch', () => {
	it('flags groups that cannot be shown, would only be pooled, or have no margin', () => {
		const nominations = [
			// ann: fine — superior, 4 peers, 4 reports.
			...nominate('ann', 'superior', ['boss']),
			...nominate('ann', 'peer', ['p1', 'p2', 'p3', 'p4']),
			...nominate('ann', 'subordinate', ['r1', 'r2', 'r3', 'r4']),
			// ben: no superior; 2 peers alone cannot pool, so peers will be omitted.
			...nominate('ben', 'peer', ['p1', 'p2']),
			...nominate('ben', 'subordinate', ['r1', 'r2', 'r3']),
			// cai: 2 peers + 2 customers pool into "others"; one reviewer twice; cai rating cai.
			...nominate('cai', 'superior', ['boss', 'cai']),
			...nominate('cai', 'peer', ['p1', 'p2', 'p2']),
			...nominate('cai', 'customer', ['c1', 'c2']),
			// dai: rejected nominations do not count.
			...nominate('dai', 'superior', ['boss']),
			...nominate('dai', 'peer', ['p1', 'p2', 'p3', 'p4', 'p5'], 'declined')
		];
		const result = feasibility(config, nominations);
		expect(result.map((r) => r.subject)).toEqual(['ben', 'cai']);
		expect(result[0]!.issues).toEqual([
			{ reason: 'no-superior', severity: 'error', group: 'superior', approved: 0, needed: 1 },
			{ reason: 'will-be-omitted', severity: 'error', group: 'peer', approved: 2, needed: 3 },
			{ reason: 'no-margin', severity: 'warning', group: 'subordinate', approved: 3, needed: 3 },
			// The superior carries the total (honest totals): without one, no overall grade.
			{ reason: 'no-total', severity: 'error', group: 'superior', approved: 0, needed: 1 }
		]);
		expect(result[1]!.issues).toEqual([
			{ reason: 'rater-is-subject', severity: 'error', rater: 'cai' },
			{ reason: 'duplicate-rater', severity: 'error', rater: 'p2' },
			{ reason: 'will-be-pooled', severity: 'warning', group: 'peer', approved: 2, needed: 3 },
			{ reason: 'will-be-pooled', severity: 'warning', group: 'customer', approved: 2, needed: 3 }
		]);
	});
});

describe('completion progress', () => {
	it('counts distinct submitted raters against approved ones, self expected once', () => {
		const nominations = [
			...nominate('ann', 'superior', ['boss']),
			...nominate('ann', 'peer', ['p1', 'p2', 'p3']),
			...nominate('ben', 'peer', ['p1'], 'proposed')
		];
		const result = progress(config, nominations, [
			{ subject: 'ann', group: 'peer', rater: 'p1' },
			{ subject: 'ann', group: 'peer', rater: 'p1' },
			{ subject: 'ann', group: 'peer', rater: 'p3' },
			{ subject: 'ann', group: 'self', rater: 'ann' }
		]);
		expect(result.subjects[0]).toEqual({
			subject: 'ann',
			groups: {
				superior: { expected: 1, claimed: 0, submitted: 0 },
				peer: { expected: 3, claimed: 0, submitted: 2 },
				subordinate: { expected: 0, claimed: 0, submitted: 0 },
				customer: { expected: 0, claimed: 0, submitted: 0 },
				self: { expected: 1, claimed: 0, submitted: 1 }
			},
			expected: 5,
			claimed: 0,
			submitted: 3
		});
		expect(result.subjects[1]!.expected).toBe(1);
		expect(result).toMatchObject({ expected: 8, submitted: 3 });
		expect(result.share).toBeCloseTo(3 / 8, 12);
	});

	it('counts claimed invitations per subject and group, each rater once', () => {
		const nominations = [
			...nominate('ann', 'superior', ['boss']),
			...nominate('ann', 'peer', ['p1', 'p2', 'p3'])
		];
		const result = progress(
			config,
			nominations,
			[{ subject: 'ann', group: 'peer', rater: 'p1' }],
			[
				{ subject: 'ann', group: 'peer', rater: 'p1' },
				{ subject: 'ann', group: 'peer', rater: 'p1' },
				{ subject: 'ann', group: 'peer', rater: 'p2' },
				{ subject: 'ann', group: 'superior', rater: 'boss' }
			]
		);
		expect(result.subjects[0]!.groups.peer).toEqual({ expected: 3, claimed: 2, submitted: 1 });
		expect(result.subjects[0]!.groups.superior).toEqual({
			expected: 1,
			claimed: 1,
			submitted: 0
		});
		expect(result.subjects[0]!.claimed).toBe(3);
		expect(result.claimed).toBe(3);
	});
});

describe('duplicate nominees', () => {
	it('flags one name under two addresses, ignoring case, spaces and width; not declined ones', () => {
		const flagged = duplicateNominees([
			{ id: 'a', rater: 'wang@example.com', raterName: 'Wang Fang', status: 'proposed' },
			{ id: 'b', rater: 'wf@example.com', raterName: 'wang  fang', status: 'approved' },
			{ id: 'c', rater: 'li@example.com', raterName: 'Li Lei', status: 'proposed' },
			{ id: 'd', rater: 'ｌｉ@example.com', raterName: 'ＬＩ ＬＥＩ', status: 'declined' }
		]);
		expect([...flagged].sort()).toEqual(['a', 'b']);
	});
});
