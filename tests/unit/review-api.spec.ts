import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { STORED_SUBMISSION_KEYS } from '../../src/lib/domain/review/submission.ts';
import {
	addNomination,
	addSubject,
	readCycleConfig,
	startCycle
} from '../../src/lib/model/review-cycle.ts';
import { draftCipher, newDraftKey } from '../../src/lib/model/draft-cipher.ts';
import { setAnswer, setComment, submissionOf } from '../../src/lib/model/review-draft.ts';
import { CloseCode } from '../../src/lib/transport/protocol.ts';
import { apiCaller } from './helpers/api-call.ts';
import { connectClient, startTestServer, type TestServer } from './helpers/relay-harness.ts';

let server: TestServer;
beforeAll(async () => {
	// One address sets up every cycle of the suite: a creation burst that fits it, said here.
	server = await startTestServer({ createBurst: 1000, instanceCreateBurst: 1000 });
});
afterAll(() => server.stop());

const call = apiCaller(() => server.url);

interface Assignment {
	draft: string;
	subject: string;
	group: string;
	token: string;
	submitted: boolean;
}

/**
 * A frontline cycle (superior 70 · peer 10 · customer 10 · self 10) with one subject, Li Lei,
 * rated by his boss and three peers; launched, so every rater has a link.
 */
async function launchedCycle() {
	const { id, token } = await server.createDoc('review-cycle');
	const doc = new Y.Doc();
	startCycle(doc, 'frontline');
	const subject = addSubject(doc, '李雷', 'boss@example.com')!;
	const raters = [
		['boss@example.com', 'superior'],
		['p1@example.com', 'peer'],
		['p2@example.com', 'peer'],
		['p3@example.com', 'peer']
	] as const;
	for (const [rater, group] of raters) {
		addNomination(doc, { subject, rater, raterName: rater.split('@')[0]!, group });
	}
	await server.services.store.append([{ docId: id, update: Y.encodeStateAsUpdate(doc) }]);
	const launch = await call(`/api/reviews/${id}/launch`, { token, body: {} });
	expect(launch.status).toBe(200);
	const issued = launch.body.issued as Array<{ raterId: string; person: string; token: string }>;
	const linkOf = (person: string) => issued.find((r) => r.person === person)!;
	const credentials = new Map<string, string>();
	/** The rater's device: claims the invitation the first time, then keeps the credential. */
	async function credentialOf(person: string): Promise<string> {
		const known = credentials.get(person);
		if (known) return known;
		const rater = linkOf(person);
		const claim = await call(`/api/reviews/raters/${rater.raterId}/claim`, {
			token: rater.token,
			body: {}
		});
		expect(claim.status).toBe(200);
		credentials.set(person, claim.body.token as string);
		return claim.body.token as string;
	}
	async function assignment(person: string): Promise<Assignment> {
		const rater = linkOf(person);
		const { status, body } = await call(`/api/reviews/raters/${rater.raterId}`, {
			token: await credentialOf(person)
		});
		expect(status).toBe(200);
		return (body.assignments as Assignment[])[0]!;
	}
	const config = readCycleConfig(doc)!;
	const items = config.questionnaire.competencies.flatMap((c) => c.items.map((i) => i.id));
	const commentIds = config.questionnaire.comments.map((c) => c.id);
	const fullAnswers = (score: number) => Object.fromEntries(items.map((item) => [item, score]));
	return {
		id,
		token,
		subject,
		issued,
		linkOf,
		credentialOf,
		assignment,
		fullAnswers,
		items,
		commentIds
	};
}

function rawSocket(path: string): Promise<number> {
	return new Promise((resolve) => {
		const ws = new WebSocket(server.wsUrl + path);
		ws.on('close', (code) => resolve(code));
	});
}

/** The files of the data folder (databases, WALs, journals, logs) whose bytes contain `text`. */
function filesHolding(text: string): string[] {
	const needle = Buffer.from(text);
	return readdirSync(server.dataDir).filter((name) =>
		readFileSync(join(server.dataDir, name)).includes(needle)
	);
}

/** Opens a socket, keeps every byte the relay sends, and resolves when it is closed. */
function socketProbe(path: string): Promise<{ code: number; received: Buffer }> {
	return new Promise((resolve) => {
		const ws = new WebSocket(server.wsUrl + path);
		const chunks: Buffer[] = [];
		ws.on('message', (data: Buffer) => chunks.push(data));
		ws.on('close', (code) => resolve({ code, received: Buffer.concat(chunks) }));
	});
}

describe('review API', () => {
	it('launch gives every rater one link and each subject a self-review', async () => {
		const cycle = await launchedCycle();
		expect(cycle.issued.map((r) => r.person).sort()).toEqual([
			'boss@example.com',
			'p1@example.com',
			'p2@example.com',
			'p3@example.com',
			`self:${cycle.subject}`
		]);
		const again = await call(`/api/reviews/${cycle.id}/launch`, { token: cycle.token, body: {} });
		expect(again.body).toEqual({ issued: [], drafts: 0 });
		const boss = await cycle.assignment('boss@example.com');
		expect(boss).toMatchObject({ subject: cycle.subject, group: 'superior', submitted: false });
	});

	it("refuses HR's owner token on a rater's draft, over the API and the relay", async () => {
		const cycle = await launchedCycle();
		const { draft, token } = await cycle.assignment('p1@example.com');
		const submit = await call(`/api/reviews/${cycle.id}/submit`, {
			token: cycle.token,
			body: { draft, idempotencyKey: 'key-12345', answers: cycle.fullAnswers(4) }
		});
		expect(submit.status).toBe(401);
		expect(submit.body.reason).toBe('token-wrong-document');
		expect(await rawSocket(`/${draft}?token=${cycle.token}`)).toBe(CloseCode.tokenWrongDocument);
		// The rater's own token opens it.
		const meter = await call(`/api/reviews/${cycle.id}/meter/${draft}`, { token });
		expect(meter.body).toMatchObject({ group: 'peer', submitted: 0, asked: 3, needed: 3 });
	});

	it('refuses an out-of-range score with its reason, storing nothing', async () => {
		const cycle = await launchedCycle();
		const { draft, token } = await cycle.assignment('p1@example.com');
		const answers = { ...cycle.fullAnswers(4), [cycle.items[0]!]: 6 };
		const { status, body } = await call(`/api/reviews/${cycle.id}/submit`, {
			token,
			body: { draft, idempotencyKey: 'key-12345', answers }
		});
		expect(status).toBe(422);
		expect(body.reason).toBe('out-of-range');
		expect(body.details).toContainEqual(
			expect.objectContaining({ reason: 'out-of-range', item: cycle.items[0] })
		);
		const after = await cycle.assignment('p1@example.com');
		expect(after.submitted).toBe(false);
	});

	it('stores a submission exactly once per draft, whatever the retries', async () => {
		const cycle = await launchedCycle();
		const { draft, token } = await cycle.assignment('p2@example.com');
		const body = { draft, idempotencyKey: 'retry-key-1', answers: cycle.fullAnswers(3) };
		const path = `/api/reviews/${cycle.id}/submit`;
		const results = await Promise.all([1, 2, 3].map(() => call(path, { token, body })));
		expect(results.map((r) => r.status).sort()).toEqual([200, 200, 201]);
		const other = await call(path, { token, body: { ...body, idempotencyKey: 'another-key' } });
		expect(other).toMatchObject({ status: 409, body: { reason: 'already-submitted' } });
		const meter = await call(`/api/reviews/${cycle.id}/meter/${draft}`, { token });
		expect(meter.body.submitted).toBe(1);
	});

	it('stores submissions with no rater identity, no time and no draft', async () => {
		const cycle = await launchedCycle();
		const { draft, token } = await cycle.assignment('p3@example.com');
		await call(`/api/reviews/${cycle.id}/submit`, {
			token,
			body: {
				draft,
				idempotencyKey: 'identity-key',
				answers: cycle.fullAnswers(5),
				rater: 'p3@example.com',
				email: 'p3@example.com'
			}
		});
		// Completions (which name drafts) and submissions live in different files.
		const identities = new Database(join(server.dataDir, 'reviews.db'), { readonly: true });
		try {
			const tables = identities
				.prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
				.pluck()
				.all();
			expect(tables).not.toContain('review_submissions');
		} finally {
			identities.close();
		}
		const db = new Database(join(server.dataDir, 'reviews-submissions.db'), { readonly: true });
		try {
			const columns = (
				db.prepare("SELECT name FROM pragma_table_info('review_submissions')").all() as Array<{
					name: string;
				}>
			).map((c) => c.name);
			expect(columns.sort()).toEqual(['answers', 'comments', 'cycle_id', 'grp', 'id', 'subject']);
			const rows = db
				.prepare('SELECT * FROM review_submissions WHERE cycle_id = ?')
				.all(cycle.id) as Array<Record<string, string>>;
			expect(rows).toHaveLength(1);
			const text = JSON.stringify(rows);
			for (const identity of ['p3@example.com', 'p3', draft, token]) {
				expect(text).not.toContain(identity);
			}
			const stored = { subject: rows[0]!.subject, group: rows[0]!.grp, answers: 1, comments: 1 };
			expect(Object.keys(stored)).toEqual([...STORED_SUBMISSION_KEYS]);
		} finally {
			db.close();
		}
	});

	it('an invitation is claimed once, by the first device; it is not a credential itself', async () => {
		const cycle = await launchedCycle();
		const invitation = cycle.linkOf('p1@example.com');
		// Unclaimed, the invitation lists nothing: only the credential it buys does.
		const direct = await call(`/api/reviews/raters/${invitation.raterId}`, {
			token: invitation.token
		});
		expect(direct).toMatchObject({ status: 401, body: { reason: 'token-wrong-document' } });
		const credential = await cycle.credentialOf('p1@example.com');
		const second = await call(`/api/reviews/raters/${invitation.raterId}/claim`, {
			token: invitation.token,
			body: {}
		});
		expect(second).toMatchObject({ status: 409, body: { reason: 'invitation-claimed' } });
		expect(JSON.stringify(second.body)).not.toContain(credential);
		// HR's owner token buys nothing here either.
		const asHr = await call(`/api/reviews/raters/${invitation.raterId}/claim`, {
			token: cycle.token,
			body: {}
		});
		expect(asHr.status).toBe(401);
		const dashboard = await call(`/api/reviews/${cycle.id}/dashboard`, { token: cycle.token });
		const raters = dashboard.body.raters as Array<{ person: string; claimedAt?: number }>;
		expect(raters.find((r) => r.person === 'p1@example.com')?.claimedAt).toEqual(
			expect.any(Number)
		);
		expect(raters.find((r) => r.person === 'p2@example.com')?.claimedAt).toBeUndefined();
	});

	it("nothing HR holds — its token, every invitation it was given, every answer it got — carries a rater's words", async () => {
		const cycle = await launchedCycle();
		const marker = `MARKER-${randomUUID()}`;
		const seen: string[] = [];
		const asHr = async (path: string, token: string, body?: unknown) => {
			const answer = await call(path, { token, body });
			seen.push(JSON.stringify(answer.body));
			return answer;
		};
		// p1 claims the invitation on their device and drafts a marked comment there.
		const { draft, token } = await cycle.assignment('p1@example.com');
		const device = connectClient(server.wsUrl, draft, token);
		await vi.waitFor(() => expect(device.provider.synced).toBe(true));
		const cipher = draftCipher(newDraftKey());
		setAnswer(device.doc, cipher, cycle.items[0]!, 2);
		setComment(device.doc, cipher, cycle.commentIds[0]!, marker);
		await vi.waitFor(() => expect(device.acks.length).toBeGreaterThan(0));
		device.provider.destroy();

		// Every link HR ever received: the invitations (one now claimed), one re-issued, its own.
		const reissued = await asHr(`/api/reviews/${cycle.id}/reissue`, cycle.token, {
			rater: cycle.linkOf('p2@example.com').raterId
		});
		const hrTokens = [
			cycle.token,
			...cycle.issued.map((link) => link.token),
			reissued.body.token as string
		];
		const db = new Database(join(server.dataDir, 'reviews.db'), { readonly: true });
		const drafts = db.prepare('SELECT id FROM review_drafts').pluck().all() as string[];
		db.close();
		for (const hrToken of hrTokens) {
			for (const link of cycle.issued) {
				await asHr(`/api/reviews/raters/${link.raterId}`, hrToken);
			}
			await asHr(`/api/reviews/${cycle.id}/dashboard`, hrToken);
			for (const id of drafts) {
				await asHr(`/api/reviews/${cycle.id}/meter/${id}`, hrToken);
				// Through the relay: a socket with HR's token to every draft is refused, sent nothing.
				const probe = await socketProbe(`/${id}?token=${hrToken}`);
				expect(probe.code).toBeGreaterThanOrEqual(4400);
				expect(probe.code).toBeLessThan(4500);
				seen.push(probe.received.toString('latin1'));
			}
		}
		// A claimed invitation opened again gets nothing, not even from the claiming device's epoch.
		const again = await asHr(
			`/api/reviews/raters/${cycle.linkOf('p1@example.com').raterId}/claim`,
			cycle.linkOf('p1@example.com').token,
			{}
		);
		expect(again.status).toBe(409);
		const everything = seen.join('\n');
		expect(everything).not.toContain(marker);
		expect(everything).not.toContain(token);
	});

	it('a draft reaches the data folder as ciphertext; after submission nothing of it is left but the anonymous submission', async () => {
		const cycle = await launchedCycle();
		const marker = `MARKER-${randomUUID()}`;
		// What a client from before sealing would have written: plain text in the draft.
		const plain = `PLAIN-${randomUUID()}`;
		const { draft, token } = await cycle.assignment('p2@example.com');
		const device = connectClient(server.wsUrl, draft, token);
		try {
			await vi.waitFor(() => expect(device.provider.synced).toBe(true));
			const cipher = draftCipher(newDraftKey());
			for (const item of cycle.items) setAnswer(device.doc, cipher, item, 4);
			setComment(device.doc, cipher, cycle.commentIds[0]!, marker);
			device.doc.getMap('scratch').set('note', plain);
			await vi.waitFor(() => expect(device.acks.length).toBeGreaterThan(0));
			await vi.waitFor(() => expect(device.provider.synced).toBe(true));
			expect(filesHolding(marker)).toEqual([]);
			// The sealed comment itself is stored, byte for byte: the witness that deletion works.
			const sealed = [...device.doc.getMap<string>('comments').values()][0]!;
			await vi.waitFor(() => expect(filesHolding(sealed)).toContain('panorama.db-wal'));
			expect(filesHolding(plain).length).toBeGreaterThan(0);

			const input = submissionOf(device.doc, cipher)!;
			expect(input.comments[cycle.commentIds[0]!]).toBe(marker);
			const submitted = await call(`/api/reviews/${cycle.id}/submit`, {
				token,
				body: { draft, idempotencyKey: 'marker-key-1', ...input }
			});
			expect(submitted.status).toBe(201);
			await vi.waitFor(() => expect(device.closes).toContain(CloseCode.submitted));
			// The device writes on and connects again; it is refused before anything it holds is taken.
			device.doc.getMap('scratch').set('after', plain);
			const again = connectClient(server.wsUrl, draft, token, device.doc);
			await vi.waitFor(() => expect(again.closes).toContain(CloseCode.submitted));
			again.provider.destroy();
			// Every file of the data folder: databases, their pages and free space, WAL, journals.
			expect(filesHolding(sealed)).toEqual([]);
			expect(filesHolding(plain)).toEqual([]);
			const holding = filesHolding(marker);
			expect(holding).toEqual(['reviews-submissions.db']);
		} finally {
			device.destroy();
		}
	});

	it('two devices racing for one invitation: exactly one gets a credential; bad claims get clear errors', async () => {
		const cycle = await launchedCycle();
		const invitation = cycle.linkOf('p3@example.com');
		const path = `/api/reviews/raters/${invitation.raterId}/claim`;
		const race = await Promise.all(
			Array.from({ length: 8 }, () => call(path, { token: invitation.token, body: {} }))
		);
		expect(race.filter((r) => r.status === 200)).toHaveLength(1);
		expect(race.filter((r) => r.status === 409)).toHaveLength(7);
		expect((await call(path, { token: 'bogus', body: {} })).status).toBe(401);
		expect((await call(path, { body: {} })).status).toBe(401);
		const unknown = await call('/api/reviews/raters/nobody-here/claim', {
			token: invitation.token,
			body: {}
		});
		expect(unknown.status).toBe(404);
		// A claim for one rater with another rater's invitation buys nothing.
		const other = await call(path, { token: cycle.linkOf('p2@example.com').token, body: {} });
		expect(other).toMatchObject({ status: 401, body: { reason: 'token-wrong-document' } });
		const plain = await fetch(server.url + path, {
			method: 'POST',
			headers: { authorization: `Bearer ${invitation.token}`, 'content-type': 'text/plain' },
			body: '{}'
		});
		expect(plain.status).toBe(415);
		expect((await fetch(server.url + '/healthz')).ok).toBe(true);
	});

	it('re-issuing gives a new invitation to empty drafts; the old device is told when', async () => {
		const cycle = await launchedCycle();
		const old = cycle.linkOf('p1@example.com');
		const oldCredential = await cycle.credentialOf('p1@example.com');
		const { token: oldDraftToken, draft } = await cycle.assignment('p1@example.com');
		const reissue = await call(`/api/reviews/${cycle.id}/reissue`, {
			token: cycle.token,
			body: { rater: old.raterId }
		});
		expect(reissue.status).toBe(200);
		const stale = await call(`/api/reviews/raters/${old.raterId}`, { token: oldCredential });
		expect(stale).toMatchObject({ status: 401, body: { reason: 'invitation-reissued' } });
		expect((stale.body.details as { at: number }).at).toEqual(expect.any(Number));
		const staleClaim = await call(`/api/reviews/raters/${old.raterId}/claim`, {
			token: old.token,
			body: {}
		});
		expect(staleClaim).toMatchObject({ status: 401, body: { reason: 'invitation-reissued' } });
		expect(await rawSocket(`/${draft}?token=${oldDraftToken}`)).toBe(CloseCode.tokenRevoked);
		// HR gets an invitation, not a credential: it opens nothing until claimed.
		const invitation = reissue.body.token as string;
		const unclaimed = await call(`/api/reviews/raters/${old.raterId}`, { token: invitation });
		expect(unclaimed.status).toBe(401);
		const claim = await call(`/api/reviews/raters/${old.raterId}/claim`, {
			token: invitation,
			body: {}
		});
		expect(claim.status).toBe(200);
		const fresh = await call(`/api/reviews/raters/${old.raterId}`, {
			token: claim.body.token as string
		});
		expect(fresh.status).toBe(200);
		const [assignment] = fresh.body.assignments as Assignment[];
		// A new, empty draft: nothing the lost device wrote comes with the new invitation.
		expect(assignment!.draft).not.toBe(draft);
		const dashboard = await call(`/api/reviews/${cycle.id}/dashboard`, { token: cycle.token });
		expect(dashboard.body.audit).toContainEqual(
			expect.objectContaining({ action: 'reissue', detail: expect.stringContaining('p1') })
		);
		// The subject's manager sees it too; the subject does not learn whose link it was.
		const links = await call(`/api/reviews/${cycle.id}/nomination-links`, {
			token: cycle.token,
			body: {}
		});
		const [link] = links.body.links as Array<{ managerToken: string; subjectToken: string }>;
		const asManager = await call(`/api/reviews/${cycle.id}/proposals/${cycle.subject}`, {
			token: link!.managerToken
		});
		expect(asManager.body.reissues).toEqual([{ at: expect.any(Number), raterName: 'p1' }]);
		const asSubject = await call(`/api/reviews/${cycle.id}/proposals/${cycle.subject}`, {
			token: link!.subjectToken
		});
		expect(asSubject.status).toBe(200);
		expect(asSubject.body.reissues).toBeUndefined();
	});

	it('shows HR progress and who still owes, and releases reports only at close', async () => {
		const cycle = await launchedCycle();
		for (const [person, score] of [
			['boss@example.com', 4],
			['p1@example.com', 3],
			['p2@example.com', 4],
			['p3@example.com', 5]
		] as const) {
			const { draft, token } = await cycle.assignment(person);
			const submitted = await call(`/api/reviews/${cycle.id}/submit`, {
				token,
				body: { draft, idempotencyKey: `key-${person}`, answers: cycle.fullAnswers(score) }
			});
			expect(submitted.status).toBe(201);
		}
		// The subject opens their self-review on a device and has not answered yet.
		await cycle.credentialOf(`self:${cycle.subject}`);
		const dashboard = await call(`/api/reviews/${cycle.id}/dashboard`, { token: cycle.token });
		expect(dashboard.body.progress).toMatchObject({ expected: 5, claimed: 5, submitted: 4 });
		const progress = dashboard.body.progress as { subjects: Array<{ groups: unknown }> };
		expect(progress.subjects[0]!.groups).toMatchObject({
			peer: { expected: 3, claimed: 3, submitted: 3 },
			self: { expected: 1, claimed: 1, submitted: 0 }
		});
		expect(dashboard.body.owing).toEqual([
			expect.objectContaining({ subject: cycle.subject, group: 'self' })
		]);
		expect(JSON.stringify(dashboard.body.owing)).not.toContain('answers');

		const links = await call(`/api/reviews/${cycle.id}/subject-links`, {
			token: cycle.token,
			body: {}
		});
		const subjectToken = (links.body.links as Array<{ token: string }>)[0]!.token;
		const early = await call(`/api/reviews/${cycle.id}/report/${cycle.subject}`, {
			token: subjectToken
		});
		expect(early).toMatchObject({ status: 409, body: { reason: 'not-released' } });

		expect(
			(await call(`/api/reviews/${cycle.id}/close`, { token: cycle.token, body: {} })).status
		).toBe(200);
		const report = await call(`/api/reviews/${cycle.id}/report/${cycle.subject}`, {
			token: subjectToken
		});
		expect(report.status).toBe(200);
		const units = (report.body.report as { units: Array<{ unit: string; raters: number }> }).units;
		expect(units).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ unit: 'superior', raters: 1 }),
				expect.objectContaining({ unit: 'peer', raters: 3 })
			])
		);
		const late = await cycle.assignment('p1@example.com');
		const refused = await call(`/api/reviews/${cycle.id}/submit`, {
			token: late.token,
			body: { draft: late.draft, idempotencyKey: 'too-late-key', answers: cycle.fullAnswers(1) }
		});
		expect(refused.body.reason).toBe('cycle-closed');
	});

	it("refuses a subject link on another subject's report and a rater link on HR's routes", async () => {
		const cycle = await launchedCycle();
		const rater = cycle.linkOf('p1@example.com');
		const dashboard = await call(`/api/reviews/${cycle.id}/dashboard`, { token: rater.token });
		expect(dashboard.status).toBe(401);
		const report = await call(`/api/reviews/${cycle.id}/report/someone-else`, {
			token: rater.token
		});
		expect(report.status).toBe(401);
	});

	it('closes a submitted draft in the relay: its room is dropped, later connections refused, nothing written back', async () => {
		const cycle = await launchedCycle();
		const { draft, token } = await cycle.assignment('p3@example.com');
		const rater = connectClient(server.wsUrl, draft, token);
		try {
			await vi.waitFor(() => expect(rater.provider.synced).toBe(true), { timeout: 5000 });
			rater.doc.getMap('answers').set('before', 1);
			await vi.waitFor(() => expect(rater.acks.length).toBeGreaterThan(0));

			const submit = await call(`/api/reviews/${cycle.id}/submit`, {
				token,
				body: { draft, idempotencyKey: 'read-only-key', answers: cycle.fullAnswers(4) }
			});
			expect(submit.status).toBe(201);
			await vi.waitFor(() => expect(rater.closes).toContain(CloseCode.submitted));
			expect(await server.services.store.load(draft)).toEqual([]);

			// A new connection with the rater's own token gets nothing: closed, not a byte of the doc.
			const probe = await socketProbe(`/${draft}?token=${token}`);
			expect(probe.code).toBe(CloseCode.submitted);
			expect(probe.received.length).toBe(0);
			// The same request again: idempotent, and the draft stays empty.
			const again = await call(`/api/reviews/${cycle.id}/submit`, {
				token,
				body: { draft, idempotencyKey: 'read-only-key', answers: cycle.fullAnswers(4) }
			});
			expect(again.status).toBe(200);
			expect(await server.services.store.load(draft)).toEqual([]);
			expect((await server.services.store.get(draft))?.id).toBe(draft);
		} finally {
			rater.destroy();
		}
	});
});
