/**
 * The page's side of the bookings worker: keeps the worker's copy of the import blocks in step
 * with the account document and turns queries into promises. One per open account.
 */
import type { SpendAlert } from '../domain/bookings/alerts';
import type { ReportQuery, TravelReport } from '../domain/bookings/report';
import type { AccountBookings } from '../model/account-bookings';
import type { ColumnMapping } from '../domain/bookings/columns';
import type { ActualsQuery, NodeActuals } from '../domain/bookings/node-actuals';
import type {
	AlertQuery,
	ConflictChoices,
	BookingsExtent,
	FileCheck,
	OpenedFile,
	PlaceLabels,
	TakenFile,
	WorkerRequest,
	WorkerResponse
} from './bookings-protocol';

type Pending = { resolve: (value: never) => void; reject: (error: Error) => void };

/** A query the worker could not answer; `reason` says why when the page can explain it. */
export class AnalysisError extends Error {
	constructor(
		message: string,
		readonly reason?: 'unreadable-workbook' | 'no-file'
	) {
		super(message);
	}
}

export class BookingsAnalysis {
	readonly #worker: Worker;
	readonly #sent = new Map<string, Uint8Array>();
	readonly #pending = new Map<number, Pending>();
	readonly #stop: () => void;
	#nextId = 1;
	#extentListeners = new Set<(extent: BookingsExtent) => void>();
	#extent: BookingsExtent | undefined;

	constructor(readonly bookings: AccountBookings) {
		this.#worker = new Worker(new URL('./bookings.worker.ts', import.meta.url), {
			type: 'module'
		});
		this.#worker.onmessage = (event: MessageEvent<WorkerResponse>) => this.#receive(event.data);
		this.#stop = bookings.observe(() => this.#syncBlocks());
		this.#syncBlocks();
	}

	/** Sends blocks the worker lacks, and which are gone. Yjs blocks are immutable once set. */
	#syncBlocks(): void {
		const set: Array<[string, Uint8Array]> = [];
		const remove: string[] = [];
		for (const [id, block] of this.bookings.blocks) {
			if (this.#sent.get(id) === block) continue;
			this.#sent.set(id, block);
			set.push([id, block]);
		}
		for (const id of this.#sent.keys()) {
			if (!this.bookings.blocks.has(id)) {
				this.#sent.delete(id);
				remove.push(id);
			}
		}
		if (set.length || remove.length || !this.#extent) this.#post({ type: 'blocks', set, remove });
	}

	#post(message: WorkerRequest): void {
		// Blocks are copied, not transferred: transferring would detach the document's own bytes.
		this.#worker.postMessage(message);
	}

	#receive(message: WorkerResponse): void {
		if (message.type === 'extent') {
			this.#extent = message.extent;
			for (const listener of this.#extentListeners) listener(message.extent);
			return;
		}
		const pending = this.#pending.get(message.id);
		if (!pending) return;
		this.#pending.delete(message.id);
		switch (message.type) {
			case 'error':
				pending.reject(new AnalysisError(message.message, message.reason));
				return;
			case 'report':
				pending.resolve({ report: message.report, labels: message.labels } as never);
				return;
			case 'alerts':
				pending.resolve(message.alerts as never);
				return;
			case 'actuals':
				pending.resolve(message.actuals as never);
				return;
			case 'opened':
				pending.resolve(message.file as never);
				return;
			case 'checked':
				pending.resolve(message.check as never);
				return;
			case 'taken':
				pending.resolve(message.taken as never);
				return;
		}
	}

	#ask<T>(build: (id: number) => WorkerRequest): Promise<T> {
		const id = this.#nextId++;
		return new Promise<T>((resolve, reject) => {
			this.#pending.set(id, { resolve: resolve as Pending['resolve'], reject });
			this.#post(build(id));
		});
	}

	/** How many bookings there are and which days they span; called now if known, then on change. */
	onExtent(listener: (extent: BookingsExtent) => void): () => void {
		this.#extentListeners.add(listener);
		if (this.#extent) listener(this.#extent);
		return () => this.#extentListeners.delete(listener);
	}

	report(query: ReportQuery): Promise<{ report: TravelReport; labels: PlaceLabels }> {
		return this.#ask((id) => ({ type: 'report', id, query }));
	}

	/** Spend and our spend per node of the tree, from the bookings attached to it. */
	actuals(query: ActualsQuery): Promise<NodeActuals> {
		return this.#ask((id) => ({ type: 'actuals', id, query }));
	}

	alerts(query: AlertQuery): Promise<SpendAlert[]> {
		return this.#ask((id) => ({ type: 'alerts', id, query }));
	}

	/**
	 * Opens an export file for import; its bytes move to the worker (the caller keeps none).
	 * Rejects with reason `unreadable-workbook` for an .xlsx that cannot be read.
	 */
	openFile(bytes: ArrayBuffer): Promise<OpenedFile> {
		const id = this.#nextId++;
		return new Promise<OpenedFile>((resolve, reject) => {
			this.#pending.set(id, { resolve: resolve as Pending['resolve'], reject });
			this.#worker.postMessage({ type: 'open-file', id, bytes } satisfies WorkerRequest, [bytes]);
		});
	}

	/** Splits the open file at another header row (an index into its `headRows`). */
	headerRow(headerIndex: number): Promise<OpenedFile> {
		return this.#ask((id) => ({ type: 'header-row', id, headerIndex }));
	}

	/** Checks every row of the open file under `mapping`. */
	checkFile(mapping: ColumnMapping): Promise<FileCheck> {
		return this.#ask((id) => ({ type: 'check-file', id, mapping }));
	}

	/**
	 * The open file's valid rows that the account lacks, as one block, with conflicting tickets
	 * resolved by `choices` (and the imports that lose a replaced booking); closes the file.
	 */
	takeFile(choices: ConflictChoices): Promise<TakenFile> {
		return this.#ask((id) => ({ type: 'take-file', id, choices }));
	}

	destroy(): void {
		this.#stop();
		this.#worker.terminate();
		for (const pending of this.#pending.values()) pending.reject(new AnalysisError('closed'));
		this.#pending.clear();
	}
}
