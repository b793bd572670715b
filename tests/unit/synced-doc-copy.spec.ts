import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { openSyncedDoc, type SyncedDoc } from '../../src/lib/transport/synced-doc.ts';
import { startTestServer, type TestServer } from './helpers/relay-harness.ts';

let server: TestServer;
const opened: SyncedDoc[] = [];
const unsavedByDoc = new Map<string, number>();

/** A document kept in (fake) IndexedDB, as in a browser. */
function open(docId: string, token: string): SyncedDoc {
	const synced = openSyncedDoc({
		docId,
		token,
		relayUrl: server.wsUrl,
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

describe('a document opened from its device copy', () => {
	it('loads the copy quietly, then counts, stores and sends what is edited after', async () => {
		const { id, token } = await server.createDoc();
		const first = open(id, token);
		await first.loaded;
		await vi.waitFor(() => expect(first.status).toBe('saved'));
		first.doc.getMap('nodes').set('a', 'from the first visit');
		await vi.waitFor(() => expect(first.unsaved).toBe(0));
		first.destroy();

		// Offline this time: the copy alone.
		const second = open(id, token);
		second.disconnect();
		await second.loaded;
		expect(second.doc.getMap('nodes').get('a')).toBe('from the first visit');
		// Loading is not an edit of this person's.
		expect(second.unsaved).toBe(0);
		second.doc.getMap('nodes').set('b', 'made offline');
		expect(second.unsaved).toBe(1);
		// The edit reaches IndexedDB (the listeners are back): a third visit has it.
		second.destroy();
		const third = open(id, token);
		third.disconnect();
		await third.loaded;
		expect(third.doc.getMap('nodes').get('b')).toBe('made offline');
		// And the relay gets it once connected.
		third.connect();
		await vi.waitFor(() => expect(third.unsaved).toBe(0));
		await vi.waitFor(() => expect(third.status).toBe('saved'));
		const fresh = openSyncedDoc({
			docId: id,
			token,
			relayUrl: server.wsUrl,
			persist: false,
			WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
			unsavedStore: { get: () => 0, set: () => {} }
		});
		opened.push(fresh);
		await vi.waitFor(() => expect(fresh.doc.getMap('nodes').get('b')).toBe('made offline'));
	});
});
