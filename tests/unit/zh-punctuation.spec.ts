/**
 * Chinese text uses full-width punctuation (，；：？！（）): ASCII commas and brackets beside
 * Chinese characters read as a typo to every Chinese user. Checked over everything we ship in
 * Chinese: the zh-CN message catalogue and the review and journey templates.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JOURNEY_TEMPLATES } from '../../src/lib/domain/journey/templates.ts';
import { REVIEW_TEMPLATES } from '../../src/lib/domain/review/templates.ts';

const CJK = /[\u3400-\u9fff]/;
/** ASCII punctuation touching a Chinese character on either side. */
const HALF_WIDTH_BESIDE_CJK = /[\u3400-\u9fff][,;:?!()]|[,;:?!()][\u3400-\u9fff]/;
/** A space after full-width punctuation, which carries its own width ("： " reads as a gap). */
const SPACE_AFTER_FULL_WIDTH = /[，；：？！。、）」] /;

/** Every `zh-CN` string inside `value`, with the path that leads to it. */
function chineseTexts(value: unknown, path = ''): [string, string][] {
	if (value === null || typeof value !== 'object') return [];
	const found: [string, string][] = [];
	for (const [key, inner] of Object.entries(value)) {
		const at = `${path}/${key}`;
		if (key === 'zh-CN' && typeof inner === 'string') found.push([at, inner]);
		else found.push(...chineseTexts(inner, at));
	}
	return found;
}

/** A message's texts: the string itself, or every variant of a plural message. */
function variants(value: unknown): unknown[] {
	if (!Array.isArray(value)) return [value];
	return value.flatMap((variant: { match?: Record<string, unknown> }) =>
		Object.values(variant.match ?? {})
	);
}

function catalogueFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((entry) => {
		const path = join(dir, entry);
		if (statSync(path).isDirectory()) return catalogueFiles(path);
		return entry === 'zh-CN.json' ? [path] : [];
	});
}

function offending(texts: [string, string][]): string[] {
	return texts
		.filter(([, text]) => HALF_WIDTH_BESIDE_CJK.test(text) || SPACE_AFTER_FULL_WIDTH.test(text))
		.map(([at, text]) => `${at}: ${text}`);
}

describe('Chinese punctuation', () => {
	it('the check itself catches half-width punctuation beside Chinese and passes full-width', () => {
		expect(offending([['x', '什么?请举例']])).toHaveLength(1);
		expect(offending([['x', '(顾客意见)']])).toHaveLength(1);
		expect(offending([['x', '什么？请举例（顾客意见）']])).toHaveLength(0);
		expect(offending([['x', '占总成绩的30%，Q3 (D1) report']])).toHaveLength(0);
		expect(offending([['x', '上级： 单独显示']])).toHaveLength(1);
	});

	it('review templates use full-width punctuation in Chinese', () => {
		const texts = chineseTexts(REVIEW_TEMPLATES);
		expect(texts.length).toBeGreaterThan(50);
		expect(offending(texts)).toEqual([]);
	});

	it('journey templates use full-width punctuation in Chinese', () => {
		const texts = chineseTexts(JOURNEY_TEMPLATES);
		expect(texts.length).toBeGreaterThan(50);
		expect(offending(texts)).toEqual([]);
	});

	it('the zh-CN message catalogue uses full-width punctuation', () => {
		const files = catalogueFiles('src/lib/i18n/messages');
		expect(files.length).toBeGreaterThan(1);
		const texts = files.flatMap((file) =>
			Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>)
				.flatMap(([key, value]) => variants(value).map((text): [string, unknown] => [key, text]))
				.filter((entry): entry is [string, string] => typeof entry[1] === 'string')
				.filter(([, text]) => CJK.test(text))
				.map(([key, text]): [string, string] => [`${file}#${key}`, text])
		);
		expect(texts.length).toBeGreaterThan(100);
		expect(offending(texts)).toEqual([]);
	});
});
