/**
 * A workspace open on the home page: its {@link DocSession} and the list's commands. Loaded on
 * demand, so the home page of someone without a workspace does not download Yjs.
 */
import { DocKind, Role } from '../domain/documents';
import {
	addToWorkspace,
	removeFromWorkspace,
	setWorkspaceDocTitle,
	type WorkspaceDoc
} from '../model/workspace';
import { withDocument } from './doc-copies';
import type { LibraryEntry } from '../device/library';
import { DocSession } from './doc-session.svelte';

export type WorkspaceSession = ReturnType<typeof openWorkspace>;

export function openWorkspace(entry: LibraryEntry) {
	const session = new DocSession({
		docId: entry.id,
		kind: DocKind.workspace,
		token: entry.token,
		role: entry.role,
		// The creator names the new workspace once it has synced (nobody else has it yet).
		created:
			entry.role === Role.owner ? { title: entry.title, createdAt: entry.addedAt } : undefined
	});
	const doc = session.doc;
	return {
		entry,
		status: session.status,
		meta: session.meta,
		/** The documents listed, empty until the local copy has loaded. */
		get documents(): WorkspaceDoc[] {
			return session.view?.documents ?? [];
		},
		add: (item: WorkspaceDoc) => addToWorkspace(doc, item),
		remove: (id: string) => removeFromWorkspace(doc, id),
		retitle: (id: string, title: string) => setWorkspaceDocTitle(doc, id, title),
		setToken: (token: string) => session.setToken(token),
		destroy: () => session.destroy()
	};
}

/** Lists `item` in a workspace that is not open on this page. */
export function addToClosedWorkspace(workspace: LibraryEntry, item: WorkspaceDoc): Promise<void> {
	return withDocument(workspace, (doc) => addToWorkspace(doc, item));
}
