/**
 * The server's only logger. Messages are plain strings built by the caller, and callers never pass
 * a URL or a header; as a second guard, everything written — an error's message included — goes
 * through {@link redact}, so a capability token cannot reach the log even inside an error text.
 */
const quiet = process.env.PANORAMA_LOG === 'silent';

const REDACTIONS: ReadonlyArray<[RegExp, string]> = [
	// A JWT: three base64url parts, the first two JSON objects (`eyJ…`).
	[/eyJ[\w-]*\.eyJ[\w-]*\.[\w-]*/g, '[token]'],
	// `?token=…` / `&key=…` in a URL, and `Bearer …` / a creation key in a header dump.
	[/([?&#](?:token|key)=)[^&\s#"']*/gi, '$1[redacted]'],
	[/(bearer\s+)[^\s"',]+/gi, '$1[redacted]'],
	[/(x-panorama-create-key["']?\s*[:=]\s*["']?)[^\s"',]+/gi, '$1[redacted]']
];

/** `text` with anything that looks like a token, a bearer header or a key replaced. */
export function redact(text: string): string {
	return REDACTIONS.reduce(
		(out, [pattern, replacement]) => out.replace(pattern, replacement),
		text
	);
}

export const log = {
	info(message: string): void {
		if (!quiet) console.log(`[panorama] ${redact(message)}`);
	},
	warn(message: string): void {
		if (!quiet) console.warn(`[panorama] ${redact(message)}`);
	},
	error(message: string, error?: unknown): void {
		const detail = error instanceof Error ? `: ${error.message}` : '';
		console.error(`[panorama] ${redact(message + detail)}`);
	}
};
