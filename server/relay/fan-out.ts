/**
 * Rooms of one document on several instances, kept equal over the bus. What a room accepts goes
 * out as the very frame its members get; what arrives is applied with origin {@link REMOTE}, so it
 * reaches this instance's members but is not stored again (the instance that accepted it did).
 *
 * The bus is at most once, and an update is published before its commit ends. So whenever a room
 * may have missed something — when it is loaded, when the bus comes back, when an update arrives
 * that depends on one it never got — it reads the store again and says hello: every other
 * instance answers with what the room lacks (even if not yet committed there) and its own state
 * vector, which this instance answers in turn. Yjs makes each of these idempotent.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { MessageType, SyncStep } from '../../src/lib/transport/protocol.ts';
import type { Bus } from '../bus/bus.ts';
import { log } from '../log.ts';
import type { DocStore } from '../store/doc-store.ts';
import { REMOTE, type Room } from './room.ts';

/** Between instances only: "I may have missed something; here is my state vector." */
const HELLO = 200;
/** After a gap, when the store is read a second time: well past any group commit. */
const GAP_RETRY_MS = 500;

/** Messages held for a room still loading; past this the post-load catch-up recovers them. */
const MAX_EARLY_MESSAGES = 10_000;

export const docChannel = (docId: string) => `panorama:doc:${docId}`;

/** A room's subscription, taken before the room loads. */
export interface Joined {
	/** Hands the loaded room what arrived meanwhile and greets the other instances. */
	attach(room: Room): void;
	/** Unsubscribes (for a room that failed to load; a loaded one detaches on destroy). */
	leave(): void;
}

export class FanOut {
	readonly #stopStatus: () => void;
	readonly #resyncing = new Set<Room>();

	constructor(
		private readonly bus: Bus,
		private readonly store: DocStore,
		private readonly loaded: () => ReadonlyMap<string, Room>
	) {
		this.#stopStatus = bus.onStatus((status) => {
			if (status === 'ready') for (const room of loaded().values()) void this.resync(room);
		});
	}

	/**
	 * Subscribes to the document's channel before the room reads the store, so nothing published
	 * after that read is missed; what arrives before the room exists waits for `attach`.
	 */
	async join(docId: string): Promise<Joined> {
		const channel = docChannel(docId);
		let room: Room | undefined;
		const early: Uint8Array[] = [];
		const onMessage = (message: Uint8Array) => {
			if (room) this.#receive(room, message);
			// Bounded: what does not fit is asked for again by the hello that follows the load.
			else if (early.length < MAX_EARLY_MESSAGES) early.push(message);
		};
		await this.bus.subscribe(channel, onMessage);
		return {
			attach: (loaded) => {
				room = loaded;
				loaded.publish = (frame) => this.bus.publish(channel, frame);
				loaded.detach = () => this.bus.unsubscribe(channel, onMessage);
				for (const message of early.splice(0)) this.#receive(loaded, message);
				this.#hello(loaded);
			},
			leave: () => this.bus.unsubscribe(channel, onMessage)
		};
	}

	/**
	 * Applies what the store holds to the room: afterwards it has everything committed by then,
	 * whatever the bus delivered (the server reads a room before it writes to it).
	 */
	async catchUp(room: Room): Promise<void> {
		const stored = await this.store.load(room.id);
		if (this.loaded().get(room.id) !== room || stored.length === 0) return;
		Y.applyUpdate(room.doc, stored.length === 1 ? stored[0]! : Y.mergeUpdates(stored), REMOTE);
		room.dropPending();
	}

	/** Reads the store into the room again and greets the other instances. */
	async resync(room: Room): Promise<void> {
		if (this.#resyncing.has(room)) return;
		this.#resyncing.add(room);
		try {
			await this.catchUp(room);
			if (this.loaded().get(room.id) === room) this.#hello(room);
		} catch (error) {
			log.error('a room failed to resynchronise from the store', error);
		} finally {
			this.#resyncing.delete(room);
		}
	}

	stop(): void {
		this.#stopStatus();
	}

	#hello(room: Room): void {
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, HELLO);
		encoding.writeVarUint8Array(encoder, Y.encodeStateVector(room.doc));
		room.publish?.(encoding.toUint8Array(encoder));
	}

	#receive(room: Room, message: Uint8Array): void {
		try {
			const decoder = decoding.createDecoder(message);
			const type = decoding.readVarUint(decoder);
			if (type === MessageType.sync) {
				const step = decoding.readVarUint(decoder);
				const payload = decoding.readVarUint8Array(decoder);
				if (step === SyncStep.step1) return room.publish?.(room.syncStep2For(payload));
				Y.applyUpdate(room.doc, payload, REMOTE);
				// It depends on an update the bus dropped: the store or its sender has that one. The
				// sender may have unloaded its room before its commit ended: read the store again later.
				if (room.dropPending()) {
					void this.resync(room);
					setTimeout(() => void this.resync(room), GAP_RETRY_MS).unref();
				}
			} else if (type === MessageType.awareness) {
				const update = decoding.readVarUint8Array(decoder);
				awarenessProtocol.applyAwarenessUpdate(room.awareness, update, REMOTE);
			} else if (type === HELLO) {
				const stateVector = decoding.readVarUint8Array(decoder);
				room.publish?.(room.syncStep2For(stateVector));
				room.publish?.(room.syncStep1());
				const presence = room.awarenessFrame();
				if (presence) room.publish?.(presence);
			}
		} catch (error) {
			log.error('a message from another instance could not be applied', error);
		}
	}
}
