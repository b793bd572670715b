/**
 * Every problem that stops a launch reads as a sentence in both languages: no area or reason
 * codes, dimension names instead of ids, and the weight sum stated when it is not 100.
 */
import { describe, expect, it } from 'vitest';
import { checkCycle } from '../../src/lib/domain/review/cycle';
import { instantiateTemplate, reviewTemplate } from '../../src/lib/domain/review/templates';
import { overwriteGetLocale } from '../../src/lib/paraglide/runtime';

/** The messages' language for the next calls (the runtime reads no browser storage here). */
const useLocale = (locale: 'en' | 'zh-CN') => overwriteGetLocale(() => locale);
import { cycleProblemText } from '../../src/lib/ui/review/problem-text';
import { addItem } from '../../src/lib/domain/review/questionnaire-edit';

function brokenConfig() {
	const config = instantiateTemplate(reviewTemplate('mid-level-manager'));
	const [first, ...rest] = config.questionnaire.competencies;
	return {
		...config,
		groups: { superior: 60, peer: 30 },
		questionnaire: {
			...config.questionnaire,
			competencies: [{ ...first!, weight: first!.weight - 10, items: [] }, ...rest]
		}
	};
}

describe('cycle problems as sentences', () => {
	it.each(['en', 'zh-CN'] as const)('%s: no codes, names and sums instead', (locale) => {
		useLocale(locale);
		const config = brokenConfig();
		const problems = checkCycle(config);
		expect(problems.map((p) => p.reason).sort()).toEqual(
			['empty-competency', 'weights-not-100', 'weights-not-100'].sort()
		);
		const texts = problems.map((p) => cycleProblemText(p, config, locale));
		for (const text of texts) {
			expect(text).not.toMatch(/weights-not-100|empty-competency|groups:|questionnaire:/);
		}
		const label = config.questionnaire.competencies[0]!.label[locale];
		expect(texts.some((t) => t.includes(label))).toBe(true);
		expect(texts.some((t) => t.includes('90%'))).toBe(true);
	});
});

describe('parts not yet worded', () => {
	it('are named by their place, never by their internal id', () => {
		useLocale('en');
		const config = instantiateTemplate(reviewTemplate('frontline'));
		const added = addItem(config.questionnaire, 'conduct');
		const withItem = { ...config, questionnaire: added.questionnaire };
		const texts = checkCycle(withItem).map((p) => cycleProblemText(p, withItem, 'en'));
		expect(texts).toEqual(['“item 4 of Conduct” is missing its Chinese or English text.']);
		useLocale('zh-CN');
		expect(cycleProblemText(checkCycle(withItem)[0]!, withItem, 'zh-CN')).toBe(
			'「品行的第 4 题」缺少中文或英文文字。'
		);
	});
});
