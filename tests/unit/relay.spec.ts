import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { CloseCode, DeniedReason } from '../../src/lib/transport/protocol.ts';
import {
	connectClient,
	startTestServer,
	stateOf,
	type TestClient,
	type TestServer
} from './helpers/relay-harness.ts';
import { testDatabase } from './helpers/postgres.ts';

let server: TestServer;
const clients: TestClient[] = [];
const client = (docId: string, token: string | undefined, doc?: Y.Doc) => {
	const c = connectClient(server.wsUrl, docId, token, doc);
	clients.push(c);
	return c;
};
const synced = (c: TestClient) =>
	vi.waitFor(() => expect(c.provider.synced).toBe(true), { timeout: 5000 });

/** The relay behaves the same on either document store. */
const backends = [
	{ name: 'SQLite', databaseUrl: async (): Promise<string | undefined> => undefined },
	{ name: 'PostgreSQL', databaseUrl: () => testDatabase('relay') }
];

/** Opens a raw socket and resolves with the close code (and whether any data arrived first). */
function rawSocket(path: string): Promise<{ code: number; gotData: boolean }> {
	return new Promise((resolve) => {
		const ws = new WebSocket(server.wsUrl + path);
		let gotData = false;
		ws.on('message', () => (gotData = true));
		ws.on('close', (code) => resolve({ code, gotData }));
	});
}

/** Updates in the document's log, as the server's store holds them. */
function storedUpdates(docId: string): Promise<number> {
	return server.services.store.logLength(docId);
}

describe.each(backends)('relay on $name', (backend) => {
	let databaseUrl: string | undefined;
	const start = (overrides: Parameters<typeof startTestServer>[0] = {}) =>
		startTestServer({ databaseUrl, ...overrides });
	beforeAll(async () => {
		databaseUrl = await backend.databaseUrl();
	});
	beforeEach(async () => {
		server = await start();
	});
	afterEach(async () => {
		for (const c of clients.splice(0)) c.destroy();
		await server.stop();
	});

	it('two clients converge and each gets a saved acknowledgement', async () => {
		const { id, token } = await server.createDoc();
		const a = client(id, token);
		const b = client(id, token);
		await Promise.all([synced(a), synced(b)]);
		// Several updates each: the acknowledged state vector must follow all of them, not the first.
		for (const word of ['hello ', 'big ', 'world ']) {
			a.doc.getText('t').insert(0, word);
			b.doc.getText('t').insert(0, word);
		}
		await vi.waitFor(() => {
			expect(a.doc.getText('t').toString()).toHaveLength(32);
			expect(stateOf(a.doc)).toBe(stateOf(b.doc));
		});
		await vi.waitFor(() => {
			const ack = a.acks.at(-1);
			expect(ack).toBeDefined();
			const stored = Y.decodeStateVector(ack!.stateVector);
			expect(stored.get(a.doc.clientID)).toBe(Y.getState(a.doc.store, a.doc.clientID));
			expect(stored.get(b.doc.clientID)).toBe(Y.getState(b.doc.store, b.doc.clientID));
		});
	});

	it('a late joiner gets the full state from the store after the room unloaded', async () => {
		const { id, token } = await server.createDoc();
		const a = client(id, token);
		await synced(a);
		for (let i = 0; i < 50; i++) a.doc.getArray<number>('n').push([i]);
		await vi.waitFor(() => expect(a.acks.at(-1)?.storedMessages).toBeGreaterThanOrEqual(50));
		a.destroy();
		await vi.waitFor(() => expect(server.services.relay.loadedRooms).toBe(0));
		const late = client(id, token);
		await synced(late);
		expect(late.doc.getArray('n').toArray()).toEqual([...Array(50).keys()]);
	});

	it("a viewer's update is neither applied, stored nor forwarded, and the viewer is told", async () => {
		const { id, token } = await server.createDoc();
		const viewerToken = await server.link(id, token, 'viewer');
		const editor = client(id, token);
		const viewer = client(id, viewerToken);
		await Promise.all([synced(editor), synced(viewer)]);
		editor.doc.getMap('m').set('by', 'editor');
		await vi.waitFor(() => expect(viewer.doc.getMap('m').get('by')).toBe('editor'));
		await vi.waitFor(() => expect(editor.acks.length).toBeGreaterThan(0));
		const storedBefore = await storedUpdates(id);

		viewer.doc.getMap('m').set('by', 'viewer');
		await vi.waitFor(() => expect(viewer.denials).toContain(DeniedReason.readOnly));
		// A second client joining now sees what the relay holds: the editor's value only.
		const witness = client(id, token);
		await synced(witness);
		expect(witness.doc.getMap('m').get('by')).toBe('editor');
		expect(editor.doc.getMap('m').get('by')).toBe('editor');
		expect(await storedUpdates(id)).toBe(storedBefore);
		expect(viewer.acks).toHaveLength(0);
	});

	it('refuses missing, forged, expired and other-document tokens before sending data', async () => {
		const { id, token } = await server.createDoc();
		const other = await server.createDoc();
		const [header, payload] = token.split('.');
		const forged = `${header}.${payload}.${'A'.repeat(43)}`;
		vi.useFakeTimers({ toFake: ['Date'] });
		const expiring = await server.link(id, token, 'editor', 1);
		vi.setSystemTime(Date.now() + 2 * 24 * 3600 * 1000);
		const expired = await rawSocket(`/${id}?token=${expiring}`);
		vi.useRealTimers();

		expect(await rawSocket(`/${id}`)).toEqual({ code: CloseCode.tokenMissing, gotData: false });
		expect(await rawSocket(`/${id}?token=${forged}`)).toEqual({
			code: CloseCode.tokenInvalid,
			gotData: false
		});
		expect(expired).toEqual({ code: CloseCode.tokenExpired, gotData: false });
		expect(await rawSocket(`/${id}?token=${other.token}`)).toEqual({
			code: CloseCode.tokenWrongDocument,
			gotData: false
		});
		expect(await rawSocket(`/${id}?token=garbage`)).toEqual({
			code: CloseCode.tokenInvalid,
			gotData: false
		});
		expect(await rawSocket(`/bad$id?token=${token}`)).toEqual({
			code: CloseCode.badDocumentId,
			gotData: false
		});
	});

	it('rotating closes open connections that use older tokens, and refuses them afterwards', async () => {
		const { id, token } = await server.createDoc();
		const viewerToken = await server.link(id, token, 'viewer');
		const viewer = client(id, viewerToken);
		await synced(viewer);
		const newOwner = await server.rotate(id, token);
		await vi.waitFor(() => expect(viewer.closes).toContain(CloseCode.tokenRevoked));
		expect((await rawSocket(`/${id}?token=${token}`)).code).toBe(CloseCode.tokenRevoked);
		const fresh = client(id, newOwner);
		await synced(fresh);
	});

	it.each([
		['random bytes', Uint8Array.from({ length: 64 }, (_, i) => (i * 97 + 13) % 256)],
		['a truncated varint', new Uint8Array([0x80])],
		['an unknown message type', new Uint8Array([42, 0])],
		['an absurd length prefix', new Uint8Array([0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2])],
		['a truncated sync update', new Uint8Array([0, 2, 10, 1, 2, 3])]
	])('a frame with %s closes only that connection', async (_name, frame) => {
		const { id, token } = await server.createDoc();
		const good = client(id, token);
		await synced(good);
		const bad = new WebSocket(`${server.wsUrl}/${id}?token=${token}`);
		const code = await new Promise<number>((resolve) => {
			bad.on('open', () => bad.send(frame));
			bad.on('close', (c) => resolve(c));
		});
		expect(code).toBe(CloseCode.protocolError);
		// Everyone else is still served.
		good.doc.getText('t').insert(0, 'still here');
		const witness = client(id, token);
		await vi.waitFor(() => expect(witness.doc.getText('t').toString()).toBe('still here'));
	});

	it('a frame over the size limit closes the connection with 1009', async () => {
		await server.stop();
		server = await start({ maxMessageBytes: 1024 });
		const { id, token } = await server.createDoc();
		const ws = new WebSocket(`${server.wsUrl}/${id}?token=${token}`);
		const code = await new Promise<number>((resolve) => {
			ws.on('open', () => ws.send(new Uint8Array(4096)));
			ws.on('close', (c) => resolve(c));
		});
		expect(code).toBe(CloseCode.messageTooLarge);
	});

	it('limits connection attempts per address per minute', async () => {
		await server.stop();
		server = await start({ connectionsPerMinute: 3 });
		const { id, token } = await server.createDoc();
		const codes = [];
		for (let i = 0; i < 4; i++) {
			const ws = new WebSocket(`${server.wsUrl}/${id}?token=${token}`);
			codes.push(
				await new Promise<number | 'open'>((resolve) => {
					ws.on('message', () => {
						resolve('open');
						ws.close();
					});
					ws.on('close', (c) => resolve(c));
				})
			);
		}
		expect(codes).toEqual(['open', 'open', 'open', CloseCode.rateLimited]);
	});

	it('relays presence, and drops awareness entries for client ids a socket does not own', async () => {
		const { id, token } = await server.createDoc();
		const a = client(id, token);
		const b = client(id, token);
		await Promise.all([synced(a), synced(b)]);
		a.provider.awareness.setLocalStateField('user', { name: 'A' });
		await vi.waitFor(() =>
			expect(b.provider.awareness.getStates().get(a.doc.clientID)).toEqual({ user: { name: 'A' } })
		);
		// b claims a third client id through its socket: the relay must not pass it on.
		const spoofed = new Y.Doc();
		const { Awareness, encodeAwarenessUpdate } = await import('y-protocols/awareness');
		const fake = new Awareness(spoofed);
		fake.setLocalState({ user: { name: 'spoof' } });
		const frame = new Uint8Array([1, ...varBytes(encodeAwarenessUpdate(fake, [spoofed.clientID]))]);
		b.provider.awareness.setLocalStateField('user', { name: 'B' });
		await vi.waitFor(() => expect(a.provider.awareness.getStates().has(b.doc.clientID)).toBe(true));
		b.provider.ws!.send(frame);
		b.provider.awareness.setLocalStateField('user', { name: 'B2' });
		await vi.waitFor(() =>
			expect(a.provider.awareness.getStates().get(b.doc.clientID)).toEqual({ user: { name: 'B2' } })
		);
		expect(a.provider.awareness.getStates().has(spoofed.clientID)).toBe(false);
		fake.destroy();
	});
});

/** A varUint8Array: length prefix then bytes. */
function varBytes(bytes: Uint8Array): number[] {
	const out: number[] = [];
	let n = bytes.length;
	while (n > 0x7f) {
		out.push((n & 0x7f) | 0x80);
		n >>>= 7;
	}
	out.push(n);
	return [...out, ...bytes];
}
