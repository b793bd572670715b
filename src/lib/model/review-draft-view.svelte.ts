/** Reactive reads of a `review-draft` document: every getter reads through Yjs. */
import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
import type { DraftCipher } from './draft-cipher';
import { localizeQuestionnaire } from '../domain/review/questionnaire';
import { validateSubmission, type SubmissionError } from '../domain/review/submission';
import type { ReviewLocale } from '../domain/review/text';
import {
	observeDraft,
	readAnswers,
	readComments,
	readDraftContext,
	submissionOf,
	submitKey,
	submitState
} from './review-draft';

export class ReviewDraftView {
	#subscribe: () => void;

	constructor(
		readonly doc: Y.Doc,
		readonly cipher: DraftCipher
	) {
		this.#subscribe = createSubscriber((update) => observeDraft(doc, update));
	}

	get context() {
		this.#subscribe();
		return readDraftContext(this.doc);
	}

	questionnaire(locale: ReviewLocale) {
		const context = this.context;
		return context ? localizeQuestionnaire(context.questionnaire, locale) : undefined;
	}

	get answers() {
		this.#subscribe();
		return readAnswers(this.doc, this.cipher);
	}

	get comments() {
		this.#subscribe();
		return readComments(this.doc, this.cipher);
	}

	get state() {
		this.#subscribe();
		return submitState(this.doc);
	}

	get key() {
		this.#subscribe();
		return submitKey(this.doc);
	}

	/**
	 * What the server would refuse now, checked with the same rules: required items unanswered,
	 * comments too long. Empty when the draft can be submitted.
	 */
	get problems(): SubmissionError[] {
		const context = this.context;
		const input = submissionOf(this.doc, this.cipher);
		if (!context || !input) return [];
		const groups = { [context.group]: 1 };
		const check = validateSubmission(
			{
				questionnaire: context.questionnaire,
				subjects: [{ id: context.subject }],
				groups
			},
			input
		);
		return check.ok ? [] : check.errors;
	}
}
