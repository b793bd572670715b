/**
 * The record cache (`store/record-cache.ts`) assumes every epoch bump goes through this process.
 * With other instances sharing the store that holds only until one of them rotates: this wrapper
 * starts the cache afresh whenever the bus says the registry changed elsewhere. Rotations are
 * rare, so dropping the whole cache costs a few reads.
 */
import type { DocStore } from '../store/doc-store.ts';
import { withRecordCache } from '../store/record-cache.ts';

export function withDroppableRecordCache(store: DocStore): { store: DocStore; drop(): void } {
	let cached = withRecordCache(store);
	const facade = {} as Record<string, unknown>;
	for (const key of Object.keys(cached) as Array<keyof DocStore>) {
		facade[key] = (...args: unknown[]) =>
			(cached[key] as (...args: unknown[]) => unknown).apply(cached, args);
	}
	return {
		store: facade as unknown as DocStore,
		drop() {
			cached = withRecordCache(store);
		}
	};
}
