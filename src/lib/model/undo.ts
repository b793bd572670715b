/**
 * Per-person undo: a `Y.UndoManager` over the whole document that tracks only this device's
 * edits ({@link Origin.local}), so undo never takes back what someone else did.
 */
import * as Y from 'yjs';
import { Origin } from './origins';

/** Edits closer together than this are undone as one step (typing a word, dragging a node). */
const CAPTURE_MS = 500;

export function createUndoManager(doc: Y.Doc): Y.UndoManager {
	return new Y.UndoManager(doc, {
		trackedOrigins: new Set([Origin.local]),
		captureTimeout: CAPTURE_MS
	});
}
