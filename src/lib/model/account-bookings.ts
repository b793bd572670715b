/**
 * An account's imported bookings: `imports` (one entry per import: file name, encoding, when, how
 * many rows) and `bookingBlocks` (one binary block per import, see booking-blocks), plus
 * `departmentNodes`, which tree node each department or branch name in the files belongs to, and
 * `travelSettings` (our carriers, benchmark fares, alerts; see domain/bookings/settings).
 */
import * as Y from 'yjs';
import { freshBookings } from '../domain/bookings/export-file';
import type { Booking } from '../domain/bookings/rows';
import { readTravelSettings, type TravelSettings } from '../domain/bookings/settings';
import { newId } from './account';
import { decodeBookings, encodeBookings } from './booking-blocks';
import { Origin } from './origins';

export interface ImportRecord {
	id: string;
	fileName: string;
	encoding: string;
	/** Milliseconds since the epoch. */
	at: number;
	rows: number;
	author: string;
}

export interface ImportResult {
	added: number;
	/** Rows already in the account (same ticket, or same fields without a ticket). */
	duplicates: number;
	importId: string | undefined;
}

export class AccountBookings {
	readonly imports: Y.Map<Omit<ImportRecord, 'id'>>;
	readonly blocks: Y.Map<Uint8Array>;
	readonly departmentNodes: Y.Map<string>;
	readonly travelSettings: Y.Map<unknown>;
	#decoded = new Map<string, { block: Uint8Array; bookings: Booking[] }>();

	constructor(readonly doc: Y.Doc) {
		this.imports = doc.getMap('imports');
		this.blocks = doc.getMap('bookingBlocks');
		this.departmentNodes = doc.getMap('departmentNodes');
		this.travelSettings = doc.getMap('travelSettings');
	}

	settings(): TravelSettings {
		return readTravelSettings(this.travelSettings.toJSON());
	}

	/** Saves settings already checked with `checkTravelSettings`; one undoable step. */
	setSettings(settings: TravelSettings): void {
		this.doc.transact(() => {
			for (const [key, value] of Object.entries(settings)) this.travelSettings.set(key, value);
		}, Origin.local);
	}

	/** Every booking of every import; decoded blocks are kept until they change. */
	all(): Booking[] {
		const out: Booking[] = [];
		for (const [id, block] of this.blocks) {
			let cached = this.#decoded.get(id);
			if (!cached || cached.block !== block) {
				cached = { block, bookings: decodeBookings(block) };
				this.#decoded.set(id, cached);
			}
			for (const booking of cached.bookings) out.push(booking);
		}
		return out;
	}

	importsList(): ImportRecord[] {
		return [...this.imports].map(([id, record]) => ({ ...record, id })).sort((a, b) => b.at - a.at);
	}

	/** Stores the bookings not already in the account as one new block; one undoable step. */
	add(
		bookings: readonly Booking[],
		meta: { fileName: string; encoding: string; author: string; at?: number }
	): ImportResult {
		const { fresh, duplicates } = freshBookings(this.all(), bookings);
		if (fresh.length === 0) return { added: 0, duplicates, importId: undefined };
		const importId = this.addBlock(encodeBookings(fresh), fresh.length, meta);
		return { added: fresh.length, duplicates, importId };
	}

	/**
	 * Stores a block of `rows` bookings already encoded and checked against the account (the
	 * bookings worker does both off the page); one undoable step. Returns the import's id.
	 */
	addBlock(
		block: Uint8Array,
		rows: number,
		meta: { fileName: string; encoding: string; author: string; at?: number }
	): string {
		const id = newId();
		this.doc.transact(() => {
			this.blocks.set(id, block);
			this.imports.set(id, {
				fileName: meta.fileName,
				encoding: meta.encoding,
				at: meta.at ?? Date.now(),
				rows,
				author: meta.author
			});
		}, Origin.local);
		return id;
	}

	/**
	 * Stores an import whose conflicting tickets were resolved: the new block (if any rows are
	 * added) and the earlier imports that lose the bookings it replaces, in one undoable step.
	 * Returns the new import's id.
	 */
	applyImport(
		block: Uint8Array | undefined,
		rows: number,
		meta: { fileName: string; encoding: string; author: string; at?: number },
		rewritten: ReadonlyArray<{ importId: string; block: Uint8Array | undefined; rows: number }>
	): string | undefined {
		let id: string | undefined;
		this.doc.transact(() => {
			for (const item of rewritten) {
				const record = this.imports.get(item.importId);
				if (!record || !this.blocks.has(item.importId)) continue;
				if (!item.block) {
					this.blocks.delete(item.importId);
					this.imports.delete(item.importId);
					continue;
				}
				this.blocks.set(item.importId, item.block);
				this.imports.set(item.importId, { ...record, rows: item.rows });
			}
			if (block) id = this.addBlock(block, rows, meta);
		}, Origin.local);
		return id;
	}

	/** Removes one import and its bookings. */
	removeImport(id: string): void {
		this.doc.transact(() => {
			this.blocks.delete(id);
			this.imports.delete(id);
		}, Origin.local);
	}

	/** Attaches a department or branch name from the files to a tree node. */
	mapDepartment(name: string, nodeId: string): void {
		this.doc.transact(() => this.departmentNodes.set(name, nodeId), Origin.local);
	}

	/** Detaches a department name from its node: its bookings count as unmapped again. */
	unmapDepartment(name: string): void {
		this.doc.transact(() => this.departmentNodes.delete(name), Origin.local);
	}

	nodeOfDepartment(name: string): string | undefined {
		return this.departmentNodes.get(name);
	}

	/** Calls `listener` after any change to imports, blocks or department mappings. */
	observe(listener: () => void): () => void {
		const maps = [
			this.imports,
			this.blocks,
			this.departmentNodes,
			this.travelSettings
		] as Y.Map<unknown>[];
		for (const map of maps) map.observe(listener);
		return () => {
			for (const map of maps) map.unobserve(listener);
		};
	}
}
