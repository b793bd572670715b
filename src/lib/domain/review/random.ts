/**
 * Randomness for reports, injected so tests and benchmarks are repeatable and the server can use a
 * cryptographic source: comment order must not be guessable from anything, including a seed.
 */

/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/** A copy of `items` in uniformly random order (Fisher–Yates). */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
	const result = items.slice();
	for (let i = result.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		const swap = result[i]!;
		result[i] = result[j]!;
		result[j] = swap;
	}
	return result;
}

/** Uniform numbers from the platform's cryptographic generator (Web Crypto, in Node and browsers). */
export function secureRandom(): number {
	const words = new Uint32Array(2);
	globalThis.crypto.getRandomValues(words);
	// 53 random bits: 21 from the first word, 32 from the second.
	return ((words[0]! >>> 11) * 2 ** 32 + words[1]!) / 2 ** 53;
}

/** A small seeded generator (mulberry32) for tests and benchmarks; not for real reports. */
export function seededRandom(seed: number): Random {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
