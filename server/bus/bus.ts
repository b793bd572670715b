/**
 * The bus between relay instances that share one store: bytes published on a channel reach every
 * other instance subscribed to it. At most once — a message sent while an instance is cut off is
 * lost, so whoever uses it resynchronises from the store when `status` comes back to `ready`.
 */

export type BusStatus = 'ready' | 'down';

export interface Bus {
	/** Random per process; messages carry it, so an instance never receives its own. */
	readonly instanceId: string;
	readonly status: BusStatus;
	/** Sends `message` to the other instances subscribed to `channel`; dropped while down. */
	publish(channel: string, message: Uint8Array): void;
	/**
	 * Delivers what other instances publish on `channel` to `onMessage` (one handler per channel;
	 * a second call replaces it). Resolves once the subscription is active, or at once while down:
	 * the resynchronisation after `ready` covers what comes before.
	 */
	subscribe(channel: string, onMessage: (message: Uint8Array) => void): Promise<void>;
	/** Stops delivery on `channel` if `onMessage` is still its handler. */
	unsubscribe(channel: string, onMessage: (message: Uint8Array) => void): void;
	/** Calls `listener` on every change of `status`; returns the function that stops it. */
	onStatus(listener: (status: BusStatus) => void): () => void;
	close(): Promise<void>;
}
