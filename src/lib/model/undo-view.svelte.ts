/** Reactive undo/redo availability for buttons, over a {@link createUndoManager}. */
import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
import { createUndoManager } from './undo';

export class UndoView {
	readonly manager: Y.UndoManager;
	#subscribe: () => void;

	constructor(doc: Y.Doc) {
		const manager = createUndoManager(doc);
		this.manager = manager;
		this.#subscribe = createSubscriber((update) => {
			const events = ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const;
			for (const name of events) manager.on(name, update);
			return () => {
				for (const name of events) manager.off(name, update);
			};
		});
	}

	get canUndo(): boolean {
		this.#subscribe();
		return this.manager.canUndo();
	}

	get canRedo(): boolean {
		this.#subscribe();
		return this.manager.canRedo();
	}

	undo(): void {
		this.manager.undo();
	}

	redo(): void {
		this.manager.redo();
	}

	destroy(): void {
		this.manager.destroy();
	}
}
