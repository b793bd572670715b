/**
 * Sealed drafts against plain ones: a rater's device opening a draft of 40 answers and two
 * comments from the server (connect, sync, read every answer), through a real relay.
 *
 *   npm run bench:sealed-draft                # 40 opens of each, alternating
 *   npm run bench:sealed-draft -- --runs 100
 *
 * Target (issue 14): a sealed draft opens in ≤ 1.5× the time of a plain one. Prints numbers;
 * asserts nothing.
 */
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { draftCipher, newDraftKey, type DraftCipher } from '../../src/lib/model/draft-cipher.ts';
import {
	readAnswers,
	readComments,
	setAnswer,
	setComment
} from '../../src/lib/model/review-draft.ts';
import { connectClient, startTestServer } from '../unit/helpers/relay-harness.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '40' } } });
const runs = Number(values.runs);
const ITEMS = Array.from({ length: 40 }, (_, i) => `item-${i}`);
const COMMENT = 'Calm with difficult customers; could share more of what she knows with the team.';

/** Plain: what a draft held before sealing — numbers and strings in the clear. */
const plain: DraftCipher = {
	seal: (value) => value as string,
	open: () => undefined,
	name: (id) => id
};

const server = await startTestServer();

async function draftDoc(cipher: DraftCipher) {
	const { id, token } = await server.createDoc();
	const writer = connectClient(server.wsUrl, id, token);
	await until(() => writer.provider.synced);
	const doc = writer.doc;
	// The form the device maps names back through: 40 items and two comment questions.
	const context = doc.getMap('context');
	context.set('cycle', 'c');
	context.set('subject', 's');
	context.set('group', 'peer');
	context.set('questionnaire', {
		competencies: [{ id: 'all', items: ITEMS.map((id) => ({ id })) }],
		comments: [{ id: 'strengths' }, { id: 'improve' }]
	});
	for (const item of ITEMS) {
		if (cipher === plain) doc.getMap('answers').set(item, 4);
		else setAnswer(doc, cipher, item, 4);
	}
	for (const q of ['strengths', 'improve']) {
		if (cipher === plain) doc.getMap('comments').set(q, COMMENT);
		else setComment(doc, cipher, q, COMMENT);
	}
	await until(() => writer.acks.length > 0);
	writer.destroy();
	return { id, token };
}

async function open(target: { id: string; token: string }, cipher: DraftCipher): Promise<number> {
	const started = performance.now();
	const client = connectClient(server.wsUrl, target.id, target.token, new Y.Doc());
	await until(() => client.provider.synced);
	const answers = readAnswers(client.doc, cipher);
	const comments = readComments(client.doc, cipher);
	const elapsed = performance.now() - started;
	if (Object.keys(answers).length !== ITEMS.length || Object.keys(comments).length !== 2) {
		throw new Error('the draft did not read back whole');
	}
	client.destroy();
	return elapsed;
}

function until(ready: () => boolean): Promise<void> {
	return new Promise((resolve) => {
		const check = () => (ready() ? resolve() : setTimeout(check, 1));
		check();
	});
}

const sealedCipher = draftCipher(newDraftKey());
const plainDoc = await draftDoc(plain);
const sealedDoc = await draftDoc(sealedCipher);
const times = { plain: [] as number[], sealed: [] as number[] };
for (let i = 0; i < runs; i++) {
	// Alternating, so drift on a busy machine falls on both.
	if (i % 2 === 0) {
		times.plain.push(await open(plainDoc, plain));
		times.sealed.push(await open(sealedDoc, sealedCipher));
	} else {
		times.sealed.push(await open(sealedDoc, sealedCipher));
		times.plain.push(await open(plainDoc, plain));
	}
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p = median(times.plain);
const s = median(times.sealed);
console.log(`open a draft of 40 answers + 2 comments from the relay, median of ${runs}:`);
console.log(`  plain  ${p.toFixed(2)} ms`);
console.log(`  sealed ${s.toFixed(2)} ms   (${(s / p).toFixed(2)}× plain; target ≤ 1.5×)`);
await server.stop();
