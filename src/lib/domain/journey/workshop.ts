/**
 * The facilitator's workshop state (工作坊) and the rules that follow from it.
 *
 * Phases say what participants may do now: `idle` (look only), `writing` (add notes and score
 * touchpoints), `voting` (cast dot votes), `results` (look at the results). Every opening of
 * writing or voting starts a new *round*; notes, scores and ballots carry the round they were
 * made in, so each voting round has its own allowance and a silent round can be revealed alone.
 *
 * What is revealed is two watermarks, not flags: notes (with scores) of rounds up to
 * `notesRevealedThrough` are public, ballots of rounds up to `votesRevealedThrough` are counted
 * and shown. A reveal cannot be taken back — once notes are in the board document everyone has
 * them — and a watermark says so: it only rises. Moving to `voting` reveals the notes written so
 * far (voting on notes nobody can read makes no sense); moving to `results` reveals the votes.
 */
// Extensions spelled out: the relay imports the journey rules, and Vite's config loader follows.
import { DEFAULT_TIMER, type TimerState } from './timer.ts';
import type { JourneyRef } from './types.ts';
import { DEFAULT_VOTING, type VoteSettings } from './votes.ts';

export const WorkshopPhase = {
	idle: 'idle',
	writing: 'writing',
	voting: 'voting',
	results: 'results'
} as const;
export type WorkshopPhase = (typeof WorkshopPhase)[keyof typeof WorkshopPhase];

const phases: ReadonlySet<string> = new Set(Object.values(WorkshopPhase));

export function isWorkshopPhase(value: unknown): value is WorkshopPhase {
	return typeof value === 'string' && phases.has(value);
}

/**
 * What the facilitator puts on the projector: `auto` follows the phase and focus (notes, then
 * results); the others are full-screen views pushed by the facilitator — the join screen (QR
 * code and join code), the map or the focused stage, the notes wall, the stage heatmap, the
 * emotion curve, the vote results. Facilitator-only state like the phase (see `model/journey`).
 */
export const ProjectorView = {
	auto: 'auto',
	join: 'join',
	map: 'map',
	notes: 'notes',
	heatmap: 'heatmap',
	curve: 'curve',
	results: 'results'
} as const;
export type ProjectorView = (typeof ProjectorView)[keyof typeof ProjectorView];

const projectorViews: ReadonlySet<string> = new Set(Object.values(ProjectorView));

export function isProjectorView(value: unknown): value is ProjectorView {
	return typeof value === 'string' && projectorViews.has(value);
}

export interface WorkshopState {
	phase: WorkshopPhase;
	/** Rounds opened so far, ≥ 0; the current round is this number. */
	round: number;
	/** What the facilitator steers everyone's view to; null for the whole map. */
	focus: JourneyRef | null;
	timer: TimerState;
	/** Silent writing: new notes are hidden from all but their author until revealed. */
	silent: boolean;
	/** New notes are stored without their author, and authors are hidden on screen. */
	anonymous: boolean;
	voting: VoteSettings;
	/** Notes and scores of rounds ≤ this are public. Only rises. */
	notesRevealedThrough: number;
	/** Ballots of rounds ≤ this are counted and shown. Only rises. */
	votesRevealedThrough: number;
	/** The board is closed: participants can add nothing, whatever the phase. */
	locked: boolean;
	/** Id of the `journey-board` document participants write to; null until there is one. */
	board: string | null;
	/** What the projector shows (see {@link ProjectorView}). */
	projector: ProjectorView;
	/** Raised by the server each time the join link is replaced; screens showing it fetch it again. */
	joinLink: number;
}

/**
 * A new workshop: nothing open, silent writing on (people write before they see the loudest
 * idea), names shown, three votes each, one per item.
 */
export const DEFAULT_WORKSHOP: WorkshopState = {
	phase: WorkshopPhase.idle,
	round: 0,
	focus: null,
	timer: DEFAULT_TIMER,
	silent: true,
	anonymous: false,
	voting: DEFAULT_VOTING,
	notesRevealedThrough: 0,
	votesRevealedThrough: 0,
	locked: false,
	board: null,
	projector: ProjectorView.auto,
	joinLink: 0
};

/** The state after the facilitator moves to `phase`; moving to the current phase changes nothing. */
export function enterPhase(state: WorkshopState, phase: WorkshopPhase): WorkshopState {
	if (state.phase === phase) return state;
	switch (phase) {
		case WorkshopPhase.idle:
			return { ...state, phase };
		case WorkshopPhase.writing:
			return { ...state, phase, round: state.round + 1 };
		case WorkshopPhase.voting:
			return { ...revealNotes(state), phase, round: state.round + 1 };
		case WorkshopPhase.results:
			return { ...revealVotes(revealNotes(state)), phase };
	}
}

/** Reveals the notes and scores of every round so far. */
export function revealNotes(state: WorkshopState): WorkshopState {
	return { ...state, notesRevealedThrough: Math.max(state.notesRevealedThrough, state.round) };
}

/** Reveals the ballots of every round so far. */
export function revealVotes(state: WorkshopState): WorkshopState {
	return { ...state, votesRevealedThrough: Math.max(state.votesRevealedThrough, state.round) };
}

/** What a participant may try to add to the board. */
export type ParticipantAction = 'note' | 'score' | 'vote';

/**
 * Why the board refuses it: locked by the facilitator, not open in this phase, or (a vote) its
 * round's votes were already revealed — a ballot cast then would never be counted.
 */
export type ParticipationRefusal = 'locked' | 'closed' | 'votes-revealed';

const OPEN_IN: Record<ParticipantAction, WorkshopPhase> = {
	note: WorkshopPhase.writing,
	score: WorkshopPhase.writing,
	vote: WorkshopPhase.voting
};

/**
 * Whether a participant may do `action` now: undefined when yes. The relay asks this against the
 * journey document before it accepts a board write; the timer running out closes nothing by
 * itself (clocks differ; the facilitator decides when time is up).
 */
export function checkParticipation(
	state: Pick<WorkshopState, 'phase' | 'locked' | 'round' | 'votesRevealedThrough'>,
	action: ParticipantAction
): ParticipationRefusal | undefined {
	if (state.locked) return 'locked';
	if (state.phase !== OPEN_IN[action]) return 'closed';
	if (action === 'vote' && areVotesRevealed(state, state.round)) return 'votes-revealed';
	return undefined;
}

/** True when the tallies of `round`'s ballots may be shown. */
export function areVotesRevealed(
	state: Pick<WorkshopState, 'votesRevealedThrough'>,
	round: number
): boolean {
	return round <= state.votesRevealedThrough;
}

/** True when `round`'s scores may be shown; they are revealed with its notes. */
export function areScoresRevealed(
	state: Pick<WorkshopState, 'notesRevealedThrough'>,
	round: number
): boolean {
	return round <= state.notesRevealedThrough;
}

export interface FinishedCount {
	/** Participants here who said they are done, 0 … total. */
	finished: number;
	/** Participants here. */
	total: number;
	/** Everyone here is done (and someone is here). */
	all: boolean;
}

/**
 * "Finished writing: k of n" — counts, never names. Only people present count: someone who
 * marked themselves done and left is neither in k nor in n.
 */
export function finishedCount(
	present: ReadonlySet<string>,
	finished: ReadonlySet<string>
): FinishedCount {
	let done = 0;
	for (const id of present) if (finished.has(id)) done++;
	return { finished: done, total: present.size, all: present.size > 0 && done === present.size };
}
