import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { DocStore } from '../../server/store/doc-store.ts';
import { withRecordCache } from '../../server/store/record-cache.ts';
import { openSqliteStore } from '../../server/store/sqlite-store.ts';

let dir: string;
let sqlite: DocStore;
let reads: string[];
let store: DocStore;

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'panorama-records-'));
	sqlite = openSqliteStore(join(dir, 'panorama.db'));
	reads = [];
	// The real store, with its record reads counted.
	const counted: DocStore = {
		...sqlite,
		get: (docId) => (reads.push(docId), sqlite.get(docId))
	};
	store = withRecordCache(counted);
});
afterEach(async () => {
	await store.close();
	rmSync(dir, { recursive: true, force: true });
});

it('answers record lookups from memory, and keeps the link epoch current after a rotation', async () => {
	await store.create({ id: 'a', kind: 'journey', title: '', createdAt: 1, tokenEpoch: 0 });
	expect(await store.get('a')).toMatchObject({ kind: 'journey', tokenEpoch: 0 });
	expect(reads).toEqual([]);

	expect(await store.bumpTokenEpoch('a')).toBe(1);
	expect((await store.get('a'))?.tokenEpoch).toBe(1);
	expect((await sqlite.get('a'))?.tokenEpoch).toBe(1);
	expect(reads).toEqual([]);
});

it('reads unknown ids from the store every time, so a document created elsewhere is found', async () => {
	expect(await store.get('b')).toBeUndefined();
	await sqlite.create({ id: 'b', kind: 'account', title: '', createdAt: 1, tokenEpoch: 3 });
	expect((await store.get('b'))?.tokenEpoch).toBe(3);
	expect(await store.get('b')).toMatchObject({ id: 'b' });
	expect(reads).toEqual(['b', 'b']);
});

it('hands out copies, so a caller changing a record cannot change the cache', async () => {
	await store.create({ id: 'c', kind: 'account', title: '', createdAt: 1, tokenEpoch: 0 });
	const record = (await store.get('c'))!;
	record.tokenEpoch = 99;
	expect((await store.get('c'))?.tokenEpoch).toBe(0);
});
