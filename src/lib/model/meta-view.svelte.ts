/** Reactive reads of a document's `meta` map. */
import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
import { metaMap, readMeta, type DocMeta } from './meta';

export class MetaView {
	#subscribe: () => void;

	constructor(private readonly doc: Y.Doc) {
		this.#subscribe = createSubscriber((update) => {
			const map = metaMap(doc);
			map.observe(update);
			return () => map.unobserve(update);
		});
	}

	get current(): DocMeta {
		this.#subscribe();
		return readMeta(this.doc);
	}
}
