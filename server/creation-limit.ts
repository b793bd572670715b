/**
 * How fast documents, links and other stored things may be created: a token bucket per client
 * address and one for the whole instance. A bucket holds up to `burst` creations and refills at
 * `perMinute`; a request takes one token from both its address's bucket and the instance's, or
 * from neither. Pure apart from its clock, which tests inject.
 */

/** Limits of one bucket: `burst` creations at once (≥ 1), refilled at `perMinute` (≥ 0). */
export interface BucketLimits {
	burst: number;
	perMinute: number;
}

export interface CreationLimits {
	perAddress: BucketLimits;
	instance: BucketLimits;
}

/** The answer for one request: allowed, or refused with when one more will be allowed. */
export type CreationVerdict =
	| { ok: true }
	| {
			ok: false;
			/** Whose bucket is empty: the caller's address, or the whole instance. */
			scope: 'address' | 'instance';
			/** Whole seconds until a token is back (≥ 1), for a `Retry-After` header. */
			retryAfterSeconds: number;
	  };

/** Addresses remembered at most; past it, full buckets (and then the oldest) are forgotten. */
const MAX_ADDRESSES = 10_000;

class Bucket {
	tokens: number;
	last: number;

	constructor(
		private readonly limits: BucketLimits,
		now: number
	) {
		this.tokens = limits.burst;
		this.last = now;
	}

	/** Refills up to `now` and answers the tokens there are. */
	refill(now: number): number {
		const perMs = this.limits.perMinute / 60_000;
		this.tokens = Math.min(this.limits.burst, this.tokens + Math.max(0, now - this.last) * perMs);
		this.last = now;
		return this.tokens;
	}

	/** Seconds until one token is back; a bucket that never refills answers an hour. */
	wait(): number {
		const perMs = this.limits.perMinute / 60_000;
		if (perMs <= 0) return 3600;
		return Math.max(1, Math.ceil((1 - this.tokens) / perMs / 1000));
	}

	full(): boolean {
		return this.tokens >= this.limits.burst;
	}
}

/**
 * The bucket key of an address: IPv4 (also when mapped into IPv6) as is, IPv6 by its /64 — one
 * home or phone gets a whole /64, so counting single addresses there would count nothing.
 */
export function addressKey(address: string | undefined): string {
	if (!address) return 'unknown';
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
	if (mapped) return mapped[1]!;
	if (!address.includes(':')) return address;
	const [head = '', tail] = address.toLowerCase().split('::');
	const left = head === '' ? [] : head.split(':');
	const right = tail === undefined || tail === '' ? [] : tail.split(':');
	const groups =
		tail === undefined
			? left
			: [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
	return `${groups
		.slice(0, 4)
		.map((g) => g.replace(/^0+(?=.)/, ''))
		.join(':')}::/64`;
}

export class CreationLimiter {
	#addresses = new Map<string, Bucket>();
	#instance: Bucket;

	constructor(
		private readonly limits: CreationLimits,
		private readonly now: () => number = Date.now
	) {
		this.#instance = new Bucket(limits.instance, now());
	}

	/** Records one creation from `address` when both buckets allow it. */
	take(address: string | undefined): CreationVerdict {
		const now = this.now();
		const key = addressKey(address);
		let mine = this.#addresses.get(key);
		if (!mine) {
			if (this.#addresses.size >= MAX_ADDRESSES) this.#forget(now);
			mine = new Bucket(this.limits.perAddress, now);
			this.#addresses.set(key, mine);
		}
		if (mine.refill(now) < 1) {
			return { ok: false, scope: 'address', retryAfterSeconds: mine.wait() };
		}
		if (this.#instance.refill(now) < 1) {
			return { ok: false, scope: 'instance', retryAfterSeconds: this.#instance.wait() };
		}
		mine.tokens--;
		this.#instance.tokens--;
		return { ok: true };
	}

	/** Drops buckets that are full again (they equal a fresh one), then the oldest if need be. */
	#forget(now: number): void {
		for (const [key, bucket] of this.#addresses) {
			bucket.refill(now);
			if (bucket.full()) this.#addresses.delete(key);
		}
		for (const key of this.#addresses.keys()) {
			if (this.#addresses.size < MAX_ADDRESSES) break;
			this.#addresses.delete(key);
		}
	}
}
