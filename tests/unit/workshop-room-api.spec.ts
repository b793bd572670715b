/**
 * The workshop API's room features: a phone reading back its own seat after a reload, join
 * codes (typed at /join, revoked with the join link, guessing limited), "k of n voted" counts
 * and the projector's join information.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { normalizeJoinCode } from '../../src/lib/domain/journey/join-code.ts';
import { readJourney, readWorkshop } from '../../src/lib/model/journey.ts';
import { startTestServer, type TestServer } from './helpers/relay-harness.ts';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(() => server.stop());

async function call(path: string, body: unknown, token?: string, method = 'POST') {
	const response = await fetch(server.url + path, {
		method,
		headers: {
			...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
			...(token ? { authorization: `Bearer ${token}` } : {})
		},
		body: method === 'POST' ? JSON.stringify(body) : undefined
	});
	return { status: response.status, body: await response.json() };
}

async function storedDoc(id: string) {
	const doc = new Y.Doc();
	for (const update of await server.services.store.load(id)) Y.applyUpdate(doc, update);
	return doc;
}

async function workshop() {
	const { body: map } = await call('/api/docs', {
		kind: 'journey',
		template: 'airline',
		locale: 'en'
	});
	const { body: access } = await call(`/api/journeys/${map.id}/workshop`, {}, map.token);
	const journey = readJourney(await storedDoc(map.id));
	const touchpoints = journey.stages[0]!.touchpoints.map((t) => t.id);
	const facilitator = (path: string, body: unknown = {}) =>
		call(`/api/journeys/${map.id}/${path}`, body, map.token);
	const join = async (who: string, linkToken = access.participantToken) => {
		const joined = await call(
			`/api/boards/${access.boardId}/join`,
			{ device: `device-of-${who}-0123456789`, name: who },
			linkToken
		);
		return joined;
	};
	return { map, access, touchpoints, facilitator, join };
}

describe('a seat reads back its own', () => {
	it('answers its ballots, scores and notes (held and published), and nobody else’s', async () => {
		const { access, touchpoints, facilitator, join } = await workshop();
		const ana = (await join('ana')).body;
		const bo = (await join('bo')).body;
		const board = (path: string, body: unknown, token: string) =>
			call(`/api/boards/${access.boardId}/${path}`, body, token);
		await facilitator('phase', { phase: 'writing' });
		const target = { kind: 'touchpoint', id: touchpoints[0] };
		expect((await board('notes', { name: 'x', text: 'Held one', target }, ana.token)).status).toBe(
			201
		);
		expect(
			(await board('scores', { touchpoint: touchpoints[0], score: 4 }, ana.token)).status
		).toBe(201);
		expect((await board('notes', { name: 'x', text: 'Bo’s', target }, bo.token)).status).toBe(201);

		const mine = await call(`/api/boards/${access.boardId}/mine`, undefined, ana.token, 'GET');
		expect(mine.status).toBe(200);
		expect(mine.body.notes).toEqual([
			expect.objectContaining({ text: 'Held one', held: true, round: 1, target })
		]);
		expect(mine.body.scores).toEqual([{ touchpoint: touchpoints[0], score: 4, round: 1 }]);

		await facilitator('phase', { phase: 'voting' });
		expect((await board('votes', { item: touchpoints[1] }, ana.token)).status).toBe(201);
		expect((await board('votes', { item: touchpoints[2] }, ana.token)).status).toBe(201);
		const after = await call(`/api/boards/${access.boardId}/mine`, undefined, ana.token, 'GET');
		expect(after.body.votes).toEqual([
			{ item: touchpoints[1], round: 2 },
			{ item: touchpoints[2], round: 2 }
		]);
		// Revealed by the move to voting: published now, still hers.
		expect(after.body.notes).toEqual([expect.objectContaining({ text: 'Held one', held: false })]);
		const bos = await call(`/api/boards/${access.boardId}/mine`, undefined, bo.token, 'GET');
		expect(bos.body.votes).toEqual([]);
		expect(bos.body.notes.map((n: { text: string }) => n.text)).toEqual(['Bo’s']);
	});

	it('is refused to the join link’s token, to viewers and to a removed seat', async () => {
		const { map, access, facilitator, join } = await workshop();
		const ana = (await join('ana')).body;
		const path = `/api/boards/${access.boardId}/mine`;
		expect((await call(path, undefined, access.participantToken, 'GET')).body.reason).toBe(
			'join-first'
		);
		expect((await call(path, undefined, access.boardViewerToken, 'GET')).status).toBe(403);
		expect((await call(path, undefined, map.token, 'GET')).status).toBe(401);
		await facilitator(`seats/${ana.participant}/remove`);
		expect((await call(path, undefined, ana.token, 'GET')).body.reason).toBe('seat-removed');
	});
});

describe('k of n voted', () => {
	it('counts each seat’s ballots in the current round', async () => {
		const { map, access, touchpoints, facilitator, join } = await workshop();
		const ana = (await join('ana')).body;
		await join('bo');
		const roundVotes = async () => {
			const { body } = await call(`/api/journeys/${map.id}/seats`, undefined, map.token, 'GET');
			return body.seats.map((s: { roundVotes: number }) => s.roundVotes);
		};
		await facilitator('phase', { phase: 'voting' });
		await call(`/api/boards/${access.boardId}/votes`, { item: touchpoints[0] }, ana.token);
		expect(await roundVotes()).toEqual([1, 0]);
		// A new round starts every seat at zero.
		await facilitator('phase', { phase: 'writing' });
		await facilitator('phase', { phase: 'voting' });
		expect(await roundVotes()).toEqual([0, 0]);
	});
});

describe('the timer at a phase change', () => {
	it('resets a countdown that ran out, and keeps a running one', async () => {
		const { map, facilitator } = await workshop();
		const setTimer = async (timer: unknown) => {
			// The facilitator's own client writes the timer into the map; here, straight into the room.
			await server.services.relay.withDoc(map.id, (doc) =>
				doc.getMap('workshop').set('timer', timer)
			);
		};
		await setTimer({
			startedAt: Date.now() - 120_000,
			durationMs: 60_000,
			pausedRemainingMs: null
		});
		await facilitator('phase', { phase: 'writing' });
		const reset = readWorkshop(await storedDoc(map.id)).timer;
		expect(reset).toEqual({ startedAt: null, durationMs: 60_000, pausedRemainingMs: null });
		const running = { startedAt: Date.now(), durationMs: 600_000, pausedRemainingMs: null };
		await setTimer(running);
		await facilitator('phase', { phase: 'voting' });
		expect(readWorkshop(await storedDoc(map.id)).timer).toEqual(running);
	});
});

describe('join codes', () => {
	it('opens the workshop’s join link from its code, typed in any case with spaces', async () => {
		const { map, access, join } = await workshop();
		expect(normalizeJoinCode(access.joinCode)).toBe(access.joinCode);
		const typed = `${access.joinCode.slice(0, 3).toLowerCase()} ${access.joinCode.slice(3)}`;
		const resolved = await call(
			`/api/join-codes/${encodeURIComponent(typed).replace(/%20/g, '-')}`,
			{}
		);
		expect(resolved.status).toBe(200);
		expect(resolved.body.journeyId).toBe(map.id);
		expect((await join('cy', resolved.body.participantToken)).status).toBe(200);
		// The facilitator opening the workshop again gets the same code.
		const again = await call(`/api/journeys/${map.id}/workshop`, {}, map.token);
		expect(again.body.joinCode).toBe(access.joinCode);
	});

	it('stops working when the join link is replaced; the new code works', async () => {
		const { access, facilitator } = await workshop();
		const rotated = await facilitator('join-link/rotate');
		expect(rotated.body.joinCode).not.toBe(access.joinCode);
		expect((await call(`/api/join-codes/${access.joinCode}`, {})).status).toBe(404);
		expect((await call(`/api/join-codes/${rotated.body.joinCode}`, {})).status).toBe(200);
	});

	it('gives the join information to the facilitator and the projector key, not to a viewer', async () => {
		const { map, access, facilitator } = await workshop();
		const viewer = access.journeyViewerToken;
		const info = `/api/journeys/${map.id}/join-info`;
		expect((await call(info, {}, viewer)).body.reason).toBe('not-projector');
		expect((await call(info, { projector: 'not-the-key' }, viewer)).status).toBe(403);
		const projector = await call(info, { projector: access.projectorKey }, viewer);
		expect(projector.status).toBe(200);
		expect(projector.body.joinCode).toBe(access.joinCode);
		expect((await facilitator('join-info')).body.joinCode).toBe(access.joinCode);
		// After a replacement the projector gets the new code with the same key.
		const rotated = await facilitator('join-link/rotate');
		const after = await call(info, { projector: access.projectorKey }, viewer);
		expect(after.body.joinCode).toBe(rotated.body.joinCode);
		expect(readWorkshop(await storedDoc(map.id)).joinLink).toBe(1);
	});

	it('refuses every code from an address after ten wrong ones, the right one too', async () => {
		const { access } = await workshop();
		// Earlier tests here spent some of this address's allowance: count wrong codes until refused.
		let wrong = 0;
		let status = 404;
		while (status === 404 && wrong < 20) {
			status = (await call('/api/join-codes/2222ZZ', {})).status;
			wrong++;
		}
		expect(status).toBe(429);
		expect(wrong).toBeLessThanOrEqual(10);
		const right = await call(`/api/join-codes/${access.joinCode}`, {});
		expect(right.status).toBe(429);
		expect(right.body.reason).toBe('too-many-codes');
	});
});
