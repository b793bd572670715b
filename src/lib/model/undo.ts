/**
 * Per-person undo: a `Y.UndoManager` that tracks only this device's edits ({@link Origin.local}),
 * so undo never takes back what someone else did, over what the document's kind lets a person
 * take back (`model/kinds`).
 */
import * as Y from 'yjs';
import { Origin } from './origins';

/** Edits closer together than this are undone as one step (typing a word, dragging a node). */
const CAPTURE_MS = 500;

/** What undo reaches: the whole document, or only these top-level maps. */
export type UndoScope = 'document' | readonly string[];

export function createUndoManager(doc: Y.Doc, scope: UndoScope = 'document'): Y.UndoManager {
	const types = scope === 'document' ? doc : scope.map((name) => doc.getMap(name));
	return new Y.UndoManager(types, {
		trackedOrigins: new Set([Origin.local]),
		captureTimeout: CAPTURE_MS
	});
}
