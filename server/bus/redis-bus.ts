/**
 * The bus on Redis pub/sub (or Valkey). Publishing and subscribing need a connection each: one in
 * subscriber mode takes no other commands. Each message starts with the sender's instance id.
 *
 * A paused or unreachable Redis does not always close the TCP connection, so a socket that looks
 * fine proves nothing: each connection is pinged, and a ping unanswered past the timeout counts as
 * down until it is answered.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { log } from '../log.ts';
import type { Bus, BusStatus } from './bus.ts';

const ID_BYTES = 8;

export interface RedisBusOptions {
	/** How often each connection is pinged, in milliseconds. */
	pingEveryMs?: number;
	/** A ping unanswered this long marks the bus down, in milliseconds. */
	pingTimeoutMs?: number;
}

/** One connection and its liveness probe. */
class Probe {
	#sentAt: number | undefined;
	stalled = false;

	constructor(
		readonly redis: Redis,
		private readonly changed: () => void
	) {}

	tick(now: number, timeoutMs: number): void {
		if (this.#sentAt !== undefined) {
			if (!this.stalled && now - this.#sentAt > timeoutMs) {
				this.stalled = true;
				this.changed();
			}
			return;
		}
		if (this.redis.status !== 'ready') return;
		this.#sentAt = now;
		this.redis.ping().then(
			() => {
				this.#sentAt = undefined;
				if (this.stalled) {
					this.stalled = false;
					this.changed();
				}
			},
			// A failed ping comes with a closed connection, which its own events report.
			() => (this.#sentAt = undefined)
		);
	}

	get up(): boolean {
		return this.redis.status === 'ready' && !this.stalled;
	}
}

export function openRedisBus(url: string, options: RedisBusOptions = {}): Bus {
	const pingEveryMs = options.pingEveryMs ?? 1_000;
	const pingTimeoutMs = options.pingTimeoutMs ?? 2_000;
	const id = randomBytes(ID_BYTES);
	const connect = () =>
		new Redis(url, {
			autoResubscribe: true,
			// Reconnect forever, at most every two seconds.
			retryStrategy: (times) => Math.min(times * 100, 2_000),
			maxRetriesPerRequest: null
		});
	const publisher = connect();
	const subscriber = connect();
	const handlers = new Map<string, (message: Uint8Array) => void>();
	const listeners = new Set<(status: BusStatus) => void>();
	let status: BusStatus = 'down';
	let closed = false;

	const evaluate = () => {
		const next: BusStatus = !closed && probes.every((probe) => probe.up) ? 'ready' : 'down';
		if (next === status) return;
		status = next;
		if (closed) return;
		if (next === 'down') log.warn('the bus to other instances is down');
		else log.info('the bus to other instances is ready');
		for (const listener of [...listeners]) listener(next);
	};
	const probes = [new Probe(publisher, evaluate), new Probe(subscriber, evaluate)];
	for (const redis of [publisher, subscriber]) {
		for (const event of ['ready', 'close', 'end', 'reconnecting']) redis.on(event, evaluate);
		// reason: ioredis emits every failed attempt; the status change is what gets logged
		redis.on('error', () => {});
	}
	const timer = setInterval(() => {
		const now = Date.now();
		for (const probe of probes) probe.tick(now, pingTimeoutMs);
	}, pingEveryMs);
	timer.unref();

	subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => {
		if (message.length < ID_BYTES || message.compare(id, 0, ID_BYTES, 0, ID_BYTES) === 0) return;
		handlers.get(channel.toString())?.(message.subarray(ID_BYTES));
	});

	const bus: Bus = {
		instanceId: id.toString('hex'),
		get status() {
			return status;
		},
		publish(channel, message) {
			// Nothing is queued for later: the resynchronisation after `ready` carries it instead.
			if (status !== 'ready') return;
			publisher.publish(channel, Buffer.concat([id, message])).catch(() => {});
		},
		async subscribe(channel, onMessage) {
			handlers.set(channel, onMessage);
			const subscribed = subscriber.subscribe(channel);
			if (status !== 'ready') {
				subscribed.catch(() => {});
				return;
			}
			// Going down while it waits ends the wait: `ready` again resynchronises everything.
			await new Promise<void>((resolve) => {
				const stop = bus.onStatus((now) => {
					if (now === 'down') done();
				});
				const done = () => {
					stop();
					resolve();
				};
				subscribed.then(done, done);
			});
		},
		unsubscribe(channel, onMessage) {
			if (handlers.get(channel) !== onMessage) return;
			handlers.delete(channel);
			subscriber.unsubscribe(channel).catch(() => {});
		},
		onStatus(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		async close() {
			closed = true;
			clearInterval(timer);
			listeners.clear();
			evaluate();
			handlers.clear();
			publisher.disconnect();
			subscriber.disconnect();
		}
	};
	return bus;
}
