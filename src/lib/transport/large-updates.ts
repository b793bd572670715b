/**
 * Large sync messages applied a piece at a time. Opening a big account from a link, the relay's
 * answer (sync step 2) is the whole document in one update; applied at once, decoding,
 * integrating and re-rendering block the page for half a second. Instead it is cut into pieces in
 * a worker and applied one piece per task, the page free to paint in between — the outline shows
 * its first rows while the rest arrives. Messages that come meanwhile wait their turn, so updates
 * are still applied in the order received; the provider counts as synced only once every piece of
 * its sync step 2 is in.
 */
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** Updates at least this large are cut into pieces; smaller ones apply at once, as before. */
export const LARGE_UPDATE_BYTES = 128 * 1024;

/** y-websocket's message type for sync messages. */
const MESSAGE_SYNC = 0;

/** Lets the browser run other tasks (paint, input) before going on; not throttled like timers. */
export function nextTask(): Promise<void> {
	const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
	if (scheduler?.yield) return scheduler.yield();
	return new Promise((resolve) => {
		const channel = new MessageChannel();
		channel.port1.onmessage = () => {
			channel.port1.close();
			resolve();
		};
		channel.port2.postMessage(null);
	});
}

/**
 * Wraps `provider`'s sync handler so large updates are applied in the pieces `split` cuts them
 * into. Returns a function that stops applying what is still queued (the document is closing).
 */
export function applyLargeUpdatesInPieces(
	provider: WebsocketProvider,
	split: (update: Uint8Array) => Promise<Uint8Array[]>
): () => void {
	const handle = provider.messageHandlers[MESSAGE_SYNC]!;
	let queue: Promise<void> | undefined;
	let queued = 0;
	let stopped = false;

	const apply = (update: Uint8Array) => {
		try {
			Y.applyUpdate(provider.doc, update, provider);
		} catch (error) {
			// reason: as y-protocols does: an update that fails (or an observer that throws) is
			// reported, and the connection goes on.
			console.error('Caught error while handling a Yjs update', error);
		}
	};

	provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, _provider, emitSynced, type) => {
		const peek = decoding.clone(decoder);
		const kind = decoding.readVarUint(peek);
		const carriesUpdate =
			kind === syncProtocol.messageYjsSyncStep2 || kind === syncProtocol.messageYjsUpdate;
		if (!carriesUpdate) return handle(encoder, decoder, provider, emitSynced, type);
		const update = decoding.readVarUint8Array(peek);
		if (queued === 0 && update.length < LARGE_UPDATE_BYTES) {
			return handle(encoder, decoder, provider, emitSynced, type);
		}
		// Kept past this message's handling: its own copy of the bytes.
		const bytes = update.slice();
		const socket = provider.ws;
		queued++;
		queue = (queue ?? Promise.resolve()).then(async () => {
			const pieces = bytes.length >= LARGE_UPDATE_BYTES ? await split(bytes) : [bytes];
			for (const [index, piece] of pieces.entries()) {
				if (stopped) return;
				if (index > 0) await nextTask();
				if (stopped) return;
				apply(piece);
			}
			// Synced once the whole answer is in, and only if it came on the current connection.
			if (
				kind === syncProtocol.messageYjsSyncStep2 &&
				emitSynced &&
				provider.ws === socket &&
				!provider.synced
			) {
				provider.synced = true;
			}
		});
		void queue.finally(() => queued--);
	};

	return () => {
		stopped = true;
	};
}
