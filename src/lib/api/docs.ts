/** Calls to the server's JSON API. Failures throw an {@link ApiError} with the server's reason. */
import type { DocKind } from '../domain/documents';

export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly reason: string
	) {
		super(reason);
	}
}

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

async function post<T>(
	path: string,
	body: unknown,
	token?: string,
	headers?: Record<string, string>
): Promise<T> {
	return call<T>('POST', path, body, token, headers);
}

async function call<T>(
	method: string,
	path: string,
	body: unknown,
	token?: string,
	headers: Record<string, string> = {}
): Promise<T> {
	let response: Response;
	try {
		response = await fetch(path, {
			method,
			headers: {
				...headers,
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
				...(token ? { authorization: `Bearer ${token}` } : {})
			},
			body: body === undefined ? undefined : JSON.stringify(body)
		});
	} catch {
		throw new ApiError(0, 'offline');
	}
	const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
	if (!response.ok) throw new ApiError(response.status, String(json.reason ?? response.status));
	return json as T;
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
	return post<{ id: string; token: string }>(
		'/api/docs',
		{ kind, title, ...seed },
		undefined,
		key ? { [CREATE_KEY_HEADER]: key } : {}
	);
}

/** What the server says about creating: whether it needs a creation key. */
export function instanceInfo() {
	return call<{ createKeyRequired: boolean }>('GET', '/api/instance', undefined);
}

/** Mints a link token for `role`; needs the owner's token. */
export function createLink(docId: string, ownerToken: string, role: 'editor' | 'viewer') {
	return post<{ token: string }>(`/api/docs/${docId}/links`, { role }, ownerToken);
}

/** A share link the owner issued that still works (the token itself is never kept). */
export interface IssuedShareLink {
	id: string;
	role: 'editor' | 'viewer';
	/** Milliseconds since the epoch. */
	createdAt: number;
	expiresAt?: number;
}

/** The document's share links that still work, oldest first; needs the owner's token. */
export function listLinks(docId: string, ownerToken: string) {
	return call<{ links: IssuedShareLink[] }>(
		'GET',
		`/api/docs/${docId}/links`,
		undefined,
		ownerToken
	);
}

/** Revokes every link of one role, keeping the other's; resolves with the links left. */
export function revokeRoleLinks(docId: string, ownerToken: string, role: 'editor' | 'viewer') {
	return post<{ links: IssuedShareLink[] }>(
		`/api/docs/${docId}/links/revoke`,
		{ role },
		ownerToken
	);
}

/** Revokes every earlier token of the document; resolves with the owner's new token. */
export function rotateLinks(docId: string, ownerToken: string) {
	return post<{ token: string }>(`/api/docs/${docId}/rotate`, {}, ownerToken);
}

/** The URL that opens `docId` with `token`; the token rides in the fragment, never sent to a server. */
export function shareUrl(origin: string, docId: string, token: string): string {
	return `${origin}/s/${docId}#${token}`;
}
