/**
 * One capability model: a document a person made themselves — a journey, a cycle, an account —
 * never yields a byte of another document, whatever its Yjs fields say. Who may open what comes
 * from the server's registry (kind, parent, epochs), and rotation reaches the children.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { loadSecret } from '../../server/secret.ts';
import { createTokenIssuer, type TokenIssuer } from '../../server/tokens.ts';
import { pendingDocId } from '../../src/lib/model/journey-board.ts';
import { readJourney } from '../../src/lib/model/journey.ts';
import { addSubject, setRaterCap, startCycle } from '../../src/lib/model/review-cycle.ts';
import { CloseCode } from '../../src/lib/transport/protocol.ts';
import { connectClient, startTestServer, type TestServer } from './helpers/relay-harness.ts';

let server: TestServer;
/** The server's own signer: what an attacker who somehow got a signature for any claims could do. */
let signer: TokenIssuer;
beforeAll(async () => {
	server = await startTestServer();
	signer = createTokenIssuer(loadSecret(undefined, server.dataDir));
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

/** Opens a raw socket; resolves with the close code and whether any document data arrived. */
function open(docId: string, token: string): Promise<{ code: number; gotData: boolean }> {
	return new Promise((resolve) => {
		const ws = new WebSocket(`${server.wsUrl}/${docId}?token=${token}`);
		let gotData = false;
		ws.on('message', () => (gotData = true));
		ws.on('close', (code) => resolve({ code, gotData }));
		ws.on('error', () => {});
	});
}

/** Writes `fn`'s changes into a document through the relay, as its owner's client would. */
async function writeThroughRelay(docId: string, token: string, fn: (doc: Y.Doc) => void) {
	const client = connectClient(server.wsUrl, docId, token);
	await vi.waitFor(() => expect(client.provider.synced).toBe(true));
	const before = client.acks.length;
	fn(client.doc);
	await vi.waitFor(() => expect(client.acks.length).toBeGreaterThan(before));
	client.destroy();
}

const journey = async () =>
	(await call('/api/docs', { kind: 'journey', template: 'blank', locale: 'en' })).body as {
		id: string;
		token: string;
	};

describe('capabilities come from the registry', () => {
	it("a journey's board field pointed at someone else's documents yields none of them", async () => {
		const victimAccount = (await call('/api/docs', { kind: 'account', title: '华远' })).body;
		const victimCycle = (await call('/api/docs', { kind: 'review-cycle', title: 'HR' })).body;
		const victimMap = await journey();
		const victimBoard = (await call(`/api/journeys/${victimMap.id}/workshop`, {}, victimMap.token))
			.body.boardId as string;
		const attacker = await journey();

		for (const target of [
			victimAccount.id,
			victimCycle.id,
			victimBoard,
			pendingDocId(victimBoard),
			victimMap.id
		]) {
			await writeThroughRelay(attacker.id, attacker.token, (doc) =>
				doc.getMap('workshop').set('board', target)
			);
			const access = await call(`/api/journeys/${attacker.id}/board-access`, {}, attacker.token);
			expect(access).toMatchObject({ status: 404, body: { reason: 'no-board' } });
		}

		// Once the attacker opens a workshop of their own, they get their own board and only that.
		const own = await call(`/api/journeys/${attacker.id}/workshop`, {}, attacker.token);
		expect(own.status).toBe(200);
		expect(own.body.boardId).not.toBe(victimBoard);
		await writeThroughRelay(attacker.id, attacker.token, (doc) =>
			doc.getMap('workshop').set('board', victimBoard)
		);
		const access = await call(`/api/journeys/${attacker.id}/board-access`, {}, attacker.token);
		expect(access.body.boardId).toBe(own.body.boardId);
		expect(await open(victimBoard, access.body.token)).toEqual({
			code: CloseCode.tokenWrongDocument,
			gotData: false
		});
	});

	it('reveal publishes only the journey’s own held notes, whatever its board field says', async () => {
		const victim = await journey();
		const victimAccess = (await call(`/api/journeys/${victim.id}/workshop`, {}, victim.token)).body;
		const attacker = await journey();
		await call(`/api/journeys/${attacker.id}/workshop`, {}, attacker.token);
		// The victim's room writes silently.
		await writeThroughRelay(victim.id, victim.token, (doc) =>
			doc.getMap('workshop').set('silent', true)
		);
		await call(`/api/journeys/${victim.id}/phase`, { phase: 'writing' }, victim.token);
		const seat = (
			await call(
				`/api/boards/${victimAccess.boardId}/join`,
				{ device: 'victim-device-key-0001', name: 'Li Wei' },
				victimAccess.participantToken
			)
		).body;
		const map = new Y.Doc();
		for (const update of await server.services.store.load(victim.id)) Y.applyUpdate(map, update);
		const stage = readJourney(map).stages[0]!.id;
		const held = await call(
			`/api/boards/${victimAccess.boardId}/notes`,
			{ text: 'held until our reveal', target: { kind: 'stage', id: stage } },
			seat.token
		);
		expect(held).toMatchObject({ status: 201, body: { held: true } });

		await writeThroughRelay(attacker.id, attacker.token, (doc) =>
			doc.getMap('workshop').set('board', victimAccess.boardId)
		);
		// Raised marks: the attacker's own rounds run ahead of the victim's before each reveal.
		for (let i = 0; i < 3; i++) {
			await call(`/api/journeys/${attacker.id}/phase`, { phase: 'writing' }, attacker.token);
			await call(`/api/journeys/${attacker.id}/reveal`, { what: 'notes' }, attacker.token);
		}
		const board = new Y.Doc();
		for (const update of await server.services.store.load(victimAccess.boardId)) {
			Y.applyUpdate(board, update);
		}
		expect(board.getMap('notes').size).toBe(0);
		// The victim's own reveal still publishes it: the attacker's reveals touched nothing.
		await call(`/api/journeys/${victim.id}/reveal`, { what: 'notes' }, victim.token);
		const after = new Y.Doc();
		for (const update of await server.services.store.load(victimAccess.boardId)) {
			Y.applyUpdate(after, update);
		}
		expect(after.getMap('notes').size).toBe(1);
	});

	it("a token is refused for a document of another kind than the registry's", async () => {
		const account = (await call('/api/docs', { kind: 'account', title: 'x' })).body;
		for (const kind of ['journey-board', 'journey', 'review-draft', 'workspace'] as const) {
			const token = await signer.sign({ docId: account.id, kind, role: 'viewer', epoch: 0 });
			expect(await open(account.id, token)).toEqual({
				code: CloseCode.tokenWrongDocument,
				gotData: false
			});
		}
	});

	it('no token of any kind opens a board’s server-only pending document', async () => {
		const map = await journey();
		const { boardId } = (await call(`/api/journeys/${map.id}/workshop`, {}, map.token)).body;
		for (const kind of ['journey-pending', 'journey-board'] as const) {
			const token = await signer.sign({
				docId: pendingDocId(boardId),
				kind,
				role: 'owner',
				epoch: 0
			});
			const result = await open(pendingDocId(boardId), token);
			expect(result.gotData).toBe(false);
			expect([CloseCode.tokenInvalid, CloseCode.tokenWrongDocument]).toContain(result.code);
		}
	});

	it("rotating a journey's links revokes its board links, join link and seats", async () => {
		const map = await journey();
		const workshop = (await call(`/api/journeys/${map.id}/workshop`, {}, map.token)).body;
		const device = { device: 'phone-device-key-0001', name: 'Li Wei' };
		const seat = (
			await call(`/api/boards/${workshop.boardId}/join`, device, workshop.participantToken)
		).body;
		const watcher = connectClient(server.wsUrl, workshop.boardId, workshop.boardViewerToken);
		await vi.waitFor(() => expect(watcher.provider.synced).toBe(true));

		const rotated = await call(`/api/docs/${map.id}/rotate`, {}, map.token);
		expect(rotated.status).toBe(200);
		await vi.waitFor(() => expect(watcher.closes).toContain(CloseCode.tokenRevoked));
		watcher.destroy();

		for (const token of [workshop.boardViewerToken, workshop.participantToken, seat.token]) {
			expect(await open(workshop.boardId, token)).toEqual({
				code: CloseCode.tokenRevoked,
				gotData: false
			});
		}
		const join = await call(
			`/api/boards/${workshop.boardId}/join`,
			device,
			workshop.participantToken
		);
		expect(join).toMatchObject({ status: 401, body: { reason: 'token-revoked' } });
		// The new owner token opens the same board again, with fresh links.
		const again = (await call(`/api/journeys/${map.id}/workshop`, {}, rotated.body.token)).body;
		expect(again.boardId).toBe(workshop.boardId);
		expect(
			(await call(`/api/boards/${again.boardId}/join`, device, again.participantToken)).status
		).toBe(200);
	});

	it("rotating a cycle's links revokes its subject and manager links", async () => {
		const { id, token } = await server.createDoc('review-cycle');
		const doc = new Y.Doc();
		startCycle(doc, 'frontline');
		setRaterCap(doc, 1);
		const subject = addSubject(doc, '李雷', 'boss@example.com')!;
		await server.services.store.append([{ docId: id, update: Y.encodeStateAsUpdate(doc) }]);
		const links = (await call(`/api/reviews/${id}/nomination-links`, {}, token)).body.links;
		const { subjectToken, managerToken } = links[0];
		const path = `/api/reviews/${id}/proposals/${subject}`;
		expect((await call(path, undefined, subjectToken, 'GET')).status).toBe(200);
		expect((await call(path, undefined, managerToken, 'GET')).status).toBe(200);

		await server.rotate(id, token);
		expect((await call(path, undefined, subjectToken, 'GET')).status).toBe(401);
		expect((await call(path, undefined, managerToken, 'GET')).status).toBe(401);
	});
});
