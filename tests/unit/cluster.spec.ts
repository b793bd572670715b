/**
 * Three relay instances in one process on one shared PostgreSQL document store and a real Redis
 * between them, with stock y-websocket clients spread over the instances.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { boardNotes } from '../../src/lib/model/journey-board.ts';
import { readJourney, readWorkshop } from '../../src/lib/model/journey.ts';
import { CloseCode, DeniedReason } from '../../src/lib/transport/protocol.ts';
import {
	connectClient,
	startTestServer,
	stateOf,
	type TestClient,
	type TestServer
} from './helpers/relay-harness.ts';
import { startRedis, type TestRedis } from './helpers/redis.ts';
import type { DocStore } from '../../server/store/doc-store.ts';
import { openPostgresStore } from '../../server/store/postgres-store.ts';
import { testDatabase } from './helpers/postgres.ts';

const SECRET = 'cluster-test-secret-0123456789abcdef';
const WAIT = { timeout: 15_000, interval: 50 };

let redis: TestRedis;
let store: DocStore;
let servers: TestServer[];
const clients: TestClient[] = [];

const client = (server: TestServer, docId: string, token: string) => {
	const c = connectClient(server.wsUrl, docId, token);
	clients.push(c);
	return c;
};
const synced = (...cs: TestClient[]) =>
	vi.waitFor(() => expect(cs.every((c) => c.provider.synced)).toBe(true), WAIT);
const health = async (server: TestServer) => {
	const response = await fetch(server.url + '/healthz');
	return { status: response.status, body: (await response.json()) as Record<string, string> };
};
async function call(server: TestServer, path: string, body: unknown, token?: string) {
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
const text = (c: TestClient) => c.doc.getMap('m').toJSON();

beforeAll(async () => {
	redis = await startRedis();
});
afterAll(async () => {
	await redis?.stop();
});
beforeEach(async () => {
	const postgres = openPostgresStore(await testDatabase('cluster'));
	await postgres.ready;
	store = postgres;
	servers = [];
	for (let i = 0; i < 3; i++) {
		servers.push(
			await startTestServer(
				{ redisUrl: redis.url, secret: SECRET, createBurst: 1000, instanceCreateBurst: 1000 },
				{ store }
			)
		);
	}
	await vi.waitFor(async () => {
		for (const server of servers) expect((await health(server)).status).toBe(200);
	}, WAIT);
});
afterEach(async () => {
	for (const c of clients.splice(0)) c.destroy();
	for (const server of servers) await server.stop();
	await store.close();
});

describe('three instances on one store and Redis', () => {
	it('converge, acknowledge locally, and bring a late joiner on the third everything', async () => {
		const [s0, s1, s2] = servers as [TestServer, TestServer, TestServer];
		expect((await health(s0)).body).toEqual({ store: 'ready', bus: 'ready' });
		const { id, token } = await s0.createDoc();
		const a = client(s0, id, token);
		const b = client(s1, id, token);
		await synced(a, b);
		a.doc.getMap('m').set('a', 1);
		b.doc.getMap('m').set('b', 2);
		await vi.waitFor(() => {
			expect(text(a)).toEqual({ a: 1, b: 2 });
			expect(text(b)).toEqual({ a: 1, b: 2 });
		}, WAIT);
		await vi.waitFor(() => expect(a.acks.length > 0 && b.acks.length > 0).toBe(true), WAIT);

		const late = client(s2, id, token);
		await synced(late);
		await vi.waitFor(() => expect(text(late)).toEqual({ a: 1, b: 2 }), WAIT);
		late.doc.getMap('m').set('c', 3);
		await vi.waitFor(() => {
			for (const c of [a, b, late]) expect(text(c)).toEqual({ a: 1, b: 2, c: 3 });
		}, WAIT);
		await vi.waitFor(() => expect(late.acks.length).toBeGreaterThan(0), WAIT);
		// Each update is stored once, by the instance that accepted it.
		const stored = new Y.Doc();
		for (const update of await store.load(id)) Y.applyUpdate(stored, update);
		expect(stored.getMap('m').toJSON()).toEqual({ a: 1, b: 2, c: 3 });
		expect(stateOf(stored)).toBe(stateOf(a.doc));
	});

	it("refuses a viewer's write on every instance", async () => {
		const [s0, s1] = servers as [TestServer, TestServer, TestServer];
		const { id, token } = await s0.createDoc();
		const viewerToken = await s0.link(id, token, 'viewer');
		const owner = client(s0, id, token);
		const viewers = servers.map((server) => client(server, id, viewerToken));
		await synced(owner, ...viewers);
		viewers.forEach((viewer, i) => viewer.doc.getMap('m').set(`viewer-${i}`, i));
		await vi.waitFor(() => {
			for (const viewer of viewers) expect(viewer.denials).toContain(DeniedReason.readOnly);
		}, WAIT);
		// An owner's write through another instance comes after the refused ones and reaches all.
		const writer = client(s1, id, token);
		await synced(writer);
		writer.doc.getMap('m').set('owner', true);
		await vi.waitFor(() => expect(writer.acks.length).toBeGreaterThan(0), WAIT);
		await vi.waitFor(() => {
			for (const c of [owner, ...viewers]) expect(c.doc.getMap('m').get('owner')).toBe(true);
		}, WAIT);
		expect(text(owner)).toEqual({ owner: true });
		const stored = new Y.Doc();
		for (const update of await store.load(id)) Y.applyUpdate(stored, update);
		expect(stored.getMap('m').toJSON()).toEqual({ owner: true });
	});

	it('brings edits made while Redis was paused to everyone once it is back', async () => {
		const [s0, s1, s2] = servers as [TestServer, TestServer, TestServer];
		const { id, token } = await s0.createDoc();
		const a = client(s0, id, token);
		const b = client(s1, id, token);
		await synced(a, b);
		a.doc.getMap('m').set('before', 0);
		await vi.waitFor(() => expect(text(b)).toEqual({ before: 0 }), WAIT);

		redis.pause();
		try {
			await vi.waitFor(async () => {
				for (const server of servers) {
					const { status, body } = await health(server);
					expect(status).toBe(503);
					expect(body).toEqual({ store: 'ready', bus: 'down' });
				}
			}, WAIT);
			const acked = [a.acks.length, b.acks.length];
			a.doc.getMap('m').set('a', 1);
			b.doc.getMap('m').set('b', 2);
			// Saved means stored, bus or no bus.
			await vi.waitFor(() => {
				expect(a.acks.length).toBeGreaterThan(acked[0]!);
				expect(b.acks.length).toBeGreaterThan(acked[1]!);
			}, WAIT);
		} finally {
			redis.resume();
		}
		await vi.waitFor(async () => {
			for (const server of servers) expect((await health(server)).status).toBe(200);
		}, WAIT);
		await vi.waitFor(() => {
			for (const x of [a, b]) expect(text(x)).toEqual({ before: 0, a: 1, b: 2 });
		}, WAIT);
		expect(stateOf(a.doc)).toBe(stateOf(b.doc));
		// And the bus carries edits again.
		const c = client(s2, id, token);
		await synced(c);
		c.doc.getMap('m').set('c', 3);
		await vi.waitFor(() => {
			for (const x of [a, b]) expect(text(x)).toEqual({ before: 0, a: 1, b: 2, c: 3 });
		}, WAIT);
	});

	it('closes sockets on the other instances when the links are rotated on one', async () => {
		const [s0, s1, s2] = servers as [TestServer, TestServer, TestServer];
		const { id, token } = await s0.createDoc();
		const editorToken = await s0.link(id, token, 'editor');
		const e1 = client(s1, id, editorToken);
		const e2 = client(s2, id, editorToken);
		await synced(e1, e2);
		const fresh = await s0.rotate(id, token);
		await vi.waitFor(() => {
			expect(e1.closes).toContain(CloseCode.tokenRevoked);
			expect(e2.closes).toContain(CloseCode.tokenRevoked);
		}, WAIT);
		// The other instances read the new epoch, not what they had cached.
		expect((await call(s2, `/api/docs/${id}/links`, { role: 'viewer' }, token)).status).toBe(401);
		expect((await call(s2, `/api/docs/${id}/links`, { role: 'viewer' }, fresh)).status).toBe(201);
	});

	it('publishes a reveal requested on one instance to a projector on another', async () => {
		const [s0, s1, s2] = servers as [TestServer, TestServer, TestServer];
		const { body: map } = await call(s0, '/api/docs', {
			kind: 'journey',
			template: 'airline',
			locale: 'en'
		});
		const { body: access } = await call(s0, `/api/journeys/${map.id}/workshop`, {}, map.token);
		const projector = client(s2, access.boardId, access.boardViewerToken);
		const journeyView = client(s0, map.id, access.journeyViewerToken);
		await synced(projector, journeyView);

		expect(
			(await call(s1, `/api/journeys/${map.id}/phase`, { phase: 'writing' }, map.token)).status
		).toBe(200);
		await vi.waitFor(() => expect(readWorkshop(journeyView.doc).phase).toBe('writing'), WAIT);
		const { body: seat } = await call(
			s2,
			`/api/boards/${access.boardId}/join`,
			{ device: 'device-of-person-1-0123456789', name: 'person-1' },
			access.participantToken
		);
		const touchpoint = readJourney(journeyView.doc).stages[0]!.touchpoints[0]!.id;
		const written = await call(
			s0,
			`/api/boards/${access.boardId}/notes`,
			{ text: 'Check-in queue is too long', target: { kind: 'touchpoint', id: touchpoint } },
			seat.token
		);
		expect(written.status).toBe(201);
		expect(written.body.held).toBe(true);
		expect(boardNotes(projector.doc)).toEqual([]);

		const revealed = await call(s1, `/api/journeys/${map.id}/reveal`, { what: 'notes' }, map.token);
		expect(revealed.status).toBe(200);
		await vi.waitFor(() => {
			expect(boardNotes(projector.doc).map((n) => n.text)).toEqual(['Check-in queue is too long']);
			expect(readWorkshop(journeyView.doc)).toEqual(revealed.body);
		}, WAIT);
	});
});

describe('a hostile bus', () => {
	it('drops malformed messages on document and control channels and keeps serving', async () => {
		const { default: Redis } = await import('ioredis');
		const [s0, s1] = servers as [TestServer, TestServer, TestServer];
		const { id, token } = await s0.createDoc();
		const a = client(s0, id, token);
		const b = client(s1, id, token);
		await synced(a, b);
		const intruder = new Redis(redis.url);
		try {
			const junk = [
				Buffer.alloc(0),
				Buffer.from([1, 2, 3]),
				Buffer.concat([Buffer.alloc(8, 7), Buffer.from([0, 1, 0xff, 0xff, 0xff, 0xff, 0x7f])]),
				Buffer.concat([Buffer.alloc(8, 7), Buffer.from([1, 0xff])]),
				Buffer.concat([Buffer.alloc(8, 7), Buffer.from('{not json')])
			];
			for (const message of junk) {
				await intruder.publish(`panorama:doc:${id}`, message);
				await intruder.publish('panorama:control', message);
			}
			await intruder.publish(
				'panorama:control',
				Buffer.concat([Buffer.alloc(8, 7), Buffer.from(JSON.stringify({ op: 'drop', docId: 7 }))])
			);
		} finally {
			intruder.disconnect();
		}
		a.doc.getMap('m').set('after', 1);
		await vi.waitFor(() => expect(text(b)).toEqual({ after: 1 }), WAIT);
		for (const server of servers) expect((await health(server)).status).toBe(200);
		expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
	});
});
