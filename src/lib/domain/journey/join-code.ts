/**
 * Join codes (加入码): six characters a participant types at `/join` when scanning the projector's
 * QR code is not an option. The server keeps which board a code opens and answers it with the
 * join link; a code stops working when the facilitator replaces the join link. The alphabet
 * leaves out what reads alike on a screen or sounds alike when said aloud (0/O, 1/I/L, U/V), so
 * 30⁶ ≈ 729 million codes: with the server's limit on wrong guesses per address, guessing one
 * takes years.
 */
// Extensions spelled out: the server imports this file.

/** The characters a code is made of: Crockford's base 32 without 0, 1 and U. */
export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

export const JOIN_CODE_LENGTH = 6;

/**
 * A code from random bytes (rejection sampling, so every character is equally likely). Needs at
 * least {@link JOIN_CODE_LENGTH} bytes below 240; returns undefined when `bytes` runs out first.
 */
export function joinCodeFrom(bytes: Uint8Array): string | undefined {
	const size = JOIN_CODE_ALPHABET.length;
	// 240 = 8 × 30: the largest multiple of the alphabet's size below 256.
	const limit = 256 - (256 % size);
	let code = '';
	for (const byte of bytes) {
		if (byte >= limit) continue;
		code += JOIN_CODE_ALPHABET[byte % size];
		if (code.length === JOIN_CODE_LENGTH) return code;
	}
	return undefined;
}

/**
 * What someone typed, as a code: upper case, spaces and dashes dropped; undefined when it cannot
 * be one (wrong length, or a character outside the alphabet).
 */
export function normalizeJoinCode(typed: unknown): string | undefined {
	if (typeof typed !== 'string' || typed.length > 40) return undefined;
	const code = typed.toUpperCase().replace(/[\s\-‐–—·.]/g, '');
	if (code.length !== JOIN_CODE_LENGTH) return undefined;
	for (const char of code) if (!JOIN_CODE_ALPHABET.includes(char)) return undefined;
	return code;
}

/** A code as shown to the room: two groups of three ("K7M 4QX"), easier to read out. */
export function formatJoinCode(code: string): string {
	return `${code.slice(0, 3)} ${code.slice(3)}`;
}
