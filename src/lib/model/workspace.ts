/**
 * A `workspace` document: the list of a team's documents, each with the link token that opens it,
 * so everyone the workspace is shared with sees the same home page.
 * Shape: `documents: Y.Map<docId, WorkspaceDoc>` (plain values, replaced whole on change).
 */
import * as Y from 'yjs';
import { MAX_TITLE_LENGTH, isDocKind, type DocKind } from '../domain/documents';
import { Origin } from './origins';

export interface WorkspaceDoc {
	id: string;
	kind: DocKind;
	title: string;
	/** The link token that opens the document; whoever reads the workspace can use it. */
	token: string;
	/** Milliseconds since the epoch. */
	addedAt: number;
}

function documents(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap('documents');
}

function isWorkspaceDoc(value: unknown): value is WorkspaceDoc {
	if (typeof value !== 'object' || value === null) return false;
	const v = value as Record<string, unknown>;
	return (
		typeof v.id === 'string' &&
		isDocKind(v.kind) &&
		typeof v.title === 'string' &&
		typeof v.token === 'string' &&
		typeof v.addedAt === 'number'
	);
}

/** The workspace's documents, newest first; entries of an unknown shape are skipped. */
export function workspaceDocs(doc: Y.Doc): WorkspaceDoc[] {
	const list: WorkspaceDoc[] = [];
	for (const value of documents(doc).values()) if (isWorkspaceDoc(value)) list.push(value);
	return list.sort((a, b) => b.addedAt - a.addedAt);
}

/** Adds a document, or replaces its entry when it is already listed. */
export function addToWorkspace(doc: Y.Doc, entry: WorkspaceDoc): void {
	doc.transact(
		() => documents(doc).set(entry.id, { ...entry, title: entry.title.slice(0, MAX_TITLE_LENGTH) }),
		Origin.local
	);
}

export function removeFromWorkspace(doc: Y.Doc, id: string): void {
	doc.transact(() => documents(doc).delete(id), Origin.local);
}

/** Updates the title the workspace shows for a document; does nothing when it is not listed. */
export function setWorkspaceDocTitle(doc: Y.Doc, id: string, title: string): void {
	const current = documents(doc).get(id);
	if (!isWorkspaceDoc(current) || current.title === title) return;
	addToWorkspace(doc, { ...current, title });
}

/** Calls `listener` after every change to the list; returns the unsubscriber. */
export function observeWorkspace(doc: Y.Doc, listener: () => void): () => void {
	const map = documents(doc);
	map.observe(listener);
	return () => map.unobserve(listener);
}
