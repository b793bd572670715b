/**
 * Where documents are kept. SQLite implements it today; a PostgreSQL adapter implements the same
 * interface to scale out. Every method may be asynchronous, and `append` resolves only once the
 * updates would survive a power cut.
 */
import type { DocKind } from '../../src/lib/domain/documents.ts';

/** A document's registry entry. */
export interface DocRecord {
	id: string;
	kind: DocKind;
	title: string;
	/** Milliseconds since the epoch. */
	createdAt: number;
	/** Link epoch: tokens minted before the last rotation carry an older one. */
	tokenEpoch: number;
	/**
	 * The document this one belongs to (a board's journey, a draft's cycle, a pending document's
	 * board). Set by the server when it makes the child, never from anything a client wrote.
	 */
	parent?: string;
	/**
	 * Per-role link epochs (editor, viewer): revoking one role's links bumps its number, leaving
	 * the other role's links working. Absent means 0.
	 */
	roleEpochs?: Partial<Record<string, number>>;
}

/** A share link as issued, kept so the owner can see which links are out there. */
export interface IssuedLink {
	id: string;
	docId: string;
	role: string;
	/** Milliseconds since the epoch. */
	createdAt: number;
	/** Milliseconds since the epoch; undefined for a link that does not expire. */
	expiresAt?: number;
	/** The document's link epoch and the role's epoch when it was issued. */
	docEpoch: number;
	roleEpoch: number;
}

/** One update to append to a document's log. */
export interface PendingUpdate {
	docId: string;
	update: Uint8Array;
}

export interface DocStore {
	/**
	 * Registers a new document. Throws if the id exists, and then writes nothing. `content`, when
	 * given, becomes the document's snapshot in the same transaction: a document made whole by the
	 * server (a plan version) is never seen registered but empty.
	 */
	create(record: DocRecord, content?: Uint8Array): Promise<void>;
	/** The registry entry, or undefined for an unknown id. */
	get(docId: string): Promise<DocRecord | undefined>;
	/** The registry entries whose parent is `parentId`, oldest first. */
	children(parentId: string): Promise<DocRecord[]>;
	/**
	 * Records the title the document's content now gives, for listings that do not open it (a
	 * team's documents); the content stays the truth.
	 */
	rename(docId: string, title: string): Promise<void>;
	/** Bumps and returns the document's link epoch. */
	bumpTokenEpoch(docId: string): Promise<number>;
	/** Bumps and returns one role's link epoch for the document. */
	bumpRoleEpoch(docId: string, role: string): Promise<number>;
	/** Records an issued share link. */
	addLink(link: IssuedLink): Promise<void>;
	/** Every share link issued for the document, oldest first. */
	links(docId: string): Promise<IssuedLink[]>;
	/** The document's snapshot followed by its log tail, oldest first; empty for a new document. */
	load(docId: string): Promise<Uint8Array[]>;
	/** Appends all updates in one durable transaction. */
	append(updates: readonly PendingUpdate[]): Promise<void>;
	/** Updates in the document's log since its last compaction. */
	logLength(docId: string): Promise<number>;
	/**
	 * Atomically replaces the snapshot and empties the log; returns how many log entries it folded.
	 * `snapshot`, when given, must contain every update in the log when the call was made (a room
	 * passes its whole document); without it the store merges snapshot and log (`Y.mergeUpdates`).
	 */
	compact(docId: string, snapshot?: Uint8Array): Promise<number>;
	/** Deletes the document's stored content (snapshot and log), keeping its registry entry so the id stays known. Idempotent. */
	purge(docId: string): Promise<void>;
	/** Frees caches; called when no document is in memory. */
	release(): Promise<void>;
	close(): Promise<void>;
}
