/** Documents and their links, through the API contract (`contract.ts`). */
import type { DocKind } from '../domain/documents';
import { request } from './client';
import { endpoints, type LinkRole } from './contract';

export { ApiError } from './client';
export type { IssuedShareLink } from './contract';

/** The header that carries the server's creation key (see `server/creation-guard.ts`). */
const CREATE_KEY_HEADER = 'x-panorama-create-key';
const CREATE_KEY_STORAGE = 'panorama.create-key';

/** The creation key kept on this device, if any. */
export function storedCreateKey(): string {
	try {
		return localStorage.getItem(CREATE_KEY_STORAGE) ?? '';
	} catch {
		// reason: storage can be blocked (private mode); creating then simply goes without a key
		return '';
	}
}

/** Keeps `key` on this device for later creations; an empty key forgets it. */
export function storeCreateKey(key: string): void {
	try {
		if (key.trim() === '') localStorage.removeItem(CREATE_KEY_STORAGE);
		else localStorage.setItem(CREATE_KEY_STORAGE, key.trim());
	} catch {
		// reason: storage can be blocked; the key then lasts only until this page closes
	}
}

/**
 * Registers a new document with the server; resolves with its id and owner token. A journey may
 * name its template and the language to seed it in. Sends the creation key kept on this device,
 * if any; a server that wants one and gets none (or a wrong one) refuses with `create-key`.
 */
export function createDocument(
	kind: DocKind,
	title: string,
	seed: { template?: string; locale?: string } = {}
) {
	const key = storedCreateKey();
	return request(endpoints.createDoc, {
		body: { kind, title, ...seed },
		headers: key ? { [CREATE_KEY_HEADER]: key } : {}
	});
}

/** What the server says about creating: whether it needs a creation key. */
export function instanceInfo() {
	return request(endpoints.instance);
}

/** Mints a link token for `role`; needs the owner's token. */
export function createLink(docId: string, ownerToken: string, role: LinkRole) {
	return request(endpoints.createLink, { params: [docId], body: { role }, token: ownerToken });
}

/** The document's share links that still work, oldest first; needs the owner's token. */
export function listLinks(docId: string, ownerToken: string) {
	return request(endpoints.listLinks, { params: [docId], token: ownerToken });
}

/** Revokes every link of one role, keeping the other's; resolves with the links left. */
export function revokeRoleLinks(docId: string, ownerToken: string, role: LinkRole) {
	return request(endpoints.revokeRoleLinks, {
		params: [docId],
		body: { role },
		token: ownerToken
	});
}

/** Revokes every earlier token of the document; resolves with the owner's new token. */
export function rotateLinks(docId: string, ownerToken: string) {
	return request(endpoints.rotate, { params: [docId], token: ownerToken });
}

/** The URL that opens `docId` with `token`; the token rides in the fragment, never sent to a server. */
export function shareUrl(origin: string, docId: string, token: string): string {
	return `${origin}/s/${docId}#${token}`;
}
