import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { RATER_GROUPS } from '../../src/lib/domain/review/groups';
import type { Questionnaire } from '../../src/lib/domain/review/questionnaire';
import {
	STORED_SUBMISSION_KEYS,
	textLength,
	toStored,
	validateSubmission,
	type IdentityKey,
	type StoredSubmission,
	type SubmissionCheck,
	type SubmissionRules
} from '../../src/lib/domain/review/submission';
import { bi } from '../../src/lib/domain/review/text';

const item = (id: string, required: boolean, allowNotObserved: boolean) => ({
	id,
	label: bi(id, id),
	definition: bi(id, id),
	high: [],
	low: [],
	required,
	allowNotObserved
});

const questionnaire: Questionnaire = {
	competencies: [
		{
			id: 'values',
			label: bi('价值观', 'Values'),
			high: [],
			low: [],
			weight: 100,
			items: [
				item('integrity', true, true),
				item('drive', true, false),
				item('extra', false, false)
			]
		}
	],
	comments: [
		{ id: 'strengths', prompt: bi('优势', 'Strengths'), required: false, maxLength: 10 },
		{ id: 'must', prompt: bi('必答', 'Required'), required: true, maxLength: 100 }
	]
};

const rules: SubmissionRules = {
	questionnaire,
	subjects: [{ id: 'alice' }, { id: 'bob' }],
	groups: { superior: 70, peer: 10, subordinate: 10, self: 10 }
};

const valid = {
	subject: 'alice',
	group: 'peer',
	answers: { integrity: null, drive: 4 },
	comments: { strengths: '  认真负责  ', must: 'ok' }
};

const reasons = (check: SubmissionCheck) => (check.ok ? [] : check.errors);

describe('submission validation', () => {
	it('accepts a complete submission and stores trimmed comments and "not observed"', () => {
		const check = validateSubmission(rules, valid);
		expect(check).toEqual({
			ok: true,
			submission: {
				subject: 'alice',
				group: 'peer',
				answers: { integrity: null, drive: 4 },
				comments: { strengths: '认真负责', must: 'ok' }
			}
		});
	});

	it('refuses out-of-range and fractional scores with the reason the UI translates', () => {
		const check = validateSubmission(rules, {
			...valid,
			answers: { integrity: 0, drive: 2.5, extra: 6 }
		});
		expect(reasons(check)).toEqual([
			{ reason: 'out-of-range', item: 'integrity' },
			{ reason: 'not-integer', item: 'drive' },
			{ reason: 'out-of-range', item: 'extra' }
		]);
	});

	it('refuses any number outside 1–5 as out of range, and anything else that is not a whole 1–5', () => {
		fc.assert(
			fc.property(
				fc.oneof(
					fc.integer({ min: -1000, max: 0 }),
					fc.integer({ min: 6, max: 1000 }),
					fc.double({ min: 5.000001, max: 1e6, noNaN: true }),
					fc.double({ max: 0.999999, min: -1e6, noNaN: true })
				),
				(score) => {
					const check = validateSubmission(rules, {
						...valid,
						answers: { ...valid.answers, drive: score }
					});
					expect(reasons(check)).toEqual([{ reason: 'out-of-range', item: 'drive' }]);
				}
			),
			{ numRuns: 300 }
		);
		fc.assert(
			fc.property(
				fc.oneof(
					fc.double({ min: 1, max: 5, noNaN: true }).filter((x) => !Number.isInteger(x)),
					fc.constantFrom('4', true, [], {}, Number.NaN, Infinity),
					fc.string()
				),
				(score) => {
					const check = validateSubmission(rules, {
						...valid,
						answers: { ...valid.answers, drive: score }
					});
					expect(reasons(check)).toEqual([{ reason: 'not-integer', item: 'drive' }]);
				}
			),
			{ numRuns: 300 }
		);
	});

	it('names unknown items and questions, refused "not observed", missing required answers', () => {
		const check = validateSubmission(rules, {
			subject: 'alice',
			group: 'self',
			answers: { extra: null, ghost: 3 },
			comments: { strengths: 'x', nope: 'y' }
		});
		expect(reasons(check)).toEqual([
			{ reason: 'not-observed-not-allowed', item: 'extra' },
			{ reason: 'unknown-item', item: 'ghost' },
			{ reason: 'required-missing', item: 'integrity' },
			{ reason: 'required-missing', item: 'drive' },
			{ reason: 'unknown-question', question: 'nope' },
			{ reason: 'required-missing', question: 'must' }
		]);
	});

	it('counts comment length in characters, so Chinese text is not penalised for its bytes', () => {
		const ten = '一二三四五六七八九十';
		expect(textLength(ten)).toBe(10);
		expect(textLength('👍🏽')).toBe(2);
		expect(
			validateSubmission(rules, { ...valid, comments: { ...valid.comments, strengths: ten } }).ok
		).toBe(true);
		expect(
			reasons(
				validateSubmission(rules, { ...valid, comments: { must: 'ok', strengths: `${ten}!` } })
			)
		).toEqual([{ reason: 'comment-too-long', question: 'strengths', maxLength: 10 }]);
		expect(
			reasons(validateSubmission(rules, { ...valid, comments: { must: 'ok', strengths: 42 } }))
		).toEqual([{ reason: 'comment-not-text', question: 'strengths' }]);
	});

	it('refuses unknown subjects, groups the cycle does not ask, and malformed bodies', () => {
		expect(reasons(validateSubmission(rules, { ...valid, subject: 'mallory' }))).toEqual([
			{ reason: 'unknown-subject' }
		]);
		expect(reasons(validateSubmission(rules, { ...valid, group: 'customer' }))).toEqual([
			{ reason: 'unknown-group' }
		]);
		expect(reasons(validateSubmission(rules, { ...valid, group: 'boss' }))).toEqual([
			{ reason: 'unknown-group' }
		]);
		for (const body of [null, 'x', [], { ...valid, answers: [] }, { ...valid, comments: 'x' }]) {
			expect(reasons(validateSubmission(rules, body))).toEqual([{ reason: 'malformed' }]);
		}
	});

	it('keeps "__proto__" and other odd keys as data, never as a prototype', () => {
		const body = JSON.parse(
			'{"subject":"alice","group":"peer","answers":{"integrity":3,"drive":3,"__proto__":5},"comments":{"must":"ok"}}'
		);
		expect(reasons(validateSubmission(rules, body))).toEqual([
			{ reason: 'unknown-item', item: '__proto__' }
		]);
	});
});

describe('stored submissions carry no rater identity', () => {
	it('has exactly the listed keys, none of which names a rater (checked by tsc)', () => {
		expectTypeOf<keyof StoredSubmission>().toEqualTypeOf<
			'subject' | 'group' | 'answers' | 'comments'
		>();
		expectTypeOf<keyof StoredSubmission & IdentityKey>().toEqualTypeOf<never>();
		const record: StoredSubmission = {
			subject: 'alice',
			group: 'peer',
			answers: {},
			comments: {},
			// @ts-expect-error reason: a rater field is not part of the stored type, by design
			rater: 'bob@example.com'
		};
		expect(record).toBeDefined();
	});

	it('drops whatever identity a client sends, for any body', () => {
		const extraKey = fc.string({ minLength: 1, maxLength: 12 });
		fc.assert(
			fc.property(
				fc.dictionary(extraKey, fc.jsonValue(), { maxKeys: 6 }),
				fc.constantFrom(...RATER_GROUPS.filter((g) => g !== 'customer')),
				fc.constantFrom(null, 1, 2, 3, 4, 5),
				fc.integer({ min: 1, max: 5 }),
				(extra, group, integrity, drive) => {
					const body = {
						...extra,
						rater: 'bob@example.com',
						email: 'bob@example.com',
						token: 'secret-token',
						submittedAt: '2026-03-02T09:00:00Z',
						subject: 'alice',
						group,
						answers: { integrity, drive },
						comments: { must: 'ok' }
					};
					const check = validateSubmission(rules, body);
					expect(check.ok).toBe(true);
					if (!check.ok) return;
					const json = JSON.parse(JSON.stringify(check.submission));
					expect(Object.keys(json).sort()).toEqual([...STORED_SUBMISSION_KEYS].sort());
					for (const key of Object.keys(json.answers))
						expect(['integrity', 'drive']).toContain(key);
					for (const key of Object.keys(json.comments))
						expect(['strengths', 'must']).toContain(key);
					expect(JSON.stringify(json)).not.toMatch(/bob|secret|2026-03-02/);
				}
			),
			{ numRuns: 300 }
		);
	});

	it('toStored copies only the allowed fields even from an object carrying more', () => {
		const smuggled = {
			...valid,
			group: 'peer' as const,
			rater: 'bob',
			answers: { drive: 3 as const }
		};
		const stored = toStored(smuggled);
		expect(Object.keys(stored)).toEqual([...STORED_SUBMISSION_KEYS]);
		expect(stored.answers).not.toBe(smuggled.answers);
	});
});
