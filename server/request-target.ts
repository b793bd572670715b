/**
 * Parses a request's target (`request.url`) without ever throwing. Node hands us the raw target
 * from the request line, and anyone can write anything there: an absolute form (`http://[`),
 * broken percent-escapes (`/sync/%E0%A4%A`), 20 KB of bytes. `new URL` and `decodeURIComponent`
 * throw on such input, and inside the synchronous upgrade handler that stopped the process. Every
 * entry point (the relay's upgrade, the API) reads its target through here instead.
 */
import { DOC_ID_PATTERN } from '../src/lib/transport/protocol.ts';

/** Longest target accepted; browsers send far less, and a long one only costs us. */
export const MAX_TARGET_LENGTH = 8 * 1024;

/** The path of the relay's websocket endpoint; a document id follows it. */
export const SYNC_PATH = '/sync/';

export interface RequestTarget {
	/** The path exactly as sent (not percent-decoded): routes match it against URL-safe patterns. */
	path: string;
	query: URLSearchParams;
}

/**
 * The target's path and query, or undefined when it is not an origin-form target (`/…`) of a
 * sane length. The path is left encoded on purpose: ids are URL-safe, so an id that needs
 * decoding is no id of ours, and nothing here can fail on an escape.
 */
export function parseTarget(raw: string | undefined): RequestTarget | undefined {
	if (raw === undefined || raw.length === 0 || raw.length > MAX_TARGET_LENGTH) return undefined;
	// Origin form only. `//host/x` would read as a host to a URL parser; absolute and authority
	// forms are for proxies, which we are not.
	if (raw[0] !== '/' || raw[1] === '/') return undefined;
	const hash = raw.indexOf('#');
	const target = hash === -1 ? raw : raw.slice(0, hash);
	const mark = target.indexOf('?');
	const path = mark === -1 ? target : target.slice(0, mark);
	// URLSearchParams decodes leniently: a broken escape stays as typed rather than throwing.
	const query = new URLSearchParams(mark === -1 ? '' : target.slice(mark + 1));
	return { path, query };
}

/** What an upgrade to `/sync/<docId>?token=…` asks for. */
export type SyncTarget =
	| { ok: true; docId: string; token: string | null }
	/** `not-sync`: not the relay's path at all; `bad-target`/`bad-id`: ours, but malformed. */
	| { ok: false; reason: 'not-sync' | 'bad-target' | 'bad-id' };

/** Reads a websocket upgrade's target; never throws. */
export function parseSyncTarget(raw: string | undefined): SyncTarget {
	const target = parseTarget(raw);
	if (!target) {
		// A malformed target may still have been meant for us; the relay answers it with a 400.
		return typeof raw === 'string' && raw.includes(SYNC_PATH)
			? { ok: false, reason: 'bad-target' }
			: { ok: false, reason: 'not-sync' };
	}
	if (!target.path.startsWith(SYNC_PATH)) return { ok: false, reason: 'not-sync' };
	const docId = target.path.slice(SYNC_PATH.length);
	if (!DOC_ID_PATTERN.test(docId)) return { ok: false, reason: 'bad-id' };
	return { ok: true, docId, token: target.query.get('token') };
}
