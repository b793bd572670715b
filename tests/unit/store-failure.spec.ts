import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it, vi } from 'vitest';
import { createAccess } from '../../server/access.ts';
import { createRelay } from '../../server/relay/relay.ts';
import type { DocStore } from '../../server/store/doc-store.ts';
import { openSqliteStore } from '../../server/store/sqlite-store.ts';
import { createTokenIssuer } from '../../server/tokens.ts';
import { CloseCode } from '../../src/lib/transport/protocol.ts';
import { connectClient } from './helpers/relay-harness.ts';

it('a failed commit is never acknowledged; the writer is told and its edit is stored on retry', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'panorama-fail-'));
	const real = openSqliteStore(join(dir, 'panorama.db'));
	let diskFull = false;
	const store: DocStore = {
		...real,
		append: (updates) => (diskFull ? Promise.reject(new Error('disk full')) : real.append(updates))
	};
	const tokens = createTokenIssuer('a-test-secret-that-is-long-enough-0123456789');
	const relay = createRelay({
		store,
		access: createAccess(store, tokens),
		maxMessageBytes: 1 << 20,
		maxBufferedBytes: 1 << 24,
		maxDocumentBytes: 1 << 26,
		connectionsPerMinute: 1000,
		roomIdleMs: 50,
		compactAfterUpdates: 500,
		commitWindowMs: 1
	});
	const http = createServer();
	http.on('upgrade', (request, socket, head) => relay.handleUpgrade(request, socket, head));
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	const wsUrl = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/sync`;
	await store.create({ id: 'doc', kind: 'account', title: '', createdAt: 0, tokenEpoch: 0 });
	const token = await tokens.sign({ docId: 'doc', kind: 'account', role: 'editor', epoch: 0 });

	const writer = connectClient(wsUrl, 'doc', token);
	await vi.waitFor(() => expect(writer.provider.synced).toBe(true));
	const acksBefore = writer.acks.length;
	diskFull = true;
	writer.doc.getText('t').insert(0, 'precious');
	await vi.waitFor(() => expect(writer.closes).toContain(CloseCode.storeFailure));
	expect(writer.acks.length).toBe(acksBefore);

	// The disk recovers; the client reconnects by itself and its sync step 2 stores the edit.
	diskFull = false;
	await vi.waitFor(() => expect(writer.acks.length).toBeGreaterThan(acksBefore), { timeout: 5000 });
	writer.destroy();
	await vi.waitFor(() => expect(relay.loadedRooms).toBe(0));
	const parts = await real.load('doc');
	const { applyUpdate, Doc } = await import('yjs');
	const stored = new Doc();
	for (const part of parts) applyUpdate(stored, part);
	expect(stored.getText('t').toString()).toBe('precious');

	await relay.close();
	await real.close();
	http.close();
	rmSync(dir, { recursive: true, force: true });
});
