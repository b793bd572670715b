/**
 * The questionnaire builder's rules: weights that do not sum to 100 are a problem with the sum
 * stated, edits never touch the questionnaire they start from, reordering keeps every part, and a
 * template becomes the same questionnaire every time (snapshot).
 */
import { describe, expect, it } from 'vitest';
import { checkCycle } from '../../src/lib/domain/review/cycle';
import {
	DEFAULT_SCALE,
	checkQuestionnaire,
	indexQuestionnaire,
	type Questionnaire
} from '../../src/lib/domain/review/questionnaire';
import {
	addComment,
	addCompetency,
	addItem,
	behavioursFromLines,
	moveCompetency,
	moveItem,
	removeItem,
	setAnchor,
	updateCompetency,
	updateItem,
	weightSummary,
	withText
} from '../../src/lib/domain/review/questionnaire-edit';
import { REVIEW_TEMPLATES, instantiateTemplate } from '../../src/lib/domain/review/templates';
import { bi } from '../../src/lib/domain/review/text';

/** The source's 品德 20 / 能力 30 / 业绩 50, built from nothing as HR would. */
function characterAbilityResults(): Questionnaire {
	let q: Questionnaire = { competencies: [], comments: [], scale: DEFAULT_SCALE };
	const names = [bi('品德', 'Character'), bi('能力', 'Ability'), bi('业绩', 'Results')];
	const weights = [20, 30, 50];
	names.forEach((label, n) => {
		const added = addCompetency(q);
		q = updateCompetency(added.questionnaire, added.id, { label, weight: weights[n]! });
		const item = addItem(q, added.id);
		q = updateItem(item.questionnaire, item.id, {
			label: bi(`${label['zh-CN']}表现`, `${label.en} shown`),
			definition: bi('定义', 'Definition')
		});
	});
	return q;
}

describe('questionnaire weights', () => {
	it('accepts 品德 20 / 能力 30 / 业绩 50', () => {
		const q = characterAbilityResults();
		expect(weightSummary(q)).toEqual({ weights: [20, 30, 50], sum: 100 });
		expect(checkQuestionnaire(q)).toEqual([]);
	});

	it('refuses weights that do not sum to 100, and negative or non-numeric ones', () => {
		const q = characterAbilityResults();
		const [character] = q.competencies;
		const under = updateCompetency(q, character!.id, { weight: 10 });
		expect(weightSummary(under).sum).toBe(90);
		expect(checkQuestionnaire(under).map((p) => p.reason)).toEqual(['weights-not-100']);
		const negative = updateCompetency(q, character!.id, { weight: -20 });
		expect(checkQuestionnaire(negative).map((p) => p.reason)).toContain('bad-weight');
		const nan = updateCompetency(q, character!.id, { weight: Number.NaN });
		expect(checkQuestionnaire(nan).map((p) => p.reason)).toContain('bad-weight');
	});

	it('counts decimals that sum to 100 as 100', () => {
		let q = characterAbilityResults();
		const ids = q.competencies.map((c) => c.id);
		q = updateCompetency(q, ids[0]!, { weight: 33.3 });
		q = updateCompetency(q, ids[1]!, { weight: 33.3 });
		q = updateCompetency(q, ids[2]!, { weight: 33.4 });
		expect(checkQuestionnaire(q)).toEqual([]);
	});

	it('a new dimension is empty, unweighted and named nowhere: each is a problem', () => {
		const q = addCompetency(characterAbilityResults()).questionnaire;
		const reasons = checkQuestionnaire(q).map((p) => p.reason);
		expect(reasons).toEqual(expect.arrayContaining(['missing-text', 'empty-competency']));
		expect(reasons).not.toContain('weights-not-100');
	});

	it('a scale anchor left empty in one language is a problem', () => {
		const q = setAnchor(characterAbilityResults(), 3, 'en', ' ');
		expect(checkQuestionnaire(q).map((p) => p.reason)).toEqual(['bad-scale']);
	});
});

describe('questionnaire edits', () => {
	it('never change the questionnaire they start from, so its index stays right', () => {
		const q = characterAbilityResults();
		const before = JSON.stringify(q);
		const index = indexQuestionnaire(q);
		const item = q.competencies[0]!.items[0]!;
		removeItem(q, item.id);
		updateItem(q, item.id, { required: false });
		moveCompetency(q, q.competencies[2]!.id, 0);
		expect(JSON.stringify(q)).toBe(before);
		expect(indexQuestionnaire(q)).toBe(index);
	});

	it('new ids are unique across dimensions, items and questions', () => {
		let q = characterAbilityResults();
		q = addComment(q).questionnaire;
		q = addItem(q, q.competencies[0]!.id).questionnaire;
		q = addCompetency(q).questionnaire;
		const ids = [
			...q.competencies.flatMap((c) => [c.id, ...c.items.map((i) => i.id)]),
			...q.comments.map((c) => c.id)
		];
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('reorders dimensions, and moves an item to another dimension keeping it whole', () => {
		const q = characterAbilityResults();
		const [character, ability, results] = q.competencies;
		const moved = moveCompetency(q, results!.id, 0);
		expect(moved.competencies.map((c) => c.id)).toEqual([results!.id, character!.id, ability!.id]);
		const item = character!.items[0]!;
		const across = moveItem(q, item.id, results!.id, 0);
		expect(across.competencies[0]!.items).toEqual([]);
		expect(across.competencies[2]!.items[0]).toEqual(item);
		expect(across.competencies[2]!.items).toHaveLength(2);
	});

	it('behaviours typed one per line pair up by line across the two languages', () => {
		let list = behavioursFromLines([], 'zh-CN', '主动加班\n承担临时任务');
		list = behavioursFromLines(list, 'en', 'Stays late\nTakes on ad-hoc tasks\n');
		expect(list).toEqual([
			bi('主动加班', 'Stays late'),
			bi('承担临时任务', 'Takes on ad-hoc tasks')
		]);
		expect(behavioursFromLines(list, 'zh-CN', '主动加班')).toEqual([
			bi('主动加班', 'Stays late'),
			bi('', 'Takes on ad-hoc tasks')
		]);
		expect(withText(undefined, 'en', 'x')).toEqual(bi('', 'x'));
	});
});

describe('template → questionnaire', () => {
	it.each(REVIEW_TEMPLATES.map((t) => [t.id, t] as const))(
		'%s becomes a launchable questionnaire with anchors (snapshot)',
		(_, template) => {
			const config = instantiateTemplate(template);
			expect(checkCycle(config)).toEqual([]);
			expect(config.questionnaire.scale).toEqual(DEFAULT_SCALE);
			// The copy is deep: editing the cycle never touches the template.
			expect(config.questionnaire).not.toBe(template.questionnaire);
			const outline = {
				dimensions: config.questionnaire.competencies.map((c) => ({
					id: c.id,
					label: c.label['zh-CN'],
					weight: c.weight,
					items: c.items.map(
						(i) => `${i.id}${i.required ? '*' : ''}${i.allowNotObserved ? ' (n/o)' : ''}`
					)
				})),
				comments: config.questionnaire.comments.map((c) => c.id),
				scale: config.questionnaire.scale!.map((a) => a['zh-CN']),
				groups: config.groups
			};
			expect(outline).toMatchSnapshot();
		}
	);
});
