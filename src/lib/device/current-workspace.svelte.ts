/** Which workspace the home page shows on this device, remembered across visits. */

const KEY = 'panorama:workspace';

let current = $state<string | undefined>(globalThis.localStorage?.getItem(KEY) ?? undefined);

export const currentWorkspace = {
	/** The workspace's document id, or undefined for "this device only". */
	get id(): string | undefined {
		return current;
	},
	set id(id: string | undefined) {
		current = id;
		if (id) globalThis.localStorage?.setItem(KEY, id);
		else globalThis.localStorage?.removeItem(KEY);
	}
};
