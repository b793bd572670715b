/**
 * Honest recovery: a server whose write-ahead log lost acknowledged transactions refuses to start
 * and says what it found, instead of serving what SQLite's recovery kept. Real server processes,
 * killed with SIGKILL; the WAL is damaged by hand in between. Autocheckpoint is off so the
 * acknowledged transactions are still in the WAL (not yet copied into the database file) when it
 * is damaged, and compaction is off so the last transaction in it is the last acknowledged batch.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, openSync, closeSync, fstatSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addNomination, addSubject, startCycle } from '../../src/lib/model/review-cycle.ts';
import { MessageType } from '../../src/lib/transport/protocol.ts';
import { verifyDatabase } from '../../server/store/integrity.js';
import { connectClient, type TestClient } from './helpers/relay-harness.ts';
import { serverExit, startServerProcess, type ServerProcess } from './helpers/server-process.ts';

const ENV = { PANORAMA_WAL_AUTOCHECKPOINT: '0', PANORAMA_COMPACT_AFTER: '1000000' };
const UPDATES = 120;

const folders: string[] = [];
const running = new Set<ServerProcess>();
afterAll(async () => {
	for (const server of running) await server.stop();
	for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function dataFolder(): string {
	const folder = mkdtempSync(join(tmpdir(), 'panorama-integrity-'));
	folders.push(folder);
	return folder;
}

async function start(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
	const server = await startServerProcess({ ...ENV, ...env }, { dataDir });
	running.add(server);
	return server;
}

/** SIGKILL, and wait until the process is gone. */
async function kill(server: ServerProcess): Promise<void> {
	await server.stop();
	running.delete(server);
}

/** Writes 64 bytes of garbage into `file` at `position` ('tail': its last 64 bytes). */
function garble(file: string, position: 'tail' | 'middle'): void {
	const fd = openSync(file, 'r+');
	try {
		const size = fstatSync(fd).size;
		expect(size).toBeGreaterThan(4096);
		const at = position === 'tail' ? size - 64 : Math.floor(size / 2);
		writeSync(fd, Buffer.alloc(64, 0x5a), 0, 64, at);
	} finally {
		closeSync(fd);
	}
}

/** The highest clock of `client` that the relay's `saved` acknowledgements covered. */
function acknowledgedClock(writer: TestClient): number {
	const last = writer.acks.at(-1);
	return last ? (Y.decodeStateVector(last.stateVector).get(writer.doc.clientID) ?? 0) : 0;
}

/**
 * A connected client, and a function resolving once the relay acknowledged every change it made
 * so far. It waits for the count of step-2 and update messages the ack covers (its step 2 at
 * connection is the first, then one update per local transaction), not for the ack's state
 * vector: an update that joins the batch an empty step 2 opened is acknowledged with the state
 * vector from before that batch, and no later ack comes when nothing else is written.
 */
function writerFor(server: ServerProcess, id: string, token: string) {
	const writer = connectClient(server.wsUrl, id, token);
	let sent = 1;
	writer.doc.on('update', (_update: Uint8Array, origin: unknown) => {
		if (origin !== writer.provider) sent++;
	});
	// Patient: on a machine busy with other work one fsync has taken over ten seconds.
	const settled = () =>
		vi.waitFor(() => expect(writer.acks.at(-1)?.storedMessages).toBe(sent), { timeout: 30_000 });
	return { writer, settled };
}

/**
 * A document with `UPDATES` acknowledged updates, each committed in a batch of its own, and the
 * server killed right after the last acknowledgement (nothing else in flight).
 */
async function acknowledgedThenKilled(): Promise<{ dataDir: string; id: string; token: string }> {
	const dataDir = dataFolder();
	const server = await start(dataDir);
	const { body } = await server.post('/api/docs', { kind: 'account', title: 'integrity' });
	const { writer, settled } = writerFor(server, body.id, body.token);
	await vi.waitFor(() => expect(writer.provider.synced).toBe(true), { timeout: 10_000 });
	for (let i = 0; i < UPDATES; i++) {
		writer.doc.getArray<number>('log').push([i]);
		await settled();
	}
	await kill(server);
	writer.destroy();
	return { dataDir, id: body.id, token: body.token };
}

/** The `log` array of the document as a fresh client receives it from `server`. */
async function readLog(server: ServerProcess, id: string, token: string): Promise<number[]> {
	const reader = connectClient(server.wsUrl, id, token);
	await vi.waitFor(() => expect(reader.provider.synced).toBe(true), { timeout: 10_000 });
	const log = reader.doc.getArray<number>('log').toArray();
	reader.destroy();
	return log;
}

describe('document store', () => {
	it('refuses to start when the WAL lost its last 64 bytes, and says what it found', async () => {
		const { dataDir } = await acknowledgedThenKilled();
		const wal = join(dataDir, 'panorama.db-wal');
		garble(wal, 'tail');
		const walSize = statSync(wal).size;

		const { code, output } = await serverExit(dataDir, ENV);
		expect(code).not.toBe(0);
		expect(output).toMatch(/panorama\.db is missing its last committed change/);
		expect(output).toContain('the write-ahead log was damaged');
		expect(output).toContain('PANORAMA_ACCEPT_DATA_LOSS=1');
		// The refusal leaves the evidence as it found it, and refuses again.
		expect(statSync(wal).size).toBe(walSize);
		expect((await serverExit(dataDir, ENV)).code).not.toBe(0);
	}, 60_000);

	it('refuses to start when the WAL has garbage in the middle', async () => {
		const { dataDir } = await acknowledgedThenKilled();
		garble(join(dataDir, 'panorama.db-wal'), 'middle');

		const { code, output } = await serverExit(dataDir, ENV);
		expect(code).not.toBe(0);
		expect(output).toMatch(/panorama\.db is missing its last \d+ committed changes/);
		expect(output).toContain('Acknowledged edits may be lost');
	}, 60_000);

	it('with PANORAMA_ACCEPT_DATA_LOSS=1 starts, says so loudly and serves what is left', async () => {
		const { dataDir, id, token } = await acknowledgedThenKilled();
		garble(join(dataDir, 'panorama.db-wal'), 'middle');

		const server = await start(dataDir, { PANORAMA_ACCEPT_DATA_LOSS: '1' });
		expect(server.output()).toMatch(/DATA LOSS ACCEPTED.*panorama\.db is missing/);
		const kept = await readLog(server, id, token);
		// What SQLite kept is a prefix of what was written: the updates before the damage.
		expect(kept.length).toBeLessThan(UPDATES);
		expect(kept).toEqual([...Array(kept.length).keys()]);
		await kill(server);

		// The marker now matches what is there: the next start needs no flag.
		const again = await start(dataDir);
		expect(again.output()).not.toContain('DATA LOSS');
		expect(await readLog(again, id, token)).toEqual(kept);
		await kill(again);
	}, 60_000);

	it('keeps every acknowledged update and starts without alarm after 5 kill -9s under load', async () => {
		const dataDir = dataFolder();
		let server = await start(dataDir);
		const { body } = await server.post('/api/docs', { kind: 'account', title: 'integrity' });
		/** The highest acknowledged clock per writer client, over all rounds. */
		const acknowledged = new Map<number, number>();
		let seed = 20261204;
		const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;

		for (let round = 0; round < 5; round++) {
			const writers = [0, 1].map(() => connectClient(server.wsUrl, body.id, body.token));
			await vi.waitFor(() => expect(writers.every((w) => w.provider.synced)).toBe(true), {
				timeout: 10_000
			});
			const killAfter = 5 + Math.floor(next() * 40);
			let acks = 0;
			const victim = server;
			const killed = new Promise<void>((resolve) => victim.child.once('exit', () => resolve()));
			for (const writer of writers) {
				const record = writer.provider.messageHandlers[MessageType.saved]!;
				writer.provider.messageHandlers[MessageType.saved] = (...args) => {
					// Record first, then kill: the record is what the relay promised.
					record(...args);
					acknowledged.set(writer.doc.clientID, acknowledgedClock(writer));
					if (++acks === killAfter) victim.child.kill('SIGKILL');
				};
			}
			const load = setInterval(() => {
				for (const writer of writers) writer.doc.getArray<number>('log').push([round]);
			}, 1);
			await killed;
			clearInterval(load);
			running.delete(victim);
			for (const writer of writers) writer.destroy();

			// Starts (a refusal would reject here with its output) and has everything acknowledged.
			server = await start(dataDir);
			expect(server.output()).not.toMatch(/missing|DATA LOSS/);
			const reader = connectClient(server.wsUrl, body.id, body.token);
			await vi.waitFor(() => expect(reader.provider.synced).toBe(true), { timeout: 10_000 });
			const lost = [...acknowledged].filter(
				([client, clock]) => Y.getState(reader.doc.store, client) < clock
			);
			expect(lost, `round ${round}: acknowledged but lost`).toEqual([]);
			reader.destroy();
		}
		expect(acknowledged.size).toBe(10);
		await kill(server);
	}, 120_000);
});

describe('review store', () => {
	it('refuses to start when reviews.db lost an acknowledged change', async () => {
		const dataDir = dataFolder();
		const server = await start(dataDir);
		const { body } = await server.post('/api/docs', { kind: 'review-cycle', title: 'integrity' });
		const { writer: owner, settled } = writerFor(server, body.id, body.token);
		await vi.waitFor(() => expect(owner.provider.synced).toBe(true), { timeout: 10_000 });
		startCycle(owner.doc, 'frontline');
		const subject = addSubject(owner.doc, '李雷', 'boss@example.com')!;
		addNomination(owner.doc, {
			subject,
			rater: 'boss@example.com',
			raterName: 'boss',
			group: 'superior'
		});
		await settled();
		// Launching writes the raters and an audit entry into reviews.db, and answers once stored.
		const launch = await server.post(`/api/reviews/${body.id}/launch`, {}, body.token);
		expect(launch.status).toBe(200);
		await kill(server);
		owner.destroy();

		garble(join(dataDir, 'reviews.db-wal'), 'tail');
		const { code, output } = await serverExit(dataDir, ENV);
		expect(code).not.toBe(0);
		expect(output).toMatch(/review store in \S*reviews\.db is missing its last committed change/);
		expect(output).toContain('PANORAMA_ACCEPT_DATA_LOSS=1');
	}, 60_000);
});

describe('quick_check', () => {
	it('a database file with a damaged page is refused, and with the flag accepted loudly', () => {
		const file = join(dataFolder(), 'damaged.db');
		const db = new Database(file);
		db.pragma('journal_mode = WAL');
		db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)');
		const insert = db.prepare('INSERT INTO notes (text) VALUES (?)');
		for (let i = 0; i < 500; i++) insert.run(`note ${i} `.repeat(20));
		db.close();
		// Page 3 is one of the table's b-tree pages: spoil its header.
		const fd = openSync(file, 'r+');
		writeSync(fd, Buffer.alloc(8, 0xff), 0, 8, 2 * 4096);
		closeSync(fd);

		expect(() => verifyDatabase(file, { name: 'test store' })).toThrow(
			/test store in \S+damaged\.db failed SQLite's integrity check \(.+\)\. Acknowledged edits may be lost/
		);
		const warnings: string[] = [];
		verifyDatabase(file, {
			name: 'test store',
			acceptDataLoss: true,
			warn: (message) => warnings.push(message)
		});
		expect(warnings).toEqual([expect.stringMatching(/^DATA LOSS ACCEPTED .*integrity check/)]);
	});
});
