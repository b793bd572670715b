/**
 * The `journey-board` document (workshop board) and its server-only companion, in Yjs.
 *
 * The board holds only what everyone may see: published notes, vote tallies of revealed rounds
 * and the id of its journey. Only the server writes it (the relay refuses every client's write,
 * see `domain/documents` `canWriteDirectly`), after checking each note and vote against the
 * journey's workshop state. Silent-mode notes and every ballot wait in the server-only `pending`
 * document (no token is ever minted for it) until the facilitator reveals them, so a participant
 * who inspects the board finds nothing early — hidden from the data, not only from the screen.
 *
 * Layout: board `info` Y.Map {journey}; board `notes` Y.Map<noteId, PublishedBoardNote>;
 * board `tallies` Y.Map<round, VoteResult[]>; board `scores` Y.Map<round, ScoreDistribution[]>;
 * pending `notes` Y.Map<noteId, StoredNote>; pending `ballots` Y.Map<ballotId, RoundBallot>;
 * pending `scores` Y.Map<"round:participant:touchpoint", RoundScore>; pending `noteClaims`
 * Y.Map<noteId, StoredNote>: every note id ever written, with the note as first written, so a
 * replayed key never rewrites it; pending `seats` (see `model/workshop-seats`). Values are plain
 * JSON, written once.
 */
import * as Y from 'yjs';
// Extensions spelled out: the server imports this file.
import {
	isScore,
	publishable,
	scoreDistributions,
	type ParticipantScore,
	type ScoreDistribution
} from '../domain/journey/aggregate.ts';
import { MAX_NOTE_LENGTH, type BoardNote } from '../domain/journey/notes.ts';
import type { JourneyRef } from '../domain/journey/types.ts';
import type { Ballot, VoteResult } from '../domain/journey/votes.ts';

/** A note as stored: the domain's note plus the writer's display name (absent when anonymous). */
export interface StoredNote extends BoardNote {
	name?: string;
}

/** A ballot and the round it was cast in. */
export interface RoundBallot extends Ballot {
	round: number;
}

/** Suffix of the server-only document beside each board. */
export const PENDING_SUFFIX = '_pending';

export function pendingDocId(boardId: string): string {
	return boardId + PENDING_SUFFIX;
}

const isRef = (value: unknown): value is JourneyRef =>
	typeof value === 'object' &&
	value !== null &&
	((value as JourneyRef).kind === 'stage' || (value as JourneyRef).kind === 'touchpoint') &&
	typeof (value as JourneyRef).id === 'string';

/** A stored note, or undefined for anything of another shape (a future version, a bad write). */
function readNote(id: string, value: unknown): StoredNote | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const v = value as Record<string, unknown>;
	if (typeof v.text !== 'string' || !isRef(v.target) || typeof v.createdAt !== 'number') {
		return undefined;
	}
	return {
		id,
		text: v.text.slice(0, MAX_NOTE_LENGTH),
		target: { kind: v.target.kind, id: v.target.id },
		createdAt: v.createdAt,
		round: typeof v.round === 'number' ? v.round : 0,
		...(typeof v.author === 'string' ? { author: v.author } : {}),
		...(typeof v.name === 'string' ? { name: v.name } : {}),
		...(v.silent === true ? { silent: true } : {}),
		...(v.anonymous === true ? { anonymous: true } : {})
	};
}

function readNotes(map: Y.Map<unknown>): StoredNote[] {
	const out: StoredNote[] = [];
	for (const [id, value] of map) {
		const note = readNote(id, value);
		if (note) out.push(note);
	}
	return out.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

/** The journey a board belongs to, or null for a board not yet linked. */
export function boardJourney(board: Y.Doc): string | null {
	const journey = board.getMap('info').get('journey');
	return typeof journey === 'string' ? journey : null;
}

/** Published notes, oldest first. */
export function boardNotes(board: Y.Doc): StoredNote[] {
	return readNotes(board.getMap('notes'));
}

/** Vote results of each revealed round. */
export function boardTallies(board: Y.Doc): Map<number, VoteResult[]> {
	const out = new Map<number, VoteResult[]>();
	for (const [round, value] of board.getMap('tallies')) {
		if (!Array.isArray(value)) continue;
		const results = value.filter(
			(r): r is VoteResult =>
				typeof r === 'object' &&
				r !== null &&
				typeof r.item === 'string' &&
				typeof r.votes === 'number'
		);
		out.set(Number(round), results);
	}
	return out;
}

/** Calls `listener` after any change to the board; returns the unsubscriber. */
export function observeBoard(board: Y.Doc, listener: () => void): () => void {
	const maps = ['info', 'notes', 'tallies', 'scores'].map((name) => board.getMap(name));
	for (const map of maps) map.observe(listener);
	return () => maps.forEach((map) => map.unobserve(listener));
}

// ---- server-side writes -------------------------------------------------------------------

/** Links a new board to its journey. */
export function linkBoard(board: Y.Doc, journeyId: string): void {
	board.getMap('info').set('journey', journeyId);
}

/** Publishes one note on the board; an anonymous note is written without its author or name. */
export function publishNote(board: Y.Doc, note: StoredNote): void {
	const { id, ...record } = note;
	if (record.anonymous) {
		delete record.author;
		delete record.name;
	}
	board.getMap('notes').set(id, { ...record, silent: false });
}

/** Notes waiting for their reveal, oldest first. */
export function pendingNotes(pending: Y.Doc): StoredNote[] {
	return readNotes(pending.getMap('notes'));
}

/** Keeps a silent note off the board until its round is revealed. */
export function holdNote(pending: Y.Doc, note: StoredNote): void {
	const { id, ...record } = note;
	pending.getMap('notes').set(id, record);
}

/**
 * Claims a note id, in one synchronous step: the note as first written under `note.id`, or
 * `undefined` when this call wrote `note` (and held it, when `held`). A replayed key gets the
 * first note back, never a rewrite.
 */
export function claimNote(pending: Y.Doc, note: StoredNote, held: boolean): StoredNote | undefined {
	const claims = pending.getMap('noteClaims');
	const first =
		readNote(note.id, claims.get(note.id)) ??
		readNotes(pending.getMap('notes')).find((n) => n.id === note.id);
	if (first) return first;
	const { id, ...record } = note;
	pending.transact(() => {
		claims.set(id, record);
		if (held) holdNote(pending, note);
	});
	return undefined;
}

/** Every ballot cast, in any round. */
export function ballots(pending: Y.Doc): RoundBallot[] {
	const out: RoundBallot[] = [];
	for (const [id, value] of pending.getMap('ballots')) {
		const v = value as Partial<RoundBallot> | null;
		if (!v || typeof v.voter !== 'string' || typeof v.item !== 'string') continue;
		out.push({ id, voter: v.voter, item: v.item, at: v.at ?? 0, round: v.round ?? 0 });
	}
	return out;
}

export function castBallot(pending: Y.Doc, ballot: RoundBallot & { id: string }): void {
	const { id, ...record } = ballot;
	pending.getMap('ballots').set(id, record);
}

/** Publishes a round's results: counts per item, never who voted. */
export function publishTally(board: Y.Doc, round: number, results: readonly VoteResult[]): void {
	board.getMap('tallies').set(
		String(round),
		results.map((r) => ({ ...r }))
	);
}

// ---- participants' scores (1–5): held like silent notes, published as distributions --------

/** A participant's score on a touchpoint in a round. */
export interface RoundScore extends ParticipantScore {
	round: number;
}

/** Holds a score; a participant's later score for the same touchpoint and round replaces it. */
export function holdScore(pending: Y.Doc, score: RoundScore): void {
	pending
		.getMap('scores')
		.set(`${score.round}:${score.participant}:${score.touchpoint}`, { ...score });
}

export function pendingScores(pending: Y.Doc): RoundScore[] {
	const out: RoundScore[] = [];
	for (const value of pending.getMap('scores').values()) {
		const v = value as Partial<RoundScore> | null;
		if (!v || typeof v.participant !== 'string' || typeof v.touchpoint !== 'string') continue;
		if (!isScore(v.score)) continue;
		out.push({
			participant: v.participant,
			touchpoint: v.touchpoint,
			score: v.score,
			at: v.at ?? 0,
			round: v.round ?? 0
		});
	}
	return out;
}

/**
 * Publishes a round's score distributions: counts and means per touchpoint, never who, and for a
 * touchpoint fewer than three people scored only how many did (`publishable`).
 */
export function publishScores(board: Y.Doc, round: number, scores: readonly RoundScore[]): void {
	const distributions = [...scoreDistributions(scores).values()].map(publishable).map((d) => ({
		touchpoint: d.touchpoint,
		counts: [...d.counts],
		n: d.n,
		mean: d.mean
	}));
	board.getMap('scores').set(String(round), distributions);
}

/** Published score distributions per touchpoint, the latest round that scored it winning. */
export function boardScores(board: Y.Doc): Map<string, ScoreDistribution> {
	const out = new Map<string, ScoreDistribution>();
	const rounds = [...board.getMap('scores').entries()].sort(([a], [b]) => Number(a) - Number(b));
	for (const [, value] of rounds) {
		if (!Array.isArray(value)) continue;
		for (const d of value as ScoreDistribution[]) {
			if (d && typeof d.touchpoint === 'string' && typeof d.n === 'number')
				out.set(d.touchpoint, d);
		}
	}
	return out;
}
