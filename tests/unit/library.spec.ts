import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
	getDocument,
	listDocuments,
	putDocument,
	removeDocument,
	updateDocument,
	type LibraryEntry
} from '../../src/lib/device/library.ts';

const entry = (id: string, lastOpenedAt: number): LibraryEntry => ({
	id,
	kind: 'account',
	title: `doc ${id}`,
	token: `token-${id}`,
	role: 'owner',
	addedAt: 1,
	lastOpenedAt
});

describe('the document library (IndexedDB)', () => {
	it('keeps each document with its token, most recently opened first', async () => {
		await putDocument(entry('a', 10));
		await putDocument(entry('b', 30));
		await putDocument(entry('c', 20));
		expect((await listDocuments()).map((e) => e.id)).toEqual(['b', 'c', 'a']);
		expect((await getDocument('a'))?.token).toBe('token-a');
	});

	it('updates fields and forgets documents with their local copy', async () => {
		await updateDocument('a', { lastOpenedAt: 99, title: 'renamed' });
		expect((await listDocuments())[0]).toMatchObject({ id: 'a', title: 'renamed' });
		await updateDocument('nope', { title: 'x' });
		expect(await getDocument('nope')).toBeUndefined();

		const local = indexedDB.open('panorama:b');
		await new Promise((resolve) => (local.onsuccess = resolve));
		local.result.close();
		await removeDocument('b');
		expect(await getDocument('b')).toBeUndefined();
		const names = (await indexedDB.databases()).map((d) => d.name);
		expect(names).not.toContain('panorama:b');
	});
});
