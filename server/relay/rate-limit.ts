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
