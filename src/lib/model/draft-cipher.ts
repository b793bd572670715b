/**
 * Seals a rater's answers and comments inside the `review-draft` document, so the relay stores
 * and forwards only ciphertext: the key is made by the device that claimed the invitation and
 * travels only in the fragment of the rater's own links (never to a server).
 *
 * XChaCha20-Poly1305 with a random 24-byte nonce per value (random nonces of that size never
 * repeat in practice). Each plaintext is padded to a multiple of {@link PAD} bytes before sealing,
 * so a comment's ciphertext tells its length only to within that.
 *
 * Values sit in the draft under names, not item ids: each name is a keyed hash of the id
 * ({@link DraftCipher.name}: AES-CMAC under a naming key drawn from the draft key), so the server
 * sees how many items have a value but not which; the rater's device maps names back through the
 * questionnaire it knows. What stays visible to the server: how many answers and comments there
 * are, each comment's length to within {@link PAD} bytes, and when the draft changed.
 *
 * Synchronous on purpose: Yjs writes are synchronous, and a sealed write must land in the same
 * transaction as the rater's tap, including offline.
 */
import { cmac } from '@noble/ciphers/aes.js';
import { xchacha20, xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { bytesToUtf8, randomBytes, utf8ToBytes } from '@noble/ciphers/utils.js';

const KEY_BYTES = 32;
const NONCE_BYTES = 24;
const PAD = 64;
/** Marks a sealed value; the version lets a later scheme sit beside this one. */
const PREFIX = 'x1.';
/** Marks a name; 12 bytes of hash keep names apart for any questionnaire (2^-96 collisions). */
const NAME_PREFIX = 'n1.';
const NAME_BYTES = 12;
/**
 * The nonce at which the draft key's keystream becomes the naming key. Sealing draws random
 * 24-byte nonces, which never meet this one, so the naming key is independent of every seal.
 */
const NAMING_NONCE = utf8ToBytes('panorama draft names v1.');

export interface DraftCipher {
	seal(value: unknown): string;
	/** The value, or undefined when `sealed` is not ours (another key, tampered, not sealed). */
	open(sealed: unknown): { value: unknown } | undefined;
	/** The name an item or question id is kept under in the draft: the same for the same key. */
	name(id: string): string;
}

/** True when `text` is a sealed value (of any key): never to be shown as if it were text. */
export function isSealed(text: string): boolean {
	return text.startsWith(PREFIX);
}

/** A new random draft key, as text for a link's fragment and the device's storage. */
export function newDraftKey(): string {
	return toBase64Url(randomBytes(KEY_BYTES));
}

/** True when `text` reads as a draft key. */
export function isDraftKey(text: unknown): text is string {
	if (typeof text !== 'string') return false;
	try {
		return fromBase64Url(text).length === KEY_BYTES;
	} catch {
		// reason: not base64url is not a key
		return false;
	}
}

export function draftCipher(key: string): DraftCipher {
	const bytes = fromBase64Url(key);
	if (bytes.length !== KEY_BYTES) throw new Error('a draft key is 32 bytes');
	const namingKey = xchacha20(bytes, NAMING_NONCE, new Uint8Array(KEY_BYTES));
	const names = new Map<string, string>();
	return {
		name(id) {
			let name = names.get(id);
			if (name === undefined) {
				const hash = cmac(utf8ToBytes(id), namingKey).subarray(0, NAME_BYTES);
				name = NAME_PREFIX + toBase64Url(hash);
				names.set(id, name);
			}
			return name;
		},
		seal(value) {
			const json = JSON.stringify(value);
			const padded = json + ' '.repeat((PAD - (utf8ToBytes(json).length % PAD)) % PAD);
			const nonce = randomBytes(NONCE_BYTES);
			const sealed = xchacha20poly1305(bytes, nonce).encrypt(utf8ToBytes(padded));
			const out = new Uint8Array(NONCE_BYTES + sealed.length);
			out.set(nonce);
			out.set(sealed, NONCE_BYTES);
			return PREFIX + toBase64Url(out);
		},
		open(sealed) {
			if (typeof sealed !== 'string' || !sealed.startsWith(PREFIX)) return undefined;
			try {
				const raw = fromBase64Url(sealed.slice(PREFIX.length));
				const nonce = raw.subarray(0, NONCE_BYTES);
				const plain = xchacha20poly1305(bytes, nonce).decrypt(raw.subarray(NONCE_BYTES));
				return { value: JSON.parse(bytesToUtf8(plain)) as unknown };
			} catch {
				// reason: another key or a tampered value reads as no value, never as a wrong one
				return undefined;
			}
		}
	};
}

function toBase64Url(bytes: Uint8Array): string {
	let binary = '';
	for (const byte of bytes) binary += String.fromCharCode(byte);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
	if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
	const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
	return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
