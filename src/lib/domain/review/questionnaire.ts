/**
 * The questionnaire (问卷) of a review cycle: competencies (能力素质, the dimensions a total is
 * weighted by), each with items rated 1–5, and open comment questions.
 *
 * The types take the text representation as a parameter: templates and cycles carry
 * {@link Bilingual} text (the default), and {@link localizeQuestionnaire} turns one into plain
 * strings in a single language for a printable form or an export.
 */
import { isComplete, type Bilingual, type ReviewLocale } from './text.ts';

/** The rating scale: 1 (far below expectations) … 5 (far above). */
export const SCALE_MIN = 1;
export const SCALE_MAX = 5;
/** A score on the scale. */
export type Score = 1 | 2 | 3 | 4 | 5;
/** What a rater gives an item: a score, or null for "not observed" (无法评价) where allowed. */
export type Answer = Score | null;

/** Where a template's text comes from: copied from the seed form, or completed by us. */
export type Provenance = 'seed' | 'completed';

/** One rated item (测评项目): a behaviour to score 1–5. */
export interface ScaleItem<S = Bilingual> {
	/** Unique within the questionnaire; answers are keyed by it. */
	id: string;
	label: S;
	/** What the item means, as the form states it. */
	definition: S;
	/** Behaviours of high performance (高效表现); may be empty. */
	high: readonly S[];
	/** Behaviours of low performance (低效表现); may be empty. */
	low: readonly S[];
	/** Starred (*) on the form: a submission without an answer is refused. */
	required: boolean;
	/** Whether a rater may answer "not observed" (null) instead of a score. */
	allowNotObserved: boolean;
	source?: Provenance;
}

/** A competency or factor (能力素质 / 测评因素): a weighted group of items. */
export interface Competency<S = Bilingual> {
	/** Unique within the questionnaire. */
	id: string;
	label: S;
	definition?: S;
	/** Behaviours of high and low performance that describe the competency as a whole. */
	high: readonly S[];
	low: readonly S[];
	/**
	 * Share of the weighted total in percent (0–100); a questionnaire's weights sum to 100. Items
	 * within a competency count equally (the seed's frontline form gives its three conduct items
	 * 10% each, the other forms give no item weights).
	 */
	weight: number;
	items: readonly ScaleItem<S>[];
	source?: Provenance;
}

/** An open question answered in free text. */
export interface CommentQuestion<S = Bilingual> {
	/** Unique among the comment questions; comments are keyed by it. */
	id: string;
	prompt: S;
	required: boolean;
	/** Longest accepted answer, in characters (Unicode code points, so 汉字 count one each). */
	maxLength: number;
	source?: Provenance;
}

/** The whole form, in form order. */
export interface Questionnaire<S = Bilingual> {
	competencies: readonly Competency<S>[];
	comments: readonly CommentQuestion<S>[];
	/**
	 * What each point of the 1–5 scale means (锚定), lowest first: exactly five labels. Absent in
	 * cycles made before anchors existed; {@link scaleAnchors} then gives the defaults.
	 */
	scale?: readonly S[];
}

/** The anchors every template starts from; HR words them per questionnaire. */
export const DEFAULT_SCALE: readonly Bilingual[] = [
	{ 'zh-CN': '远低于期望', en: 'Far below expectations' },
	{ 'zh-CN': '低于期望', en: 'Below expectations' },
	{ 'zh-CN': '符合期望', en: 'Meets expectations' },
	{ 'zh-CN': '高于期望', en: 'Above expectations' },
	{ 'zh-CN': '远高于期望', en: 'Far above expectations' }
];

/** The questionnaire's five anchors, or the defaults when it has none. */
export function scaleAnchors(questionnaire: Questionnaire<Bilingual>): readonly Bilingual[] {
	const scale = questionnaire.scale;
	return scale && scale.length === SCALE_MAX - SCALE_MIN + 1 ? scale : DEFAULT_SCALE;
}

/** Default longest comment, in characters. */
export const DEFAULT_COMMENT_LENGTH = 2000;

/** Fast lookups over a questionnaire, built once per questionnaire object. */
export interface QuestionnaireIndex {
	/** Every item in form order. */
	items: readonly ScaleItem<unknown>[];
	/** Item id → position in {@link items}. */
	itemPosition: ReadonlyMap<string, number>;
	/** Position of the competency each item belongs to, parallel to {@link items}. */
	competencyOfItem: Int32Array;
	/** Comment question id → question. */
	questions: ReadonlyMap<string, CommentQuestion<unknown>>;
}

const indexes = new WeakMap<Questionnaire<unknown>, QuestionnaireIndex>();

/**
 * The lookups for `questionnaire`, cached per object: treat a questionnaire as immutable once
 * indexed (edit a copy), or the cache goes stale.
 */
export function indexQuestionnaire(questionnaire: Questionnaire<unknown>): QuestionnaireIndex {
	const cached = indexes.get(questionnaire);
	if (cached) return cached;
	const items: ScaleItem<unknown>[] = [];
	const owners: number[] = [];
	questionnaire.competencies.forEach((competency, c) => {
		for (const item of competency.items) {
			items.push(item);
			owners.push(c);
		}
	});
	const index: QuestionnaireIndex = {
		items,
		itemPosition: new Map(items.map((item, i) => [item.id, i])),
		competencyOfItem: Int32Array.from(owners),
		questions: new Map(questionnaire.comments.map((question) => [question.id, question]))
	};
	indexes.set(questionnaire, index);
	return index;
}

/** Why a questionnaire was refused; the UI translates it. */
export type QuestionnaireProblemReason =
	| 'duplicate-id'
	| 'empty-competency'
	| 'no-items'
	| 'bad-weight'
	| 'weights-not-100'
	| 'bad-max-length'
	| 'missing-text'
	| 'bad-scale';

/** One problem found in a questionnaire. */
export interface QuestionnaireProblem {
	reason: QuestionnaireProblemReason;
	/** The competency, item or question id concerned, when there is one. */
	id?: string;
}

/** Written in one language and blank in the other. */
function isHalf(text: Bilingual): boolean {
	return (text['zh-CN'].trim() === '') !== (text.en.trim() === '');
}

/** Sum of competency weights, in percent. */
export function competencyWeightSum(questionnaire: Questionnaire<unknown>): number {
	return questionnaire.competencies.reduce((sum, c) => sum + c.weight, 0);
}

/** Weights may be typed as decimals; a sum within this of 100 counts as 100. */
const WEIGHT_TOLERANCE = 1e-6;

/** Checks a questionnaire as HR edited it; an empty list means it can be used. */
export function checkQuestionnaire(
	questionnaire: Questionnaire<Bilingual>
): QuestionnaireProblem[] {
	const problems: QuestionnaireProblem[] = [];
	const seen = new Set<string>();
	const unique = (id: string) => {
		if (seen.has(id)) problems.push({ reason: 'duplicate-id', id });
		seen.add(id);
	};
	// A label needs both languages; a definition may be left out, but not in one language only.
	const texts = (id: string, label: Bilingual, definition: Bilingual | undefined) => {
		if (!isComplete(label) || (definition !== undefined && isHalf(definition))) {
			problems.push({ reason: 'missing-text', id });
		}
	};
	if (questionnaire.competencies.length === 0) problems.push({ reason: 'no-items' });
	for (const competency of questionnaire.competencies) {
		unique(competency.id);
		texts(competency.id, competency.label, competency.definition);
		if (!(competency.weight >= 0) || !Number.isFinite(competency.weight)) {
			problems.push({ reason: 'bad-weight', id: competency.id });
		}
		if (competency.items.length === 0) {
			problems.push({ reason: 'empty-competency', id: competency.id });
		}
		for (const item of competency.items) {
			unique(item.id);
			texts(item.id, item.label, item.definition);
		}
	}
	if (Math.abs(competencyWeightSum(questionnaire) - 100) > WEIGHT_TOLERANCE) {
		problems.push({ reason: 'weights-not-100' });
	}
	if (questionnaire.scale !== undefined) {
		if (questionnaire.scale.length !== SCALE_MAX - SCALE_MIN + 1) {
			problems.push({ reason: 'bad-scale' });
		} else if (questionnaire.scale.some((anchor) => !isComplete(anchor))) {
			problems.push({ reason: 'bad-scale' });
		}
	}
	const questionIds = new Set<string>();
	for (const question of questionnaire.comments) {
		if (questionIds.has(question.id)) problems.push({ reason: 'duplicate-id', id: question.id });
		questionIds.add(question.id);
		texts(question.id, question.prompt, undefined);
		if (!Number.isInteger(question.maxLength) || question.maxLength < 1) {
			problems.push({ reason: 'bad-max-length', id: question.id });
		}
	}
	return problems;
}

/** The questionnaire in one language: every text replaced by its `locale` version. */
export function localizeQuestionnaire(
	questionnaire: Questionnaire<Bilingual>,
	locale: ReviewLocale
): Questionnaire<string> {
	const t = (text: Bilingual) => text[locale];
	return {
		competencies: questionnaire.competencies.map((competency) => ({
			...competency,
			label: t(competency.label),
			definition: competency.definition && t(competency.definition),
			high: competency.high.map(t),
			low: competency.low.map(t),
			items: competency.items.map((item) => ({
				...item,
				label: t(item.label),
				definition: t(item.definition),
				high: item.high.map(t),
				low: item.low.map(t)
			}))
		})),
		comments: questionnaire.comments.map((question) => ({
			...question,
			prompt: t(question.prompt)
		})),
		scale: scaleAnchors(questionnaire).map(t)
	};
}
