/**
 * "Finished writing 7/9" from the board's awareness: each participant's device shares
 * `{workshop: {participant: true, finishedRound}}` and every screen counts — numbers only, the
 * counter names nobody (the states carry no name).
 */
import { createSubscriber } from 'svelte/reactivity';
import type { Awareness } from 'y-protocols/awareness';
import { finishedCount, type FinishedCount } from '../domain/journey/workshop';

interface WorkshopPresenceState {
	participant: true;
	/** The round this participant said they finished, or null. */
	finishedRound: number | null;
}

export class WorkshopPresence {
	#subscribe: () => void;

	constructor(private readonly awareness: Awareness) {
		this.#subscribe = createSubscriber((update) => {
			awareness.on('change', update);
			return () => awareness.off('change', update);
		});
	}

	/** Participants present and how many finished `round`. */
	count(round: number): FinishedCount {
		this.#subscribe();
		const present: string[] = [];
		const finished: string[] = [];
		for (const [clientId, state] of this.awareness.getStates()) {
			const mine = (state as { workshop?: Partial<WorkshopPresenceState> }).workshop;
			if (mine?.participant !== true) continue;
			present.push(String(clientId));
			if (mine.finishedRound === round) finished.push(String(clientId));
		}
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- reason: built and read once here, never mutated later
		return finishedCount(new Set(present), new Set(finished));
	}

	/** This device joins as a participant, finished with `round` or not. */
	announce(finishedRound: number | null): void {
		this.awareness.setLocalStateField('workshop', {
			participant: true,
			finishedRound
		} satisfies WorkshopPresenceState);
	}
}
