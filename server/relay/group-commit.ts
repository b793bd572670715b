/**
 * Group commit: updates arriving within a few milliseconds share one durable transaction. Batches
 * commit one after another, in arrival order, so an acknowledgement for a batch implies every
 * earlier batch is stored too.
 */
import type { DocStore, PendingUpdate } from '../store/doc-store.ts';

/** Called once the batch is stored (no argument) or has failed (the error). */
export type CommitCallback = (error?: unknown) => void;

/** The open batch: what joins it now commits together. */
export class Batch {
	readonly updates: PendingUpdate[] = [];
	readonly callbacks: CommitCallback[] = [];
	readonly sealers: Array<() => void> = [];

	/** Runs `callback` when the batch closes to new updates, just before it goes to the store. */
	onSeal(callback: () => void): void {
		this.sealers.push(callback);
	}

	/** Runs `callback` after this batch commits or fails. */
	onCommit(callback: CommitCallback): void {
		this.callbacks.push(callback);
	}
}

export class GroupCommit {
	#open = new Batch();
	#timer: ReturnType<typeof setTimeout> | undefined;
	#inFlight: Promise<void> | undefined;
	#closed = false;

	constructor(
		private readonly store: DocStore,
		private readonly windowMs: number
	) {}

	/** The batch that the next `add` joins; register acknowledgements on it. */
	get current(): Batch {
		this.#arm();
		return this.#open;
	}

	/** Queues an update for the current batch and returns that batch. */
	add(docId: string, update: Uint8Array): Batch {
		this.#open.updates.push({ docId, update });
		return this.current;
	}

	/** Resolves once every update added so far is stored (or its commit has failed). */
	async drain(): Promise<void> {
		while (this.#timer !== undefined || this.#inFlight) {
			if (this.#timer !== undefined) {
				clearTimeout(this.#timer);
				this.#timer = undefined;
				this.#flush();
			}
			await this.#inFlight;
		}
	}

	/**
	 * Takes `docId`'s updates out of the open batch, so they are never stored, and resolves once the
	 * batch already on its way to the store (which may hold earlier ones) has settled: after that,
	 * nothing of the document is waiting to be written.
	 */
	async withdraw(docId: string): Promise<void> {
		const open = this.#open.updates;
		const kept = open.filter((pending) => pending.docId !== docId);
		open.splice(0, open.length, ...kept);
		await this.#inFlight;
	}

	/** Commits what is queued and stops accepting timers. */
	async close(): Promise<void> {
		await this.drain();
		this.#closed = true;
	}

	#arm(): void {
		if (this.#timer !== undefined || this.#closed) return;
		this.#timer = setTimeout(() => {
			this.#timer = undefined;
			this.#flush();
		}, this.windowMs);
	}

	#flush(): void {
		if (this.#inFlight) {
			// One commit at a time keeps batches in order; this batch goes when the current one ends.
			void this.#inFlight.then(() => this.#flush());
			return;
		}
		const batch = this.#open;
		if (batch.updates.length === 0 && batch.callbacks.length === 0) return;
		this.#open = new Batch();
		for (const seal of batch.sealers) seal();
		this.#inFlight = this.store.append(batch.updates).then(
			() => settle(batch, undefined),
			(error: unknown) => settle(batch, error ?? new Error('commit failed'))
		);
		void this.#inFlight.finally(() => {
			this.#inFlight = undefined;
		});
	}
}

function settle(batch: Batch, error: unknown): void {
	for (const callback of batch.callbacks) callback(error);
}
