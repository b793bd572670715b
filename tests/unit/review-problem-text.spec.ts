/**
 * Every problem that stops a launch reads as a sentence in both languages: no area or reason
 * codes, dimension names instead of ids, and the weight sum stated when it is not 100.
 */
import { describe, expect, it } from 'vitest';
import { checkCycle } from '../../src/lib/domain/review/cycle';
import { instantiateTemplate, reviewTemplate } from '../../src/lib/domain/review/templates';
import { setLocale } from '../../src/lib/paraglide/runtime';
import { cycleProblemText } from '../../src/lib/ui/review/problem-text';

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
		setLocale(locale, { reload: false });
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
