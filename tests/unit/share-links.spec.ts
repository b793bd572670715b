/** Owners see the links they issued, by role, and revoke one role's links without the other's. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { CloseCode } from '../../src/lib/transport/protocol.ts';
import { connectClient, startTestServer, type TestServer } from './helpers/relay-harness.ts';

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
	return { status: response.status, body: await response.json() };
}

function closeCodeOf(docId: string, token: string): Promise<{ code: number; gotData: boolean }> {
	return new Promise((resolve) => {
		const ws = new WebSocket(`${server.wsUrl}/${docId}?token=${token}`);
		let gotData = false;
		ws.on('message', () => {
			gotData = true;
			ws.close();
		});
		ws.on('close', (code) => resolve({ code, gotData }));
	});
}

describe('share links by role', () => {
	it('lists issued links by role; revoking editors leaves viewers working', async () => {
		const { id, token } = await server.createDoc();
		const editorA = await server.link(id, token, 'editor');
		const editorB = await server.link(id, token, 'editor', 7);
		const viewer = await server.link(id, token, 'viewer');

		const listed = await call(`/api/docs/${id}/links`, token);
		expect(listed.status).toBe(200);
		const roles = (listed.body.links as Array<{ role: string; expiresAt?: number }>).map(
			(l) => l.role
		);
		expect(roles.sort()).toEqual(['editor', 'editor', 'viewer']);
		expect(listed.body.links.filter((l: { expiresAt?: number }) => l.expiresAt)).toHaveLength(1);

		const open = connectClient(server.wsUrl, id, editorA);
		await vi.waitFor(() => expect(open.provider.synced).toBe(true));
		const revoked = await call(`/api/docs/${id}/links/revoke`, token, { role: 'editor' });
		expect(revoked.status).toBe(200);
		expect(revoked.body.links.map((l: { role: string }) => l.role)).toEqual(['viewer']);
		await vi.waitFor(() => expect(open.closes).toContain(CloseCode.tokenRevoked));
		open.destroy();

		for (const editor of [editorA, editorB]) {
			expect(await closeCodeOf(id, editor)).toEqual({
				code: CloseCode.tokenRevoked,
				gotData: false
			});
		}
		expect((await closeCodeOf(id, viewer)).gotData).toBe(true);
		// A new editor link works, and the owner's own token was never touched.
		expect((await closeCodeOf(id, await server.link(id, token, 'editor'))).gotData).toBe(true);
		expect((await closeCodeOf(id, token)).gotData).toBe(true);
	});

	it('only the owner lists or revokes links', async () => {
		const { id, token } = await server.createDoc();
		const editor = await server.link(id, token, 'editor');
		expect(await call(`/api/docs/${id}/links`, editor)).toMatchObject({
			status: 403,
			body: { reason: 'not-owner' }
		});
		expect((await call(`/api/docs/${id}/links/revoke`, editor, { role: 'viewer' })).status).toBe(
			403
		);
		expect((await call(`/api/docs/${id}/links/revoke`, token, { role: 'owner' })).status).toBe(400);
	});

	it('rotation ends every listed link', async () => {
		const { id, token } = await server.createDoc();
		await server.link(id, token, 'editor');
		await server.link(id, token, 'viewer');
		const owner = await server.rotate(id, token);
		expect((await call(`/api/docs/${id}/links`, owner)).body.links).toEqual([]);
	});
});
