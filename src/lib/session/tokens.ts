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

/** A token's payload, read without verifying it; undefined when it is not a JWT's. */
function payloadOf(token: string): Record<string, unknown> | undefined {
	try {
		const payload = token.split('.')[1] ?? '';
		const json: unknown = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
		return typeof json === 'object' && json !== null
			? (json as Record<string, unknown>)
			: undefined;
	} catch {
		// reason: a malformed token simply grants nothing the UI can show
		return undefined;
	}
}

/** The claims of a token, or undefined when it cannot be read. */
export function claimsOf(token: string): TokenClaims | undefined {
	const json = payloadOf(token);
	if (!json) return undefined;
	const { sub, kind, role } = json;
	if (typeof sub !== 'string' || !isDocKind(kind) || !isRole(role)) return undefined;
	return { docId: sub, kind, role };
}

/** The relay's websocket base URL for the page's origin. */
export function relayUrl(location: Location): string {
	const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
	return `${scheme}//${location.host}/sync`;
}

/** What a team token says: an invitation to claim, or a member's credential for a workspace. */
export interface TeamClaims {
	workspace: string;
	member?: string;
	invitation?: string;
}

/** The team claims of a token, or undefined when it is neither an invitation nor a credential. */
export function teamClaimsOf(token: string): TeamClaims | undefined {
	const claims = claimsOf(token);
	const json = payloadOf(token);
	if (!claims || !json) return undefined;
	const member = typeof json.mb === 'string' ? json.mb : undefined;
	const invitation = typeof json.inv === 'string' ? json.inv : undefined;
	if (!member && !invitation) return undefined;
	return {
		workspace: claims.docId,
		...(member ? { member } : {}),
		...(invitation ? { invitation } : {})
	};
}
