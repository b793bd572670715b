/**
 * What a workshop participant's device remembers: their name (asked once), their seat at each
 * board (the server-made id and token notes and votes are counted by), and the notes they wrote
 * — the only copy of a held or anonymous note that says "mine". The join link's tokens are kept
 * in the library like every link's (`session/capability`).
 */
import type { JourneyRef } from '../domain/journey/types';
import { JOIN_SEPARATOR, type Seat } from '../api/workshop';

export interface ParticipantIdentity {
	name: string;
}

export interface JoinTokens {
	journeyToken: string;
	participantToken: string;
}

export interface MyNote {
	id: string;
	text: string;
	target: JourneyRef;
	/** Waiting for the facilitator's reveal. */
	held: boolean;
	/** The workshop round it was written in (absent in notes kept by older versions). */
	round?: number;
}

const IDENTITY_KEY = 'panorama.participant';
const DEVICE_KEY = 'panorama.device';
const seatKey = (boardId: string) => `panorama.seat.${boardId}`;
const notesKey = (journeyId: string) => `panorama.mynotes.${journeyId}`;

function read<T>(key: string): T | undefined {
	try {
		const text = localStorage.getItem(key);
		return text ? (JSON.parse(text) as T) : undefined;
	} catch {
		// reason: unreadable storage is treated as nothing remembered
		return undefined;
	}
}

export function loadIdentity(): ParticipantIdentity | undefined {
	const identity = read<ParticipantIdentity>(IDENTITY_KEY);
	return identity && typeof identity.name === 'string' ? { name: identity.name } : undefined;
}

export function saveIdentity(name: string): ParticipantIdentity {
	const identity = { name };
	localStorage.setItem(IDENTITY_KEY, JSON.stringify(identity));
	return identity;
}

/**
 * This device's key, made once at random and kept: the server finds the device's seat at each
 * board by it (hashed with the board), so rejoining from this phone is the same person.
 */
export function deviceKey(): string {
	const kept = localStorage.getItem(DEVICE_KEY);
	if (kept && /^[A-Za-z0-9_-]{16,64}$/.test(kept)) return kept;
	const bytes = crypto.getRandomValues(new Uint8Array(18));
	const key = btoa(String.fromCharCode(...bytes))
		.replace(/\+/g, '-')
		.replace(/\//g, '_');
	localStorage.setItem(DEVICE_KEY, key);
	return key;
}

export function loadSeat(boardId: string): Seat | undefined {
	const seat = read<Seat>(seatKey(boardId));
	return seat && typeof seat.participant === 'string' && typeof seat.token === 'string'
		? seat
		: undefined;
}

export function saveSeat(boardId: string, seat: Seat): void {
	localStorage.setItem(seatKey(boardId), JSON.stringify(seat));
}

/** Forgets the seat at a board (the facilitator removed it). */
export function forgetSeat(boardId: string): void {
	localStorage.removeItem(seatKey(boardId));
}

/** The two tokens a join link's fragment carries, or undefined when it is not one. */
export function readJoinTokens(secret: string): JoinTokens | undefined {
	const [journeyToken, participantToken] = secret.split(JOIN_SEPARATOR);
	return journeyToken && participantToken ? { journeyToken, participantToken } : undefined;
}

export function myNotes(journeyId: string): MyNote[] {
	return read<MyNote[]>(notesKey(journeyId)) ?? [];
}

export function rememberNote(journeyId: string, note: MyNote): MyNote[] {
	return rememberNotes(journeyId, [note]);
}

/**
 * Adds notes to the device's list, or updates the ones it has (by id): how the list catches up
 * with what the server says this seat wrote, after a reload or on a phone that lost its storage.
 * Notes only this phone knows (anonymous ones carry no author on the server) stay.
 */
export function rememberNotes(journeyId: string, notes: readonly MyNote[]): MyNote[] {
	const byId = new Map(myNotes(journeyId).map((n) => [n.id, n]));
	for (const note of notes) byId.set(note.id, { ...byId.get(note.id), ...note });
	const all = [...byId.values()];
	localStorage.setItem(notesKey(journeyId), JSON.stringify(all));
	return all;
}
