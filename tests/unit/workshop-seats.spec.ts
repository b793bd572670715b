/**
 * Workshop seats belong to a device, and facilitator-only state is the facilitator's: against a
 * real server, the same phone gets its seat back, a forged name or a replayed note key changes
 * nothing, a vote after the reveal is refused out loud, a removed seat stops working (its socket
 * closed with `seatRemoved`), a rotated join link stops while seats go on, and an editor of the
 * map cannot move the workshop through Yjs.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { ballots, boardNotes, pendingDocId } from '../../src/lib/model/journey-board.ts';
import { readJourney, readWorkshop } from '../../src/lib/model/journey.ts';
import { CloseCode } from '../../src/lib/transport/protocol.ts';
import { connectClient, startTestServer, type TestServer } from './helpers/relay-harness.ts';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(() => server.stop());

async function call(path: string, body: unknown, token?: string, method = 'POST') {
	const response = await fetch(server.url + path, {
		method,
		headers: {
			'content-type': 'application/json',
			...(token ? { authorization: `Bearer ${token}` } : {})
		},
		body: method === 'GET' ? undefined : JSON.stringify(body)
	});
	return { status: response.status, body: await response.json() };
}

async function storedDoc(id: string) {
	const doc = new Y.Doc();
	for (const update of await server.services.store.load(id)) Y.applyUpdate(doc, update);
	return doc;
}

/** Opens a raw socket; resolves with the close code once the relay closes it. */
function open(docId: string, token: string): Promise<number> {
	return new Promise((resolve) => {
		const ws = new WebSocket(`${server.wsUrl}/${docId}?token=${token}`);
		ws.on('close', (code) => resolve(code));
		ws.on('error', () => {});
	});
}

/** A journey from the airline template with its workshop open. */
async function workshop() {
	const { body: map } = await call('/api/docs', { kind: 'journey', template: 'airline' });
	const { body: access } = await call(`/api/journeys/${map.id}/workshop`, {}, map.token);
	const touchpoints = readJourney(await storedDoc(map.id)).stages.flatMap((s) =>
		s.touchpoints.map((t) => t.id)
	);
	const facilitator = (path: string, body: unknown = {}, method = 'POST') =>
		call(`/api/journeys/${map.id}/${path}`, body, map.token, method);
	const join = (device: string, name: string, link = access.participantToken as string) =>
		call(`/api/boards/${access.boardId}/join`, { device, name }, link);
	const board = (path: string, body: unknown, seatToken: string) =>
		call(`/api/boards/${access.boardId}/${path}`, body, seatToken);
	return { map, access, touchpoints, facilitator, join, board };
}

const PHONE = 'phone-A-device-key-0001';
const OTHER_PHONE = 'phone-B-device-key-0002';

describe('workshop seats', () => {
	it('gives the same device the same seat and the votes it already used; another device a new seat', async () => {
		const { join, board, facilitator, touchpoints } = await workshop();
		const first = await join(PHONE, '  Li Wei  ');
		expect(first).toMatchObject({ status: 200, body: { name: 'Li Wei' } });
		await facilitator('phase', { phase: 'voting' });
		expect((await board('votes', { item: touchpoints[0] }, first.body.token)).body).toEqual({
			left: 2
		});

		// A private tab on the same phone, or a reload: same seat, same allowance.
		const again = await join(PHONE, 'Li Wei (phone)');
		expect(again.body.participant).toBe(first.body.participant);
		expect(again.body.name).toBe('Li Wei (phone)');
		expect((await board('votes', { item: touchpoints[1] }, again.body.token)).body).toEqual({
			left: 1
		});

		const other = await join(OTHER_PHONE, 'Wang Fang');
		expect(other.body.participant).not.toBe(first.body.participant);
		expect((await board('votes', { item: touchpoints[0] }, other.body.token)).body).toEqual({
			left: 2
		});

		const seats = (await facilitator('seats', undefined, 'GET')).body.seats;
		expect(seats).toMatchObject([
			{ participant: first.body.participant, name: 'Li Wei (phone)', votes: 2 },
			{ participant: other.body.participant, name: 'Wang Fang', votes: 1 }
		]);
		expect(typeof seats[0].joinedAt).toBe('number');
	});

	it('refuses a join without a device key or a name, and keeps names to 40 characters', async () => {
		const { join, access } = await workshop();
		expect((await join('short', 'Li')).body.reason).toBe('bad-device');
		expect((await join(PHONE, '   ')).body.reason).toBe('bad-name');
		expect((await join(PHONE, 'x'.repeat(60))).body.name).toBe('x'.repeat(40));
		const viewer = await join(OTHER_PHONE, 'Wang', access.boardViewerToken);
		expect(viewer.status).toBe(403);
	});

	it('names a note by its seat, whatever name the request claims', async () => {
		const { access, join, board, facilitator, touchpoints } = await workshop();
		await facilitator('phase', { phase: 'writing' });
		await facilitator('reveal', { what: 'notes' });
		const seat = (await join(PHONE, 'Li Wei')).body;
		const note = await board(
			'notes',
			{
				name: 'Facilitator',
				text: 'Gate changed twice',
				target: { kind: 'touchpoint', id: touchpoints[0] }
			},
			seat.token
		);
		expect(note.status).toBe(201);
		const [published] = boardNotes(await storedDoc(access.boardId));
		expect(published).toMatchObject({ text: 'Gate changed twice', name: 'Li Wei' });
	});

	it('never rewrites a note when its key is replayed with new text, published or held', async () => {
		const { access, join, board, facilitator, touchpoints } = await workshop();
		const seat = (await join(PHONE, 'Li Wei')).body;
		const target = { kind: 'touchpoint', id: touchpoints[0] };
		const send = (key: string, text: string) => board('notes', { key, text, target }, seat.token);

		// Silent round: the note is held; a replay answers with its id and leaves it alone.
		await facilitator('phase', { phase: 'writing' });
		const held = await send('held-note-key-01', 'First words');
		expect(held).toMatchObject({ status: 201, body: { held: true } });
		const heldReplay = await send('held-note-key-01', 'Rewritten');
		expect(heldReplay).toMatchObject({ status: 200, body: { id: held.body.id, held: true } });

		await facilitator('reveal', { what: 'notes' });
		// After the reveal it is published; a replay still changes nothing, nor is it held again.
		const revealedReplay = await send('held-note-key-01', 'Rewritten again');
		expect(revealedReplay).toMatchObject({ status: 200, body: { id: held.body.id, held: false } });

		// A note published at once: the same.
		const direct = await send('direct-note-key-1', 'Lounge too small');
		expect(direct.status).toBe(201);
		const directReplay = await send('direct-note-key-1', 'Lounge is great');
		expect(directReplay).toMatchObject({ status: 200, body: { id: direct.body.id } });

		const notes = boardNotes(await storedDoc(access.boardId));
		expect(notes.map((n) => n.text).sort()).toEqual(['First words', 'Lounge too small']);
		await facilitator('phase', { phase: 'idle' });
		await facilitator('phase', { phase: 'writing' });
		await facilitator('reveal', { what: 'notes' });
		expect(boardNotes(await storedDoc(access.boardId)).map((n) => n.text)).not.toContain(
			'Rewritten'
		);
	});

	it('refuses a vote after its round’s reveal with votes-revealed, and does not count it', async () => {
		const { access, join, board, facilitator, touchpoints } = await workshop();
		const seat = (await join(PHONE, 'Li Wei')).body;
		await facilitator('phase', { phase: 'voting' });
		expect((await board('votes', { item: touchpoints[0] }, seat.token)).status).toBe(201);
		await facilitator('reveal', { what: 'votes' });
		const late = await board('votes', { item: touchpoints[1] }, seat.token);
		expect(late).toMatchObject({ status: 409, body: { reason: 'votes-revealed' } });
		expect(ballots(await storedDoc(pendingDocId(access.boardId)))).toHaveLength(1);
	});

	it('stops a removed seat: its token is refused for notes and votes, its socket closed with 4407', async () => {
		const { map, access, join, board, facilitator, touchpoints } = await workshop();
		const removed = (await join(PHONE, 'Li Wei')).body;
		const kept = (await join(OTHER_PHONE, 'Wang Fang')).body;
		const phone = connectClient(server.wsUrl, access.boardId, removed.token);
		const otherPhone = connectClient(server.wsUrl, access.boardId, kept.token);
		await vi.waitFor(() => expect(phone.provider.synced && otherPhone.provider.synced).toBe(true));

		// Only the owner sees and removes seats.
		const seats = `/api/journeys/${map.id}/seats`;
		expect((await call(seats, undefined, kept.token, 'GET')).status).toBe(401);
		expect((await call(`${seats}/${kept.participant}/remove`, {}, removed.token)).status).toBe(401);
		expect((await facilitator('seats/nobody/remove')).status).toBe(404);

		const answer = await facilitator(`seats/${removed.participant}/remove`);
		expect(answer.status).toBe(200);
		expect(answer.body.seats.map((s: { name: string }) => s.name)).toEqual(['Wang Fang']);
		await vi.waitFor(() => expect(phone.closes).toContain(CloseCode.seatRemoved));
		expect(otherPhone.closes).toEqual([]);
		phone.destroy();
		otherPhone.destroy();

		await facilitator('phase', { phase: 'writing' });
		const note = await board(
			'notes',
			{ text: 'still here?', target: { kind: 'touchpoint', id: touchpoints[0] } },
			removed.token
		);
		expect(note).toMatchObject({ status: 403, body: { reason: 'seat-removed' } });
		await facilitator('phase', { phase: 'voting' });
		const vote = await board('votes', { item: touchpoints[0] }, removed.token);
		expect(vote).toMatchObject({ status: 403, body: { reason: 'seat-removed' } });
		expect(await open(access.boardId, removed.token)).toBe(CloseCode.seatRemoved);
		// The same device cannot sit down again; the other seat works on.
		expect((await join(PHONE, 'Li Wei')).body.reason).toBe('seat-removed');
		expect((await board('votes', { item: touchpoints[0] }, kept.token)).status).toBe(201);
	});

	it('refuses a rotated join link while every seat keeps working', async () => {
		const { access, join, board, facilitator, touchpoints } = await workshop();
		const seat = (await join(PHONE, 'Li Wei')).body;
		const rotated = await facilitator('join-link/rotate');
		expect(rotated.status).toBe(200);
		expect(rotated.body.participantToken).not.toBe(access.participantToken);

		const stale = await join(OTHER_PHONE, 'Latecomer');
		expect(stale).toMatchObject({ status: 401, body: { reason: 'token-revoked' } });
		expect(await open(access.boardId, access.participantToken)).toBe(CloseCode.tokenRevoked);
		const fresh = await join(OTHER_PHONE, 'Latecomer', rotated.body.participantToken);
		expect(fresh.status).toBe(200);

		await facilitator('phase', { phase: 'voting' });
		expect((await board('votes', { item: touchpoints[0] }, seat.token)).status).toBe(201);
		const phone = connectClient(server.wsUrl, access.boardId, seat.token);
		await vi.waitFor(() => expect(phone.provider.synced).toBe(true));
		phone.destroy();
	});
});

describe('facilitator-only state', () => {
	it("an editor of the map cannot change the workshop's phase, modes or marks through Yjs", async () => {
		const { map, access, join, board, facilitator, touchpoints } = await workshop();
		const link = await call(`/api/docs/${map.id}/links`, { role: 'editor' }, map.token);
		expect(link.status).toBe(201);
		const before = readWorkshop(await storedDoc(map.id));
		expect(before).toMatchObject({ phase: 'idle', silent: true, locked: false });

		const attempts: ((doc: Y.Doc) => void)[] = [
			(doc) => doc.getMap('workshop').set('phase', 'voting'),
			(doc) => doc.getMap('workshop').set('silent', false),
			(doc) => doc.getMap('workshop').set('locked', true),
			(doc) => doc.getMap('workshop').delete('board'),
			(doc) => doc.getMap('workshopMarks').set('999', { round: 9, notes: 9, votes: 9 })
		];
		for (const attempt of attempts) {
			const editor = connectClient(server.wsUrl, map.id, link.body.token);
			await vi.waitFor(() => expect(editor.provider.synced).toBe(true));
			attempt(editor.doc);
			await vi.waitFor(() => expect(editor.closes).toContain(CloseCode.facilitatorOnly));
			editor.destroy();
		}
		expect(readWorkshop(await storedDoc(map.id))).toEqual(before);

		// The map itself stays theirs to edit.
		const editor = connectClient(server.wsUrl, map.id, link.body.token);
		await vi.waitFor(() => expect(editor.provider.synced).toBe(true));
		editor.doc.getMap('stages').delete(readJourney(editor.doc).stages[0]!.id);
		await vi.waitFor(() => expect(editor.acks.length).toBeGreaterThan(0));
		expect(editor.closes).toEqual([]);
		editor.destroy();

		// The routes still act on the owner's state: silent writing holds the note, voting is closed.
		await facilitator('phase', { phase: 'writing' });
		const seat = (await join(PHONE, 'Li Wei')).body;
		const rest = readJourney(await storedDoc(map.id)).stages.flatMap((s) =>
			s.touchpoints.map((t) => t.id)
		);
		const note = await board(
			'notes',
			{ text: 'quiet', target: { kind: 'touchpoint', id: rest[0] ?? touchpoints[0] } },
			seat.token
		);
		expect(note.body.held).toBe(true);
		expect((await board('votes', { item: rest[0] }, seat.token)).body.reason).toBe('closed');
		expect(boardNotes(await storedDoc(access.boardId))).toEqual([]);
	});

	it('the owner still writes the workshop state through Yjs', async () => {
		const { map } = await workshop();
		const owner = connectClient(server.wsUrl, map.id, map.token);
		await vi.waitFor(() => expect(owner.provider.synced).toBe(true));
		owner.doc.getMap('workshop').set('anonymous', true);
		await vi.waitFor(async () =>
			expect(readWorkshop(await storedDoc(map.id)).anonymous).toBe(true)
		);
		expect(owner.closes).toEqual([]);
		owner.destroy();
	});
});
