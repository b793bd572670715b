/**
 * Journey templates a facilitator starts from. Every string a person reads carries both
 * languages, so a map can be seeded in either and the template picker shows both. Templates give
 * names, channels, departments, goals and, for some touchpoints, pain points and opportunities;
 * they never give scores: satisfaction and emotion come from research or from the workshop.
 */
// Extensions spelled out: the relay imports the journey rules, and Vite's config loader follows.
import { AIRLINE_TEMPLATE } from './template-airline.ts';
import { B2B_TEMPLATE } from './template-b2b.ts';
import { HOSPITAL_TEMPLATE } from './template-hospital.ts';
import {
	TemplateId,
	bi,
	type Bilingual,
	type JourneyTemplate,
	type TemplateLocale,
	type TouchpointTemplate
} from './template-types.ts';
import type { TouchpointFields } from './types.ts';

export * from './template-types.ts';

/**
 * The blank map: three empty stages to rename, not nothing. A facilitator's first move is then a
 * rename instead of building structure from zero, and the map never opens as an empty screen.
 */
export const BLANK_TEMPLATE: JourneyTemplate = {
	id: TemplateId.blank,
	title: bi('空白旅程', 'Blank journey'),
	description: bi(
		'三个空阶段（之前、之中、之后），可重命名、增删。',
		'Three empty stages (before, during, after) to rename, add to or remove.'
	),
	stages: [
		{ name: bi('之前', 'Before'), touchpoints: [] },
		{ name: bi('之中', 'During'), touchpoints: [] },
		{ name: bi('之后', 'After'), touchpoints: [] }
	]
};

/** Every template, in the order the picker lists them. */
export const JOURNEY_TEMPLATES: readonly JourneyTemplate[] = [
	AIRLINE_TEMPLATE,
	HOSPITAL_TEMPLATE,
	B2B_TEMPLATE,
	BLANK_TEMPLATE
];

export function journeyTemplate(id: TemplateId): JourneyTemplate {
	return JOURNEY_TEMPLATES.find((t) => t.id === id) ?? BLANK_TEMPLATE;
}

/** A template touchpoint's fields in one language, ready to store; scores start empty. */
export function localizeTouchpoint(
	touchpoint: TouchpointTemplate,
	locale: TemplateLocale
): TouchpointFields {
	const text = (value: Bilingual | undefined) => (value ? value[locale] : '');
	return {
		name: touchpoint.name[locale],
		channel: text(touchpoint.channel),
		department: text(touchpoint.department),
		goal: text(touchpoint.goal),
		painPoints: (touchpoint.painPoints ?? []).map((p) => p[locale]),
		opportunities: (touchpoint.opportunities ?? []).map((o) => o[locale]),
		satisfaction: null,
		emotion: null,
		notes: ''
	};
}
