/**
 * The review templates Panorama ships, and turning one into a cycle.
 *
 * Locale: a cycle keeps both languages. {@link instantiateTemplate} copies a template's bilingual
 * text into the new cycle as it is, because one cycle serves raters who read Chinese and raters who
 * read English, each in their own UI language; HR edits both. Where one language is wanted — a
 * printed form, an export, a preview — {@link localizeTemplate} (or `localizeQuestionnaire`)
 * returns the same structure with plain strings in that language.
 */
import { DEFAULT_ANONYMITY } from './anonymity.ts';
import { DEFAULT_RATER_CAP, type CycleConfig, type Subject } from './cycle.ts';
import { DEFAULT_GRADE_BANDS, type GradeBand } from './grades.ts';
import type { GroupWeights } from './groups.ts';
import { localizeQuestionnaire, scaleAnchors, type Questionnaire } from './questionnaire.ts';
import { frontlineTemplate } from './template-frontline.ts';
import { managerTemplate } from './template-manager.ts';
import { midLevelManagerTemplate } from './template-mid-level.ts';
import type { ReviewTemplate, ReviewTemplateId } from './template-types.ts';
import type { ReviewLocale } from './text.ts';
import { DEFAULT_TIMELINE } from './timeline.ts';

/** Every shipped template, in the order a picker lists them. */
export const REVIEW_TEMPLATES: readonly ReviewTemplate[] = [
	midLevelManagerTemplate,
	managerTemplate,
	frontlineTemplate
];

/** The shipped template with this id. */
export function reviewTemplate(id: ReviewTemplateId): ReviewTemplate {
	return REVIEW_TEMPLATES.find((template) => template.id === id)!;
}

/**
 * A new cycle's configuration from `template`: a deep copy (editing the cycle never touches the
 * template), both languages kept, with the default thresholds, grade bands, timeline and rater cap.
 */
export function instantiateTemplate(
	template: ReviewTemplate,
	subjects: readonly Subject[] = []
): CycleConfig {
	return structuredClone({
		// The anchors are written out, so HR sees and words them per questionnaire.
		questionnaire: { ...template.questionnaire, scale: scaleAnchors(template.questionnaire) },
		groups: template.groups,
		anonymity: DEFAULT_ANONYMITY,
		gradeBands: DEFAULT_GRADE_BANDS,
		subjects,
		timeline: DEFAULT_TIMELINE,
		raterCap: DEFAULT_RATER_CAP
	}) as CycleConfig;
}

/** A template in one language. */
export interface LocalizedTemplate {
	id: ReviewTemplateId;
	title: string;
	description: string;
	provenance: string;
	questionnaire: Questionnaire<string>;
	groups: GroupWeights;
	gradeBands: readonly GradeBand<string>[];
}

/** `template` with every text in `locale`, e.g. to print the form or preview it. */
export function localizeTemplate(
	template: ReviewTemplate,
	locale: ReviewLocale
): LocalizedTemplate {
	return {
		id: template.id,
		title: template.title[locale],
		description: template.description[locale],
		provenance: template.provenance[locale],
		questionnaire: localizeQuestionnaire(template.questionnaire, locale),
		groups: { ...template.groups },
		gradeBands: DEFAULT_GRADE_BANDS.map((band) => ({ ...band, label: band.label[locale] }))
	};
}
