/**
 * Opens one document: a Y.Doc kept in IndexedDB, synced with the relay through y-websocket's
 * WebsocketProvider, with a save status computed from the relay's `saved` acknowledgements.
 */
import type * as decoding from 'lib0/decoding';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { UpdateSplitter } from '../workers/update-split';
import { applyLargeUpdatesInPieces } from './large-updates';
import { MessageType, isFatalClose, readSaved, updateBearingKind } from './protocol';
import { SaveTracker } from './save-tracker';
import { reconnectDelay, syncStatus, type ConnectionState, type SyncStatus } from './status';
import { localStorageUnsaved } from '../device/unsaved-store';

export interface OpenOptions {
	docId: string;
	token: string;
	/** Base websocket URL of the relay, e.g. `ws://localhost:3000/sync`. */
	relayUrl: string;
	/** Keep the document in IndexedDB (browsers); off in Node tests. */
	persist?: boolean;
	/** WebSocket constructor; the browser's by default. */
	WebSocket?: typeof WebSocket;
	/** Where the unsaved count survives a reload; localStorage by default in browsers. */
	unsavedStore?: { get(docId: string): number; set(docId: string, unsaved: number): void };
}

export interface SyncedDoc {
	readonly doc: Y.Doc;
	readonly provider: WebsocketProvider;
	readonly status: SyncStatus;
	/** Local changes the relay has not acknowledged as stored. */
	readonly unsaved: number;
	/**
	 * When the relay last confirmed that it holds everything made here (ms since the epoch): the
	 * last `saved` acknowledgement that left nothing unsaved, or a sync with nothing unsaved.
	 */
	readonly savedAt: number | undefined;
	/** Close code that stopped reconnection for good (revoked or invalid token), if any. */
	readonly refusedWith: number | undefined;
	/** Resolves once the IndexedDB copy (if any) is loaded into `doc`. */
	readonly loaded: Promise<void>;
	/** Drops the connection and stops reconnecting; edits continue locally. */
	disconnect(): void;
	/** Reconnects after {@link disconnect}. */
	connect(): void;
	/** Continues with a new token (after the owner rotated the links), reconnecting at once. */
	setToken(token: string): void;
	/** Subscribes to status and unsaved-count changes; returns the unsubscriber. */
	subscribe(listener: () => void): () => void;
	destroy(): void;
}

/** Opens a document; call `destroy()` when leaving it. */
export function openSyncedDoc(options: OpenOptions): SyncedDoc {
	const { docId, token, relayUrl } = options;
	const unsavedStore = options.unsavedStore ?? localStorageUnsaved;
	const doc = new Y.Doc();
	const tracker = new SaveTracker(unsavedStore.get(docId));
	const listeners = new Set<() => void>();
	const notify = () => {
		for (const listener of listeners) listener();
	};

	let connection: ConnectionState = 'disconnected';
	let synced = false;
	let refusedWith: number | undefined;
	let savedAt: number | undefined;
	let attempts = 0;
	let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
	const persistence =
		(options.persist ?? true) ? new IndexeddbPersistence(`panorama:${docId}`, doc) : undefined;

	// Registered before the provider's own listener, so the tracker knows a change before it is sent.
	const onUpdate = (_update: Uint8Array, origin: unknown) => {
		const local = origin !== provider && origin !== persistence;
		tracker.documentChanged(local, connection === 'connected');
	};
	doc.on('update', onUpdate);
	tracker.subscribe(() => {
		unsavedStore.set(docId, tracker.unsaved);
		notify();
	});

	const provider = new WebsocketProvider(relayUrl, docId, doc, {
		connect: false,
		disableBc: true,
		params: { token },
		WebSocketPolyfill: countingWebSocket(options.WebSocket ?? WebSocket, tracker),
		maxBackoffTime: 30_000
	});
	// In a browser, a big document from the relay arrives in pieces, one per task (see large-updates).
	const splitter = typeof Worker === 'undefined' ? undefined : new UpdateSplitter();
	const stopPieces = splitter
		? applyLargeUpdatesInPieces(provider, (update) => splitter.split(update))
		: undefined;
	provider.messageHandlers[MessageType.saved] = (_encoder, decoder: decoding.Decoder) => {
		tracker.stored(readSaved(decoder).storedMessages);
		if (tracker.unsaved === 0) {
			savedAt = Date.now();
			notify();
		}
	};
	provider.on('status', ({ status }) => {
		connection = status;
		notify();
	});
	provider.on('sync', (isSynced: boolean) => {
		synced = isSynced;
		if (isSynced) attempts = 0;
		if (isSynced && tracker.unsaved === 0) savedAt = Date.now();
		notify();
	});
	provider.on('connection-close', (event) => {
		tracker.disconnected();
		synced = false;
		connection = 'disconnected';
		if (event && isFatalClose(event.code) && openedWithOldToken(event)) {
			// Refused for a token this document no longer uses (the owner just rotated): go on.
			provider.shouldConnect = false;
			queueMicrotask(() => provider.connect());
		} else if (event && isFatalClose(event.code)) {
			refusedWith = event.code;
		} else if (provider.shouldConnect) {
			// y-websocket would retry on a fixed exponential schedule; retry with jitter instead.
			provider.shouldConnect = false;
			clearTimeout(reconnectTimer);
			reconnectTimer = setTimeout(() => provider.connect(), reconnectDelay(attempts++));
		}
		notify();
	});

	function openedWithOldToken(event: CloseEvent): boolean {
		const socketUrl = (event.target as WebSocket | null)?.url;
		if (!socketUrl) return false;
		return new URL(socketUrl).searchParams.get('token') !== provider.params.token;
	}

	const loaded = persistence ? persistence.whenSynced.then(() => undefined) : Promise.resolve();
	let destroyed = false;
	// y-indexeddb's and the provider's listeners are their (underscore) handler properties.
	const listenAgain = persistence
		? quietWhileLoading(doc, [
				(persistence as unknown as { _storeUpdate?: UpdateListener })._storeUpdate,
				onUpdate,
				(provider as unknown as { _updateHandler?: UpdateListener })._updateHandler
			])
		: noop;
	void loaded.then(() => {
		if (!destroyed) listenAgain();
		// Nothing here yet: the relay will send the whole document, to be cut by the worker.
		if (doc.store.clients.size === 0) splitter?.warm();
		if (!destroyed) provider.connect();
	});

	return {
		doc,
		provider,
		get status() {
			return syncStatus(connection, synced, tracker.unsaved);
		},
		get unsaved() {
			return tracker.unsaved;
		},
		get savedAt() {
			return savedAt;
		},
		get refusedWith() {
			return refusedWith;
		},
		loaded,
		disconnect() {
			clearTimeout(reconnectTimer);
			provider.disconnect();
		},
		connect() {
			clearTimeout(reconnectTimer);
			refusedWith = undefined;
			provider.connect();
		},
		setToken(newToken) {
			provider.params = { ...provider.params, token: newToken };
			refusedWith = undefined;
			clearTimeout(reconnectTimer);
			if (provider.ws) provider.disconnect();
			provider.connect();
			notify();
		},
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		destroy() {
			destroyed = true;
			clearTimeout(reconnectTimer);
			stopPieces?.();
			splitter?.destroy();
			provider.destroy();
			void persistence?.destroy();
			doc.destroy();
			listeners.clear();
		}
	};
}

const noop = () => {};

type UpdateListener = (update: Uint8Array, origin: unknown) => void;

/**
 * Takes the document's update listeners off while the device copy loads, and returns what puts
 * them back, in their order. The copy loads in one transaction over the whole document, and Yjs
 * encodes a transaction as an update only for its 'update' listeners — a second pass over a big
 * account — while none of them needs this one: nothing in it is local, the relay is not connected
 * yet, and IndexedDB already holds it.
 */
function quietWhileLoading(doc: Y.Doc, listeners: Array<UpdateListener | undefined>): () => void {
	const present = listeners.filter((listener) => typeof listener === 'function');
	for (const listener of present) doc.off('update', listener);
	return () => {
		for (const listener of present) doc.on('update', listener);
	};
}

/** A WebSocket class that reports every document-changing frame it sends to `tracker`. */
function countingWebSocket(Base: typeof WebSocket, tracker: SaveTracker): typeof WebSocket {
	return class CountingWebSocket extends Base {
		override send(data: Parameters<WebSocket['send']>[0]): void {
			if (data instanceof Uint8Array) {
				const kind = updateBearingKind(data);
				if (kind) tracker.frameSent(kind);
			}
			super.send(data);
		}
	};
}
