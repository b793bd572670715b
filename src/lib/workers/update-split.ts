/**
 * The page's side of the update-split worker: `split(update)` resolves to the pieces that, applied
 * in order, give the same document (see model/update-chunks). Started on first use, one per open
 * document, ended by `destroy()`. If the worker cannot run, every update comes back whole.
 */
export interface SplitRequest {
	id: number;
	update: Uint8Array;
}

export interface SplitResponse {
	id: number;
	pieces: Uint8Array[];
}

export class UpdateSplitter {
	#worker: Worker | undefined;
	#failed = false;
	#nextId = 1;
	readonly #waiting = new Map<
		number,
		{ update: Uint8Array; resolve: (pieces: Uint8Array[]) => void }
	>();

	/** Starts the worker ahead of need (a document not on this device will arrive whole). */
	warm(): void {
		this.#start();
	}

	/** The pieces of `update`, or the update whole when the worker is not available. */
	split(update: Uint8Array): Promise<Uint8Array[]> {
		const worker = this.#start();
		if (!worker) return Promise.resolve([update]);
		const id = this.#nextId++;
		// A copy of just these bytes, handed over: the update may be a view into a larger message.
		const copy = update.slice();
		return new Promise((resolve) => {
			this.#waiting.set(id, { update, resolve });
			const request: SplitRequest = { id, update: copy };
			worker.postMessage(request, [copy.buffer]);
		});
	}

	#start(): Worker | undefined {
		if (this.#worker || this.#failed) return this.#worker;
		try {
			const worker = new Worker(new URL('./update-split.worker.ts', import.meta.url), {
				type: 'module'
			});
			worker.onmessage = (event: MessageEvent<SplitResponse>) => {
				this.#waiting.get(event.data.id)?.resolve(event.data.pieces);
				this.#waiting.delete(event.data.id);
			};
			worker.onerror = () => this.#fail();
			this.#worker = worker;
		} catch {
			this.#fail();
		}
		return this.#worker;
	}

	/** The worker could not start or crashed: what it held is applied whole, and so is the rest. */
	#fail(): void {
		this.#failed = true;
		this.#worker?.terminate();
		this.#worker = undefined;
		for (const { update, resolve } of this.#waiting.values()) resolve([update]);
		this.#waiting.clear();
	}

	destroy(): void {
		this.#worker?.terminate();
		this.#worker = undefined;
		this.#waiting.clear();
	}
}
