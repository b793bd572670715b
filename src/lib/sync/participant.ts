/**
 * What a workshop participant's device remembers: their id and name (asked once), the join
 * tokens of each workshop (a link's fragment is dropped from the address bar), and the notes
 * they wrote — the only copy of a held or anonymous note that says "mine".
 */
import type { JourneyRef } from '../domain/journey/types';
import { JOIN_SEPARATOR } from './workshop-api';

export interface ParticipantIdentity {
	/** Random, made on this device; the server never learns more about the person than this. */
	id: string;
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
}

const IDENTITY_KEY = 'panorama.participant';
const joinKey = (journeyId: string) => `panorama.join.${journeyId}`;
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
	return identity && typeof identity.id === 'string' && typeof identity.name === 'string'
		? identity
		: undefined;
}

export function saveIdentity(name: string): ParticipantIdentity {
	const bytes = crypto.getRandomValues(new Uint8Array(12));
	const id =
		loadIdentity()?.id ??
		btoa(String.fromCharCode(...bytes))
			.replace(/\+/g, '-')
			.replace(/\//g, '_');
	const identity = { id, name };
	localStorage.setItem(IDENTITY_KEY, JSON.stringify(identity));
	return identity;
}

/** The tokens from a join link's fragment, or the ones remembered from an earlier visit. */
export function joinTokens(journeyId: string, fragment: string): JoinTokens | undefined {
	const [journeyToken, participantToken] = fragment.split(JOIN_SEPARATOR);
	if (journeyToken && participantToken) {
		const tokens = { journeyToken, participantToken };
		localStorage.setItem(joinKey(journeyId), JSON.stringify(tokens));
		return tokens;
	}
	return read<JoinTokens>(joinKey(journeyId));
}

export function myNotes(journeyId: string): MyNote[] {
	return read<MyNote[]>(notesKey(journeyId)) ?? [];
}

export function rememberNote(journeyId: string, note: MyNote): MyNote[] {
	const notes = [...myNotes(journeyId), note];
	localStorage.setItem(notesKey(journeyId), JSON.stringify(notes));
	return notes;
}
