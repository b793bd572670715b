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

async function post<T>(path: string, body: unknown, token?: string): Promise<T> {
	return call<T>('POST', path, body, token);
}

async function call<T>(method: string, path: string, body: unknown, token?: string): Promise<T> {
	let response: Response;
	try {
		response = await fetch(path, {
			method,
			headers: {
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
 * name its template and the language to seed it in.
 */
export function createDocument(
	kind: DocKind,
	title: string,
	seed: { template?: string; locale?: string } = {}
) {
	return post<{ id: string; token: string }>('/api/docs', { kind, title, ...seed });
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
