import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ANONYMITY } from '../../src/lib/domain/review/anonymity';
import * as Y from 'yjs';
import {
	DEFAULT_RATER_CAP,
	checkCycle,
	parseRequiredWeight,
	requiredGroups,
	type CycleConfig
} from '../../src/lib/domain/review/cycle';
import {
	readCycleConfig,
	setGroupWeight,
	setRequiredWeight,
	startCycle
} from '../../src/lib/model/review-cycle';
import { DEFAULT_GRADE_BANDS } from '../../src/lib/domain/review/grades';
import type { RaterGroup } from '../../src/lib/domain/review/groups';
import { feasibility, nomineeIsSubject } from '../../src/lib/domain/review/nomination';
import { flagOutliers, flagShownOutliers } from '../../src/lib/domain/review/outliers';
import type { Answer } from '../../src/lib/domain/review/questionnaire';
import { seededRandom } from '../../src/lib/domain/review/random';
import { buildAllReports, buildReport } from '../../src/lib/domain/review/report';
import type { StoredSubmission } from '../../src/lib/domain/review/submission';
import { DEFAULT_TIMELINE } from '../../src/lib/domain/review/timeline';

const bi = (text: string) => ({ 'zh-CN': text, en: text });
const item = (id: string) => ({
	id,
	label: bi(id),
	definition: bi(id),
	high: [],
	low: [],
	required: false,
	allowNotObserved: true
});

/** One competency of two items; superior 70 · peer 10 · customer 10 · self 10. */
function config(extra: Partial<CycleConfig> = {}): CycleConfig {
	return {
		questionnaire: {
			competencies: [
				{ id: 'c', label: bi('c'), high: [], low: [], weight: 100, items: [item('a'), item('b')] }
			],
			comments: []
		},
		groups: { superior: 70, peer: 10, customer: 10, self: 10 },
		anonymity: DEFAULT_ANONYMITY,
		gradeBands: DEFAULT_GRADE_BANDS,
		subjects: [{ id: 's1', name: 'Li Lei' }],
		timeline: DEFAULT_TIMELINE,
		raterCap: DEFAULT_RATER_CAP,
		...extra
	};
}

const answer = (group: RaterGroup, score: number, subject = 's1'): StoredSubmission => ({
	subject,
	group,
	answers: { a: score as Answer, b: score as Answer },
	comments: {}
});

describe('honest totals', () => {
	it('without the superior: incomplete, no total and no grade, every shown part still scored', () => {
		const report = buildReport(
			config(),
			's1',
			[answer('peer', 3), answer('peer', 3), answer('peer', 3), answer('self', 5)],
			seededRandom(1)
		);
		expect(report.total).toBeUndefined();
		expect(report.incomplete).toEqual({ missing: ['superior'] });
		expect(report.units.map((u) => [u.unit, u.score])).toEqual([
			['peer', 3],
			['self', 5]
		]);
	});

	it('with the superior: a total, weighted 70 : 10 : 10 over the shown units', () => {
		const report = buildReport(
			config(),
			's1',
			[answer('superior', 4), ...[1, 2, 3].map(() => answer('peer', 3)), answer('self', 5)],
			seededRandom(1)
		);
		expect(report.incomplete).toBeUndefined();
		expect(report.total!.score).toBeCloseTo((70 * 4 + 10 * 3 + 10 * 5) / 90, 12);
	});

	it('a configured share makes peers required too; 0 makes every weighted group required', () => {
		expect(requiredGroups(config())).toEqual(['superior']);
		expect(requiredGroups(config({ requiredWeight: 10 }))).toEqual([
			'superior',
			'peer',
			'customer',
			'self'
		]);
		expect(requiredGroups(config({ groups: { peer: 50, self: 50 } }))).toEqual([]);
		const report = buildReport(
			config({ requiredWeight: 10, groups: { superior: 70, peer: 20, self: 10 } }),
			's1',
			[answer('superior', 4), answer('peer', 2), answer('self', 5)],
			seededRandom(1)
		);
		expect(report.incomplete).toEqual({ missing: ['peer'] });
	});

	it('whatever answered, a report has a total exactly when every required group is scored', () => {
		const groups = ['superior', 'peer', 'customer', 'self'] as const;
		fc.assert(
			fc.property(
				fc.array(fc.record({ g: fc.constantFrom(...groups), s: fc.integer({ min: 1, max: 5 }) }), {
					maxLength: 12
				}),
				(list) => {
					const report = buildReport(
						config(),
						's1',
						list.map(({ g, s }) => answer(g, s)),
						seededRandom(2)
					);
					const superiorShown = report.units.some((u) => u.unit === 'superior');
					expect(report.total !== undefined).toBe(superiorShown);
					expect(report.incomplete !== undefined).toBe(!superiorShown);
				}
			),
			{ numRuns: 300 }
		);
	});

	it('feasibility warns when a required group may be missing', () => {
		const approved = (rater: string, group: 'superior' | 'peer') => ({
			id: rater,
			subject: 's1',
			rater,
			group,
			status: 'approved' as const
		});
		expect(feasibility(config(), [approved('p1', 'peer')])[0]!.issues).toContainEqual(
			expect.objectContaining({ reason: 'no-total', group: 'superior' })
		);
		const peersRequired = config({ requiredWeight: 10, groups: { superior: 70, peer: 30 } });
		const three = ['p1', 'p2', 'p3'].map((p) => approved(p, 'peer'));
		expect(
			feasibility(peersRequired, [approved('boss', 'superior'), ...three])[0]!.issues
		).toContainEqual(expect.objectContaining({ reason: 'total-at-risk', group: 'peer' }));
	});
});

describe('the required share, as HR sets it', () => {
	it('reads empty as the default, 0–100 as a share, anything else as refused', () => {
		expect(parseRequiredWeight('')).toEqual({ ok: true, value: undefined });
		expect(parseRequiredWeight(' 20 ')).toEqual({ ok: true, value: 20 });
		expect(parseRequiredWeight('0')).toEqual({ ok: true, value: 0 });
		expect(parseRequiredWeight('100')).toEqual({ ok: true, value: 100 });
		for (const bad of ['-1', '101', 'abc', 'NaN', 'Infinity']) {
			expect(parseRequiredWeight(bad)).toEqual({ ok: false });
		}
	});

	it('is kept in the cycle and used by the check before launch, the feasibility and the report', () => {
		const doc = new Y.Doc();
		startCycle(doc, 'frontline');
		setGroupWeight(doc, 'superior', 60);
		setGroupWeight(doc, 'peer', 30);
		setGroupWeight(doc, 'customer', undefined);
		setGroupWeight(doc, 'self', 10);
		expect(requiredGroups(readCycleConfig(doc)!)).toEqual(['superior']);
		setRequiredWeight(doc, 30);
		const copy = new Y.Doc();
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
		const stored = readCycleConfig(copy)!;
		expect(stored.requiredWeight).toBe(30);
		expect(requiredGroups(stored)).toEqual(['superior', 'peer']);
		const withSubject = { ...stored, subjects: [{ id: 's1', name: 'Li Lei' }] };
		const boss = { id: 'n', subject: 's1', rater: 'b', group: 'superior', status: 'approved' };
		expect(feasibility(withSubject, [boss as never])[0]!.issues).toContainEqual(
			expect.objectContaining({ reason: 'no-total', group: 'peer' })
		);
		const items = stored.questionnaire.competencies.flatMap((c) => c.items.map((i) => i.id));
		const report = buildReport(
			withSubject,
			's1',
			[
				{
					subject: 's1',
					group: 'superior',
					answers: Object.fromEntries(items.map((i) => [i, 4 as Answer])),
					comments: {}
				}
			],
			seededRandom(4)
		);
		expect(report.incomplete).toEqual({ missing: ['peer'] });
		setRequiredWeight(copy, undefined);
		expect(readCycleConfig(copy)!.requiredWeight).toBeUndefined();
		expect(checkCycle({ ...stored, requiredWeight: 150 })).toContainEqual(
			expect.objectContaining({ reason: 'bad-required-weight' })
		);
	});
});

describe('participation and outliers at close', () => {
	it('says per group how many were asked, and how many answered only for a group shown alone', () => {
		const [report] = buildAllReports(
			config(),
			[answer('superior', 4), answer('peer', 2), answer('peer', 3)],
			seededRandom(3),
			new Map([['s1', { superior: 1, peer: 4, self: 1 }]])
		);
		expect(report!.participation).toEqual([
			{ group: 'superior', invited: 1, answered: 1 },
			{ group: 'peer', invited: 4, answered: undefined },
			{ group: 'customer', invited: 0, answered: undefined },
			{ group: 'self', invited: 1, answered: undefined }
		]);
	});

	it('flags outliers only among the groups a report shows', () => {
		const submissions = [
			answer('superior', 4),
			...[1, 2, 3].map(() => answer('peer', 4)),
			answer('customer', 1),
			answer('customer', 1)
		];
		expect(flagOutliers(submissions)).not.toEqual([]);
		const reports = buildAllReports(config(), submissions, seededRandom(4));
		expect(reports[0]!.legend.find((e) => e.group === 'customer')!.scores).toBe('omitted');
		expect(flagShownOutliers(submissions, reports)).toEqual([]);
	});
});

describe('a nominee equal to the subject', () => {
	it('is recognised by id or by name, ignoring case and spaces', () => {
		const subject = { id: 's1', name: 'Li Lei' };
		expect(nomineeIsSubject(subject, { rater: 's1', raterName: 'x' })).toBe(true);
		expect(nomineeIsSubject(subject, { rater: 'li@example.com', raterName: ' li lei' })).toBe(true);
		expect(nomineeIsSubject(subject, { rater: 'han@example.com', raterName: 'Han Meimei' })).toBe(
			false
		);
	});
});
