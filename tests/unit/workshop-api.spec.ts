import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
	boardNotes,
	boardScores,
	boardTallies,
	pendingDocId
} from '../../src/lib/model/journey-board.ts';
import { readJourney, readWorkshop } from '../../src/lib/model/journey.ts';
import { connectClient, startTestServer, type TestServer } from './helpers/relay-harness.ts';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(() => server.stop());

async function call(path: string, body: unknown, token?: string) {
	const response = await fetch(server.url + path, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			...(token ? { authorization: `Bearer ${token}` } : {})
		},
		body: JSON.stringify(body)
	});
	return { status: response.status, body: await response.json() };
}

async function storedDoc(id: string) {
	const doc = new Y.Doc();
	for (const update of await server.services.store.load(id)) Y.applyUpdate(doc, update);
	return doc;
}

/** A journey from the airline template with its workshop board open. */
async function workshop() {
	const { body: map } = await call('/api/docs', {
		kind: 'journey',
		template: 'airline',
		locale: 'en'
	});
	const { body: access } = await call(`/api/journeys/${map.id}/workshop`, {}, map.token);
	const journey = readJourney(await storedDoc(map.id));
	const touchpoint = journey.stages[0]!.touchpoints[0]!.id;
	const facilitator = (path: string, body: unknown) =>
		call(`/api/journeys/${map.id}/${path}`, body, map.token);
	// Each person joins once with the room's link and then writes with their own seat.
	const seats = new Map<string, { participant: string; token: string }>();
	const seat = async (who: string) => {
		if (!seats.has(who)) {
			const joined = await call(
				`/api/boards/${access.boardId}/join`,
				{ device: `device-of-${who}-0123456789`, name: who },
				access.participantToken
			);
			expect(joined.status).toBe(200);
			seats.set(who, joined.body);
		}
		return seats.get(who)!;
	};
	const participant = async (who: string, path: string, body: unknown) =>
		call(`/api/boards/${access.boardId}/${path}`, body, (await seat(who)).token);
	const note = (who: string, text: string) =>
		participant(who, 'notes', {
			name: 'Li Wei',
			text,
			target: { kind: 'touchpoint', id: touchpoint }
		});
	return { map, access, touchpoint, facilitator, participant, note, seat };
}

describe('workshop API', () => {
	it('opens one board per journey and links it in the workshop state', async () => {
		const { map, access, facilitator } = await workshop();
		expect(readWorkshop(await storedDoc(map.id)).board).toBe(access.boardId);
		const again = await facilitator('workshop', {});
		expect(again.body.boardId).toBe(access.boardId);
	});

	it('refuses a note while the board is not open for writing, and from a viewer link', async () => {
		const { access, note, map } = await workshop();
		expect((await note('person-1', 'queue')).body.reason).toBe('closed');
		const viewer = await call(
			`/api/boards/${access.boardId}/notes`,
			{ text: 'x', target: { kind: 'stage', id: 'x' } },
			access.boardViewerToken
		);
		expect(viewer.status).toBe(403);
		const viewerJoin = await call(
			`/api/boards/${access.boardId}/join`,
			{ device: 'viewer-device-key-0001', name: 'Viewer' },
			access.boardViewerToken
		);
		expect(viewerJoin.status).toBe(403);
		const wrong = await call(
			`/api/journeys/${map.id}/phase`,
			{ phase: 'writing' },
			access.participantToken
		);
		expect(wrong.status).toBe(401);
	});

	it('keeps silent notes out of the board document until the reveal', async () => {
		const { access, facilitator, note, seat } = await workshop();
		await facilitator('phase', { phase: 'writing' });
		const written = await note('person-1', 'Check-in queue is too long');
		expect(written.status).toBe(201);
		expect(written.body.held).toBe(true);
		expect(boardNotes(await storedDoc(access.boardId))).toEqual([]);
		const board = await storedDoc(access.boardId);
		expect(JSON.stringify(Y.encodeStateAsUpdate(board))).not.toContain('queue');

		await facilitator('reveal', { what: 'notes' });
		const published = boardNotes(await storedDoc(access.boardId));
		expect(published.map((n) => n.text)).toEqual(['Check-in queue is too long']);
		expect(published[0]).toMatchObject({
			author: (await seat('person-1')).participant,
			// The seat's name, not the 'Li Wei' the request claimed.
			name: 'person-1'
		});
		expect(boardNotes(await storedDoc(pendingDocId(access.boardId)))).toEqual([]);

		// Once the round is revealed, a late note goes straight up instead of waiting for another reveal.
		const late = await note('person-2', 'Boarding gate changed twice');
		expect(late.body.held).toBe(false);
		expect(boardNotes(await storedDoc(access.boardId)).map((n) => n.text)).toContain(
			'Boarding gate changed twice'
		);
		// A new writing round is silent again.
		await facilitator('phase', { phase: 'idle' });
		await facilitator('phase', { phase: 'writing' });
		expect((await note('person-2', 'Lounge wifi')).body.held).toBe(true);
	});

	it('stores anonymous notes without their author anywhere', async () => {
		const { map, access, facilitator, note, seat } = await workshop();
		const owner = connectClient(server.wsUrl, map.id, map.token);
		await vi.waitFor(() => expect(owner.provider.synced).toBe(true));
		owner.doc.transact(() => owner.doc.getMap('workshop').set('anonymous', true));
		await vi.waitFor(async () =>
			expect(readWorkshop(await storedDoc(map.id)).anonymous).toBe(true)
		);
		owner.destroy();
		await facilitator('phase', { phase: 'writing' });
		await note('person-secret', 'Lounge too small');
		// Everything the server holds beside the board, except the seat list (which must name each
		// seat, and links it to no note).
		const pending = await storedDoc(pendingDocId(access.boardId));
		const held = [...pending.share.keys()]
			.filter((name) => name !== 'seats')
			.map((name) => JSON.stringify(pending.getMap(name).toJSON()))
			.join('\n');
		expect(held).toContain('Lounge too small');
		expect(held).not.toContain((await seat('person-secret')).participant);
		expect(held).not.toContain('person-secret');
		await facilitator('reveal', { what: 'notes' });
		const [published] = boardNotes(await storedDoc(access.boardId));
		expect(published).toMatchObject({ text: 'Lounge too small', anonymous: true });
		expect(published!.author).toBeUndefined();
		expect(published!.name).toBeUndefined();
	});

	it('votes go where the facilitator says: notes only refuses a touchpoint, and the tally counts notes', async () => {
		const { map, access, facilitator, participant, note, touchpoint } = await workshop();
		const owner = connectClient(server.wsUrl, map.id, map.token);
		await vi.waitFor(() => expect(owner.provider.synced).toBe(true));
		owner.doc.transact(() =>
			owner.doc
				.getMap('workshop')
				.set('voting', { votesPerPerson: 2, onePerItem: true, on: 'notes' })
		);
		await vi.waitFor(async () =>
			expect(readWorkshop(await storedDoc(map.id)).voting.on).toBe('notes')
		);
		owner.destroy();
		await facilitator('phase', { phase: 'writing' });
		await note('person-1', 'Kiosk broken');
		await facilitator('phase', { phase: 'voting' });
		const [written] = boardNotes(await storedDoc(access.boardId));
		expect((await participant('person-2', 'votes', { item: touchpoint })).body.reason).toBe(
			'unknown-item'
		);
		expect((await participant('person-2', 'votes', { item: written!.id })).status).toBe(201);
		await facilitator('reveal', { what: 'votes' });
		const tallies = boardTallies(await storedDoc(access.boardId));
		expect([...tallies.values()].flat()).toEqual([
			{ item: written!.id, votes: 1, voters: 1, rank: 1 }
		]);
	});

	it('counts votes per person and publishes only tallies, at the reveal', async () => {
		const { access, facilitator, participant, touchpoint, seat } = await workshop();
		await facilitator('phase', { phase: 'voting' });
		const vote = (who: string) => participant(who, 'votes', { item: touchpoint });
		expect((await vote('person-1')).body).toEqual({ left: 2 });
		expect((await vote('person-1')).body.reason).toBe('already-voted-item');
		expect((await vote('person-2')).status).toBe(201);
		expect(boardTallies(await storedDoc(access.boardId)).size).toBe(0);

		await facilitator('reveal', { what: 'votes' });
		const tallies = boardTallies(await storedDoc(access.boardId));
		const [round] = [...tallies.keys()];
		expect(tallies.get(round!)![0]).toMatchObject({ item: touchpoint, votes: 2, voters: 2 });
		const board = Buffer.from(Y.encodeStateAsUpdate(await storedDoc(access.boardId)));
		expect(board.toString('latin1')).not.toContain((await seat('person-1')).participant);
	});

	it('counts what a participant writes by the id in their own token, not by what they claim', async () => {
		const { map, access, facilitator, touchpoint, seat } = await workshop();
		await facilitator('phase', { phase: 'voting' });
		const linkOnly = await call(
			`/api/boards/${access.boardId}/votes`,
			{ item: touchpoint },
			access.participantToken
		);
		expect([linkOnly.status, linkOnly.body.reason]).toEqual([403, 'join-first']);

		const mine = await seat('person-1');
		const items = readJourney(await storedDoc(map.id)).stages[0]!.touchpoints.map((t) => t.id);
		// Claiming a fresh id with every vote does not buy more than the three votes of one person.
		const results = [];
		for (let i = 0; i < 4; i++) {
			const cast = await call(
				`/api/boards/${access.boardId}/votes`,
				{ participant: `made-up-${i}`, item: items[i] ?? touchpoint },
				mine.token
			);
			results.push(cast.body.reason ?? cast.body.left);
		}
		expect(results).toEqual([2, 1, 0, 'no-votes-left']);

		// Joining again from the same device keeps the seat; another device gets a new one.
		const again = await call(
			`/api/boards/${access.boardId}/join`,
			{ device: 'device-of-person-1-0123456789', name: 'person-1' },
			access.participantToken
		);
		expect(again.body.participant).toBe(mine.participant);
		expect((await seat('person-2')).participant).not.toBe(mine.participant);
	});

	it('refuses a participant’s direct write to the board and to the map, and stores neither', async () => {
		const { map, access } = await workshop();
		const board = connectClient(server.wsUrl, access.boardId, access.participantToken);
		const journey = connectClient(server.wsUrl, map.id, access.journeyViewerToken);
		await vi.waitFor(() => expect(board.provider.synced && journey.provider.synced).toBe(true));
		// Each client's answer to the relay's greeting is already refused once (it may not write).
		await vi.waitFor(() => expect(Math.min(board.denials.length, journey.denials.length)).toBe(1));
		board.doc.getMap('notes').set('forged', { text: 'forged', createdAt: 1, target: {} });
		journey.doc.getMap('stages').delete([...journey.doc.getMap('stages').keys()][0]!);
		await vi.waitFor(() => expect([board.denials.length, journey.denials.length]).toEqual([2, 2]));
		expect((await storedDoc(access.boardId)).getMap('notes').has('forged')).toBe(false);
		expect(readJourney(await storedDoc(map.id)).stages).toHaveLength(5);
		board.destroy();
		journey.destroy();
	});

	it('holds scores until the reveal, then publishes counts per touchpoint without who', async () => {
		const { access, facilitator, participant, touchpoint, seat } = await workshop();
		const score = (who: string, value: unknown) =>
			participant(who, 'scores', { touchpoint, score: value });
		expect((await score('person-1', 4)).body.reason).toBe('closed');
		await facilitator('phase', { phase: 'writing' });
		expect((await score('person-1', 6)).body.reason).toBe('bad-score');
		await score('person-1', 2);
		await score('person-1', 4); // a change of mind replaces the first score
		await score('person-2', 5);
		await score('person-3', 5);
		expect(boardScores(await storedDoc(access.boardId)).size).toBe(0);
		await facilitator('reveal', { what: 'notes' });
		const published = boardScores(await storedDoc(access.boardId)).get(touchpoint);
		expect(published).toMatchObject({ n: 3, counts: [0, 0, 0, 1, 2] });
		expect(published!.mean).toBeCloseTo(14 / 3, 10);
		const board = Buffer.from(Y.encodeStateAsUpdate(await storedDoc(access.boardId)));
		expect(board.toString('latin1')).not.toContain((await seat('person-1')).participant);
	});

	it('writes a note sent twice with the same key once, under an id that names nobody', async () => {
		const { access, facilitator, participant, touchpoint, seat } = await workshop();
		await facilitator('phase', { phase: 'writing' });
		await facilitator('reveal', { what: 'notes' });
		const send = (who: string) =>
			participant(who, 'notes', {
				key: 'k3y-from-the-phone',
				name: 'Li Wei',
				text: 'Gate changed',
				target: { kind: 'touchpoint', id: touchpoint }
			});
		const first = await send('person-1');
		const retry = await send('person-1');
		expect(retry.body.id).toBe(first.body.id);
		expect(first.body.id).not.toContain((await seat('person-1')).participant);
		// Another person's note with the same key is their own note.
		expect((await send('person-2')).body.id).not.toBe(first.body.id);
		const texts = boardNotes(await storedDoc(access.boardId)).map((n) => n.text);
		expect(texts).toEqual(['Gate changed', 'Gate changed']);
	});

	it('tells the time', async () => {
		const response = await fetch(server.url + '/api/time');
		const { now } = await response.json();
		expect(Math.abs(now - Date.now())).toBeLessThan(5000);
	});
});
