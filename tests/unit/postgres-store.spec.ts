/**
 * What only a shared PostgreSQL store has to survive: several instances (one pool each) writing and
 * compacting one document at once, instances migrating the schema at once, and the database
 * restarting under the server. The contract every store meets is in store.spec.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import * as Y from 'yjs';
import { MIGRATIONS } from '../../server/store/postgres-schema.ts';
import { openPostgresStore, type PostgresStore } from '../../server/store/postgres-store.ts';
import { startPostgresCluster, testDatabase, type PostgresCluster } from './helpers/postgres.ts';

process.env.PANORAMA_LOG = 'silent';

async function loaded(store: PostgresStore, docId: string): Promise<Y.Doc> {
	const doc = new Y.Doc();
	for (const part of await store.load(docId)) Y.applyUpdate(doc, part);
	return doc;
}

describe('PostgreSQL store, several instances', () => {
	it('migrates the schema once when instances start together', async () => {
		const url = await testDatabase('schema');
		const stores = Array.from({ length: 4 }, () => openPostgresStore(url));
		try {
			await Promise.all(stores.map((store) => store.ready));
			const client = new pg.Client({ connectionString: url });
			await client.connect();
			const { rows } = await client.query('SELECT version FROM panorama_schema');
			await client.end();
			expect(rows).toEqual([{ version: MIGRATIONS.length }]);
		} finally {
			await Promise.all(stores.map((store) => store.close()));
		}
	});

	it('refuses a schema newer than it knows', async () => {
		const url = await testDatabase('newer');
		const client = new pg.Client({ connectionString: url });
		await client.connect();
		await client.query('CREATE TABLE panorama_schema (version integer NOT NULL)');
		await client.query('INSERT INTO panorama_schema VALUES ($1)', [MIGRATIONS.length + 1]);
		await client.end();
		const store = openPostgresStore(url);
		await expect(store.ready).rejects.toThrow(/newer than this server knows/);
		await expect(store.get('x')).rejects.toThrow(/newer/);
		await store.close();
	});

	it('appends a batch larger than one statement can carry, all or nothing', async () => {
		const store = openPostgresStore(await testDatabase('large'));
		try {
			await store.ready;
			await store.create({ id: 'doc', kind: 'account', title: '', createdAt: 1, tokenEpoch: 0 });
			// Empty updates (valid, cheap to apply) around one that carries content.
			const empty = Y.encodeStateAsUpdate(new Y.Doc());
			const source = new Y.Doc();
			source.getText('t').insert(0, 'last');
			const batch = Array.from({ length: 25_000 }, (_, i) => ({
				docId: 'doc',
				update: i === 24_999 ? Y.encodeStateAsUpdate(source) : empty
			}));
			await store.append(batch);
			expect(await store.logLength('doc')).toBe(25_000);
			expect((await loaded(store, 'doc')).getText('t').toString()).toBe('last');
			// A bad row in the last statement rolls back the statements before it.
			const broken = [...batch, { docId: null as unknown as string, update: empty }];
			await expect(store.append(broken)).rejects.toThrow();
			expect(await store.logLength('doc')).toBe(25_000);
		} finally {
			await store.close();
		}
	});

	it('keeps a log row that committed after the compaction read the log', async () => {
		const url = await testDatabase('late');
		const store = openPostgresStore(url);
		const other = new pg.Client({ connectionString: url });
		try {
			await store.ready;
			await store.create({ id: 'doc', kind: 'account', title: '', createdAt: 1, tokenEpoch: 0 });
			const edit = (text: string) => {
				const doc = new Y.Doc();
				doc.getArray<string>('a').push([text]);
				return Y.encodeStateAsUpdate(doc);
			};
			await store.append([{ docId: 'doc', update: edit('first') }]);
			await store.compact('doc');
			// Another instance's append takes its sequence number first and commits last: after
			// the compaction read the log, before it deletes what it read. Holding the snapshot
			// row makes the compaction wait at exactly that point.
			await other.connect();
			await other.query('BEGIN');
			await other.query('INSERT INTO panorama_log (doc_id, data) VALUES ($1, $2)', [
				'doc',
				edit('slow')
			]);
			await other.query('SELECT 1 FROM panorama_snapshots WHERE doc_id = $1 FOR UPDATE', ['doc']);
			await store.append([{ docId: 'doc', update: edit('fast') }]);
			const compaction = store.compact('doc');
			await expect
				.poll(async () => {
					const { rows } = await other.query(
						`SELECT count(*)::int AS n FROM pg_stat_activity
						WHERE application_name = 'panorama' AND wait_event_type = 'Lock'
						AND datname = current_database()`
					);
					return rows[0].n;
				})
				.toBe(1);
			await other.query('COMMIT');
			expect(await compaction).toBe(1);
			const items = (await loaded(store, 'doc')).getArray<string>('a').toArray();
			expect(items.sort()).toEqual(['fast', 'first', 'slow']);
			expect(await store.logLength('doc')).toBe(1);
		} finally {
			await other.end();
			await store.close();
		}
	});

	it('loses nothing when two instances compact one document while a third appends', async () => {
		const url = await testDatabase('compact');
		const [writer, first, second] = [0, 1, 2].map(() => openPostgresStore(url));
		const stores = [writer!, first!, second!];
		try {
			await Promise.all(stores.map((store) => store.ready));
			await writer!.create({ id: 'doc', kind: 'account', title: '', createdAt: 1, tokenEpoch: 0 });

			const source = new Y.Doc();
			const updates: Uint8Array[] = [];
			source.on('update', (update: Uint8Array) => updates.push(update));
			let written = 0;
			let writing = true;
			// Eight batches in flight at a time: sequence numbers are taken in one order and
			// committed in another, the case that deleting by "seq ≤ max" gets wrong.
			const appendAll = async () => {
				for (let round = 0; round < 40; round++) {
					const batches = [0, 1, 2, 3, 4, 5, 6, 7].map((lane) => {
						const batch: Uint8Array[] = [];
						for (let i = 0; i < 3; i++) {
							source.getArray<string>('items').push([`${round}-${lane}-${i}`]);
							batch.push(updates.at(-1)!);
						}
						return batch;
					});
					await Promise.all(
						batches.map((batch) =>
							writer!.append(batch.map((update) => ({ docId: 'doc', update })))
						)
					);
					written += 24;
				}
				writing = false;
			};
			const folded = [0, 0];
			// Each compactor passes the state it loaded, as a room passes its own document: it lacks
			// whatever the other instances appended since.
			const compactLoop = async (store: PostgresStore, index: number) => {
				while (writing) {
					const state = Y.encodeStateAsUpdate(await loaded(store, 'doc'));
					const count = await store.compact('doc', state);
					folded[index]! += count;
				}
			};
			await Promise.all([appendAll(), compactLoop(first!, 0), compactLoop(second!, 1)]);

			expect(written).toBe(960);
			const remaining = await writer!.logLength('doc');
			// Every row was folded exactly once or is still in the log.
			expect(folded[0]! + folded[1]! + remaining).toBe(written);
			expect(folded[0]! + folded[1]!).toBeGreaterThan(0);
			const stored = await loaded(first!, 'doc');
			expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(source));
			expect(stored.getArray('items').toArray()).toEqual(source.getArray('items').toArray());
		} finally {
			await Promise.all(stores.map((store) => store.close()));
		}
	});
});

describe('PostgreSQL store, database restart', () => {
	// A cluster of its own: stopping the run's shared one would fail other files.
	let cluster: PostgresCluster;
	beforeAll(async () => {
		cluster = await startPostgresCluster();
	}, 60_000);
	afterAll(() => cluster?.remove());

	it('rejects appends while the database is down and works again once it is back', async () => {
		const store = openPostgresStore(await cluster.createDatabase('restart'), {
			connectTimeoutMs: 2000
		});
		try {
			await store.ready;
			await store.create({ id: 'doc', kind: 'account', title: '', createdAt: 1, tokenEpoch: 0 });
			// Each edit from a client of its own: one lost update must not hold back later ones.
			const edit = (text: string) => {
				const doc = new Y.Doc();
				doc.getArray<string>('a').push([text]);
				return Y.encodeStateAsUpdate(doc);
			};

			// Appends keep coming while the server stops and starts: each one either resolves
			// (then it must be stored) or rejects (never reported as saved).
			const saved: string[] = [];
			const refused: string[] = [];
			let running = true;
			const load = (async () => {
				for (let i = 0; running; i++) {
					const text = `edit-${i}`;
					try {
						await store.append([{ docId: 'doc', update: edit(text) }]);
						saved.push(text);
					} catch {
						refused.push(text);
					}
				}
			})();
			await expect.poll(() => saved.length).toBeGreaterThan(5);
			await cluster.stopServer();
			await expect(
				store.append([{ docId: 'doc', update: edit('during-outage') }])
			).rejects.toThrow();
			await expect.poll(() => refused.length).toBeGreaterThan(0);
			await cluster.startServer();
			const savedBefore = saved.length;
			await expect.poll(() => saved.length, { timeout: 10_000 }).toBeGreaterThan(savedBefore + 5);
			running = false;
			await load;

			const stored = await loaded(store, 'doc');
			const items = new Set(stored.getArray<string>('a').toArray());
			for (const text of saved) expect(items.has(text)).toBe(true);
			expect(items.has('during-outage')).toBe(false);
			expect(refused.length).toBeGreaterThan(0);
		} finally {
			await store.close();
		}
	}, 60_000);
});
