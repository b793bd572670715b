/**
 * Whole-document operations from outside a document's page: rename or duplicate from the home
 * list, import a `.panorama` file. Each opens the document briefly through the same IndexedDB copy
 * and relay as the page does, so an edit made here is saved (or counted unsaved) the same way.
 */
import * as idb from 'lib0/indexeddb';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import {
	ExportFileError,
	checkState,
	copyState,
	readExportHeader,
	type ExportHeader
} from '../model/export-file';
import { initMeta, metaMap, readMeta, setTitle } from '../model/meta';
import { splitUpdate } from '../model/update-chunks';
import { nextTask } from '../transport/large-updates';
import { startCycleFrom } from '../model/review-cycle';
import { startDevelopmentPlan, type PlanSource } from '../model/development-plan';
import { DocKind } from '../domain/documents';
import type { CycleConfig } from '../domain/review/cycle';
import type { ReviewTemplateId } from '../domain/review/template-types';
import { createDocument } from '../api/docs';
import { ownerEntry, putDocument, type LibraryEntry } from '../device/library';
import { openSyncedDoc, type SyncedDoc } from '../transport/synced-doc';
import { relayUrl } from './tokens';

/** How long to wait for a document that is not on this device to arrive from the relay. */
const FETCH_TIMEOUT_MS = 10_000;
/** How long to wait for the relay to confirm an edit before leaving it to the next visit. */
const SAVE_WAIT_MS = 5_000;

export class DocumentUnavailableError extends Error {
	override readonly name = 'DocumentUnavailableError';
	constructor() {
		super('the document is not on this device and the relay could not be reached');
	}
}

function until(synced: SyncedDoc, done: () => boolean, timeoutMs: number): Promise<boolean> {
	return new Promise((resolve) => {
		if (done()) return resolve(true);
		const timer = setTimeout(() => finish(false), timeoutMs);
		const unsubscribe = synced.subscribe(() => {
			if (done()) finish(true);
		});
		function finish(ok: boolean) {
			clearTimeout(timer);
			unsubscribe();
			resolve(ok);
		}
	});
}

/**
 * Opens `entry`'s document, runs `work` on it, waits (a little) for the relay to store what
 * `work` changed, and closes it. A change not confirmed in time stays in IndexedDB, counted unsaved.
 */
export async function withDocument<T>(
	entry: Pick<LibraryEntry, 'id' | 'token'>,
	work: (doc: Y.Doc) => T
): Promise<T> {
	const synced = openSyncedDoc({
		docId: entry.id,
		token: entry.token,
		relayUrl: relayUrl(location)
	});
	try {
		await synced.loaded;
		if (readMeta(synced.doc).kind === undefined) {
			const arrived = await until(synced, () => synced.status === 'saved', FETCH_TIMEOUT_MS);
			if (!arrived) throw new DocumentUnavailableError();
		}
		const result = work(synced.doc);
		await until(synced, () => synced.unsaved === 0 || synced.status === 'offline', SAVE_WAIT_MS);
		return result;
	} finally {
		synced.destroy();
	}
}

/** Writes `state` as the IndexedDB copy of a new document; its page then syncs it to the relay. */
export async function seedLocalCopy(docId: string, state: Uint8Array): Promise<void> {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, state);
	// y-indexeddb stores the doc's whole state when it opens an empty database.
	const persistence = new IndexeddbPersistence(`panorama:${docId}`, doc);
	await persistence.whenSynced;
	await persistence.destroy();
	doc.destroy();
}

async function registerCopy(
	state: Uint8Array,
	fields: { kind: LibraryEntry['kind']; title: string }
): Promise<LibraryEntry> {
	const { id, token } = await createDocument(fields.kind, fields.title);
	const now = Date.now();
	await seedLocalCopy(id, copyState(state, { title: fields.title, createdAt: now }));
	const entry = ownerEntry({ id, kind: fields.kind, title: fields.title, token }, now);
	await putDocument(entry);
	return entry;
}

/**
 * Imports a `.panorama` file as a new document owned by this person. Throws `ExportFileError`.
 * A big account's file is read a piece at a time, the page free in between, and its copy is
 * stored on this device as those pieces, so no step holds the page for long.
 */
export async function importFile(bytes: Uint8Array): Promise<LibraryEntry> {
	const { header, state } = readExportHeader(bytes);
	const { doc, pieces } = await readInPieces(state, header);
	try {
		const { id, token } = await createDocument(header.kind, header.title);
		const now = Date.now();
		// The copy's own title and creation time: one small update after the file's pieces.
		const retitled: Uint8Array[] = [];
		doc.on('update', (update: Uint8Array) => retitled.push(update));
		doc.transact(() => {
			metaMap(doc).set('title', header.title);
			metaMap(doc).set('createdAt', now);
		});
		await storeLocalCopy(id, [...pieces, ...retitled]);
		const entry = ownerEntry({ id, kind: header.kind, title: header.title, token }, now);
		await putDocument(entry);
		return entry;
	} finally {
		doc.destroy();
	}
}

/** A file's state applied a piece per task into a document, checked whole and of its kind. */
async function readInPieces(
	state: Uint8Array,
	header: ExportHeader
): Promise<{ doc: Y.Doc; pieces: Uint8Array[] }> {
	const pieces = splitUpdate(state);
	const doc = new Y.Doc();
	try {
		for (const [index, piece] of pieces.entries()) {
			if (index > 0) await nextTask();
			Y.applyUpdate(doc, piece);
		}
		checkState(doc, header);
	} catch {
		doc.destroy();
		throw new ExportFileError('bad-state');
	}
	return { doc, pieces };
}

/**
 * Writes `updates` as the IndexedDB copy of a new document, in y-indexeddb's own layout (one
 * record per update in its `updates` store), without building the document here; its page then
 * loads and syncs it to the relay.
 */
export async function storeLocalCopy(docId: string, updates: Uint8Array[]): Promise<void> {
	const db = await idb.openDB(`panorama:${docId}`, (created) =>
		idb.createStores(created, [['updates', { autoIncrement: true }], ['custom']])
	);
	try {
		const [store] = idb.transact(db, ['updates']);
		await Promise.all(updates.map((update) => idb.rtop(store!.add(update))));
	} finally {
		db.close();
	}
}

/** A new document, owned by this person, with the content of `entry` and the title `title`. */
export async function duplicateDocument(entry: LibraryEntry, title: string): Promise<LibraryEntry> {
	const state = await withDocument(entry, (doc) => Y.encodeStateAsUpdate(doc));
	return registerCopy(state, { kind: entry.kind, title });
}

/**
 * A new review cycle, owned by this person, with the settings of `config` (questionnaire, weights,
 * thresholds) and nobody in it: how a launched cycle's locked questionnaire is edited for the next.
 */
export async function newCycleFromSettings(
	config: CycleConfig,
	template: ReviewTemplateId | undefined,
	title: string
): Promise<LibraryEntry> {
	const doc = new Y.Doc();
	initMeta(doc, { kind: DocKind.reviewCycle, title, createdAt: Date.now() });
	startCycleFrom(doc, config, template);
	const state = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return registerCopy(state, { kind: DocKind.reviewCycle, title });
}

/**
 * A subject's new development plan, owned by this person alone, with where it came from: the
 * cycle, their name and what the report suggested talking about.
 */
export async function newDevelopmentPlan(title: string, source: PlanSource): Promise<LibraryEntry> {
	const doc = new Y.Doc();
	startDevelopmentPlan(doc, title, source);
	const state = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return registerCopy(state, { kind: DocKind.developmentPlan, title });
}

/** Renames a document from outside its page. */
export async function renameDocument(entry: LibraryEntry, title: string): Promise<void> {
	await withDocument(entry, (doc) => setTitle(doc, title));
}
