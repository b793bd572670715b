/**
 * The shapes of a journey template, and the bilingual text every person-readable string in one
 * carries. Apart from the registry (`templates.ts`) so the template files import no registry.
 */

export const TEMPLATE_LOCALES = ['zh-CN', 'en'] as const;
/** The languages templates are written in; the same codes as the UI's locales. */
export type TemplateLocale = (typeof TEMPLATE_LOCALES)[number];

/** A person-readable text in both languages, neither empty. */
export type Bilingual = Readonly<Record<TemplateLocale, string>>;

/** Shorthand for a {@link Bilingual} text, Chinese first as in the source material. */
export function bi(zh: string, en: string): Bilingual {
	return { 'zh-CN': zh, en };
}

export interface TouchpointTemplate {
	name: Bilingual;
	channel?: Bilingual;
	department?: Bilingual;
	goal?: Bilingual;
	painPoints?: readonly Bilingual[];
	opportunities?: readonly Bilingual[];
}

export interface StageTemplate {
	name: Bilingual;
	touchpoints: readonly TouchpointTemplate[];
}

export const TemplateId = {
	airline: 'airline',
	hospital: 'hospital',
	b2b: 'b2b',
	blank: 'blank'
} as const;
export type TemplateId = (typeof TemplateId)[keyof typeof TemplateId];

export interface JourneyTemplate {
	id: TemplateId;
	title: Bilingual;
	description: Bilingual;
	stages: readonly StageTemplate[];
}

export function localize(text: Bilingual, locale: TemplateLocale): string {
	return text[locale];
}
