/** Counts connection attempts per address in fixed one-minute windows. */
export class RateLimiter {
	#windows = new Map<string, { start: number; count: number }>();

	constructor(
		private readonly perMinute: number,
		private readonly now: () => number = Date.now
	) {}

	/** Records an attempt from `address`; false when it is over the limit. */
	allow(address: string): boolean {
		const now = this.now();
		let window = this.#windows.get(address);
		if (!window || now - window.start >= 60_000) {
			if (this.#windows.size > 10_000) this.#sweep(now);
			window = { start: now, count: 0 };
			this.#windows.set(address, window);
		}
		window.count++;
		return window.count <= this.perMinute;
	}

	#sweep(now: number): void {
		for (const [address, window] of this.#windows) {
			if (now - window.start >= 60_000) this.#windows.delete(address);
		}
	}
}

/**
 * A token bucket: `burst` messages at once, refilled at `perSecond`. For one socket's messages,
 * where a client that keeps sending faster than any real one would is cut off.
 */
export class TokenBucket {
	#tokens: number;
	#last: number;

	constructor(
		private readonly burst: number,
		private readonly perSecond: number,
		private readonly now: () => number = Date.now
	) {
		this.#tokens = burst;
		this.#last = now();
	}

	/** Takes one token; false when the bucket is empty. */
	take(): boolean {
		const now = this.now();
		this.#tokens = Math.min(
			this.burst,
			this.#tokens + ((now - this.#last) / 1000) * this.perSecond
		);
		this.#last = now;
		if (this.#tokens < 1) return false;
		this.#tokens--;
		return true;
	}
}
