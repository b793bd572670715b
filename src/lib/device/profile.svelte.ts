/**
 * Who this person is to others in a document: a display name and a colour, kept on this device.
 * There are no accounts; presence is all a name is for.
 */

/** Okabe–Ito colours: distinguishable for colour-blind readers, and never used for save status. */
export const PROFILE_COLORS = [
	'#0072B2',
	'#D55E00',
	'#009E73',
	'#CC79A7',
	'#E69F00',
	'#56B4E9',
	'#000000'
] as const;

export interface Profile {
	name: string;
	color: string;
}

const KEY = 'panorama:profile';

function load(): Profile {
	try {
		const stored = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? 'null') as Profile | null;
		if (stored && typeof stored.name === 'string' && typeof stored.color === 'string')
			return stored;
	} catch {
		// reason: a damaged entry is replaced by a fresh profile below
	}
	const color = PROFILE_COLORS[Math.floor(Math.random() * PROFILE_COLORS.length)]!;
	return { name: '', color };
}

let current = $state<Profile>(load());

export const profile = {
	get current(): Profile {
		return current;
	},
	save(next: Profile): void {
		current = { name: next.name.trim().slice(0, 40), color: next.color };
		localStorage.setItem(KEY, JSON.stringify(current));
	}
};
