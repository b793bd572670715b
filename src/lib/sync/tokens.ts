/**
 * Capability tokens this browser holds, one per document, and what they grant. The token's
 * payload is read without verifying it: the relay verifies; the UI only needs the role.
 */
import { isRole, type Role } from '../domain/documents';

const key = (docId: string) => `panorama:token:${docId}`;

export function saveToken(docId: string, token: string): void {
	localStorage.setItem(key(docId), token);
}

export function loadToken(docId: string): string | undefined {
	return localStorage.getItem(key(docId)) ?? undefined;
}

/** The role a token claims, or undefined when it cannot be read. */
export function roleOf(token: string): Role | undefined {
	try {
		const payload = token.split('.')[1] ?? '';
		const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
		const role: unknown = JSON.parse(json).role;
		return isRole(role) ? role : undefined;
	} catch {
		// reason: a malformed token simply grants nothing the UI can show
		return undefined;
	}
}

/** The relay's websocket base URL for the page's origin. */
export function relayUrl(location: Location): string {
	const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
	return `${scheme}//${location.host}/sync`;
}
