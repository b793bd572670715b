/**
 * The `.panorama` file: a person's own copy of one document. Layout:
 * `PANORAMA` (8 bytes) · format version (1 byte) · header length (uint32, big-endian) ·
 * header (UTF-8 JSON) · the document's full Yjs state as one update.
 * The header lets a reader know what the file holds without decoding the state.
 */
import * as Y from 'yjs';
import { EXPORT_FILE_EXTENSION, isDocKind, type DocKind } from '../domain/documents';
import { metaMap, readMeta } from './meta';

const MAGIC = new TextEncoder().encode('PANORAMA');
const FORMAT_VERSION = 1;
const PREFIX = MAGIC.length + 1 + 4;
/** A header is a few hundred bytes; anything past this is not ours. */
const MAX_HEADER_BYTES = 64 * 1024;

export interface ExportHeader {
	kind: DocKind;
	title: string;
	schemaVersion: number | undefined;
	/** Milliseconds since the epoch. */
	exportedAt: number;
}

/** Why a file could not be read; the UI translates the reason. */
export class ExportFileError extends Error {
	override readonly name = 'ExportFileError';
	constructor(readonly reason: 'not-panorama' | 'newer-version' | 'bad-header' | 'bad-state') {
		super(`not a readable .panorama file: ${reason}`);
	}
}

/** The file bytes for `doc`. Throws when the document has no known kind yet (not synced). */
export function exportDocument(doc: Y.Doc, exportedAt = Date.now()): Uint8Array {
	const meta = readMeta(doc);
	if (!isDocKind(meta.kind)) throw new ExportFileError('bad-header');
	const header: ExportHeader = {
		kind: meta.kind,
		title: meta.title,
		schemaVersion: meta.schemaVersion,
		exportedAt
	};
	const headerBytes = new TextEncoder().encode(JSON.stringify(header));
	const state = Y.encodeStateAsUpdate(doc);
	const file = new Uint8Array(PREFIX + headerBytes.length + state.length);
	file.set(MAGIC, 0);
	file[MAGIC.length] = FORMAT_VERSION;
	new DataView(file.buffer).setUint32(MAGIC.length + 1, headerBytes.length);
	file.set(headerBytes, PREFIX);
	file.set(state, PREFIX + headerBytes.length);
	return file;
}

/**
 * Reads a file made by {@link exportDocument}: its header, and its state unchecked (see
 * {@link checkState}; {@link readExportFile} does both at once).
 */
export function readExportHeader(file: Uint8Array): { header: ExportHeader; state: Uint8Array } {
	if (file.length < PREFIX || MAGIC.some((byte, i) => file[i] !== byte)) {
		throw new ExportFileError('not-panorama');
	}
	if (file[MAGIC.length]! > FORMAT_VERSION) throw new ExportFileError('newer-version');
	const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
	const headerLength = view.getUint32(MAGIC.length + 1);
	if (headerLength > MAX_HEADER_BYTES || PREFIX + headerLength > file.length) {
		throw new ExportFileError('bad-header');
	}
	let header: ExportHeader;
	try {
		const parsed: unknown = JSON.parse(
			new TextDecoder('utf-8', { fatal: true }).decode(file.subarray(PREFIX, PREFIX + headerLength))
		);
		header = parsed as ExportHeader;
		if (!isDocKind(header.kind) || typeof header.title !== 'string') throw new Error('fields');
	} catch {
		throw new ExportFileError('bad-header');
	}
	return { header, state: file.slice(PREFIX + headerLength) };
}

/**
 * Whether `doc`, holding a file's state, is whole and of the kind its header says. Yjs keeps what
 * it cannot place as pending instead of throwing: that is a truncated file.
 */
export function checkState(doc: Y.Doc, header: ExportHeader): void {
	if (doc.store.pendingStructs || doc.store.pendingDs || readMeta(doc).kind !== header.kind) {
		throw new ExportFileError('bad-state');
	}
}

/** Reads a file made by {@link exportDocument}; checks the state decodes before returning it. */
export function readExportFile(file: Uint8Array): { header: ExportHeader; state: Uint8Array } {
	const { header, state } = readExportHeader(file);
	const probe = new Y.Doc();
	try {
		Y.applyUpdate(probe, state);
		checkState(probe, header);
	} catch {
		throw new ExportFileError('bad-state');
	} finally {
		probe.destroy();
	}
	return { header, state };
}

/**
 * The state of a new document that starts as a copy of `state`, retitled. The copy keeps the
 * original's item ids; harmless, because the two documents never exchange updates.
 */
export function copyState(
	state: Uint8Array,
	fields: { title: string; createdAt: number }
): Uint8Array {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, state);
	doc.transact(() => {
		metaMap(doc).set('title', fields.title);
		metaMap(doc).set('createdAt', fields.createdAt);
	});
	const copy = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return copy;
}

/** A file name for the export: the title with characters file systems refuse replaced. */
export function exportFileName(title: string, fallback: string): string {
	const safe = [...title]
		.map((char) => (char < ' ' || '\\/:*?"<>|'.includes(char) ? '_' : char))
		.join('')
		.replace(/_+/g, '_')
		.trim();
	return (safe || fallback).slice(0, 80) + EXPORT_FILE_EXTENSION;
}
