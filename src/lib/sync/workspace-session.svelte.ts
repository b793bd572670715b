/**
 * A workspace open on the home page: its synced document and reactive views of its list. Loaded
 * on demand, so the home page of someone without a workspace does not download Yjs.
 */
import { Role } from '../domain/documents';
import { initMeta } from '../model/meta';
import { MetaView } from '../model/meta-view.svelte';
import {
	addToWorkspace,
	removeFromWorkspace,
	setWorkspaceDocTitle,
	type WorkspaceDoc
} from '../model/workspace';
import { WorkspaceView } from '../model/workspace-view.svelte';
import type { LibraryEntry } from './library';
import { openSyncedDoc } from './synced-doc';
import { SyncedDocView } from './synced-doc-view.svelte';
import { relayUrl } from './tokens';
import { withDocument } from './doc-copies';

export type WorkspaceSession = ReturnType<typeof openWorkspace>;

export function openWorkspace(entry: LibraryEntry) {
	const synced = openSyncedDoc({
		docId: entry.id,
		token: entry.token,
		relayUrl: relayUrl(location)
	});
	if (entry.role === Role.owner) {
		// The creator names the new workspace once it has synced (nobody else has it yet).
		synced.provider.once('sync', () =>
			initMeta(synced.doc, { kind: entry.kind, title: entry.title, createdAt: entry.addedAt })
		);
	}
	const list = new WorkspaceView(synced.doc);
	return {
		entry,
		status: new SyncedDocView(synced),
		meta: new MetaView(synced.doc),
		list,
		add: (item: WorkspaceDoc) => addToWorkspace(synced.doc, item),
		remove: (id: string) => removeFromWorkspace(synced.doc, id),
		retitle: (id: string, title: string) => setWorkspaceDocTitle(synced.doc, id, title),
		setToken: (token: string) => synced.setToken(token),
		destroy: () => synced.destroy()
	};
}

/** Lists `item` in a workspace that is not open on this page. */
export function addToClosedWorkspace(workspace: LibraryEntry, item: WorkspaceDoc): Promise<void> {
	return withDocument(workspace, (doc) => addToWorkspace(doc, item));
}
