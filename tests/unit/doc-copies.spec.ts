import 'fake-indexeddb/auto';
import { IndexeddbPersistence } from 'y-indexeddb';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeDemoAccount } from '../../src/lib/model/demo-account';
import { splitUpdate } from '../../src/lib/model/update-chunks';
import { storeLocalCopy } from '../../src/lib/session/doc-copies';

describe('a device copy written piece by piece', () => {
	it('is what y-indexeddb loads: the same document, in one load', async () => {
		const source = new Y.Doc();
		writeDemoAccount(source, { language: 'zh', size: 800, bookings: 1_000 });
		const pieces = splitUpdate(Y.encodeStateAsUpdate(source), 1_000);
		expect(pieces.length).toBeGreaterThan(2);
		await storeLocalCopy('copy-test', pieces);

		const doc = new Y.Doc();
		const persistence = new IndexeddbPersistence('panorama:copy-test', doc);
		await persistence.whenSynced;
		expect(Y.encodeStateAsUpdate(doc)).toEqual(Y.encodeStateAsUpdate(source));
		// Later edits are stored after the pieces, as y-indexeddb's own.
		doc.getMap('meta').set('title', 'renamed');
		await persistence.destroy();
		const again = new Y.Doc();
		const reopened = new IndexeddbPersistence('panorama:copy-test', again);
		await reopened.whenSynced;
		expect(again.getMap('meta').get('title')).toBe('renamed');
		expect(again.getMap('nodes').size).toBe(source.getMap('nodes').size);
		await reopened.destroy();
	});
});
