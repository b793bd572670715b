/**
 * Who may see which sticky note (便签), and what of it. Two rules:
 *
 * - Silent writing (静默书写): a note written in silent mode is seen by its author alone until
 *   the facilitator reveals its round. Everyone else — other participants, the projector, the
 *   facilitator too — sees only how many notes are waiting. (The facilitator's device holds no
 *   more than anyone else's: hidden means hidden from the data, not only from the screen.)
 * - Anonymity (匿名): an anonymous note is shown with no author at all — the key is absent, not
 *   blank — and without its time, since "the note that appeared just after Li stopped typing" is
 *   authorship by other means. Anonymous notes are listed in id order, which for random ids is a
 *   shuffle that every device agrees on.
 *
 * These functions filter what a device already holds; they are not the protection. The
 * protection is that the board document never holds a hidden note, or an anonymous note's
 * author: the relay publishes notes at the reveal and writes anonymous ones itself.
 */
// Extensions spelled out: the relay imports the journey rules, and Vite's config loader follows.
import type { JourneyRef } from './types.ts';

/** A note as a device or the relay holds it, before visibility rules apply. */
export interface BoardNote {
	id: string;
	/** The writer's participant id; absent on a note stored anonymously. */
	author?: string;
	text: string;
	target: JourneyRef;
	/** Server-time epoch ms. */
	createdAt: number;
	/** The workshop round it was written in; 0 when unknown. */
	round?: number;
	/** Written in silent mode: hidden from all but its author until its round is revealed. */
	silent?: boolean;
	/** Shown without author or time, whatever the note record holds. */
	anonymous?: boolean;
}

/** Longest note accepted, in UTF-16 code units: a sticky note, not an essay. */
export const MAX_NOTE_LENGTH = 280;

export type NoteTextProblem = 'empty' | 'too-long';

/** Checks a note's text; blank notes are refused, the text is otherwise kept as typed. */
export function checkNoteText(text: string): NoteTextProblem | undefined {
	if (!text.trim()) return 'empty';
	return text.length > MAX_NOTE_LENGTH ? 'too-long' : undefined;
}

/** Who is looking. */
export type NoteViewer =
	| {
			role: 'participant' | 'facilitator';
			/** This person's participant id. */
			id: string;
			/** Ids of notes this person wrote anonymously, known only to their own device. */
			own?: ReadonlySet<string>;
	  }
	| { role: 'projector' };

/** The workshop state the rules read (see `workshop.ts`). */
export interface NoteRules {
	/** Notes of rounds up to this one are revealed. */
	notesRevealedThrough: number;
	/** The workshop's anonymous mode: hides authors on screen even of notes that kept one. */
	anonymous: boolean;
}

interface VisibleBase {
	id: string;
	text: string;
	target: JourneyRef;
	/** Written by the viewer. */
	mine: boolean;
	/** Still hidden from everyone else (the viewer's own silent note before the reveal). */
	pending: boolean;
}

export interface NamedNote extends VisibleBase {
	anonymous: false;
	author: string;
	createdAt: number;
}

/** A note shown with no trace of who wrote it or when: there is no `author` or `createdAt` key. */
export interface AnonymousNote extends VisibleBase {
	anonymous: true;
}

export type VisibleNote = NamedNote | AnonymousNote;

export interface NotesInView {
	/** Named notes by time, then anonymous notes by id. */
	notes: VisibleNote[];
	/** Notes that exist but the viewer may not see yet; a number that names nobody. */
	hidden: number;
}

/** True when everyone may read `note`: it was not written silently, or its round is revealed. */
export function isNotePublic(
	note: BoardNote,
	rules: Pick<NoteRules, 'notesRevealedThrough'>
): boolean {
	return !note.silent || (note.round ?? 0) <= rules.notesRevealedThrough;
}

function isAnonymous(note: BoardNote, rules: NoteRules): boolean {
	return note.anonymous === true || rules.anonymous || typeof note.author !== 'string';
}

/**
 * A note with its authorship removed: only id, text and a fresh copy of the target are kept, so
 * neither `author` nor any other field the record carried (a client id, a time) can leak.
 */
export function stripAuthorship(
	note: Pick<BoardNote, 'id' | 'text' | 'target'>,
	flags: { mine?: boolean; pending?: boolean } = {}
): AnonymousNote {
	return {
		id: note.id,
		text: note.text,
		target: { kind: note.target.kind, id: note.target.id },
		anonymous: true,
		mine: flags.mine ?? false,
		pending: flags.pending ?? false
	};
}

/** What `viewer` may see of `notes` under `rules`. */
export function visibleNotes(
	notes: readonly BoardNote[],
	viewer: NoteViewer,
	rules: NoteRules
): NotesInView {
	const named: NamedNote[] = [];
	const anonymous: AnonymousNote[] = [];
	let hidden = 0;
	for (const note of notes) {
		const mine =
			viewer.role !== 'projector' &&
			((note.author !== undefined && note.author === viewer.id) ||
				viewer.own?.has(note.id) === true);
		const visible = isNotePublic(note, rules);
		if (!visible && !mine) {
			hidden++;
			continue;
		}
		const flags = { mine, pending: !visible };
		if (isAnonymous(note, rules)) anonymous.push(stripAuthorship(note, flags));
		else
			named.push({
				id: note.id,
				text: note.text,
				target: { kind: note.target.kind, id: note.target.id },
				anonymous: false,
				author: note.author!,
				createdAt: note.createdAt,
				...flags
			});
	}
	named.sort((a, b) => a.createdAt - b.createdAt || byId(a, b));
	anonymous.sort(byId);
	return { notes: [...named, ...anonymous], hidden };
}

function byId(a: { id: string }, b: { id: string }): number {
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A note as the board document stores it once public: what everyone may read, nothing more. */
export type PublishedNote =
	Omit<NamedNote, 'mine' | 'pending'> | Omit<AnonymousNote, 'mine' | 'pending'>;

/**
 * The notes the relay should write to the board document now, as they must appear there: the
 * ones everyone may read, anonymous ones stripped. What is left out stays private until a later
 * reveal. The relay, not the author's device, writes anonymous notes, so that no Yjs client id
 * ties a note to the person who wrote it.
 */
export function publishableNotes(notes: readonly BoardNote[], rules: NoteRules): PublishedNote[] {
	return visibleNotes(notes, { role: 'projector' }, rules).notes.map(
		({ mine: _mine, pending: _pending, ...note }) => note
	);
}

/**
 * The notes about what is in focus: a touchpoint's own notes only; a stage's notes and its
 * touchpoints'; everything when nothing is in focus (null).
 */
export function notesInFocus<T extends Pick<BoardNote, 'target'>>(
	notes: readonly T[],
	focus: JourneyRef | null,
	journey: { stages: ReadonlyArray<{ id: string; touchpoints: ReadonlyArray<{ id: string }> }> }
): T[] {
	if (!focus) return [...notes];
	if (focus.kind === 'touchpoint') return notes.filter((n) => n.target.id === focus.id);
	const stage = journey.stages.find((s) => s.id === focus.id);
	const ids = new Set([focus.id, ...(stage?.touchpoints.map((t) => t.id) ?? [])]);
	return notes.filter((n) => ids.has(n.target.id));
}
