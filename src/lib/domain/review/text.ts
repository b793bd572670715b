/**
 * Bilingual text for review templates. Every person-readable string a template ships (labels,
 * definitions, behaviours, duties) carries both languages, so one cycle serves raters who read
 * Chinese and raters who read English. The same shape as the journey templates' text, so the two
 * can merge into one shared module later without touching callers.
 */

export const REVIEW_LOCALES = ['zh-CN', 'en'] as const;
/** The languages review templates are written in; the same codes as the UI's locales. */
export type ReviewLocale = (typeof REVIEW_LOCALES)[number];

/** A person-readable text in both languages, neither empty. */
export type Bilingual = Readonly<Record<ReviewLocale, string>>;

/** Shorthand for a {@link Bilingual} text, Chinese first as in the source material. */
export function bi(zh: string, en: string): Bilingual {
	return { 'zh-CN': zh, en };
}

/** True when both languages hold something other than blank space. */
export function isComplete(text: Bilingual): boolean {
	return text['zh-CN'].trim() !== '' && text.en.trim() !== '';
}
