import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { getDocument, keepLink, keptLink, listDocuments } from '../../src/lib/device/library.ts';

/** A library as the previous version left it: documents only, schema version 1. */
async function libraryOfVersionOne(): Promise<void> {
	const open = indexedDB.open('panorama-library', 1);
	open.onupgradeneeded = () => open.result.createObjectStore('docs', { keyPath: 'id' });
	const db = await new Promise<IDBDatabase>(
		(resolve) => (open.onsuccess = () => resolve(open.result))
	);
	const put = db.transaction('docs', 'readwrite').objectStore('docs').put({
		id: 'kept',
		kind: 'account',
		title: 'Kept',
		token: 'token-kept',
		role: 'owner',
		addedAt: 1,
		lastOpenedAt: 1
	});
	await new Promise((resolve) => (put.onsuccess = resolve));
	db.close();
}

describe('links kept in the library', () => {
	it('upgrades a version 1 library without losing its documents', async () => {
		await libraryOfVersionOne();
		expect((await getDocument('kept'))?.token).toBe('token-kept');
		expect(await keptLink('/w/journey')).toBeUndefined();
	});

	it("keeps each page's secret by path, apart from the documents home lists", async () => {
		await keepLink('/w/journey', 'viewer~participant', 5);
		await keepLink('/nominate/cycle/subject', 'subject-token', 6);
		await keepLink('/w/journey', 'viewer~participant-2', 7);
		expect(await keptLink('/w/journey')).toBe('viewer~participant-2');
		expect(await keptLink('/nominate/cycle/subject')).toBe('subject-token');
		expect((await listDocuments()).map((entry) => entry.id)).toEqual(['kept']);
	});
});
