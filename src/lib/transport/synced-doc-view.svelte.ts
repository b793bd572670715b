/** Reactive reads of a {@link SyncedDoc}'s status for components. */
import { createSubscriber } from 'svelte/reactivity';
import type { SyncedDoc } from './synced-doc';

export class SyncedDocView {
	#subscribe: () => void;

	constructor(private readonly synced: SyncedDoc) {
		this.#subscribe = createSubscriber((update) => synced.subscribe(update));
	}

	get status() {
		this.#subscribe();
		return this.synced.status;
	}

	get unsaved() {
		this.#subscribe();
		return this.synced.unsaved;
	}

	get savedAt() {
		this.#subscribe();
		return this.synced.savedAt;
	}

	get refusedWith() {
		this.#subscribe();
		return this.synced.refusedWith;
	}
}
