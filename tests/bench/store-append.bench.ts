/**
 * Append latency of the document store, SQLite against PostgreSQL on this machine: the time from
 * `append` to its durable commit, for batches as the relay's group commit hands them over.
 *
 *   npm run bench:store                       # 100 batches of 1 and of 20 updates, each store
 *   npm run bench:store -- --batches 500
 *
 * PostgreSQL runs in a throwaway cluster with its defaults (fsync on, synchronous_commit on), over
 * TCP on 127.0.0.1; SQLite runs with the server's settings (WAL, synchronous=FULL). Prints numbers;
 * asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import type { DocStore } from '../../server/store/doc-store.ts';
import { openPostgresStore } from '../../server/store/postgres-store.ts';
import { openSqliteStore } from '../../server/store/sqlite-store.ts';
import { startPostgresCluster } from '../unit/helpers/postgres-cluster.ts';

process.env.PANORAMA_LOG = 'silent';

const { values } = parseArgs({ options: { batches: { type: 'string', default: '100' } } });
const batches = Number(values.batches);
const WARMUP = 10;

/** Typing-sized updates (a few characters each), as editing produces them. */
function typedUpdates(count: number): Uint8Array[] {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => updates.push(update));
	const text = doc.getText('t');
	for (let i = 0; i < count; i++) text.insert(text.length, 'word ');
	return updates;
}

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(store: DocStore, docId: string, perBatch: number): Promise<number[]> {
	await store.create({ id: docId, kind: 'account', title: '', createdAt: 0, tokenEpoch: 0 });
	const updates = typedUpdates((batches + WARMUP) * perBatch);
	const times: number[] = [];
	for (let b = 0; b < batches + WARMUP; b++) {
		const batch = updates
			.slice(b * perBatch, (b + 1) * perBatch)
			.map((update) => ({ docId, update }));
		const start = performance.now();
		await store.append(batch);
		if (b >= WARMUP) times.push(performance.now() - start);
	}
	return times.sort((a, b) => a - b);
}

const dir = mkdtempSync(join(tmpdir(), 'panorama-bench-store-'));
const cluster = await startPostgresCluster();
const stores: Array<[string, DocStore]> = [];
try {
	stores.push(['SQLite', openSqliteStore(join(dir, 'panorama.db'))]);
	const postgres = openPostgresStore(await cluster.createDatabase('bench'));
	await postgres.ready;
	stores.push(['PostgreSQL', postgres]);

	console.log(`append latency, ${batches} batches after ${WARMUP} warm-up, one at a time (ms)`);
	console.log('store        updates/batch    p50     p99     max');
	for (const perBatch of [1, 20]) {
		for (const [name, store] of stores) {
			const times = await measure(store, `doc-${perBatch}`, perBatch);
			const cells = [50, 99].map((p) => percentile(times, p).toFixed(2).padStart(7));
			console.log(
				`${name.padEnd(12)} ${String(perBatch).padStart(13)} ${cells.join(' ')} ${times.at(-1)!.toFixed(2).padStart(7)}`
			);
		}
	}
} finally {
	for (const [, store] of stores) await store.close();
	await cluster.remove();
	rmSync(dir, { recursive: true, force: true });
}
