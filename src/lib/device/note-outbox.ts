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

export function outbox(boardId: string): OutgoingNote[] {
	try {
		const stored = JSON.parse(localStorage.getItem(outboxKey(boardId)) ?? '[]') as unknown;
		return Array.isArray(stored) ? (stored as OutgoingNote[]) : [];
	} catch {
		// reason: unreadable storage holds nothing to send
		return [];
	}
}

function store(boardId: string, notes: readonly OutgoingNote[]): OutgoingNote[] {
	if (notes.length) localStorage.setItem(outboxKey(boardId), JSON.stringify(notes));
	else localStorage.removeItem(outboxKey(boardId));
	return [...notes];
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
	/** The server refused it (the phase ended, the board was locked…): it leaves the outbox. */
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
			hooks.refused(note, error);
		}
		store(
			boardId,
			outbox(boardId).filter((n) => n.key !== note.key)
		);
	}
	return outbox(boardId);
}
