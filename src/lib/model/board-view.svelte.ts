/**
 * Reactive reads of a workshop board for components: published notes and revealed tallies,
 * re-read whenever the server publishes more.
 */
import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
import type { VoteResult } from '../domain/journey/votes';
import type { ScoreDistribution } from '../domain/journey/aggregate';
import {
	boardNotes,
	boardScores,
	boardTallies,
	observeBoard,
	type StoredNote
} from './journey-board';

export class BoardView {
	readonly #subscribe: () => void;

	constructor(private readonly doc: Y.Doc) {
		this.#subscribe = createSubscriber((update) => observeBoard(doc, update));
	}

	/** Notes on the board, oldest first. */
	get notes(): StoredNote[] {
		this.#subscribe();
		return boardNotes(this.doc);
	}

	/** Results of each revealed round. */
	get tallies(): Map<number, VoteResult[]> {
		this.#subscribe();
		return boardTallies(this.doc);
	}

	/** Participants' revealed scores per touchpoint. */
	get scores(): Map<string, ScoreDistribution> {
		this.#subscribe();
		return boardScores(this.doc);
	}

	/**
	 * Results of `round` once revealed, else none: the results a screen shows belong to the
	 * workshop's current round, so opening a new round clears the previous one's.
	 */
	tallyOf(round: number): VoteResult[] {
		return this.tallies.get(round) ?? [];
	}

	/** The latest revealed round's results, or none. */
	get latestTally(): VoteResult[] {
		const tallies = this.tallies;
		const last = Math.max(-1, ...tallies.keys());
		return tallies.get(last) ?? [];
	}

	/**
	 * Nothing to stop: the document is observed only while a reader is mounted. Kept so the pages
	 * that own a view can end it the same way whatever it holds.
	 */
	destroy(): void {}
}
