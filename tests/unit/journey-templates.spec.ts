import { describe, expect, it } from 'vitest';
import {
	JOURNEY_TEMPLATES,
	TEMPLATE_LOCALES,
	journeyTemplate,
	localizeTouchpoint,
	type JourneyTemplate
} from '../../src/lib/domain/journey/templates';
import {
	TOUCHPOINT_FIELDS,
	checkStageName,
	checkTouchpointField
} from '../../src/lib/domain/journey/types';

const CJK = /[\u3400-\u9fff]/;

/** Every string in a template with the path that leads to it. */
function strings(value: unknown, path = ''): Array<{ path: string; value: string }> {
	if (typeof value === 'string') return [{ path, value }];
	if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
	if (typeof value === 'object' && value !== null)
		return Object.entries(value).flatMap(([k, v]) => strings(v, `${path}.${k}`));
	return [];
}

describe('journey templates', () => {
	it('the airline template has exactly 36 touchpoints in 5 stages, 8·8·8·6·6', () => {
		const airline = journeyTemplate('airline');
		expect(airline.stages).toHaveLength(5);
		expect(airline.stages.map((s) => s.touchpoints.length)).toEqual([8, 8, 8, 6, 6]);
		expect(airline.stages.reduce((n, s) => n + s.touchpoints.length, 0)).toBe(36);
		expect(airline.stages.map((s) => s.name['zh-CN'])).toEqual([
			'旅行前',
			'飞行前',
			'客舱中',
			'飞行后',
			'旅行后'
		]);
		// The in-cabin touchpoints the source names, in its words.
		const cabin = airline.stages[2]!.touchpoints.map((t) => t.name['zh-CN']);
		expect(cabin).toEqual(expect.arrayContaining(['客舱服务', '座椅', '客舱娱乐', '餐食']));
	});

	it('the hospital and B2B templates have five stages of about 20 and 18 touchpoints', () => {
		const count = (t: JourneyTemplate) => t.stages.reduce((n, s) => n + s.touchpoints.length, 0);
		const hospital = journeyTemplate('hospital');
		const b2b = journeyTemplate('b2b');
		expect(hospital.stages).toHaveLength(5);
		expect(count(hospital)).toBeGreaterThanOrEqual(18);
		expect(count(hospital)).toBeLessThanOrEqual(22);
		expect(b2b.stages).toHaveLength(5);
		expect(count(b2b)).toBe(18);
	});

	it('the blank template is stages to rename and no touchpoints', () => {
		const blank = journeyTemplate('blank');
		expect(blank.stages.length).toBeGreaterThan(0);
		expect(blank.stages.every((s) => s.touchpoints.length === 0)).toBe(true);
	});

	it.each(JOURNEY_TEMPLATES.map((t) => [t.id, t] as const))(
		'%s: every person-readable string has both languages, non-empty, in the right script',
		(_id, template) => {
			const all = strings(template);
			expect(all.length).toBeGreaterThan(4);
			for (const { path, value } of all) {
				if (path === '.id') continue;
				const locale = path.slice(path.lastIndexOf('.') + 1);
				expect(TEMPLATE_LOCALES, path).toContain(locale);
				expect(value.trim(), path).not.toBe('');
				if (locale === 'zh-CN') {
					expect(value, path).toMatch(CJK);
					// Chinese text takes full-width punctuation: （）， not (),
					expect(value, path).not.toMatch(/[(),:;?!]/);
				} else expect(value, path).not.toMatch(CJK);
			}
			// A text object never has one language without the other.
			const parents = new Set(
				all.filter((s) => s.path !== '.id').map((s) => s.path.replace(/\.[^.]+$/, ''))
			);
			for (const parent of parents) {
				for (const locale of TEMPLATE_LOCALES)
					expect(
						all.some((s) => s.path === `${parent}.${locale}`),
						`${parent}.${locale}`
					).toBe(true);
			}
		}
	);

	it('every template touchpoint, in either language, passes the checks a person’s edit passes', () => {
		for (const template of JOURNEY_TEMPLATES) {
			for (const stage of template.stages) {
				for (const locale of TEMPLATE_LOCALES) {
					expect(checkStageName(stage.name[locale])).toBeUndefined();
					for (const touchpoint of stage.touchpoints) {
						const fields = localizeTouchpoint(touchpoint, locale);
						for (const field of TOUCHPOINT_FIELDS)
							expect(checkTouchpointField(field, fields[field]), `${fields.name}.${field}`).toBe(
								undefined
							);
						expect(fields.satisfaction).toBeNull();
						expect(fields.emotion).toBeNull();
					}
				}
			}
		}
	});

	it('touchpoint names are unique within a template', () => {
		for (const template of JOURNEY_TEMPLATES) {
			for (const locale of TEMPLATE_LOCALES) {
				const names = template.stages.flatMap((s) => s.touchpoints.map((t) => t.name[locale]));
				expect(new Set(names).size, `${template.id} ${locale}`).toBe(names.length);
			}
		}
	});
});
