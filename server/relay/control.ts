/**
 * What one instance decides about open sockets that every instance must act on: a document's links
 * rotated or a role revoked (or a seat removed, checked by the same `revoke`), a document turned
 * read-only. Sent after the change is in the store, so the receiver reads the new state.
 */
import type { Bus } from '../bus/bus.ts';
import { log } from '../log.ts';

const CHANNEL = 'panorama:control';

export type ControlMessage = { op: 'revoke'; docId: string } | { op: 'read-only'; docId: string };

export interface ControlHandlers {
	revoke(docId: string): Promise<void>;
	readOnly(docId: string): void;
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
			else if (parsed.op === 'read-only') handlers.readOnly(parsed.docId);
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
