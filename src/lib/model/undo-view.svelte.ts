/** Reactive undo/redo availability for buttons, over a kind's undo manager (`model/kinds`). */
import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';

export class UndoView {
	#subscribe: () => void;

	constructor(readonly manager: Y.UndoManager) {
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
