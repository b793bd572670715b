import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { CloseCode } from '../../src/lib/transport/protocol.ts';
import { openSyncedDoc, type SyncedDoc } from '../../src/lib/transport/synced-doc.ts';
import { startTestServer, type TestServer } from './helpers/relay-harness.ts';

let server: TestServer;
const opened: SyncedDoc[] = [];
const unsavedByDoc = new Map<string, number>();

function open(docId: string, token: string): SyncedDoc {
	const synced = openSyncedDoc({
		docId,
		token,
		relayUrl: server.wsUrl,
		persist: false,
		WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
		unsavedStore: {
			get: (id) => unsavedByDoc.get(id) ?? 0,
			set: (id, n) => void unsavedByDoc.set(id, n)
		}
	});
	opened.push(synced);
	return synced;
}

beforeEach(async () => {
	server = await startTestServer();
	unsavedByDoc.clear();
});
afterEach(async () => {
	for (const synced of opened.splice(0)) synced.destroy();
	await server.stop();
});

describe('openSyncedDoc against the real relay', () => {
	it('reaches saved, counts edits until acknowledged, including delete-only ones', async () => {
		const { id, token } = await server.createDoc();
		const synced = open(id, token);
		await vi.waitFor(() => expect(synced.status).toBe('saved'));
		const text = synced.doc.getText('t');
		text.insert(0, 'hello');
		expect(synced.unsaved).toBe(1);
		expect(synced.status).toBe('syncing');
		await vi.waitFor(() => expect(synced.status).toBe('saved'));
		// Deleting moves no state vector; the acknowledgement count still settles it.
		text.delete(0, 2);
		expect(synced.unsaved).toBe(1);
		await vi.waitFor(() => expect(synced.unsaved).toBe(0));
		expect(synced.status).toBe('saved');
	});

	it('counts offline edits, keeps the count for the next session, and saves them on reconnect', async () => {
		const { id, token } = await server.createDoc();
		const first = open(id, token);
		await vi.waitFor(() => expect(first.status).toBe('saved'));
		first.disconnect();
		await vi.waitFor(() => expect(first.status).toBe('offline'));
		for (let i = 0; i < 12; i++) first.doc.getArray<number>('a').push([i]);
		expect(first.unsaved).toBe(12);
		expect(unsavedByDoc.get(id)).toBe(12);

		first.connect();
		await vi.waitFor(() => expect(first.status).toBe('saved'));
		expect(first.unsaved).toBe(0);
		expect(unsavedByDoc.has(id) ? unsavedByDoc.get(id) : 0).toBe(0);

		const other = open(id, token);
		await vi.waitFor(() => expect(other.doc.getArray('a').length).toBe(12));
	});

	it('stops reconnecting once its token is revoked, and says why', async () => {
		const { id, token } = await server.createDoc();
		const editor = await server.link(id, token, 'editor');
		const synced = open(id, editor);
		await vi.waitFor(() => expect(synced.status).toBe('saved'));
		await server.rotate(id, token);
		await vi.waitFor(() => expect(synced.refusedWith).toBe(CloseCode.tokenRevoked));
		expect(synced.status).toBe('offline');
		expect(synced.provider.shouldConnect).toBe(false);
	});
});
