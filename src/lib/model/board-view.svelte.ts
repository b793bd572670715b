/**
 * Reactive reads of a workshop board for components: published notes and revealed tallies,
 * re-read whenever the server publishes more.
 */
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
	#version = $state(0);
	#stop: () => void;

	constructor(private readonly doc: Y.Doc) {
		this.#stop = observeBoard(doc, () => this.#version++);
	}

	/** Notes on the board, oldest first. */
	get notes(): StoredNote[] {
		void this.#version;
		return boardNotes(this.doc);
	}

	/** Results of each revealed round. */
	get tallies(): Map<number, VoteResult[]> {
		void this.#version;
		return boardTallies(this.doc);
	}

	/** Participants' revealed scores per touchpoint. */
	get scores(): Map<string, ScoreDistribution> {
		void this.#version;
		return boardScores(this.doc);
	}

	/** The latest revealed round's results, or none. */
	get latestTally(): VoteResult[] {
		const tallies = this.tallies;
		const last = Math.max(-1, ...tallies.keys());
		return tallies.get(last) ?? [];
	}

	destroy(): void {
		this.#stop();
	}
}
