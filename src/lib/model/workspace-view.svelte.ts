/** Reactive reads of a workspace's document list. */
import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
import { observeWorkspace, workspaceDocs, type WorkspaceDoc } from './workspace';

export class WorkspaceView {
	#subscribe: () => void;

	constructor(private readonly doc: Y.Doc) {
		this.#subscribe = createSubscriber((update) => observeWorkspace(doc, update));
	}

	get documents(): WorkspaceDoc[] {
		this.#subscribe();
		return workspaceDocs(this.doc);
	}
}
