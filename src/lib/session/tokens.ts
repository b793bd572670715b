/**
 * What a capability token claims, read without verifying it: the relay verifies; the UI only
 * needs to know what the link opens and whether it may write.
 */
import { isDocKind, isRole, type DocKind, type Role } from '../domain/documents';

export interface TokenClaims {
	docId: string;
	kind: DocKind;
	role: Role;
}

/** The claims of a token, or undefined when it cannot be read. */
export function claimsOf(token: string): TokenClaims | undefined {
	try {
		const payload = token.split('.')[1] ?? '';
		const json: unknown = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
		if (typeof json !== 'object' || json === null) return undefined;
		const { sub, kind, role } = json as Record<string, unknown>;
		if (typeof sub !== 'string' || !isDocKind(kind) || !isRole(role)) return undefined;
		return { docId: sub, kind, role };
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
