/**
 * Notes a participant wrote while their phone had no connection, kept on the device until they
 * can be sent. Each carries a key made when it was written; the server derives the note's id from
 * it, so a note whose answer was lost on the way back is not posted twice when sent again.
 */
import type { JourneyRef } from '../domain/journey/types';
import { ApiError } from '../api/docs';
import { addNote } from '../api/workshop';

export interface OutgoingNote {
	key: string;
	name: string;
	text: string;
	target: JourneyRef;
}

const outboxKey = (boardId: string) => `panorama.outbox.${boardId}`;
const draftsKey = (boardId: string) => `panorama.drafts.${boardId}`;

function readList(key: string): OutgoingNote[] {
	try {
		const stored = JSON.parse(localStorage.getItem(key) ?? '[]') as unknown;
		return Array.isArray(stored) ? (stored as OutgoingNote[]) : [];
	} catch {
		// reason: unreadable storage holds nothing to send
		return [];
	}
}

function writeList(key: string, notes: readonly OutgoingNote[]): OutgoingNote[] {
	if (notes.length) localStorage.setItem(key, JSON.stringify(notes));
	else localStorage.removeItem(key);
	return [...notes];
}

export function outbox(boardId: string): OutgoingNote[] {
	return readList(outboxKey(boardId));
}

function store(boardId: string, notes: readonly OutgoingNote[]): OutgoingNote[] {
	return writeList(outboxKey(boardId), notes);
}

/**
 * Notes the server refused because their phase had closed (or the board was locked): kept on the
 * phone as drafts the person can copy, or send when writing opens again — never dropped.
 */
export function drafts(boardId: string): OutgoingNote[] {
	return readList(draftsKey(boardId));
}

export function keepDraft(boardId: string, note: OutgoingNote): OutgoingNote[] {
	return writeList(draftsKey(boardId), [
		...drafts(boardId).filter((n) => n.key !== note.key),
		note
	]);
}

export function dropDraft(boardId: string, key: string): OutgoingNote[] {
	return writeList(
		draftsKey(boardId),
		drafts(boardId).filter((n) => n.key !== key)
	);
}

/** True when a refusal means "not now" (the phase closed, the board is locked): keep it as a draft. */
export function isNotNow(reason: string | undefined): boolean {
	return reason === 'closed' || reason === 'locked';
}

export function queueNote(boardId: string, note: OutgoingNote): OutgoingNote[] {
	return store(boardId, [...outbox(boardId).filter((n) => n.key !== note.key), note]);
}

/** A fresh key for a note about to be written. */
export function noteKey(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(12));
	return btoa(String.fromCharCode(...bytes))
		.replace(/\+/g, '-')
		.replace(/\//g, '_');
}

export interface SendHooks {
	sent(note: OutgoingNote, added: { id: string; held: boolean }): void;
	/**
	 * The server refused it: it leaves the outbox. When the refusal means "not now" (the phase
	 * ended, the board was locked) it becomes a draft first (see {@link drafts}).
	 */
	refused(note: OutgoingNote, error: unknown): void;
}

/**
 * Sends the queued notes in the order they were written; stops at the first that finds no
 * connection. Resolves with what is still queued.
 */
export async function sendQueued(
	boardId: string,
	seatToken: string,
	hooks: SendHooks
): Promise<OutgoingNote[]> {
	for (const note of outbox(boardId)) {
		try {
			const added = await addNote(boardId, seatToken, note);
			hooks.sent(note, added);
		} catch (error) {
			if (error instanceof ApiError && error.reason === 'offline') break;
			if (error instanceof ApiError && isNotNow(error.reason)) keepDraft(boardId, note);
			hooks.refused(note, error);
		}
		store(
			boardId,
			outbox(boardId).filter((n) => n.key !== note.key)
		);
	}
	return outbox(boardId);
}
