/**
 * What a rater's device keeps so the form opens with no network: the rater link's token, the last
 * assignment list (with each draft's token) and the last anonymity meter per draft. The drafts
 * themselves live in IndexedDB like every document (y-indexeddb, `panorama:<draftId>`).
 *
 * localStorage rather than the library: the bundle is read synchronously on a cold offline start,
 * it is small, and these entries are not documents the home page should list.
 */
import type { AnonymityMeter, RaterAssignments } from './review-api';

export interface RaterBundle {
	token: string;
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
