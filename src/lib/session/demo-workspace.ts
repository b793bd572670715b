/**
 * "Load demo workspace": a new workspace holding a demo of each document kind that has one in
 * `model/kinds`, each a real document on the relay owned by this person.
 */
import * as Y from 'yjs';
import { DocKind, Role, type DocKind as Kind } from '../domain/documents';
import type { DemoLanguage } from '../model/demo-account';
import { KINDS, type OpenableKind } from '../model/kinds';
import { initMeta } from '../model/meta';
import { addToWorkspace, type WorkspaceDoc } from '../model/workspace';
import { createDocument, createLink } from '../api/docs';
import { seedLocalCopy } from './doc-copies';
import { ownerEntry, putDocument, type LibraryEntry } from '../device/library';

async function createSeeded(
	kind: Kind,
	title: string,
	fill: (doc: Y.Doc) => void
): Promise<LibraryEntry> {
	const { id, token } = await createDocument(kind, title);
	const now = Date.now();
	const doc = new Y.Doc();
	initMeta(doc, { kind, title, createdAt: now });
	fill(doc);
	await seedLocalCopy(id, Y.encodeStateAsUpdate(doc));
	doc.destroy();
	const entry = ownerEntry({ id, kind, title, token }, now);
	await putDocument(entry);
	return entry;
}

/** Creates the demo workspace and its documents; resolves with the workspace's library entry. */
export async function loadDemoWorkspace(
	language: DemoLanguage,
	workspaceTitle: string
): Promise<LibraryEntry> {
	const listed: WorkspaceDoc[] = [];
	for (const kind of Object.keys(KINDS) as OpenableKind[]) {
		const spec = KINDS[kind];
		if (!('demo' in spec)) continue;
		const write = await spec.demo.write();
		const entry = await createSeeded(kind, spec.demo.title(), (doc) => write(doc, language));
		const { token } = await createLink(entry.id, entry.token, Role.editor);
		listed.push({
			id: entry.id,
			kind: entry.kind,
			title: entry.title,
			token,
			addedAt: entry.addedAt
		});
	}
	return createSeeded(DocKind.workspace, workspaceTitle, (doc) => {
		for (const item of listed) addToWorkspace(doc, item);
	});
}
