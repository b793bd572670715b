/**
 * Where a link's secret goes. Every link Panorama hands out carries its secret in the fragment
 * (`#…`), which a browser never sends to a server. The page a link opens calls
 * {@link takeCapability} first: the secret is taken off the address bar (so it is not left in
 * history, bookmarks or a screenshot) and kept in the IndexedDB library (`sync/library`), so the
 * page opens again from home, from history, or offline.
 *
 * - `/d/<id>#<token>`: a document's token becomes (or refreshes) its library entry.
 * - any other page (`/w/…`, `/j/…/present`, `/nominate/…`, `/report/…`): the fragment is kept
 *   as it came, keyed by the page's path; the page knows how to read it.
 * - `keep: false` (a rater's page): the fragment is a device credential and the key that seals
 *   the rater's drafts; the rater's bundle keeps those (`sync/rater-bundle`), nothing else does.
 */
import { getDocument, keepLink, keptLink, putDocument, updateDocument } from '../device/library';
import type { LibraryEntry } from '../device/library';
import { claimsOf } from './tokens';

/** What a page was opened with. */
export interface Capability {
	/** The link's fragment, or what this device kept from an earlier visit to the same page. */
	secret: string;
	/** On a document's page: its library entry (token, kind, role, title). */
	entry?: LibraryEntry;
}

/** `/d/<id>` (the document page): the document's id. */
function documentId(path: string): string | undefined {
	return /^\/d\/([^/]+)$/.exec(path)?.[1];
}

/**
 * The capability this page opens with: the link's fragment when it has one (cleared from the
 * address bar and kept on this device), else what was kept here on an earlier visit; undefined
 * when this device never had a link to this page.
 */
export async function takeCapability(
	location: Location,
	options: { keep?: boolean } = {}
): Promise<Capability | undefined> {
	const fragment = location.hash.slice(1);
	const path = location.pathname;
	if (fragment) history.replaceState(history.state, '', path + location.search);
	const docId = documentId(path);
	if (docId !== undefined) return takeDocumentToken(docId, fragment);
	if (options.keep === false) return fragment ? { secret: fragment } : undefined;
	if (fragment) {
		await keepLink(path, fragment).catch(() => {
			// reason: storage refused (private mode): the page still opens with the link in hand
		});
		return { secret: fragment };
	}
	const kept = await keptLink(path).catch(() => undefined);
	return kept ? { secret: kept } : undefined;
}

/**
 * A document link's token becomes its library entry; a fragment that is not a token for this
 * document changes nothing (the entry kept here, if any, opens it).
 */
async function takeDocumentToken(id: string, fragment: string): Promise<Capability | undefined> {
	const known = await getDocument(id);
	const now = Date.now();
	const claims = fragment ? claimsOf(fragment) : undefined;
	if (claims && claims.docId === id) {
		const entry: LibraryEntry = {
			id,
			kind: claims.kind,
			title: known?.title ?? '',
			token: fragment,
			role: claims.role,
			addedAt: known?.addedAt ?? now,
			lastOpenedAt: now
		};
		await putDocument(entry);
		return { secret: fragment, entry };
	}
	if (!known) return undefined;
	await updateDocument(id, { lastOpenedAt: now });
	return { secret: known.token, entry: { ...known, lastOpenedAt: now } };
}
