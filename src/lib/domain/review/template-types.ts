/**
 * The shape of a review template: a questionnaire and rater-group weights, with bilingual text.
 * Apart from the registry (`templates.ts`) so the template files import no registry.
 */
import type { GroupWeights } from './groups.ts';
import type { CommentQuestion, Questionnaire } from './questionnaire.ts';
import { bi, type Bilingual } from './text.ts';

/** The shipped templates. */
export const ReviewTemplateId = {
	midLevelManager: 'mid-level-manager',
	manager: 'manager',
	frontline: 'frontline'
} as const;
export type ReviewTemplateId = (typeof ReviewTemplateId)[keyof typeof ReviewTemplateId];

/** A ready-made form with its group weights, in both languages. */
export interface ReviewTemplate {
	id: ReviewTemplateId;
	title: Bilingual;
	/** What the form is for, as its preamble (问卷说明) puts it. */
	description: Bilingual;
	/** Where the form comes from and what we completed where the seed breaks off. */
	provenance: Bilingual;
	questionnaire: Questionnaire;
	groups: GroupWeights;
}

/** The two open questions every template asks; the seed's forms have none, so they are ours. */
export const STANDARD_COMMENTS: readonly CommentQuestion[] = [
	{
		id: 'strengths',
		prompt: bi(
			'被评价人最突出的优势是什么？请举例说明。',
			"What are this person's greatest strengths? Please give examples."
		),
		required: false,
		maxLength: 2000,
		source: 'completed'
	},
	{
		id: 'improve',
		prompt: bi(
			'被评价人最需要改进的方面是什么？您有什么建议？',
			'Where does this person most need to improve, and what would you suggest?'
		),
		required: false,
		maxLength: 2000,
		source: 'completed'
	}
];
