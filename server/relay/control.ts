/**
 * What one instance decides about open sockets that every instance must act on: a document's links
 * rotated or a role revoked (or a seat removed, checked by the same `revoke`), a submitted draft
 * dropped. Sent after the change is in the store, so the receiver reads the new state.
 */
import type { Bus } from '../bus/bus.ts';
import { log } from '../log.ts';

const CHANNEL = 'panorama:control';

export type ControlMessage = { op: 'revoke'; docId: string } | { op: 'drop'; docId: string };

export interface ControlHandlers {
	revoke(docId: string): Promise<void>;
	/** A document's content is gone for good (a submitted draft): close and forget its room. */
	drop(docId: string): Promise<void>;
	/** The bus is back after being down: messages may have been lost. */
	missed(): Promise<void>;
}

export class ControlChannel {
	readonly #onMessage: (message: Uint8Array) => void;
	readonly #stopStatus: () => void;

	constructor(
		private readonly bus: Bus,
		handlers: ControlHandlers
	) {
		const failed = (error: unknown) => log.error('a control message failed', error);
		this.#onMessage = (message) => {
			let parsed: ControlMessage;
			try {
				parsed = JSON.parse(Buffer.from(message).toString('utf8')) as ControlMessage;
			} catch (error) {
				return failed(error);
			}
			if (typeof parsed.docId !== 'string') return;
			if (parsed.op === 'revoke') handlers.revoke(parsed.docId).catch(failed);
			else if (parsed.op === 'drop') handlers.drop(parsed.docId).catch(failed);
		};
		void bus.subscribe(CHANNEL, this.#onMessage);
		this.#stopStatus = bus.onStatus((status) => {
			if (status === 'ready') handlers.missed().catch(failed);
		});
	}

	send(message: ControlMessage): void {
		this.bus.publish(CHANNEL, Buffer.from(JSON.stringify(message)));
	}

	stop(): void {
		this.#stopStatus();
		this.bus.unsubscribe(CHANNEL, this.#onMessage);
	}
}
