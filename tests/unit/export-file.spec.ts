import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	ExportFileError,
	copyState,
	exportDocument,
	exportFileName,
	readExportFile
} from '../../src/lib/model/export-file';
import { initMeta, metaMap, readMeta } from '../../src/lib/model/meta';

function sampleDoc(): Y.Doc {
	const doc = new Y.Doc();
	initMeta(doc, { kind: 'account', title: '中国东方集团', createdAt: 1 });
	doc.getMap('nodes').set('n1', 'HQ');
	return doc;
}

function reasonOf(run: () => unknown): string | undefined {
	try {
		run();
	} catch (e) {
		if (e instanceof ExportFileError) return e.reason;
		throw e;
	}
	return undefined;
}

describe('.panorama files', () => {
	it('round-trips a document: header and full state', () => {
		const file = exportDocument(sampleDoc(), 42);
		const { header, state } = readExportFile(file);
		expect(header).toEqual({
			kind: 'account',
			title: '中国东方集团',
			schemaVersion: 1,
			exportedAt: 42
		});
		const copy = new Y.Doc();
		Y.applyUpdate(copy, state);
		expect(readMeta(copy).title).toBe('中国东方集团');
		expect(copy.getMap('nodes').get('n1')).toBe('HQ');
	});

	it('refuses files that are not ours, from a newer version, or cut short', () => {
		const file = exportDocument(sampleDoc());
		expect(reasonOf(() => readExportFile(new TextEncoder().encode('date,origin\n')))).toBe(
			'not-panorama'
		);
		const newer = file.slice();
		newer[8] = 99;
		expect(reasonOf(() => readExportFile(newer))).toBe('newer-version');
		const badHeader = file.slice();
		badHeader[13] = 0xff;
		expect(reasonOf(() => readExportFile(badHeader))).toBe('bad-header');
		expect(reasonOf(() => readExportFile(file.slice(0, file.length - 5)))).toBe('bad-state');
	});

	it('copies content under a new title without touching the original', () => {
		const original = sampleDoc();
		const copy = new Y.Doc();
		Y.applyUpdate(
			copy,
			copyState(Y.encodeStateAsUpdate(original), { title: 'Copy', createdAt: 9 })
		);
		expect(readMeta(copy)).toMatchObject({ kind: 'account', title: 'Copy', createdAt: 9 });
		expect(copy.getMap('nodes').get('n1')).toBe('HQ');
		expect(metaMap(original).get('title')).toBe('中国东方集团');
	});

	it('names the file after the title, safely', () => {
		expect(exportFileName('Q3: plan / 东区', 'doc')).toBe('Q3_ plan _ 东区.panorama');
		expect(exportFileName('  ', 'doc')).toBe('doc.panorama');
	});
});
