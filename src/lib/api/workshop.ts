/**
 * Calls to the workshop API (see `server/workshop-api.ts`). Failures throw an {@link ApiError}
 * whose reason the UI translates ('closed', 'locked', 'no-votes-left', …).
 */
import type { WorkshopPhase } from '../domain/journey/workshop';
import { request } from './client';
import { endpoints, type NoteDraft, type WorkshopAccess } from './contract';

export type { JoinInfo, NoteDraft, OwnSeatState, Seat, WorkshopAccess } from './contract';

/** Opens (or reopens) the journey's workshop board; needs the journey's owner token. */
export function openWorkshop(journeyId: string, ownerToken: string) {
	return request(endpoints.openWorkshop, { params: [journeyId], token: ownerToken });
}

/** A board viewer token for anyone holding a token of the journey (the projector). */
export function boardAccess(journeyId: string, journeyToken: string) {
	return request(endpoints.boardAccess, { params: [journeyId], token: journeyToken });
}

/** Moves the workshop to `phase`; the server publishes whatever the move reveals. */
export function setPhase(journeyId: string, ownerToken: string, phase: WorkshopPhase) {
	return request(endpoints.setPhase, { params: [journeyId], body: { phase }, token: ownerToken });
}

export function reveal(journeyId: string, ownerToken: string, what: 'notes' | 'votes') {
	return request(endpoints.reveal, { params: [journeyId], body: { what }, token: ownerToken });
}

/**
 * Trades the join link's token for this device's seat (kept on the device). `device` is the
 * device's own key (see `participant.deviceKey`): joining again from the same device returns the
 * same seat and renames it to `name`.
 */
export function joinWorkshop(boardId: string, linkToken: string, device: string, name: string) {
	return request(endpoints.join, { params: [boardId], body: { device, name }, token: linkToken });
}

/** The seats taken at the journey's workshop, in the order people joined; owner token. */
export function listSeats(journeyId: string, ownerToken: string) {
	return request(endpoints.seats, { params: [journeyId], token: ownerToken });
}

/** Removes a seat: its token stops working and its phone is told. Answers the seats left. */
export function removeSeat(journeyId: string, ownerToken: string, participant: string) {
	return request(endpoints.removeSeat, { params: [journeyId, participant], token: ownerToken });
}

/** Replaces the join link: the old one is refused, seats already taken keep working. */
export function rotateJoinLink(journeyId: string, ownerToken: string) {
	return request(endpoints.rotateJoinLink, { params: [journeyId], token: ownerToken });
}

/** Adds a note; `held` says it waits for the reveal (silent writing). `seatToken`: see `joinWorkshop`. */
export function addNote(boardId: string, seatToken: string, note: NoteDraft) {
	return request(endpoints.addNote, { params: [boardId], body: note, token: seatToken });
}

/** Casts one vote; resolves with the votes this participant has left in the round. */
export function castVote(boardId: string, seatToken: string, item: string) {
	return request(endpoints.vote, { params: [boardId], body: { item }, token: seatToken });
}

/** Gives (or changes) this participant's score 1 … 5 for a touchpoint; held until the reveal. */
export function scoreTouchpoint(
	boardId: string,
	seatToken: string,
	touchpoint: string,
	score: number
) {
	return request(endpoints.score, {
		params: [boardId],
		body: { touchpoint, score },
		token: seatToken
	});
}

/** What this seat cast, scored and wrote, as the server keeps it (for a phone that reloads). */
export function mySeat(boardId: string, seatToken: string) {
	return request(endpoints.mine, { params: [boardId], token: seatToken });
}

/**
 * The join link's parts and code: with the owner token, or (the projector) a viewer token of the
 * map and the projector key from the projector's link.
 */
export function joinInfo(journeyId: string, token: string, projectorKey?: string) {
	return request(endpoints.joinInfo, {
		params: [journeyId],
		body: projectorKey ? { projector: projectorKey } : {},
		token
	});
}

/** Where a typed join code leads; refused with 'unknown-code' or 'too-many-codes'. */
export function resolveJoinCode(code: string) {
	return request(endpoints.resolveJoinCode, { params: [code] });
}

/** The server's clock, for timers everyone reads alike. */
export function serverTime() {
	return request(endpoints.time);
}

/** A join link carries two tokens; JWTs contain dots, so they are joined with `~`. */
export const JOIN_SEPARATOR = '~';

export function joinUrl(
	origin: string,
	journeyId: string,
	access: Pick<WorkshopAccess, 'journeyViewerToken' | 'participantToken'>
): string {
	return `${origin}/w/${journeyId}#${access.journeyViewerToken}${JOIN_SEPARATOR}${access.participantToken}`;
}

/** The projector's link: the map's viewer token and the projector key (see `joinInfo`). */
export function presentUrl(origin: string, journeyId: string, access: WorkshopAccess): string {
	return `${origin}/j/${journeyId}/present#${access.journeyViewerToken}${JOIN_SEPARATOR}${access.projectorKey}`;
}

/** The page where a join code is typed, as the room sees it ("panorama.example/join"). */
export function joinPageUrl(origin: string): string {
	return `${origin}/join`;
}
