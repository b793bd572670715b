/**
 * What a rater's device keeps so the form opens with no network: the rater credential it claimed
 * (or an invitation still to claim, when it was opened offline), the last assignment list (with
 * each draft's token) and the last anonymity meter per draft. The drafts
 * themselves live in IndexedDB like every document (y-indexeddb, `panorama:<draftId>`).
 *
 * localStorage rather than the library: the bundle is read synchronously on a cold offline start,
 * it is small, and these entries are not documents the home page should list.
 */
import type { AnonymityMeter, RaterAssignments } from '../api/reviews';

export interface RaterBundle {
	/** The rater credential: this device's alone, from claiming the invitation. */
	token?: string;
	/** An invitation opened with no network, claimed when the server answers. */
	invitation?: string;
	/**
	 * Seals this rater's drafts (`model/draft-cipher`). Made by the claiming device; reaches the
	 * rater's other devices only inside their own link's fragment.
	 */
	key?: string;
	assignments?: RaterAssignments;
	meters?: Record<string, AnonymityMeter>;
}

const key = (raterId: string) => `panorama:rater:${raterId}`;

export function loadRaterBundle(raterId: string): RaterBundle | undefined {
	try {
		const text = localStorage.getItem(key(raterId));
		return text ? (JSON.parse(text) as RaterBundle) : undefined;
	} catch {
		// reason: an unreadable bundle is the same as none; the link's fragment brings a new one
		return undefined;
	}
}

export function saveRaterBundle(raterId: string, bundle: RaterBundle): void {
	localStorage.setItem(key(raterId), JSON.stringify(bundle));
}

/** Drops what this device kept for a rater link that will never open here. */
export function forgetRaterBundle(raterId: string): void {
	localStorage.removeItem(key(raterId));
}

/** Every rater link kept on this device, so home can lead back to them (an installed app opens home). */
export function raterBundles(): Array<{ raterId: string; bundle: RaterBundle }> {
	const out: Array<{ raterId: string; bundle: RaterBundle }> = [];
	try {
		for (let i = 0; i < localStorage.length; i++) {
			const name = localStorage.key(i);
			if (!name?.startsWith(key(''))) continue;
			const raterId = name.slice(key('').length);
			const bundle = loadRaterBundle(raterId);
			if (bundle) out.push({ raterId, bundle });
		}
	} catch {
		// reason: storage blocked (private mode in some browsers) means nothing is kept here
	}
	return out;
}
