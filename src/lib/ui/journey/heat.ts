/** What the heatmap needs from a workshop board, for the map page and the projector alike. */
import type { HeatmapInput } from '$lib/domain/journey/aggregate';
import type { BoardView } from '$lib/model/board-view.svelte';

/**
 * The board's published notes, latest revealed votes and scores as heatmap input; a vote on a
 * note counts for the note's target. Empty without a board.
 */
export function heatInput(board: BoardView | undefined): HeatmapInput {
	if (!board) return {};
	const notes = board.notes;
	const targetOf = new Map(notes.map((n) => [n.id, n.target]));
	return {
		notes,
		votes: board.latestTally.map((r) => ({
			target: targetOf.get(r.item) ?? { kind: 'touchpoint' as const, id: r.item },
			votes: r.votes
		})),
		scores: board.scores
	};
}
