/**
 * The `review-draft` document: one rater's answers about one subject, before they are submitted.
 *
 * Layout:
 * - `context`: Y.Map written once by the server when it creates the draft: `cycle`, `subject`,
 *   `subjectName`, `group`, `questionnaire` (bilingual JSON). The form renders from it offline.
 * - `answers`: Y.Map<name of itemId, sealed 1..5 | null>; null is "not observed", a missing key
 *   is unanswered. Sealed with the rater's draft key (`draft-cipher.ts`): the server holds
 *   ciphertext, under names (keyed hashes of the ids) that do not tell it which item is answered.
 * - `comments`: Y.Map<name of questionId, sealed string>.
 *   Drafts written before sealing hold plain values under plain ids; they are still read (for ids
 *   the questionnaire has), and an entry written again moves to its name, sealed.
 * - `submit`: Y.Map: `key` (the idempotency key, set when the rater presses submit, so a queued
 *   submission survives a reload and is sent exactly once) and `done` (set once the server took it).
 */
import * as Y from 'yjs';
// Extensions spelled out: the server creates drafts through this file.
import { isRaterGroup, type RaterGroup } from '../domain/review/groups.ts';
import type { Answer, Questionnaire } from '../domain/review/questionnaire.ts';
import type { SubmissionInput } from '../domain/review/submission.ts';
import { isSealed, type DraftCipher } from './draft-cipher.ts';
import { Origin } from './origins.ts';

/** What the server tells a draft about itself. */
export interface DraftContext {
	cycle: string;
	subject: string;
	subjectName: string;
	group: RaterGroup;
	questionnaire: Questionnaire;
}

function contextMap(doc: Y.Doc) {
	return doc.getMap<unknown>('context');
}
function answersMap(doc: Y.Doc) {
	return doc.getMap<unknown>('answers');
}
function commentsMap(doc: Y.Doc) {
	return doc.getMap<unknown>('comments');
}
function submitMap(doc: Y.Doc) {
	return doc.getMap<unknown>('submit');
}

/** Writes the context of a new draft (server side, before anyone can open it). */
export function initDraft(doc: Y.Doc, context: DraftContext): void {
	doc.transact(() => {
		const map = contextMap(doc);
		for (const [key, value] of Object.entries(context)) map.set(key, value);
	}, Origin.system);
}

/** The draft's context; undefined until it has synced from the server. */
export function readDraftContext(doc: Y.Doc): DraftContext | undefined {
	const map = contextMap(doc);
	const cycle = map.get('cycle');
	const subject = map.get('subject');
	const subjectName = map.get('subjectName');
	const group = map.get('group');
	const questionnaire = map.get('questionnaire');
	if (typeof cycle !== 'string' || typeof subject !== 'string' || !isRaterGroup(group)) {
		return undefined;
	}
	if (typeof questionnaire !== 'object' || questionnaire === null) return undefined;
	return {
		cycle,
		subject,
		subjectName: typeof subjectName === 'string' ? subjectName : '',
		group,
		questionnaire: questionnaire as Questionnaire
	};
}

/** A stored value: sealed ones opened with the key, plain ones from before sealing as they are. */
function readValue(cipher: DraftCipher, stored: unknown): unknown {
	return typeof stored === 'string' ? cipher.open(stored)?.value : stored;
}

/**
 * The entries of `map` by item or question id: named ones mapped back through `ids` (the
 * questionnaire's), plain ones from before names kept if `ids` has them. A named entry wins over a
 * plain one for the same id.
 */
function entriesById(
	map: Y.Map<unknown>,
	cipher: DraftCipher,
	ids: readonly string[]
): Map<string, unknown> {
	const byName = new Map(ids.map((id) => [cipher.name(id), id]));
	const known = new Set(ids);
	const out = new Map<string, unknown>();
	for (const [key, stored] of map) if (known.has(key) && !out.has(key)) out.set(key, stored);
	for (const [key, stored] of map) {
		const id = byName.get(key);
		if (id !== undefined) out.set(id, stored);
	}
	return out;
}

function itemIds(doc: Y.Doc): string[] {
	const questionnaire = readDraftContext(doc)?.questionnaire;
	return questionnaire?.competencies.flatMap((c) => c.items.map((i) => i.id)) ?? [];
}

function questionIds(doc: Y.Doc): string[] {
	return readDraftContext(doc)?.questionnaire.comments.map((q) => q.id) ?? [];
}

export function readAnswers(doc: Y.Doc, cipher: DraftCipher): Record<string, Answer> {
	const answers: Record<string, Answer> = {};
	for (const [id, stored] of entriesById(answersMap(doc), cipher, itemIds(doc))) {
		const value = readValue(cipher, stored);
		if (value === null || (typeof value === 'number' && Number.isInteger(value))) {
			answers[id] = value as Answer;
		}
	}
	return answers;
}

export function readComments(doc: Y.Doc, cipher: DraftCipher): Record<string, string> {
	const comments: Record<string, string> = {};
	for (const [id, stored] of entriesById(commentsMap(doc), cipher, questionIds(doc))) {
		// A plain string from before sealing is not sealed text: `open` gives undefined for it.
		const value = cipher.open(stored)?.value ?? stored;
		if (typeof value === 'string' && value !== '' && !isSealed(value)) comments[id] = value;
	}
	return comments;
}

/** Where the submission stands: editable, queued (key set, not yet accepted) or done. */
export type SubmitState = 'editing' | 'queued' | 'done';

export function submitState(doc: Y.Doc): SubmitState {
	const map = submitMap(doc);
	if (map.get('done') === true) return 'done';
	return typeof map.get('key') === 'string' ? 'queued' : 'editing';
}

export function submitKey(doc: Y.Doc): string | undefined {
	const key = submitMap(doc).get('key');
	return typeof key === 'string' ? key : undefined;
}

/** A draft accepts edits only while nothing is queued or sent. */
function editable(doc: Y.Doc): boolean {
	return submitState(doc) === 'editing';
}

/** Sets an answer: a score 1–5, null for "not observed", undefined to clear. */
export function setAnswer(
	doc: Y.Doc,
	cipher: DraftCipher,
	item: string,
	answer: Answer | undefined
): void {
	if (!editable(doc)) return;
	doc.transact(() => {
		const map = answersMap(doc);
		// An entry under the plain id, from before names, would tell the server which item this is.
		if (map.has(item)) map.delete(item);
		if (answer === undefined) map.delete(cipher.name(item));
		else map.set(cipher.name(item), cipher.seal(answer));
	}, Origin.local);
}

export function setComment(doc: Y.Doc, cipher: DraftCipher, question: string, text: string): void {
	if (!editable(doc)) return;
	doc.transact(() => {
		const map = commentsMap(doc);
		if (map.has(question)) map.delete(question);
		map.set(cipher.name(question), cipher.seal(text));
	}, Origin.local);
}

/**
 * Queues the submission: fixes its idempotency key, after which the draft is read-only. Returns
 * the key (the existing one when already queued).
 */
export function queueSubmit(doc: Y.Doc, key: string): string {
	const existing = submitKey(doc);
	if (existing) return existing;
	doc.transact(() => submitMap(doc).set('key', key), Origin.local);
	return key;
}

/** Takes a queued submission back to editing (after the server refused it with a reason). */
export function unqueueSubmit(doc: Y.Doc): void {
	if (submitState(doc) !== 'queued') return;
	doc.transact(() => submitMap(doc).delete('key'), Origin.local);
}

export function markSubmitted(doc: Y.Doc): void {
	doc.transact(() => submitMap(doc).set('done', true), Origin.local);
}

/** What the rater's client sends, built from the draft. */
export function submissionOf(doc: Y.Doc, cipher: DraftCipher): SubmissionInput | undefined {
	const context = readDraftContext(doc);
	if (!context) return undefined;
	return {
		subject: context.subject,
		group: context.group,
		answers: readAnswers(doc, cipher),
		comments: readComments(doc, cipher)
	};
}

/** Subscribes to every change of the draft; returns the unsubscriber. */
export function observeDraft(doc: Y.Doc, listener: () => void): () => void {
	const maps = [contextMap(doc), answersMap(doc), commentsMap(doc), submitMap(doc)];
	for (const map of maps) map.observe(listener);
	return () => {
		for (const map of maps) map.unobserve(listener);
	};
}
