/**
 * Turns an exported file's bytes into text. Ticketing and travel-agency systems in China export
 * UTF-8 (with or without a byte-order mark) or GBK; GB18030 is GBK's superset, so it reads both.
 */

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'gb18030';

export function decodeBytes(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
		return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
	}
	try {
		// A GBK file is almost never valid UTF-8: its lead bytes (0x81–0xFE) break UTF-8's rules.
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
	} catch {
		return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
	}
}
