import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addSubject, setRaterCap, startCycle } from '../../src/lib/model/review-cycle.ts';
import { startTestServer, type TestServer } from './helpers/relay-harness.ts';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(() => server.stop());

async function call(path: string, token: string, body?: unknown) {
	const response = await fetch(server.url + path, {
		method: body === undefined ? 'GET' : 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

type Proposal = { id: string; rater: string; status: string; load: number };

async function cycleWithLinks() {
	const { id, token } = await server.createDoc('review-cycle');
	const doc = new Y.Doc();
	startCycle(doc, 'frontline');
	setRaterCap(doc, 1);
	const li = addSubject(doc, '李雷', 'boss@example.com')!;
	const han = addSubject(doc, '韩梅梅', 'boss@example.com')!;
	await server.services.store.append([{ docId: id, update: Y.encodeStateAsUpdate(doc) }]);
	const { body } = await call(`/api/reviews/${id}/nomination-links`, token, {});
	const links = body.links as Array<{
		subject: string;
		subjectToken: string;
		managerToken: string;
	}>;
	return { id, token, li, han, links: (s: string) => links.find((l) => l.subject === s)! };
}

describe('nominations through subject and manager links', () => {
	it('a subject proposes, only the manager approves, and HR sees what to import', async () => {
		const c = await cycleWithLinks();
		const path = `/api/reviews/${c.id}/proposals/${c.li}`;
		const { subjectToken, managerToken } = c.links(c.li);
		const proposed = await call(path, subjectToken, {
			rater: 'P1@example.com',
			raterName: '韩梅梅',
			group: 'peer'
		});
		expect(proposed.status).toBe(201);
		const [proposal] = proposed.body.proposals as Proposal[];
		expect(proposal).toMatchObject({ rater: 'p1@example.com', status: 'proposed' });

		const bySubject = await call(`${path}/${proposal!.id}`, subjectToken, { status: 'approved' });
		expect(bySubject).toMatchObject({ status: 403, body: { reason: 'not-manager' } });
		const byManager = await call(`${path}/${proposal!.id}`, managerToken, { status: 'approved' });
		expect(byManager.status).toBe(200);

		const dashboard = await call(`/api/reviews/${c.id}/dashboard`, c.token);
		expect(dashboard.body.proposals).toEqual([
			expect.objectContaining({ subject: c.li, rater: 'p1@example.com', status: 'approved' })
		]);
		await call(`/api/reviews/${c.id}/proposals-imported`, c.token, { ids: [proposal!.id] });
		expect((await call(`/api/reviews/${c.id}/dashboard`, c.token)).body.proposals).toEqual([]);

		// The same manager link reads the report once released (D14), and no other subject's.
		const early = await call(`/api/reviews/${c.id}/report/${c.li}`, managerToken);
		expect(early.body.reason).toBe('not-released');
		const other = await call(`/api/reviews/${c.id}/report/${c.han}`, managerToken);
		expect(other.status).toBe(401);
	});

	it('warns the manager when approving takes a rater past the cap', async () => {
		const c = await cycleWithLinks();
		const manager = c.links(c.li).managerToken;
		await call(`/api/reviews/${c.id}/proposals/${c.han}`, c.links(c.han).managerToken, {
			rater: 'p1@example.com',
			raterName: 'P1',
			group: 'peer'
		});
		const proposed = await call(
			`/api/reviews/${c.id}/proposals/${c.li}`,
			c.links(c.li).subjectToken,
			{
				rater: 'p1@example.com',
				raterName: 'P1',
				group: 'peer'
			}
		);
		const id = (proposed.body.proposals as Proposal[])[0]!.id;
		const approved = await call(`/api/reviews/${c.id}/proposals/${c.li}/${id}`, manager, {
			status: 'approved'
		});
		expect(approved.body.warning).toEqual({
			reason: 'over-cap',
			rater: 'p1@example.com',
			load: 2,
			cap: 1
		});
	});

	it('a subject withdraws a proposal until the manager decides, and only their own', async () => {
		const c = await cycleWithLinks();
		const path = `/api/reviews/${c.id}/proposals/${c.li}`;
		const { subjectToken, managerToken } = c.links(c.li);
		const propose = async (rater: string) => {
			const view = await call(path, subjectToken, { rater, raterName: rater, group: 'peer' });
			return (view.body.proposals as Proposal[]).find((p) => p.rater === rater)!.id;
		};
		const first = await propose('p1@example.com');
		const second = await propose('p2@example.com');

		const withdrawn = await call(`${path}/${first}`, subjectToken, { status: 'removed' });
		expect(withdrawn.status).toBe(200);
		expect((withdrawn.body.proposals as Proposal[]).map((p) => p.rater)).toEqual([
			'p2@example.com'
		]);
		// Withdrawn, the rater may be proposed again.
		expect(await propose('p1@example.com')).toBeTypeOf('string');

		// Once declined (or approved) it is the manager's: the subject can no longer take it back.
		await call(`${path}/${second}`, managerToken, { status: 'declined' });
		const late = await call(`${path}/${second}`, subjectToken, { status: 'removed' });
		expect(late).toMatchObject({ status: 409, body: { reason: 'already-decided' } });
		// Another subject's link cannot touch Li Lei's proposals at all.
		const han = c.links(c.han).subjectToken;
		const foreign = await call(`${path}/${second}`, han, { status: 'removed' });
		expect(foreign.status).toBe(401);
		const listed = await call(path, managerToken);
		expect((listed.body.proposals as Proposal[]).map((p) => [p.rater, p.status])).toEqual([
			['p2@example.com', 'declined'],
			['p1@example.com', 'proposed']
		]);
	});

	it("refuses a subject link on another subject's list, and bad input with reasons", async () => {
		const c = await cycleWithLinks();
		const other = await call(`/api/reviews/${c.id}/proposals/${c.han}`, c.links(c.li).subjectToken);
		expect(other).toMatchObject({ status: 401, body: { reason: 'token-wrong-document' } });
		const path = `/api/reviews/${c.id}/proposals/${c.li}`;
		const token = c.links(c.li).subjectToken;
		expect((await call(path, token, { rater: '', group: 'peer' })).body.reason).toBe('empty-rater');
		expect((await call(path, token, { rater: 'x@y', group: 'subordinate' })).body.reason).toBe(
			'unknown-group'
		);
		await call(path, token, { rater: 'x@y', group: 'peer' });
		expect((await call(path, token, { rater: 'X@Y', group: 'peer' })).body.reason).toBe(
			'duplicate'
		);
	});
});
