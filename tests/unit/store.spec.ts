import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocStore } from '../../server/store/doc-store.ts';
import { openPostgresStore } from '../../server/store/postgres-store.ts';
import { openSqliteStore } from '../../server/store/sqlite-store.ts';
import { GroupCommit } from '../../server/relay/group-commit.ts';
import { testDatabase } from './helpers/postgres.ts';

process.env.PANORAMA_LOG = 'silent';

/** One way to get a fresh, empty store, and to throw it away. */
interface Backend {
	name: string;
	open(): Promise<{ store: DocStore; dispose(): Promise<void> }>;
}

/** Every store implementation passes the same contract. */
const backends: Backend[] = [
	{
		name: 'SQLite',
		async open() {
			const dir = mkdtempSync(join(tmpdir(), 'panorama-store-'));
			const store = openSqliteStore(join(dir, 'panorama.db'));
			return {
				store,
				async dispose() {
					await store.close();
					rmSync(dir, { recursive: true, force: true });
				}
			};
		}
	},
	{
		name: 'PostgreSQL',
		async open() {
			const store = openPostgresStore(await testDatabase('store'));
			await store.ready;
			return { store, dispose: () => store.close() };
		}
	}
];

let store: DocStore;

/** Applies stored parts to a fresh doc and returns it. */
async function loaded(docId: string): Promise<Y.Doc> {
	const doc = new Y.Doc();
	for (const part of await store.load(docId)) Y.applyUpdate(doc, part);
	return doc;
}

function updatesOf(edit: (doc: Y.Doc) => void): { doc: Y.Doc; updates: Uint8Array[] } {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => updates.push(u));
	edit(doc);
	return { doc, updates };
}

describe.each(backends)('$name store', (backend) => {
	let dispose: () => Promise<void>;
	beforeEach(async () => {
		({ store, dispose } = await backend.open());
		await store.create({ id: 'd1', kind: 'account', title: 'T', createdAt: 1, tokenEpoch: 0 });
	});
	afterEach(() => dispose());

	it('records a new title and keeps the rest of the record', async () => {
		await store.bumpTokenEpoch('d1');
		await store.rename('d1', '宝钢集团 2027');
		expect(await store.get('d1')).toMatchObject({
			id: 'd1',
			kind: 'account',
			title: '宝钢集团 2027',
			tokenEpoch: 1
		});
	});

	it('registers documents and bumps their link epoch', async () => {
		expect(await store.get('d1')).toMatchObject({ id: 'd1', kind: 'account', tokenEpoch: 0 });
		expect(await store.bumpTokenEpoch('d1')).toBe(1);
		expect((await store.get('d1'))?.tokenEpoch).toBe(1);
		expect(await store.get('nope')).toBeUndefined();
		await expect(
			store.create({ id: 'd1', kind: 'account', title: '', createdAt: 1, tokenEpoch: 0 })
		).rejects.toThrow();
	});

	it('appends, loads, compacts, and loads the same document again', async () => {
		const { doc, updates } = updatesOf((d) => {
			for (let i = 0; i < 30; i++) d.getArray('a').push([i]);
			d.getText('t').insert(0, 'hello');
			d.getText('t').delete(0, 2);
		});
		await store.append(updates.map((update) => ({ docId: 'd1', update })));
		expect(await store.logLength('d1')).toBe(updates.length);
		const before = await loaded('d1');
		expect(before.getText('t').toString()).toBe('llo');
		expect(Y.encodeStateVector(before)).toEqual(Y.encodeStateVector(doc));

		expect(await store.compact('d1')).toBe(updates.length);
		expect(await store.logLength('d1')).toBe(0);
		expect(await store.load('d1')).toHaveLength(1);
		const after = await loaded('d1');
		expect(after.getArray('a').toArray()).toEqual([...Array(30).keys()]);
		expect(after.getText('t').toString()).toBe('llo');

		// Updates after a compaction land in the tail and load after the snapshot.
		doc.getText('t').insert(3, '!');
		await store.append([{ docId: 'd1', update: updates.at(-1)! }]);
		await store.append([
			{ docId: 'd1', update: Y.encodeStateAsUpdate(doc, Y.encodeStateVector(after)) }
		]);
		expect((await loaded('d1')).getText('t').toString()).toBe('llo!');
	});

	it('compacts to a snapshot the caller provides, folding every logged update', async () => {
		const { doc, updates } = updatesOf((d) => {
			for (let i = 0; i < 20; i++) d.getMap('m').set(`k${i}`, i);
		});
		await store.append(updates.map((update) => ({ docId: 'd1', update })));
		expect(await store.compact('d1', Y.encodeStateAsUpdate(doc))).toBe(20);
		expect(await store.logLength('d1')).toBe(0);
		expect((await loaded('d1')).getMap('m').toJSON()).toEqual(doc.getMap('m').toJSON());
		expect(await store.compact('d1')).toBe(0);
	});

	it('registers a document with its content at once; a taken id writes neither', async () => {
		const first = updatesOf((d) => d.getMap('m').set('k', 'first'));
		const content = Y.encodeStateAsUpdate(first.doc);
		const record = {
			id: 'v1',
			kind: 'account-version' as const,
			title: 'Q3 review',
			createdAt: 2,
			tokenEpoch: 0,
			parent: 'd1'
		};
		await store.create(record, content);
		expect(await store.get('v1')).toMatchObject({ parent: 'd1', title: 'Q3 review' });
		expect(await store.logLength('v1')).toBe(0);
		expect((await loaded('v1')).getMap('m').get('k')).toBe('first');

		// Two instances taking the same quarter's version: the second loses and changes nothing.
		const second = updatesOf((d) => d.getMap('m').set('k', 'second'));
		await expect(
			store.create({ ...record, title: 'other' }, Y.encodeStateAsUpdate(second.doc))
		).rejects.toThrow();
		expect(await store.get('v1')).toMatchObject({ title: 'Q3 review' });
		expect(await store.load('v1')).toHaveLength(1);
		expect((await loaded('v1')).getMap('m').get('k')).toBe('first');
		expect((await store.children('d1')).map((r) => r.id)).toEqual(['v1']);
	});

	it('keeps documents apart', async () => {
		await store.create({ id: 'd2', kind: 'journey', title: '', createdAt: 1, tokenEpoch: 0 });
		const one = updatesOf((d) => d.getMap('m').set('k', 1));
		const two = updatesOf((d) => d.getMap('m').set('k', 2));
		await store.append([
			...one.updates.map((update) => ({ docId: 'd1', update })),
			...two.updates.map((update) => ({ docId: 'd2', update }))
		]);
		expect((await loaded('d1')).getMap('m').get('k')).toBe(1);
		expect((await loaded('d2')).getMap('m').get('k')).toBe(2);
	});
	it('keeps parents, role epochs and issued links', async () => {
		await store.create({
			id: 'c1',
			kind: 'journey',
			title: 'child',
			createdAt: 5,
			tokenEpoch: 0,
			parent: 'd1'
		});
		await store.create({
			id: 'c0',
			kind: 'journey',
			title: '',
			createdAt: 2,
			tokenEpoch: 0,
			parent: 'd1'
		});
		expect((await store.children('d1')).map((r) => r.id)).toEqual(['c0', 'c1']);
		expect(await store.get('d1')).not.toHaveProperty('parent');
		expect(await store.get('d1')).not.toHaveProperty('roleEpochs');
		expect(await store.bumpRoleEpoch('d1', 'viewer')).toBe(1);
		expect(await store.bumpRoleEpoch('d1', 'viewer')).toBe(2);
		expect(await store.bumpRoleEpoch('d1', 'editor')).toBe(1);
		expect((await store.get('d1'))?.roleEpochs).toEqual({ viewer: 2, editor: 1 });
		await expect(store.bumpRoleEpoch('nope', 'viewer')).rejects.toThrow();
		await expect(store.bumpTokenEpoch('nope')).rejects.toThrow();

		const forever = {
			id: 'l1',
			docId: 'd1',
			role: 'viewer',
			createdAt: 10,
			docEpoch: 0,
			roleEpoch: 2
		};
		const expiring = { ...forever, id: 'l2', createdAt: 11, expiresAt: 1_800_000_000_000 };
		await store.addLink(expiring);
		await store.addLink(forever);
		expect(await store.links('d1')).toEqual([forever, expiring]);
		expect(await store.links('c1')).toEqual([]);
	});

	it('purges the content of a document and keeps its registry entry', async () => {
		const { updates } = updatesOf((d) => {
			for (let i = 0; i < 5; i++) d.getArray('a').push([i]);
		});
		await store.append(updates.map((update) => ({ docId: 'd1', update })));
		await store.compact('d1');
		await store.append([{ docId: 'd1', update: updates[0]! }]);
		await store.purge('d1');
		expect(await store.load('d1')).toEqual([]);
		expect(await store.logLength('d1')).toBe(0);
		expect(await store.get('d1')).toMatchObject({ id: 'd1', kind: 'account' });
		await store.purge('d1');
		await store.purge('nope');
		await store.append([{ docId: 'd1', update: updates[0]! }]);
		expect((await loaded('d1')).getArray('a').toArray()).toEqual([0]);
	});

	it('keeps an update appended while a compaction runs', async () => {
		const { doc, updates } = updatesOf((d) => {
			for (let i = 0; i < 11; i++) d.getArray('a').push([i]);
		});
		await store.append(updates.slice(0, 10).map((update) => ({ docId: 'd1', update })));
		const first = new Y.Doc();
		for (const update of updates.slice(0, 10)) Y.applyUpdate(first, update);
		const [folded] = await Promise.all([
			store.compact('d1', Y.encodeStateAsUpdate(first)),
			store.append([{ docId: 'd1', update: updates[10]! }])
		]);
		expect(folded).toBeGreaterThanOrEqual(10);
		expect(await store.logLength('d1')).toBe(11 - folded);
		expect((await loaded('d1')).getArray('a').toArray()).toEqual(doc.getArray('a').toArray());
	});
});

describe('group commit', () => {
	let dispose: () => Promise<void>;
	beforeEach(async () => {
		({ store, dispose } = await backends[0]!.open());
		await store.create({ id: 'd1', kind: 'account', title: 'T', createdAt: 1, tokenEpoch: 0 });
	});
	afterEach(() => dispose());

	it('commits updates that arrive within the window in one transaction, in order', async () => {
		const appended: number[] = [];
		const counting: DocStore = {
			...store,
			append: async (u) => {
				appended.push(u.length);
				await store.append(u);
			}
		};
		const commits = new GroupCommit(counting, 5);
		const { updates } = updatesOf((d) => {
			for (let i = 0; i < 10; i++) d.getArray('a').push([i]);
		});
		const order: string[] = [];
		const first = commits.add('d1', updates[0]!);
		first.onCommit(() => order.push('first'));
		for (const update of updates.slice(1)) commits.add('d1', update);
		await commits.drain();
		expect(appended).toEqual([10]);
		const second = commits.add('d1', updates[0]!);
		expect(second).not.toBe(first);
		second.onCommit(() => order.push('second'));
		await commits.drain();
		expect(order).toEqual(['first', 'second']);
		expect(await store.logLength('d1')).toBe(11);
	});

	it('reports a failed commit to every waiter', async () => {
		const failing: DocStore = {
			...store,
			append: async () => {
				throw new Error('disk full');
			}
		};
		const commits = new GroupCommit(failing, 1);
		const errors: unknown[] = [];
		commits.add('d1', new Uint8Array([0, 0])).onCommit((error) => errors.push(error));
		await commits.drain();
		expect(errors).toHaveLength(1);
		expect(String(errors[0])).toMatch(/disk full/);
	});
});

describe('SQLite purge', () => {
	let dir: string;
	/** The files of the store's folder (database, WAL, journal) whose bytes contain `text`. */
	function filesHolding(text: string): string[] {
		const needle = Buffer.from(text);
		return readdirSync(dir).filter((name) => readFileSync(join(dir, name)).includes(needle));
	}
	beforeEach(async () => {
		dir = mkdtempSync(join(tmpdir(), 'panorama-store-'));
		store = openSqliteStore(join(dir, 'panorama.db'));
		await store.create({ id: 'd1', kind: 'account', title: 'T', createdAt: 1, tokenEpoch: 0 });
	});
	afterEach(async () => {
		await store.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('purges a document: its bytes leave every file, its record stays, and it takes new updates', async () => {
		await store.create({ id: 'd2', kind: 'journey', title: '', createdAt: 1, tokenEpoch: 0 });
		const marker = `PURGE-ME-${Math.random().toString(36).slice(2)}`;
		const kept = `KEEP-ME-${Math.random().toString(36).slice(2)}`;
		const gone = updatesOf((d) => d.getText('t').insert(0, `${marker} first`));
		const other = updatesOf((d) => d.getText('t').insert(0, kept));
		await store.append(gone.updates.map((update) => ({ docId: 'd1', update })));
		await store.append(other.updates.map((update) => ({ docId: 'd2', update })));
		// Both a snapshot and a log tail: a compaction, then one more update with the marker.
		await store.compact('d1');
		gone.doc.getText('t').insert(0, `${marker} again `);
		await store.append([{ docId: 'd1', update: Y.encodeStateAsUpdate(gone.doc) }]);
		expect(filesHolding(marker).length).toBeGreaterThan(0);

		await store.purge('d1');
		expect(await store.load('d1')).toEqual([]);
		expect(await store.logLength('d1')).toBe(0);
		expect(await store.get('d1')).toMatchObject({ id: 'd1', kind: 'account', title: 'T' });
		// Pages, freed space and the write-ahead log: the marker is nowhere in the data folder.
		expect(filesHolding(marker)).toEqual([]);
		expect((await loaded('d2')).getText('t').toString()).toBe(kept);
		expect(filesHolding(kept).length).toBeGreaterThan(0);

		// Again, and for a document with nothing stored: nothing happens, nothing fails.
		await store.purge('d1');
		await store.purge('unknown');
		expect(await store.get('d1')).toBeDefined();

		const fresh = updatesOf((d) => d.getMap('m').set('k', 'after'));
		await store.append(fresh.updates.map((update) => ({ docId: 'd1', update })));
		expect((await loaded('d1')).getMap('m').get('k')).toBe('after');
		expect((await loaded('d1')).getText('t').toString()).toBe('');
	});
});
