/**
 * Checking a submitted review (`POST /api/reviews/<cycle>/submit`) and the record that is stored.
 *
 * The stored record says which subject and which rater group the answers are about, and nothing
 * about who gave them: there is no rater field, no time, no draft or token id. The server learns
 * the subject and group from the rater's link, writes "this rater has submitted" to the completion
 * list (progress.ts) and the answers here, and nothing joins the two. {@link toStored} copies only
 * the allowed fields, so an identity a client slipped into its JSON is dropped, not stored.
 */
import { isRaterGroup, type GroupWeights, type RaterGroup } from './groups.ts';
import {
	SCALE_MAX,
	SCALE_MIN,
	indexQuestionnaire,
	type Answer,
	type Questionnaire
} from './questionnaire.ts';

/** What a rater's client sends. */
export interface SubmissionInput {
	subject: string;
	group: RaterGroup;
	/** Item id → score 1–5, or null for "not observed". Unanswered items may be left out. */
	answers: Readonly<Record<string, Answer>>;
	/** Comment question id → text. */
	comments: Readonly<Record<string, string>>;
}

/** A submission as stored and as reports read it. Carries no rater identity of any kind. */
export interface StoredSubmission {
	readonly subject: string;
	readonly group: RaterGroup;
	readonly answers: Readonly<Record<string, Answer>>;
	readonly comments: Readonly<Record<string, string>>;
}

/** The only keys a stored submission has; tests and the store check records against it. */
export const STORED_SUBMISSION_KEYS = ['subject', 'group', 'answers', 'comments'] as const;

/** Names that would identify a rater or let a record be joined to the completion list. */
export type IdentityKey =
	| 'rater'
	| 'raterId'
	| 'raterName'
	| 'email'
	| 'name'
	| 'user'
	| 'userId'
	| 'token'
	| 'draft'
	| 'draftId'
	| 'ip'
	| 'submittedAt'
	| 'time'
	| 'timestamp';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// Compile-time guarantees: the stored type has exactly the listed keys, and none names a rater.
// Adding a field to StoredSubmission without listing it (and thinking about it) fails `tsc`.
const keysAreListed: Same<keyof StoredSubmission, (typeof STORED_SUBMISSION_KEYS)[number]> = true;
const noIdentityKey: Same<keyof StoredSubmission & IdentityKey, never> = true;
void keysAreListed;
void noIdentityKey;

/** Why a submission was refused; the UI translates it. */
export const SubmissionErrorReason = {
	/** The body is not an object of the expected shape. */
	malformed: 'malformed',
	unknownSubject: 'unknown-subject',
	/** Not a rater group, or one this cycle does not ask. */
	unknownGroup: 'unknown-group',
	unknownItem: 'unknown-item',
	unknownQuestion: 'unknown-question',
	/** A score that is not a whole number (2.5, "4", NaN). */
	notInteger: 'not-integer',
	/** A whole number outside 1–5. */
	outOfRange: 'out-of-range',
	/** null given for an item that does not allow "not observed". */
	notObservedNotAllowed: 'not-observed-not-allowed',
	/** A starred item or required question left unanswered. */
	requiredMissing: 'required-missing',
	commentTooLong: 'comment-too-long',
	/** A comment that is not text. */
	commentNotText: 'comment-not-text'
} as const;
export type SubmissionErrorReason =
	(typeof SubmissionErrorReason)[keyof typeof SubmissionErrorReason];

/** One problem with a submission, with what it concerns. */
export interface SubmissionError {
	reason: SubmissionErrorReason;
	/** The item concerned, for item errors. */
	item?: string;
	/** The comment question concerned, for comment errors. */
	question?: string;
	/** The longest allowed comment, for `comment-too-long`. */
	maxLength?: number;
}

/** The record to store, or every problem found. */
export type SubmissionCheck =
	{ ok: true; submission: StoredSubmission } | { ok: false; errors: SubmissionError[] };

/** What a submission is checked against: the cycle's questionnaire, subjects and groups. */
export interface SubmissionRules {
	questionnaire: Questionnaire<unknown>;
	subjects: ReadonlyArray<{ id: string }>;
	groups: GroupWeights;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Length in characters as a person counts them (code points: one per 汉字 or emoji). */
export function textLength(text: string): number {
	let length = 0;
	for (const _ of text) length++;
	return length;
}

const subjectSets = new WeakMap<ReadonlyArray<{ id: string }>, ReadonlySet<string>>();
function subjectSet(subjects: ReadonlyArray<{ id: string }>): ReadonlySet<string> {
	let set = subjectSets.get(subjects);
	if (!set) subjectSets.set(subjects, (set = new Set(subjects.map((s) => s.id))));
	return set;
}

/**
 * Checks `input` (parsed JSON, trusted in nothing) against the cycle. Returns the record to store,
 * or every error found, so a rater can fix all of them at once.
 */
export function validateSubmission(rules: SubmissionRules, input: unknown): SubmissionCheck {
	const errors: SubmissionError[] = [];
	if (!isRecord(input) || !isRecord(input.answers)) {
		return { ok: false, errors: [{ reason: 'malformed' }] };
	}
	const comments = input.comments ?? {};
	if (!isRecord(comments)) return { ok: false, errors: [{ reason: 'malformed' }] };
	const { subject, group } = input;
	if (typeof subject !== 'string' || !subjectSet(rules.subjects).has(subject)) {
		errors.push({ reason: 'unknown-subject' });
	}
	if (!isRaterGroup(group) || rules.groups[group] === undefined) {
		errors.push({ reason: 'unknown-group' });
	}

	const index = indexQuestionnaire(rules.questionnaire);
	// Entries, not assignments: an id like "__proto__" then stays data instead of a prototype.
	const answers: Array<[string, Answer]> = [];
	for (const [item, value] of Object.entries(input.answers)) {
		const position = index.itemPosition.get(item);
		if (position === undefined) {
			errors.push({ reason: 'unknown-item', item });
		} else if (value === null) {
			if (index.items[position]!.allowNotObserved) answers.push([item, null]);
			else errors.push({ reason: 'not-observed-not-allowed', item });
		} else if (typeof value !== 'number' || !Number.isFinite(value)) {
			errors.push({ reason: 'not-integer', item });
		} else if (value < SCALE_MIN || value > SCALE_MAX) {
			errors.push({ reason: 'out-of-range', item });
		} else if (!Number.isInteger(value)) {
			errors.push({ reason: 'not-integer', item });
		} else {
			answers.push([item, value as Answer]);
		}
	}
	for (const item of index.items) {
		if (item.required && !Object.hasOwn(input.answers, item.id)) {
			errors.push({ reason: 'required-missing', item: item.id });
		}
	}

	const texts = new Map<string, string>();
	for (const [question, value] of Object.entries(comments)) {
		const definition = index.questions.get(question);
		if (!definition) {
			errors.push({ reason: 'unknown-question', question });
		} else if (typeof value !== 'string') {
			errors.push({ reason: 'comment-not-text', question });
		} else {
			const text = value.trim();
			if (textLength(text) > definition.maxLength) {
				errors.push({ reason: 'comment-too-long', question, maxLength: definition.maxLength });
			} else if (text) texts.set(question, text);
		}
	}
	for (const question of index.questions.values()) {
		if (question.required && !texts.has(question.id)) {
			const reported = errors.some((e) => e.question === question.id);
			if (!reported) errors.push({ reason: 'required-missing', question: question.id });
		}
	}

	if (errors.length > 0) return { ok: false, errors };
	return {
		ok: true,
		submission: toStored({
			subject: subject as string,
			group: group as RaterGroup,
			answers: Object.fromEntries(answers),
			comments: Object.fromEntries(texts)
		})
	};
}

/**
 * The record to store: a fresh object holding only {@link STORED_SUBMISSION_KEYS}, whatever else
 * `input` carried at run time.
 */
export function toStored(input: SubmissionInput): StoredSubmission {
	return {
		subject: input.subject,
		group: input.group,
		answers: { ...input.answers },
		comments: { ...input.comments }
	};
}
