/**
 * Headers every response carries. The app's full Content-Security-Policy, with the hashes of the
 * inline bootstrap scripts, is in a `<meta>` tag SvelteKit writes into each prerendered page
 * (`kit.csp` in svelte.config.js). A header policy without those hashes would block them, so the
 * header adds only what a meta tag cannot say or what holds for every file alike; browsers
 * enforce both policies. API answers are JSON and never render, so they allow nothing at all.
 */
import type { ServerResponse } from 'node:http';

/** For pages and static files: no framing, no `<base>`, no plugins, forms only to us. */
export const PAGE_CSP =
	"frame-ancestors 'none'; base-uri 'none'; object-src 'none'; form-action 'self'";

/** For `/api` answers (see `sendJson`). */
export const API_CSP =
	"default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The headers of every response apart from the policy. No `Access-Control-Allow-*`, ever. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'no-referrer',
	'x-frame-options': 'DENY'
};

/** Sets the security headers on `response` before anything else writes to it. */
export function applySecurityHeaders(response: ServerResponse): void {
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
	response.setHeader('content-security-policy', PAGE_CSP);
}
