/**
 * One document in memory while anyone is connected to it: the Y.Doc, the presence of everyone in
 * it, and what the store has durably committed.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { DocKind } from '../../src/lib/domain/documents.ts';
import { MessageType, SyncStep } from '../../src/lib/transport/protocol.ts';
import type { Batch, GroupCommit } from './group-commit.ts';

/** What a room needs from a connection. */
export interface RoomMember {
	send(frame: Uint8Array): void;
	/** The token the member connected with (see `Connection.credential`). */
	readonly credential: string;
}

/** Origin of the updates that loaded the room from the store: they are not stored again. */
const LOADED = Symbol('loaded from store');
/**
 * Origin of what another instance published, or what a resynchronisation read from the store: the
 * instance that accepted it stores it, so it is forwarded to this room's members only.
 */
export const REMOTE = Symbol('from another instance');

export class Room {
	readonly doc = new Y.Doc();
	readonly awareness: awarenessProtocol.Awareness;
	readonly members = new Set<RoomMember>();
	/** Which member holds each presence id; see `Connection.handleAwareness`. */
	readonly presenceOwners = new Map<number, RoomMember>();
	/** Updates in the store's log since the last compaction (as far as this process knows). */
	logLength: number;
	/**
	 * Bytes the store holds for this document, as far as this process knows: what it loaded, plus
	 * every update since, reset to the snapshot's size by compaction. Weighed against the budget.
	 */
	bytes: number;
	/** Commits this room is waiting for; the room may unload only at zero. */
	pendingCommits = 0;
	/**
	 * Set when instances share the store: sends a frame this room accepted (an update or a presence
	 * change, already encoded for the members) to the other instances.
	 */
	publish: ((frame: Uint8Array) => void) | undefined;
	/** Set with `publish`: stops what other instances publish from reaching this room. */
	detach: (() => void) | undefined;

	#fullState: Uint8Array | undefined;
	/** Encoded state vector of what the store holds. */
	#committed: Uint8Array;
	#batch: Batch | undefined;
	#batchSize = { updates: 0 };

	constructor(
		readonly id: string,
		/** The registry's kind of this document. */
		readonly kind: DocKind,
		/** The registry's parent of this document, if it has one. */
		readonly parent: string | undefined,
		stored: readonly Uint8Array[],
		logLength: number,
		private readonly commits: GroupCommit,
		private readonly onCommitted: (room: Room, error?: unknown) => void
	) {
		if (stored.length > 0) {
			Y.applyUpdate(
				this.doc,
				stored.length === 1 ? stored[0]! : Y.mergeUpdates([...stored]),
				LOADED
			);
		}
		// Whatever an older relay kept waiting for missing changes was never stored as integrated.
		this.dropPending();
		this.bytes = stored.reduce((sum, part) => sum + part.length, 0);
		this.logLength = logLength;
		this.#committed = Y.encodeStateVector(this.doc);
		this.doc.on('update', this.#onUpdate);
		this.awareness = new awarenessProtocol.Awareness(this.doc);
		// The relay itself is not present in the document.
		this.awareness.setLocalState(null);
		this.awareness.on('update', this.#onAwarenessUpdate);
	}

	/** The whole document as one update, encoded once and reused until the next change. */
	fullState(): Uint8Array {
		this.#fullState ??= Y.encodeStateAsUpdate(this.doc);
		return this.#fullState;
	}

	/** A sync step 2 frame with what a peer at `stateVector` lacks. */
	syncStep2For(stateVector: Uint8Array): Uint8Array {
		// A new peer's state vector is empty (one zero byte): serve the cached full state.
		const update =
			stateVector.length <= 1 ? this.fullState() : Y.encodeStateAsUpdate(this.doc, stateVector);
		return frame(MessageType.sync, SyncStep.step2, update);
	}

	/** A sync step 1 frame with the room's state vector. */
	syncStep1(): Uint8Array {
		return frame(MessageType.sync, SyncStep.step1, Y.encodeStateVector(this.doc));
	}

	/** An awareness frame with everyone's presence, or undefined when nobody shares any. */
	awarenessFrame(): Uint8Array | undefined {
		const clients = [...this.awareness.getStates().keys()];
		return clients.length > 0 ? this.#encodeAwareness(clients) : undefined;
	}

	/** Encoded state vector of what the store holds for this document. */
	committedStateVector(): Uint8Array {
		return this.#committed;
	}

	/**
	 * Forgets any part of an applied update that waits for changes the document lacks; true when
	 * there was one. Such a part is neither in the document nor stored, and kept it would be
	 * memory any client could fill with updates that never complete.
	 */
	dropPending(): boolean {
		const store = this.doc.store;
		if (store.pendingStructs === null && store.pendingDs === null) return false;
		store.pendingStructs = null;
		store.pendingDs = null;
		return true;
	}

	/** Sends `frame` to every member but `except`. */
	broadcast(frame: Uint8Array, except?: RoomMember): void {
		for (const member of this.members) if (member !== except) member.send(frame);
	}

	destroy(): void {
		this.detach?.();
		this.awareness.destroy();
		this.doc.destroy();
	}

	#onUpdate = (update: Uint8Array, origin: unknown): void => {
		this.#fullState = undefined;
		this.bytes += update.length;
		const local = origin !== REMOTE;
		if (local) this.#queue(update);
		const message = frame(MessageType.sync, SyncStep.update, update);
		this.broadcast(message, origin as RoomMember);
		if (local) this.publish?.(message);
	};

	#queue(update: Uint8Array): void {
		const batch = this.commits.add(this.id, update);
		if (batch !== this.#batch) {
			this.#batch = batch;
			const size = { updates: 0 };
			this.#batchSize = size;
			this.pendingCommits++;
			// Every update this room applied before the batch sealed is in it or in an earlier batch,
			// and batches commit in order: the doc's state vector at sealing is what the commit stores.
			let sealed = this.#committed;
			batch.onSeal(() => (sealed = Y.encodeStateVector(this.doc)));
			batch.onCommit((error) => {
				this.pendingCommits--;
				if (error === undefined) {
					this.#committed = sealed;
					this.logLength += size.updates;
				}
				this.onCommitted(this, error);
			});
		}
		this.#batchSize.updates++;
	}

	#onAwarenessUpdate = (
		{ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	): void => {
		const changed = [...added, ...updated, ...removed];
		const frame = this.#encodeAwareness(changed);
		this.broadcast(frame, origin as RoomMember);
		if (origin !== REMOTE) this.publish?.(frame);
	};

	#encodeAwareness(clients: number[]): Uint8Array {
		return frame(
			MessageType.awareness,
			undefined,
			awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)
		);
	}
}

/**
 * A frame as lib0 encodes it — the message type, the sync step if any, the payload's length and
 * the payload — written into one array of the exact size: the relay makes one per accepted update,
 * and an encoder's scratch buffers and final copy were garbage every time.
 */
export function frame(type: number, step: number | undefined, payload: Uint8Array): Uint8Array {
	const length = payload.length;
	let lengthBytes = 1;
	for (let rest = length; rest > 0x7f; rest = Math.floor(rest / 128)) lengthBytes++;
	// Message types and sync steps are below 128: one byte each.
	const head = step === undefined ? 1 : 2;
	const out = new Uint8Array(head + lengthBytes + length);
	out[0] = type;
	if (step !== undefined) out[1] = step;
	let at = head;
	let rest = length;
	while (rest > 0x7f) {
		out[at++] = 0x80 | (rest & 0x7f);
		rest = Math.floor(rest / 128);
	}
	out[at++] = rest;
	out.set(payload, at);
	return out;
}

/**
 * Keeps only the entries of an awareness update that belong to `clientId`. Returns undefined when
 * none do, and `too-large` when an own state is longer than `maxStateBytes`. Throws on a
 * malformed update.
 */
export function ownAwarenessEntries(
	update: Uint8Array,
	clientId: number,
	maxStateBytes = Infinity
): Uint8Array | 'too-large' | undefined {
	const decoder = decoding.createDecoder(update);
	const count = decoding.readVarUint(decoder);
	const encoder = encoding.createEncoder();
	let kept = 0;
	const entries = encoding.createEncoder();
	for (let i = 0; i < count; i++) {
		const client = decoding.readVarUint(decoder);
		const clock = decoding.readVarUint(decoder);
		const state = decoding.readVarString(decoder);
		if (client !== clientId) continue;
		if (Buffer.byteLength(state) > maxStateBytes) return 'too-large';
		kept++;
		encoding.writeVarUint(entries, client);
		encoding.writeVarUint(entries, clock);
		encoding.writeVarString(entries, state);
	}
	if (kept === 0) return undefined;
	if (kept === count) return update;
	encoding.writeVarUint(encoder, kept);
	encoding.writeUint8Array(encoder, encoding.toUint8Array(entries));
	return encoding.toUint8Array(encoder);
}
