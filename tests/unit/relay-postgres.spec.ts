/**
 * The relay on PostgreSQL while the database restarts: nothing is acknowledged that did not
 * commit, the writer learns its edit is unsaved, and once the database is back the edit is stored
 * without the relay restarting.
 */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../src/lib/transport/protocol.ts';
import { startPostgresCluster, type PostgresCluster } from './helpers/postgres.ts';
import { connectClient, startTestServer, type TestClient } from './helpers/relay-harness.ts';

// A cluster of its own: stopping the run's shared one would fail other files.
let cluster: PostgresCluster;
beforeAll(async () => {
	cluster = await startPostgresCluster();
}, 60_000);
afterAll(() => cluster?.remove());

/** The highest clock of `doc`'s own client that the last acknowledgement says is stored. */
function acknowledged(client: TestClient): number {
	const ack = client.acks.at(-1);
	return ack ? (Y.decodeStateVector(ack.stateVector).get(client.doc.clientID) ?? 0) : 0;
}

it('acknowledges nothing while PostgreSQL is down and stores the edit once it is back', async () => {
	const server = await startTestServer({ databaseUrl: await cluster.createDatabase('relay') });
	const clients: TestClient[] = [];
	try {
		const { id, token } = await server.createDoc();
		const writer = connectClient(server.wsUrl, id, token);
		clients.push(writer);
		await vi.waitFor(() => expect(writer.provider.synced).toBe(true));
		writer.doc.getText('t').insert(0, 'before ');
		const own = () => Y.getState(writer.doc.store, writer.doc.clientID);
		await vi.waitFor(() => expect(acknowledged(writer)).toBe(own()));

		await cluster.stopServer();
		writer.doc.getText('t').insert(7, 'during');
		await vi.waitFor(() => expect(writer.closes).toContain(CloseCode.storeFailure));
		expect(acknowledged(writer)).toBeLessThan(own());

		await cluster.startServer();
		// The client reconnects by itself; its sync step 2 brings the unsaved edit to the store.
		await vi.waitFor(() => expect(acknowledged(writer)).toBe(own()), { timeout: 20_000 });

		const late = connectClient(server.wsUrl, id, token);
		clients.push(late);
		await vi.waitFor(() => expect(late.provider.synced).toBe(true));
		expect(late.doc.getText('t').toString()).toBe('before during');
		const stored = new Y.Doc();
		for (const part of await server.services.store.load(id)) Y.applyUpdate(stored, part);
		expect(stored.getText('t').toString()).toBe('before during');
	} finally {
		for (const client of clients) client.destroy();
		await server.stop();
	}
}, 60_000);
