/**
 * Calls to the workshop API (see `server/workshop-api.ts`). Failures throw an {@link ApiError}
 * whose reason the UI translates ('closed', 'locked', 'no-votes-left', …).
 */
import type { JourneyRef } from '../domain/journey/types';
import type { SeatSummary } from '../domain/journey/seats';
import type { WorkshopPhase } from '../domain/journey/workshop';
import { ApiError } from './docs';

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown, token?: string) {
	let response: Response;
	try {
		response = await fetch(path, {
			method,
			headers: {
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
				...(token ? { authorization: `Bearer ${token}` } : {})
			},
			body: body === undefined ? undefined : JSON.stringify(body)
		});
	} catch {
		throw new ApiError(0, 'offline');
	}
	const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
	if (!response.ok) throw new ApiError(response.status, String(json.reason ?? response.status));
	return json as T;
}

/** What the facilitator hands out: the board and the tokens of its links. */
export interface WorkshopAccess {
	boardId: string;
	/** Lets a participant add notes and votes (through the API) and watch the board. */
	participantToken: string;
	boardViewerToken: string;
	/** Lets participants and the projector follow the map without changing it. */
	journeyViewerToken: string;
}

/** Opens (or reopens) the journey's workshop board; needs the journey's owner token. */
export function openWorkshop(journeyId: string, ownerToken: string) {
	return call<WorkshopAccess>('POST', `/api/journeys/${journeyId}/workshop`, {}, ownerToken);
}

/** A board viewer token for anyone holding a token of the journey (the projector). */
export function boardAccess(journeyId: string, journeyToken: string) {
	return call<{ boardId: string; token: string }>(
		'POST',
		`/api/journeys/${journeyId}/board-access`,
		{},
		journeyToken
	);
}

/** Moves the workshop to `phase`; the server publishes whatever the move reveals. */
export function setPhase(journeyId: string, ownerToken: string, phase: WorkshopPhase) {
	return call('POST', `/api/journeys/${journeyId}/phase`, { phase }, ownerToken);
}

export function reveal(journeyId: string, ownerToken: string, what: 'notes' | 'votes') {
	return call('POST', `/api/journeys/${journeyId}/reveal`, { what }, ownerToken);
}

/** A participant's own seat at a workshop: their server-made id and the token that carries it. */
export interface Seat {
	participant: string;
	token: string;
}

/**
 * Trades the join link's token for this device's seat (kept on the device). `device` is the
 * device's own key (see `participant.deviceKey`): joining again from the same device returns the
 * same seat and renames it to `name`.
 */
export function joinWorkshop(boardId: string, linkToken: string, device: string, name: string) {
	return call<Seat & { name: string }>(
		'POST',
		`/api/boards/${boardId}/join`,
		{ device, name },
		linkToken
	);
}

/** The seats taken at the journey's workshop, in the order people joined; owner token. */
export function listSeats(journeyId: string, ownerToken: string) {
	return call<{ seats: SeatSummary[] }>(
		'GET',
		`/api/journeys/${journeyId}/seats`,
		undefined,
		ownerToken
	);
}

/** Removes a seat: its token stops working and its phone is told. Answers the seats left. */
export function removeSeat(journeyId: string, ownerToken: string, participant: string) {
	return call<{ seats: SeatSummary[] }>(
		'POST',
		`/api/journeys/${journeyId}/seats/${participant}/remove`,
		{},
		ownerToken
	);
}

/** Replaces the join link: the old one is refused, seats already taken keep working. */
export function rotateJoinLink(journeyId: string, ownerToken: string) {
	return call<{ participantToken: string }>(
		'POST',
		`/api/journeys/${journeyId}/join-link/rotate`,
		{},
		ownerToken
	);
}

export interface NoteDraft {
	/** Made on the device when the note is written; sending it again does not post it twice. */
	key?: string;
	/** Kept on the phone for its own list; the server names the note by the seat, not by this. */
	name: string;
	text: string;
	target: JourneyRef;
}

/** Adds a note; `held` says it waits for the reveal (silent writing). `seatToken`: see `joinWorkshop`. */
export function addNote(boardId: string, seatToken: string, note: NoteDraft) {
	return call<{ id: string; held: boolean }>(
		'POST',
		`/api/boards/${boardId}/notes`,
		note,
		seatToken
	);
}

/** Casts one vote; resolves with the votes this participant has left in the round. */
export function castVote(boardId: string, seatToken: string, item: string) {
	return call<{ left: number }>('POST', `/api/boards/${boardId}/votes`, { item }, seatToken);
}

/** Gives (or changes) this participant's score 1 … 5 for a touchpoint; held until the reveal. */
export function scoreTouchpoint(
	boardId: string,
	seatToken: string,
	touchpoint: string,
	score: number
) {
	return call<{ held: boolean }>(
		'POST',
		`/api/boards/${boardId}/scores`,
		{ touchpoint, score },
		seatToken
	);
}

/** The server's clock, for timers everyone reads alike. */
export function serverTime() {
	return call<{ now: number }>('GET', '/api/time');
}

/** A join link carries two tokens; JWTs contain dots, so they are joined with `~`. */
export const JOIN_SEPARATOR = '~';

export function joinUrl(origin: string, journeyId: string, access: WorkshopAccess): string {
	return `${origin}/w/${journeyId}#${access.journeyViewerToken}${JOIN_SEPARATOR}${access.participantToken}`;
}

export function presentUrl(origin: string, journeyId: string, access: WorkshopAccess): string {
	return `${origin}/j/${journeyId}/present#${access.journeyViewerToken}`;
}
