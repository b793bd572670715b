import { describe, expect, it } from 'vitest';
import { checkCycle } from '../../src/lib/domain/review/cycle';
import {
	DEFAULT_GRADE_BANDS,
	checkGradeBands,
	gradeOf,
	toHundred
} from '../../src/lib/domain/review/grades';
import { RATER_GROUPS } from '../../src/lib/domain/review/groups';
import {
	checkQuestionnaire,
	competencyWeightSum,
	DEFAULT_SCALE,
	localizeQuestionnaire
} from '../../src/lib/domain/review/questionnaire';
import { frontlineTemplate } from '../../src/lib/domain/review/template-frontline';
import { managerTemplate } from '../../src/lib/domain/review/template-manager';
import { midLevelManagerTemplate } from '../../src/lib/domain/review/template-mid-level';
import {
	REVIEW_TEMPLATES,
	instantiateTemplate,
	localizeTemplate,
	reviewTemplate
} from '../../src/lib/domain/review/templates';
import type { Bilingual } from '../../src/lib/domain/review/text';
import {
	DEFAULT_TIMELINE,
	calendar,
	checkTimeline,
	dateOfDay,
	dayOfDate,
	dutiesOn,
	phasesOn,
	reportsReleasable,
	surveyOpen
} from '../../src/lib/domain/review/timeline';

/** Every Bilingual value anywhere inside `value`. */
function texts(value: unknown): Bilingual[] {
	if (Array.isArray(value)) return value.flatMap(texts);
	if (typeof value !== 'object' || value === null) return [];
	const keys = Object.keys(value);
	if (keys.length === 2 && keys.includes('zh-CN') && keys.includes('en'))
		return [value as Bilingual];
	return Object.values(value).flatMap(texts);
}

const weightsOf = (template: (typeof REVIEW_TEMPLATES)[number]) =>
	Object.fromEntries(template.questionnaire.competencies.map((c) => [c.id, c.weight]));

describe('templates', () => {
	it.each(REVIEW_TEMPLATES.map((t) => [t.id, t] as const))(
		'%s: competency and group weights each sum to 100%%, and the form passes its checks',
		(_, template) => {
			expect(competencyWeightSum(template.questionnaire)).toBe(100);
			const groups = RATER_GROUPS.map((g) => template.groups[g] ?? 0);
			expect(groups.reduce((a, b) => a + b, 0)).toBe(100);
			expect(checkQuestionnaire(template.questionnaire)).toEqual([]);
			expect(checkCycle(instantiateTemplate(template, [{ id: 's', name: 'S' }]))).toEqual([]);
		}
	);

	it.each(REVIEW_TEMPLATES.map((t) => [t.id, t] as const))(
		'%s: every person-readable text is in both languages, the Chinese in Chinese',
		(_, template) => {
			const all = texts(template);
			expect(all.length).toBeGreaterThan(10);
			for (const text of all) {
				expect(text['zh-CN'].trim()).not.toBe('');
				expect(text.en.trim()).not.toBe('');
				expect(text['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
				expect(text.en).not.toMatch(/[\u4e00-\u9fff]/);
			}
		}
	);

	it('mid-level form: the seed’s 价值观 with its behaviours and the starred items, completed after', () => {
		const [values, ...rest] = midLevelManagerTemplate.questionnaire.competencies;
		expect(values!.label['zh-CN']).toBe('价值观');
		expect(values!.definition!['zh-CN']).toContain('超越平凡，打造一流');
		expect(values!.high).toHaveLength(8);
		expect(values!.low).toHaveLength(8);
		expect(values!.items.map((i) => [i.label['zh-CN'], i.required, i.source])).toEqual([
			['职业操守', true, 'seed'],
			['事业心', true, 'seed']
		]);
		expect(values!.items[1]!.definition['zh-CN']).toBe(
			'主动设立挑战性的工作目标或愿意承担额外的工作任务，即使遇到困难仍坚持不懈地将目标和任务达成'
		);
		expect(rest.every((c) => c.source === 'completed')).toBe(true);
		expect(midLevelManagerTemplate.groups).toEqual({
			superior: 70,
			peer: 10,
			subordinate: 10,
			self: 10
		});
	});

	it('manager form: four factors, fourteen items in the seed’s order, results at 20%', () => {
		expect(weightsOf(managerTemplate)).toEqual({
			results: 20,
			leadership: 40,
			conduct: 30,
			qualities: 10
		});
		const labels = managerTemplate.questionnaire.competencies.flatMap((c) =>
			c.items.map((i) => i.label['zh-CN'])
		);
		expect(labels).toEqual([
			'经营目标',
			'管理目标',
			'战略规划',
			'风险防范',
			'用人育人',
			'战略思维',
			'授权能力',
			'计划组织能力',
			'责任感',
			'全局意识',
			'诚信',
			'团队合作',
			'敬业爱岗',
			'学习能力'
		]);
		expect(managerTemplate.provenance.en).toContain('20%');
	});

	it('frontline form: conduct 30% (three items at 10% each), performance 70%', () => {
		expect(weightsOf(frontlineTemplate)).toEqual({ conduct: 30, performance: 70 });
		const [conduct] = frontlineTemplate.questionnaire.competencies;
		expect(conduct!.items.map((i) => i.label['zh-CN'])).toEqual([
			'行为品格',
			'工作态度',
			'精神面貌和心理素质'
		]);
		// Items count equally within a competency: 30% ÷ 3 = the seed's 10% each.
		expect(conduct!.weight / conduct!.items.length).toBe(10);
		expect(frontlineTemplate.groups.subordinate).toBeUndefined();
	});

	it('instantiates a deep copy with both languages, and localizes to one', () => {
		const config = instantiateTemplate(reviewTemplate('manager'));
		// The cycle's copy writes the scale's anchors out; the rest is the template's.
		expect(config.questionnaire).toEqual({
			...managerTemplate.questionnaire,
			scale: DEFAULT_SCALE
		});
		expect(config.questionnaire).not.toBe(managerTemplate.questionnaire);
		(config.questionnaire.competencies[0] as { weight: number }).weight = 99;
		expect(managerTemplate.questionnaire.competencies[0]!.weight).toBe(20);
		expect(config.anonymity.minRaters.peer).toBe(3);

		const en = localizeTemplate(frontlineTemplate, 'en');
		expect(en.title).toBe('Frontline staff review');
		expect(en.questionnaire.competencies[0]!.items[0]!.label).toBe('Behaviour and character');
		expect(texts(en)).toEqual([]);
		const zh = localizeQuestionnaire(midLevelManagerTemplate.questionnaire, 'zh-CN');
		expect(zh.comments[0]!.prompt).toContain('优势');
	});
});

describe('grades', () => {
	it('converts 1–5 to 100 points and finds the band; the defaults cover every score', () => {
		expect(toHundred(5)).toBe(100);
		expect(toHundred(3)).toBe(60);
		expect(gradeOf(90, DEFAULT_GRADE_BANDS)!.id).toBe('A');
		expect(gradeOf(89.99, DEFAULT_GRADE_BANDS)!.id).toBe('B');
		expect(gradeOf(60, DEFAULT_GRADE_BANDS)!.id).toBe('C');
		expect(gradeOf(20, DEFAULT_GRADE_BANDS)!.id).toBe('D');
		expect(checkGradeBands(DEFAULT_GRADE_BANDS)).toEqual([]);
	});

	it('refuses bands with gaps or duplicates', () => {
		expect(checkGradeBands([{ id: 'A', label: '', min: 50 }])).toEqual(['gap']);
		expect(
			checkGradeBands([
				{ id: 'A', label: '', min: 0 },
				{ id: 'A', label: '', min: 0 }
			])
		).toEqual(['duplicate-id', 'duplicate-min']);
	});
});

describe('timeline D1–D14', () => {
	it('follows the seed’s plan day by day', () => {
		expect(checkTimeline(DEFAULT_TIMELINE)).toEqual([]);
		expect(phasesOn(DEFAULT_TIMELINE, 3).map((p) => p.id)).toEqual([
			'goals',
			'nominate',
			'selfAssessment'
		]);
		expect(phasesOn(DEFAULT_TIMELINE, 11).map((p) => p.id)).toEqual(['launch', 'survey']);
		expect(dutiesOn(DEFAULT_TIMELINE, 12, 'hr').map((d) => d.duty.en)).toEqual([
			'Watch completion and send reminders'
		]);
		expect(surveyOpen(DEFAULT_TIMELINE, 10)).toBe(false);
		expect(surveyOpen(DEFAULT_TIMELINE, 13)).toBe(true);
		expect(reportsReleasable(DEFAULT_TIMELINE, 13)).toBe(false);
		expect(reportsReleasable(DEFAULT_TIMELINE, 14)).toBe(true);
	});

	it('maps plan days to calendar dates: the announcement two weeks before D1', () => {
		expect(dateOfDay('2026-03-02', 1)).toBe('2026-03-02');
		expect(dateOfDay('2026-03-02', 14)).toBe('2026-03-15');
		expect(dateOfDay('2026-03-02', -13)).toBe('2026-02-16');
		expect(dayOfDate('2026-03-02', '2026-02-16')).toBe(-13);
		const close = calendar(DEFAULT_TIMELINE, '2026-03-02').find((p) => p.id === 'close')!;
		expect([close.start, close.end]).toEqual(['2026-03-15', '2026-03-15']);
		expect(() => dateOfDay('2026-02-30', 1)).toThrow(RangeError);
	});

	it('finds a survey running into the close day', () => {
		const broken = DEFAULT_TIMELINE.map((p) => (p.id === 'survey' ? { ...p, to: 14 } : p));
		expect(checkTimeline(broken)).toEqual(['survey-after-close']);
	});
});
