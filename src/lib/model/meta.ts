/** The `meta` map every document carries: `{kind, schemaVersion, title, createdAt}`. */
import * as Y from 'yjs';
// Extensions spelled out: the server imports this file, and Vite's config loader follows it there.
import { MAX_TITLE_LENGTH } from '../domain/documents.ts';
import { Origin } from './origins.ts';

export interface DocMeta {
	kind: string | undefined;
	schemaVersion: number | undefined;
	title: string;
	/** Milliseconds since the epoch. */
	createdAt: number | undefined;
}

/** The shared `meta` map of `doc`. */
export function metaMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap('meta');
}

/** Reads the meta fields, tolerating a document that does not have them yet. */
export function readMeta(doc: Y.Doc): DocMeta {
	const meta = metaMap(doc);
	const kind = meta.get('kind');
	const schemaVersion = meta.get('schemaVersion');
	const title = meta.get('title');
	const createdAt = meta.get('createdAt');
	return {
		kind: typeof kind === 'string' ? kind : undefined,
		schemaVersion: typeof schemaVersion === 'number' ? schemaVersion : undefined,
		title: typeof title === 'string' ? title : '',
		createdAt: typeof createdAt === 'number' ? createdAt : undefined
	};
}

/** Renames the document; titles longer than the limit are cut. */
export function setTitle(doc: Y.Doc, title: string): void {
	doc.transact(() => metaMap(doc).set('title', title.slice(0, MAX_TITLE_LENGTH)), Origin.local);
}

/** Current schema version of every document kind's `meta`. */
export const SCHEMA_VERSION = 1;

/** Fills a new document's `meta` once; does nothing when the document already has a kind. */
export function initMeta(
	doc: Y.Doc,
	fields: { kind: string; title: string; createdAt: number }
): void {
	const meta = metaMap(doc);
	if (meta.has('kind')) return;
	doc.transact(() => {
		meta.set('kind', fields.kind);
		meta.set('schemaVersion', SCHEMA_VERSION);
		if (!meta.has('title')) meta.set('title', fields.title.slice(0, MAX_TITLE_LENGTH));
		meta.set('createdAt', fields.createdAt);
	}, Origin.system);
}
