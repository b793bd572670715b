/**
 * The server's time as this device best knows it: a few round trips to `/api/time` estimate the
 * offset (see `domain/journey/timer`), and `now` ticks four times a second while read, so every
 * screen counts a workshop timer down from the same clock — a late joiner included.
 */
import { createSubscriber } from 'svelte/reactivity';
import { estimateClockOffset, type ClockSample } from '../domain/journey/timer';
import { serverTime } from '../api/workshop';

const SAMPLES = 5;
const TICK_MS = 250;

export class ServerClock {
	#offset = $state(0);
	#tick = $state(0);
	#subscribe = createSubscriber(() => {
		const timer = setInterval(() => this.#tick++, TICK_MS);
		return () => clearInterval(timer);
	});

	constructor() {
		void this.#measure();
	}

	async #measure(): Promise<void> {
		const samples: ClockSample[] = [];
		for (let i = 0; i < SAMPLES; i++) {
			const sentAt = Date.now();
			try {
				const { now } = await serverTime();
				samples.push({ sentAt, serverTime: now, receivedAt: Date.now() });
			} catch {
				// reason: offline; the local clock stands in until the next measurement
				return;
			}
		}
		const estimate = estimateClockOffset(samples);
		if (estimate) this.#offset = estimate.offsetMs;
	}

	/** Server epoch ms, ticking while read in a reactive context. */
	get now(): number {
		this.#subscribe();
		void this.#tick;
		return Date.now() + this.#offset;
	}
}
