import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addToWorkspace,
	removeFromWorkspace,
	setWorkspaceDocTitle,
	workspaceDocs
} from '../../src/lib/model/workspace';

const entry = (id: string, addedAt: number) => ({
	id,
	kind: 'account' as const,
	title: `Doc ${id}`,
	token: `token-${id}`,
	addedAt
});

describe('workspace documents', () => {
	it('lists newest first and converges when two people add at once', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		addToWorkspace(a, entry('x', 1));
		addToWorkspace(b, entry('y', 2));
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		expect(workspaceDocs(a).map((d) => d.id)).toEqual(['y', 'x']);
		expect(workspaceDocs(b)).toEqual(workspaceDocs(a));
	});

	it('renames and removes entries, and skips values of an unknown shape', () => {
		const doc = new Y.Doc();
		addToWorkspace(doc, entry('x', 1));
		doc.getMap('documents').set('junk', { id: 'junk' });
		setWorkspaceDocTitle(doc, 'x', '东区客户');
		setWorkspaceDocTitle(doc, 'missing', 'ignored');
		expect(workspaceDocs(doc)).toEqual([{ ...entry('x', 1), title: '东区客户' }]);
		removeFromWorkspace(doc, 'x');
		expect(workspaceDocs(doc)).toEqual([]);
	});
});
