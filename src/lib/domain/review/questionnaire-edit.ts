/**
 * Editing a questionnaire as HR builds it: each function takes a questionnaire and returns a new
 * one (the input is never changed, so an indexed questionnaire stays valid). Ids of new parts are
 * short and unique within the questionnaire, since answers are keyed by item id. Nothing here
 * checks the result: `checkQuestionnaire` says what is wrong, in sentences the UI translates.
 */
import {
	DEFAULT_COMMENT_LENGTH,
	scaleAnchors,
	type CommentQuestion,
	type Competency,
	type Questionnaire,
	type ScaleItem
} from './questionnaire.ts';
import type { Bilingual, ReviewLocale } from './text.ts';

type Q = Questionnaire<Bilingual>;

const EMPTY: Bilingual = { 'zh-CN': '', en: '' };

/** Every id used in the questionnaire: competencies, items and comment questions. */
function usedIds(q: Q): Set<string> {
	const ids = new Set<string>();
	for (const c of q.competencies) {
		ids.add(c.id);
		for (const item of c.items) ids.add(item.id);
	}
	for (const question of q.comments) ids.add(question.id);
	return ids;
}

/** The first `prefix` + number not yet used. */
export function freshId(q: Q, prefix: string): string {
	const taken = usedIds(q);
	for (let n = 1; ; n++) if (!taken.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

/** `list` with the element at `from` moved to `to` (both clamped to the list). */
export function moved<T>(list: readonly T[], from: number, to: number): T[] {
	const copy = [...list];
	if (from < 0 || from >= copy.length) return copy;
	const [element] = copy.splice(from, 1);
	copy.splice(Math.max(0, Math.min(to, copy.length)), 0, element!);
	return copy;
}

/** Adds an empty, unweighted dimension at the end; returns the questionnaire and its id. */
export function addCompetency(q: Q): { questionnaire: Q; id: string } {
	const id = freshId(q, 'd');
	const competency: Competency = {
		id,
		label: EMPTY,
		definition: EMPTY,
		high: [],
		low: [],
		weight: 0,
		items: []
	};
	return { questionnaire: { ...q, competencies: [...q.competencies, competency] }, id };
}

/** What HR may change on a dimension. */
export type CompetencyPatch = Partial<
	Pick<Competency, 'label' | 'definition' | 'weight' | 'high' | 'low'>
>;

export function updateCompetency(q: Q, id: string, patch: CompetencyPatch): Q {
	return {
		...q,
		competencies: q.competencies.map((c) => (c.id === id ? { ...c, ...patch } : c))
	};
}

export function removeCompetency(q: Q, id: string): Q {
	return { ...q, competencies: q.competencies.filter((c) => c.id !== id) };
}

/** Moves a dimension to position `to` in form order. */
export function moveCompetency(q: Q, id: string, to: number): Q {
	const from = q.competencies.findIndex((c) => c.id === id);
	return { ...q, competencies: moved(q.competencies, from, to) };
}

/** Adds a required item (with "not observed" allowed) at the end of a dimension. */
export function addItem(q: Q, competencyId: string): { questionnaire: Q; id: string } {
	const id = freshId(q, 'i');
	const item: ScaleItem = {
		id,
		label: EMPTY,
		definition: EMPTY,
		high: [],
		low: [],
		required: true,
		allowNotObserved: true
	};
	return {
		questionnaire: {
			...q,
			competencies: q.competencies.map((c) =>
				c.id === competencyId ? { ...c, items: [...c.items, item] } : c
			)
		},
		id
	};
}

/** What HR may change on an item. */
export type ItemPatch = Partial<
	Pick<ScaleItem, 'label' | 'definition' | 'high' | 'low' | 'required' | 'allowNotObserved'>
>;

export function updateItem(q: Q, id: string, patch: ItemPatch): Q {
	return {
		...q,
		competencies: q.competencies.map((c) =>
			c.items.some((item) => item.id === id)
				? { ...c, items: c.items.map((item) => (item.id === id ? { ...item, ...patch } : item)) }
				: c
		)
	};
}

export function removeItem(q: Q, id: string): Q {
	return {
		...q,
		competencies: q.competencies.map((c) => ({
			...c,
			items: c.items.filter((item) => item.id !== id)
		}))
	};
}

/**
 * Moves an item to position `to` of dimension `competencyId` (its own or another): dragging an
 * item onto another dimension's list moves it there.
 */
export function moveItem(q: Q, id: string, competencyId: string, to: number): Q {
	const item = q.competencies.flatMap((c) => c.items).find((i) => i.id === id);
	if (!item || !q.competencies.some((c) => c.id === competencyId)) return q;
	const from = q.competencies.find((c) => c.items.includes(item))!;
	if (from.id === competencyId) {
		const index = from.items.indexOf(item);
		return {
			...q,
			competencies: q.competencies.map((c) =>
				c.id === competencyId ? { ...c, items: moved(c.items, index, to) } : c
			)
		};
	}
	return {
		...q,
		competencies: q.competencies.map((c) => {
			if (c.id === from.id) return { ...c, items: c.items.filter((i) => i !== item) };
			if (c.id !== competencyId) return c;
			const items = [...c.items];
			items.splice(Math.max(0, Math.min(to, items.length)), 0, item);
			return { ...c, items };
		})
	};
}

/** Adds an optional open question at the end. */
export function addComment(q: Q): { questionnaire: Q; id: string } {
	const id = freshId(q, 'c');
	const question: CommentQuestion = {
		id,
		prompt: EMPTY,
		required: false,
		maxLength: DEFAULT_COMMENT_LENGTH
	};
	return { questionnaire: { ...q, comments: [...q.comments, question] }, id };
}

export type CommentPatch = Partial<Pick<CommentQuestion, 'prompt' | 'required' | 'maxLength'>>;

export function updateComment(q: Q, id: string, patch: CommentPatch): Q {
	return {
		...q,
		comments: q.comments.map((question) =>
			question.id === id ? { ...question, ...patch } : question
		)
	};
}

export function removeComment(q: Q, id: string): Q {
	return { ...q, comments: q.comments.filter((question) => question.id !== id) };
}

export function moveComment(q: Q, id: string, to: number): Q {
	const from = q.comments.findIndex((question) => question.id === id);
	return { ...q, comments: moved(q.comments, from, to) };
}

/** Words one point (1–5) of the scale in one language. */
export function setAnchor(q: Q, point: number, locale: ReviewLocale, text: string): Q {
	const scale = scaleAnchors(q).map((anchor, i) =>
		i === point - 1 ? { ...anchor, [locale]: text } : anchor
	);
	return { ...q, scale };
}

/** A text with one language replaced. */
export function withText(
	text: Bilingual | undefined,
	locale: ReviewLocale,
	value: string
): Bilingual {
	return { ...(text ?? EMPTY), [locale]: value };
}

/**
 * Behaviours typed one per line in one language, paired by line with the other language's: line
 * 3 of the Chinese list and line 3 of the English list are one behaviour. Blank pairs are dropped.
 */
export function behavioursFromLines(
	current: readonly Bilingual[],
	locale: ReviewLocale,
	lines: string
): Bilingual[] {
	const typed = lines.split('\n').map((line) => line.trim());
	const length = Math.max(typed.length, current.length);
	const result: Bilingual[] = [];
	for (let i = 0; i < length; i++) {
		const pair = withText(current[i], locale, typed[i] ?? '');
		if (pair['zh-CN'] !== '' || pair.en !== '') result.push(pair);
	}
	return result;
}

/** The weights in form order, as percent, and their sum. */
export function weightSummary(q: Q): { weights: number[]; sum: number } {
	const weights = q.competencies.map((c) => c.weight);
	return { weights, sum: weights.reduce((a, b) => a + b, 0) };
}
