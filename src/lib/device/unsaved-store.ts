/**
 * Where a document's unsaved-change count survives a reload: localStorage, one key per document.
 * Kept apart from the sync code so the home list reads counts without loading Yjs.
 */

const key = (docId: string) => `panorama:unsaved:${docId}`;

export const localStorageUnsaved = {
	get(docId: string): number {
		const value = Number(globalThis.localStorage?.getItem(key(docId)));
		return Number.isInteger(value) && value > 0 ? value : 0;
	},
	set(docId: string, unsaved: number): void {
		if (unsaved > 0) globalThis.localStorage?.setItem(key(docId), String(unsaved));
		else globalThis.localStorage?.removeItem(key(docId));
	}
};

/** Unsaved changes an earlier visit left for `docId` on this device (for lists of documents). */
export function storedUnsavedCount(docId: string): number {
	return localStorageUnsaved.get(docId);
}
