/** Sealed drafts: what the server stores of a rater's answers is ciphertext only the key opens. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { draftCipher, isDraftKey, newDraftKey } from '../../src/lib/model/draft-cipher.ts';
import {
	readAnswers,
	readComments,
	setAnswer,
	setComment,
	submissionOf
} from '../../src/lib/model/review-draft.ts';

describe('draft cipher', () => {
	it('opens what it sealed, for any JSON value', () => {
		const cipher = draftCipher(newDraftKey());
		fc.assert(
			fc.property(fc.jsonValue(), (value) => {
				expect(cipher.open(cipher.seal(value))).toEqual({
					value: JSON.parse(JSON.stringify(value))
				});
			})
		);
	});

	it('gives nothing for another key, a changed byte or a plain value', () => {
		const cipher = draftCipher(newDraftKey());
		const sealed = cipher.seal('Tom shouts at juniors in meetings');
		expect(draftCipher(newDraftKey()).open(sealed)).toBeUndefined();
		const i = sealed.length - 5;
		const flipped = sealed.slice(0, i) + (sealed[i] === 'A' ? 'B' : 'A') + sealed.slice(i + 1);
		expect(cipher.open(flipped)).toBeUndefined();
		expect(cipher.open('plain text')).toBeUndefined();
		expect(cipher.open(4)).toBeUndefined();
	});

	it('hides the text and, to within 64 bytes, its length; two seals of one value differ', () => {
		const cipher = draftCipher(newDraftKey());
		const a = cipher.seal('ok');
		expect(a).not.toContain('ok');
		expect(cipher.seal('ok')).not.toBe(a);
		expect(cipher.seal('a somewhat longer comment, still short').length).toBe(a.length);
	});

	it('reads keys: 32 bytes of base64url only', () => {
		expect(isDraftKey(newDraftKey())).toBe(true);
		expect(isDraftKey('short')).toBe(false);
		expect(isDraftKey('+'.repeat(43))).toBe(false);
		expect(isDraftKey(undefined)).toBe(false);
	});
});

describe('a sealed review draft', () => {
	function draft() {
		const doc = new Y.Doc();
		const context = doc.getMap('context');
		context.set('cycle', 'c');
		context.set('subject', 's');
		context.set('group', 'peer');
		context.set('questionnaire', {
			competencies: [{ id: 'results', items: [{ id: 'sales' }, { id: 'goals' }] }],
			comments: [{ id: 'strengths' }, { id: 'improve' }]
		});
		return doc;
	}

	it('stores no answer or comment in the clear, and reads them back with the key only', () => {
		const doc = draft();
		const cipher = draftCipher(newDraftKey());
		setAnswer(doc, cipher, 'sales', 2);
		setAnswer(doc, cipher, 'goals', null);
		setComment(doc, cipher, 'strengths', 'MARKER calm with customers');
		const stored = Y.encodeStateAsUpdate(doc);
		expect(Buffer.from(stored).toString('latin1')).not.toContain('MARKER');
		const copy = new Y.Doc();
		Y.applyUpdate(copy, stored);
		expect(readAnswers(copy, cipher)).toEqual({ sales: 2, goals: null });
		expect(readComments(copy, cipher)).toEqual({ strengths: 'MARKER calm with customers' });
		const stranger = draftCipher(newDraftKey());
		expect(readAnswers(copy, stranger)).toEqual({});
		expect(readComments(copy, stranger)).toEqual({});
		expect(submissionOf(copy, cipher)).toMatchObject({ answers: { sales: 2, goals: null } });
	});

	it('keeps answers under names that tell the server no item or question id', () => {
		const doc = draft();
		const before = Y.encodeStateVector(doc);
		const cipher = draftCipher(newDraftKey());
		setAnswer(doc, cipher, 'sales', 2);
		setAnswer(doc, cipher, 'goals', 5);
		setComment(doc, cipher, 'strengths', 'x');
		setComment(doc, cipher, 'improve', 'y');
		// What the rater's device sends and the relay stores (the context came from the server).
		const written = Buffer.from(Y.encodeStateAsUpdate(doc, before)).toString('latin1');
		for (const id of ['sales', 'goals', 'strengths', 'improve']) expect(written).not.toContain(id);
		expect([...doc.getMap('answers').keys()].every((key) => key.startsWith('n1.'))).toBe(true);
		// One id, one name under one key; another key names it otherwise.
		expect(cipher.name('sales')).toBe(cipher.name('sales'));
		expect(cipher.name('sales')).not.toBe(cipher.name('goals'));
		expect(draftCipher(newDraftKey()).name('sales')).not.toBe(cipher.name('sales'));
		expect(readAnswers(doc, cipher)).toEqual({ sales: 2, goals: 5 });
		setAnswer(doc, cipher, 'sales', undefined);
		expect(readAnswers(doc, cipher)).toEqual({ goals: 5 });
	});

	it('still reads a draft written in the clear before sealing', () => {
		const doc = draft();
		doc.getMap('answers').set('sales', 3);
		doc.getMap('comments').set('strengths', 'kind');
		const cipher = draftCipher(newDraftKey());
		expect(readAnswers(doc, cipher)).toEqual({ sales: 3 });
		expect(readComments(doc, cipher)).toEqual({ strengths: 'kind' });
	});

	it('moves an entry from before names to its name when it is written again', () => {
		const doc = draft();
		doc.getMap('answers').set('sales', 3);
		doc.getMap('answers').set('goals', 1);
		doc.getMap('answers').set('not-in-the-form', 2);
		const cipher = draftCipher(newDraftKey());
		expect(readAnswers(doc, cipher)).toEqual({ sales: 3, goals: 1 });
		setAnswer(doc, cipher, 'sales', 4);
		expect(doc.getMap('answers').has('sales')).toBe(false);
		expect(readAnswers(doc, cipher)).toEqual({ sales: 4, goals: 1 });
	});
});
