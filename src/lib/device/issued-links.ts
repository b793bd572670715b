/**
 * Rater and subject links HR has issued, kept on HR's device only: the server returns a rater
 * link once (at launch or re-issue) and never again, and the cycle document — which editors
 * share — must not hold keys to anyone's draft.
 */
import type { IssuedLink } from '../api/reviews';

const key = (cycle: string) => `panorama:cycle-links:${cycle}`;

export function loadIssuedLinks(cycle: string): Record<string, IssuedLink> {
	try {
		return JSON.parse(localStorage.getItem(key(cycle)) ?? '{}') as Record<string, IssuedLink>;
	} catch {
		// reason: unreadable means none kept here; HR can re-issue any link
		return {};
	}
}

/** Adds or replaces links (a re-issued link replaces the revoked one). */
export function rememberIssuedLinks(cycle: string, links: readonly IssuedLink[]): void {
	const all = loadIssuedLinks(cycle);
	for (const link of links) all[link.raterId] = link;
	localStorage.setItem(key(cycle), JSON.stringify(all));
}
