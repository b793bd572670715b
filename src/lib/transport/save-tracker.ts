/**
 * Counts this person's changes that the relay has not yet durably stored, from what was sent and
 * what the relay acknowledged — never from a guess.
 *
 * A change made while connected goes out at once as one `update` frame. A change made offline
 * waits for the next connection's sync step 2, which carries everything the relay lacks. The relay
 * numbers the step-2 and update frames it receives on a connection and acknowledges "stored up to
 * n"; a dropped connection loses its numbering, and whatever it had not acknowledged waits for the
 * next step 2.
 */
export class SaveTracker {
	#unsent: number;
	#inFlight: Array<{ seq: number; changes: number }> = [];
	#sentOnConnection = 0;
	/** The change just made is about to go out in its own update frame. */
	#changePending = false;
	#listeners = new Set<() => void>();

	/** `unsaved`: changes left unsaved by an earlier session (kept across reloads). */
	constructor(unsaved = 0) {
		this.#unsent = unsaved;
	}

	/** Local changes not yet acknowledged as stored. */
	get unsaved(): number {
		let inFlight = 0;
		for (const frame of this.#inFlight) inFlight += frame.changes;
		return this.#unsent + inFlight;
	}

	/** Call for every document update, before the provider sees it. */
	documentChanged(local: boolean, connected: boolean): void {
		this.#changePending = local && connected;
		if (!local) return;
		this.#unsent++;
		this.#notify();
	}

	/** Call for every step-2 or update frame sent to the relay, in order. */
	frameSent(kind: 'step2' | 'update'): void {
		const seq = ++this.#sentOnConnection;
		const changes = kind === 'step2' ? this.#unsent : this.#changePending ? 1 : 0;
		this.#changePending = false;
		this.#unsent -= changes;
		this.#inFlight.push({ seq, changes });
	}

	/** Call with the relay's `storedMessages` from a `saved` message. */
	stored(storedMessages: number): void {
		const before = this.unsaved;
		while (this.#inFlight.length > 0 && this.#inFlight[0]!.seq <= storedMessages) {
			this.#inFlight.shift();
		}
		if (this.unsaved !== before) this.#notify();
	}

	/** Call when the connection closes: what it did not acknowledge waits for the next one. */
	disconnected(): void {
		this.#unsent = this.unsaved;
		this.#inFlight = [];
		this.#sentOnConnection = 0;
		this.#changePending = false;
	}

	/** Subscribes to changes of {@link unsaved}; returns the unsubscriber. */
	subscribe(listener: () => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	#notify(): void {
		for (const listener of this.#listeners) listener();
	}
}
