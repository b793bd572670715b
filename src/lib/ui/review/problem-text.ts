/**
 * A cycle's problems as sentences: `checkCycle` returns codes (area, reason, id) so the rules stay
 * free of language; this turns each into one sentence in the reader's language, naming the
 * dimension or item by its label rather than its code.
 */
import type { CycleConfig, CycleProblem } from '$lib/domain/review/cycle';
import { RATER_GROUPS } from '$lib/domain/review/groups';
import { competencyWeightSum } from '$lib/domain/review/questionnaire';
import type { ReviewLocale } from '$lib/domain/review/text';
import { m } from '$lib/paraglide/messages';

/** Formats a percentage sum the way the setup shows it (no trailing zeros, true minus sign). */
export function formatSum(sum: number, locale: string): string {
	return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(sum).replace('-', '−');
}

/**
 * The label of the dimension, item or comment question with this id; one not yet worded is named
 * by its place ("item 3 of “Values”"), never by its internal id.
 */
function nameOf(config: CycleConfig, id: string | undefined, locale: ReviewLocale): string {
	if (id === undefined) return '';
	const label = (text: { 'zh-CN': string; en: string } | undefined) =>
		text?.[locale].trim() || text?.en.trim() || text?.['zh-CN'].trim() || '';
	const q = config.questionnaire;
	for (const [c, competency] of q.competencies.entries()) {
		const dimension = label(competency.label) || m.review_problem_dimension_at({ n: c + 1 });
		if (competency.id === id) return dimension;
		for (const [i, item] of competency.items.entries()) {
			if (item.id === id) {
				return label(item.label) || m.review_problem_item_at({ n: i + 1, dimension });
			}
		}
	}
	for (const [i, question] of q.comments.entries()) {
		if (question.id === id)
			return label(question.prompt) || m.review_problem_question_at({ n: i + 1 });
	}
	return id;
}

/** One problem as a sentence. */
export function cycleProblemText(
	problem: CycleProblem,
	config: CycleConfig,
	locale: ReviewLocale,
	uiLocale: string = locale
): string {
	const name = nameOf(config, problem.id, locale);
	switch (problem.area) {
		case 'questionnaire':
			switch (problem.reason) {
				case 'duplicate-id':
					return m.review_problem_q_duplicate_id({ id: problem.id ?? '' });
				case 'empty-competency':
					return m.review_problem_q_empty_competency({ name });
				case 'no-items':
					return m.review_problem_q_no_items();
				case 'bad-weight':
					return m.review_problem_q_bad_weight({ name });
				case 'weights-not-100':
					return m.review_problem_q_weights_not_100({
						sum: formatSum(competencyWeightSum(config.questionnaire), uiLocale)
					});
				case 'bad-max-length':
					return m.review_problem_q_bad_max_length({ name });
				case 'bad-scale':
					return m.review_problem_q_bad_scale();
				default:
					return m.review_problem_q_missing_text({ name });
			}
		case 'groups':
			switch (problem.reason) {
				case 'no-groups':
					return m.review_problem_groups_none();
				case 'bad-weight':
					return m.review_problem_groups_bad_weight();
				case 'bad-required-weight':
					return m.review_problem_required_weight();
				default:
					return m.review_problem_groups_not_100({
						sum: formatSum(
							RATER_GROUPS.reduce((s, g) => s + (config.groups[g] ?? 0), 0),
							uiLocale
						)
					});
			}
		case 'anonymity':
			return m.review_problem_anonymity();
		case 'grades':
			return m.review_problem_grades();
		case 'timeline':
			return m.review_problem_timeline();
		case 'subjects':
			return problem.reason === 'bad-rater-cap'
				? m.review_problem_rater_cap()
				: m.review_problem_subject_duplicate();
	}
}
