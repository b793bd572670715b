/**
 * Whether the browser promised to keep this site's storage. Without the promise a browser may
 * erase it (Safari after seven days unused), taking unsaved changes with it.
 */

let persisted = $state<boolean | undefined>();

export const storagePersistence = {
	/** True when granted, false when refused, undefined before the answer or where unsupported. */
	get persisted() {
		return persisted;
	}
};

/** Asks once per page load; browsers answer from their own heuristics, often without a prompt. */
export async function requestPersistence(): Promise<void> {
	const storage = globalThis.navigator?.storage;
	if (!storage?.persist) return;
	try {
		persisted = (await storage.persisted()) || (await storage.persist());
	} catch {
		// reason: some embedded browsers throw instead of refusing; treat it as a refusal
		persisted = false;
	}
}
