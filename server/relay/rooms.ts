/**
 * Loads rooms on first connection and unloads them once idle, so an idle document costs no
 * memory. Compacts a document's log when it grows past the threshold, off the acknowledgement path.
 */
import type { DocRecord, DocStore } from '../store/doc-store.ts';
import { log } from '../log.ts';
import type { FanOut } from './fan-out.ts';
import type { GroupCommit } from './group-commit.ts';
import { Room } from './room.ts';

export interface RoomsOptions {
	idleMs: number;
	compactAfterUpdates: number;
	/**
	 * Documents whose content was deleted for good (submitted review drafts): never loaded again,
	 * so no room can hold or write back what they held. May ask the store (another instance may
	 * have taken the submission): see {@link Rooms.wasDropped} for the moment the answer is read.
	 */
	isGone?: (docId: string) => boolean | Promise<boolean>;
	/** Told of each room as it loads, before anyone's frames reach it (quarter-end versions). */
	onLoaded?: (room: Room, record: DocRecord) => void;
}

/** Opening a document whose content is gone for good (see `RoomsOptions.isGone`). */
export class DocumentGone extends Error {
	constructor() {
		super('the document is gone');
	}
}

export class Rooms {
	#rooms = new Map<string, Promise<Room>>();
	#loaded = new Map<string, Room>();
	#unloadTimers = new Map<string, ReturnType<typeof setTimeout>>();
	/** Compactions under way, by document, so a drop can wait for one to reach the store. */
	#compacting = new Map<string, Promise<void>>();
	/**
	 * Documents dropped in the last minute. `isGone` asks the store, and a question asked just
	 * before a submission committed may answer "no" after the drop ran: this says "gone" for
	 * that moment, after which the store's answer holds.
	 */
	#dropped = new Set<string>();
	#closed = false;

	constructor(
		private readonly store: DocStore,
		private readonly commits: GroupCommit,
		private readonly options: RoomsOptions,
		/** Closes the connections of a room that is being dropped. */
		private readonly onEvict: (room: Room) => void,
		/** Set when other instances share the store. */
		private readonly fanOut?: FanOut
	) {}

	/** Rooms currently in memory. */
	get loaded(): ReadonlyMap<string, Room> {
		return this.#loaded;
	}

	/** The room for `docId`, loading it from the store on first use. */
	open(docId: string): Promise<Room> {
		this.#cancelUnload(docId);
		let room = this.#rooms.get(docId);
		if (!room) {
			room = this.#load(docId);
			this.#rooms.set(docId, room);
			room.catch(() => this.#rooms.delete(docId));
		}
		return room;
	}

	/**
	 * Forgets the room of `docId` without storing anything more of it: its updates still waiting
	 * for a commit are withdrawn, no compaction or unload writes its state back, and a load under
	 * way ends in {@link DocumentGone} (`isGone` must say so before this is called). Its members
	 * must be closed by the caller. Resolves once nothing of the document waits to be written.
	 */
	async drop(docId: string): Promise<void> {
		this.#dropped.add(docId);
		setTimeout(() => this.#dropped.delete(docId), 60_000).unref();
		this.#cancelUnload(docId);
		const room = this.#loaded.get(docId);
		this.#rooms.delete(docId);
		this.#loaded.delete(docId);
		room?.destroy();
		await Promise.all([this.commits.withdraw(docId), this.#compacting.get(docId)]);
	}

	/** Whether `docId` was dropped here lately (checked after an `isGone` answer, synchronously). */
	wasDropped(docId: string): boolean {
		return this.#dropped.has(docId);
	}

	/** Call when a member left: schedules the unload of an empty room. */
	release(room: Room): void {
		if (this.#closed || room.members.size > 0 || this.#unloadTimers.has(room.id)) return;
		this.#unloadTimers.set(
			room.id,
			setTimeout(() => void this.#unload(room), this.options.idleMs)
		);
	}

	/** Commits what is pending, compacts what is long, and unloads every room. */
	async close(): Promise<void> {
		this.#closed = true;
		for (const timer of this.#unloadTimers.values()) clearTimeout(timer);
		this.#unloadTimers.clear();
		await this.commits.close();
		for (const room of this.#loaded.values()) room.destroy();
		this.#loaded.clear();
		this.#rooms.clear();
	}

	async #load(docId: string): Promise<Room> {
		const joined = await this.fanOut?.join(docId);
		let record, stored, logLength;
		try {
			[record, stored, logLength] = await Promise.all([
				this.store.get(docId),
				this.store.load(docId),
				this.store.logLength(docId)
			]);
			if (!record) throw new Error('no such document');
			// Checked after the reads: a draft submitted while they ran may have been read in full.
			if ((await this.options.isGone?.(docId)) || this.#dropped.has(docId)) {
				throw new DocumentGone();
			}
		} catch (error) {
			joined?.leave();
			throw error;
		}
		const room = new Room(
			docId,
			record.kind,
			record.parent,
			stored,
			logLength,
			this.commits,
			(r, error) => (error === undefined ? this.#maybeCompact(r) : this.#evict(r, error))
		);
		this.#loaded.set(docId, room);
		this.options.onLoaded?.(room, record);
		joined?.attach(room);
		return room;
	}

	#cancelUnload(docId: string): void {
		const timer = this.#unloadTimers.get(docId);
		if (timer !== undefined) {
			clearTimeout(timer);
			this.#unloadTimers.delete(docId);
		}
	}

	async #unload(room: Room): Promise<void> {
		this.#unloadTimers.delete(room.id);
		if (room.members.size > 0 || !this.#holds(room)) return;
		if (room.pendingCommits > 0) await this.commits.drain();
		// Someone may have joined while the commit drained.
		if (room.members.size > 0 || this.#unloadTimers.has(room.id)) return;
		if (room.logLength > 0) await this.#compact(room);
		if (room.members.size > 0 || !this.#holds(room)) return;
		this.#rooms.delete(room.id);
		this.#loaded.delete(room.id);
		room.destroy();
		if (this.#loaded.size === 0) await this.store.release();
	}

	/**
	 * After a failed commit the room's memory holds updates the store lacks; dropping the room makes
	 * every client reconnect and resend what the store is missing in its sync step 2.
	 */
	#evict(room: Room, error: unknown): void {
		if (!this.#holds(room)) return;
		log.error('a commit failed; reloading the document from the store', error);
		this.#rooms.delete(room.id);
		this.#loaded.delete(room.id);
		this.#cancelUnload(room.id);
		this.onEvict(room);
		room.destroy();
	}

	#maybeCompact(room: Room): void {
		if (room.logLength < this.options.compactAfterUpdates || this.#compacting.has(room.id)) return;
		// After the acknowledgements of this batch have gone out.
		setImmediate(() => void this.#compact(room));
	}

	/** Whether `room` is still the loaded room of its document (not dropped, evicted or unloaded). */
	#holds(room: Room): boolean {
		return this.#loaded.get(room.id) === room;
	}

	async #compact(room: Room): Promise<void> {
		// A dropped room's state must never be written back, least of all as a snapshot.
		if (this.#closed || this.#compacting.has(room.id) || !this.#holds(room)) return;
		const done = this.#compactNow(room).finally(() => this.#compacting.delete(room.id));
		this.#compacting.set(room.id, done);
		await done;
	}

	async #compactNow(room: Room): Promise<void> {
		try {
			// The room's document holds every update the log holds (updates are applied before they
			// are queued, and the store runs requests in order), and it is the smallest snapshot: its
			// deleted content is already garbage-collected. The same bytes serve the next late joiner.
			// With other instances appending to the same log, the room may lack an update the bus
			// dropped: the store then merges what it holds instead.
			const snapshot = this.fanOut ? undefined : room.fullState();
			const bytesBefore = room.bytes;
			const folded = await this.store.compact(room.id, snapshot);
			room.logLength = Math.max(0, room.logLength - folded);
			// Updates that arrived while it compacted are in the log, on top of the snapshot.
			if (folded > 0 && snapshot) room.bytes = snapshot.length + (room.bytes - bytesBefore);
		} catch (error) {
			log.error(`compaction of a document failed`, error);
		}
	}
}
