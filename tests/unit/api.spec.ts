import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readMeta } from '../../src/lib/model/meta.ts';
import { startTestServer, type TestServer } from './helpers/relay-harness.ts';

let server: TestServer;
beforeAll(async () => {
	// This suite creates far more documents than one address may in a burst; the limits have
	// their own tests (creation-limits.spec.ts).
	server = await startTestServer({ createBurst: 1000, instanceCreateBurst: 1000 });
});
afterAll(() => server.stop());

async function call(path: string, init: { body?: unknown; token?: string; method?: string } = {}) {
	const response = await fetch(server.url + path, {
		method: init.method ?? 'POST',
		headers: {
			'content-type': 'application/json',
			...(init.token ? { authorization: `Bearer ${init.token}` } : {})
		},
		body: init.body === undefined ? undefined : JSON.stringify(init.body)
	});
	const text = await response.text();
	return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

describe('API', () => {
	it.each(['account', 'journey', 'review-cycle', 'workspace'])(
		'creates a %s document with an owner token',
		async (kind) => {
			const { status, body } = await call('/api/docs', { body: { kind, title: '客户计划' } });
			expect(status).toBe(201);
			expect(body.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
			expect(body.token.split('.')).toHaveLength(3);
		}
	);

	it.each(['journey-board', 'journey-pending', 'review-draft', 'nonsense'])(
		'refuses to create a %s: those are children the server makes for a parent it checked',
		async (kind) => {
			const { status, body } = await call('/api/docs', { body: { kind, title: 'x' } });
			expect(status).toBe(400);
			expect(body.reason).toBe('bad-kind');
		}
	);

	it('stores a new document with its meta, so the first to open it finds kind and title', async () => {
		const { body } = await call('/api/docs', { body: { kind: 'journey', title: '旅客旅程' } });
		const doc = new Y.Doc();
		for (const update of await server.services.store.load(body.id)) Y.applyUpdate(doc, update);
		expect(readMeta(doc)).toMatchObject({ kind: 'journey', title: '旅客旅程', schemaVersion: 1 });
	});

	it.each([
		[{ kind: 'spreadsheet', title: 'x' }, 'bad-kind'],
		[{ title: 'x' }, 'bad-kind'],
		[{ kind: 'account', title: 42 }, 'bad-title'],
		[{ kind: 'account', title: 'x'.repeat(201) }, 'bad-title']
	])('refuses %j with 400 and a reason', async (body, reason) => {
		expect(await call('/api/docs', { body })).toEqual({
			status: 400,
			body: { error: expect.any(String), reason }
		});
	});

	it('refuses a body that is not JSON', async () => {
		const response = await fetch(server.url + '/api/docs', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{nope'
		});
		expect(response.status).toBe(400);
		expect((await response.json()).reason).toBe('bad-json');
	});

	it('mints editor and viewer links for the owner only', async () => {
		const { id, token } = await server.createDoc();
		const editor = await call(`/api/docs/${id}/links`, { token, body: { role: 'editor' } });
		expect(editor.status).toBe(201);
		const viewer = await call(`/api/docs/${id}/links`, {
			token,
			body: { role: 'viewer', expiresInDays: 7 }
		});
		expect(viewer.status).toBe(201);
		expect(
			(await call(`/api/docs/${id}/links`, { token: editor.body.token, body: { role: 'viewer' } }))
				.status
		).toBe(403);
		expect((await call(`/api/docs/${id}/links`, { body: { role: 'viewer' } })).status).toBe(401);
		expect(
			(await call(`/api/docs/${id}/links`, { token, body: { role: 'owner' } })).body.reason
		).toBe('bad-role');
		expect(
			(await call(`/api/docs/${id}/links`, { token, body: { role: 'viewer', expiresInDays: -1 } }))
				.body.reason
		).toBe('bad-expiry');
	});

	it('rotation returns a new owner token and retires every earlier one', async () => {
		const { id, token } = await server.createDoc();
		const rotated = await call(`/api/docs/${id}/rotate`, { token });
		expect(rotated.status).toBe(200);
		expect((await call(`/api/docs/${id}/rotate`, { token })).body.reason).toBe('token-revoked');
		expect(
			(await call(`/api/docs/${id}/links`, { token: rotated.body.token, body: { role: 'viewer' } }))
				.status
		).toBe(201);
	});

	it('answers unknown documents, endpoints and methods clearly', async () => {
		const { token } = await server.createDoc();
		expect((await call('/api/docs/nope/rotate', { token })).status).toBe(404);
		expect(await call('/api/nothing')).toMatchObject({
			status: 404,
			body: { reason: 'no-endpoint' }
		});
		expect((await call('/api/docs', { method: 'GET' })).status).toBe(405);
		expect((await fetch(server.url + '/healthz')).status).toBe(200);
	});
});
