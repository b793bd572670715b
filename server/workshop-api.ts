/**
 * The workshop's API: the facilitator opens a board and steers phases and reveals; participants
 * add notes and votes through here, never into the board directly (the relay refuses that), so
 * every write is checked against the journey's workshop state and silent notes and ballots stay
 * on the server until their reveal. See `model/journey-board` for where each thing lives.
 *
 * Facilitator routes take the journey's owner token. The join link carries a board token (editor)
 * that only buys a seat at `join`; notes, scores and votes take the seat's own token and are
 * counted by the participant id inside it. The projector trades any journey token for a board
 * viewer token.
 *
 * Seats belong to a device: the phone sends a random device key it keeps, and the server keeps
 * one seat per hash of (board, key) in the board's server-only document, so joining again from
 * the same phone returns the same seat (same id, same votes already used). A seat's token works
 * while its seat does: the facilitator's removal stops it here and at the relay (close code
 * `seatRemoved`), and rotating the join link (the board's editor role epoch) refuses the old link
 * while every seat keeps working.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import * as Y from 'yjs';
import { DocKind, Role } from '../src/lib/domain/documents.ts';
import { isScore } from '../src/lib/domain/journey/aggregate.ts';
import { joinCodeFrom, normalizeJoinCode } from '../src/lib/domain/journey/join-code.ts';
import { checkNoteText, isNotePublic } from '../src/lib/domain/journey/notes.ts';
import type { JourneyRef } from '../src/lib/domain/journey/types.ts';
import {
	isDeviceKey,
	seatName,
	type Seat,
	type SeatSummary
} from '../src/lib/domain/journey/seats.ts';
import { checkVote, tallyVotes, votableItems } from '../src/lib/domain/journey/votes.ts';
import {
	areScoresRevealed,
	areVotesRevealed,
	checkParticipation,
	isWorkshopPhase
} from '../src/lib/domain/journey/workshop.ts';
import { JourneyModel, readWorkshop } from '../src/lib/model/journey.ts';
import {
	ballots,
	boardNotes,
	boardTallies,
	castBallot,
	claimNote,
	holdScore,
	linkBoard,
	pendingDocId,
	pendingNotes,
	pendingScores,
	publishNote,
	publishScores,
	publishTally,
	type StoredNote
} from '../src/lib/model/journey-board.ts';
import { initMeta } from '../src/lib/model/meta.ts';
import { allSeats, putSeat, seatAt, seatOf } from '../src/lib/model/workshop-seats.ts';
import { CloseCode } from '../src/lib/transport/protocol.ts';
import type { Access } from './access.ts';
import { endpoints } from '../src/lib/api/contract.ts';
import { addressKey } from './creation-limit.ts';
import type { SharedLimits } from './bus/shared-limits.ts';
import { endpointRoute, HttpError, readJson, type Route } from './http.ts';
import type { Relay } from './relay/relay.ts';
import type { DocRecord, DocStore } from './store/doc-store.ts';
import type { Capability } from './tokens.ts';

export interface WorkshopApiOptions {
	store: DocStore;
	access: Access;
	relay: Relay;
	/**
	 * Wrong join codes allowed per client address per minute, and for the whole instance (a
	 * guesser with many addresses). Right codes are never counted: a room behind one address
	 * all typing the code at once must get in.
	 */
	joinCodeGuesses?: { perAddress: number; instance: number };
	/**
	 * The same count kept for all instances (Redis), so a guesser cannot multiply the allowance by
	 * the number of instances; undefined (or its answer undefined) falls back to this instance's.
	 */
	sharedGuesses?: SharedLimits['wrongGuesses'];
}

/** Defaults for {@link WorkshopApiOptions.joinCodeGuesses}. */
export const JOIN_CODE_GUESSES = { perAddress: 10, instance: 300 } as const;

/** Registry id of a join code's record: a childless server-only entry under its board. */
const joinCodeRecordId = (code: string) => `join-${code}`;

const ANY_ROLE = Object.values(Role);

export function workshopRoutes({
	store,
	access,
	relay,
	joinCodeGuesses = JOIN_CODE_GUESSES,
	sharedGuesses
}: WorkshopApiOptions): Route[] {
	const local = new GuessLimiter(joinCodeGuesses.perAddress, joinCodeGuesses.instance);
	const over = (counts: { address: number; all: number }) =>
		counts.address >= joinCodeGuesses.perAddress || counts.all >= joinCodeGuesses.instance;
	/** Whether `address` is past the limit, after counting one more wrong guess when `add`. */
	async function guessesSpent(address: string, add: boolean): Promise<boolean> {
		const shared = await sharedGuesses?.(address, add);
		if (shared) return over(shared);
		if (add) local.failed(address);
		return local.blocked(address);
	}

	async function facilitator(request: IncomingMessage, mapId: string) {
		return access.authorize(request, mapId, {
			roles: [Role.owner],
			kind: DocKind.journey,
			refusal: ['not-owner', 'only the facilitator can do this']
		});
	}

	/**
	 * The journey's board, from the registry: the board is the journey's child there. The map's
	 * own `workshop.board` field only tells clients where to look; anyone who edits the map can
	 * write it, so the server never takes it as an answer.
	 */
	async function boardOf(mapId: string): Promise<DocRecord | undefined> {
		const children = await store.children(mapId);
		return children.find((child) => child.kind === DocKind.journeyBoard);
	}

	/**
	 * The board's journey and who is writing, from a participant's own token (see `join`) and its
	 * seat record: a removed seat's token buys nothing, whatever its signature says.
	 */
	async function participant(request: IncomingMessage, boardId: string) {
		const { capability, record } = await access.authorize(request, boardId, {
			roles: [Role.editor],
			kind: DocKind.journeyBoard,
			refusal: ['read-only', 'this link only watches']
		});
		if (!capability.participant) throw new HttpError(403, 'join-first', 'join the workshop first');
		if (!record.parent) throw new HttpError(409, 'no-journey', 'the board has no journey');
		const seat = await relay.withDoc(
			pendingDocId(boardId),
			(pending) => seatOf(pending, capability.participant!)?.seat
		);
		if (!seat) throw new HttpError(403, 'join-first', 'join the workshop first');
		if (seat.removedAt !== undefined) {
			throw new HttpError(403, 'seat-removed', 'the facilitator removed this seat');
		}
		return { mapId: record.parent, who: capability.participant, seat };
	}

	/** The journey's board, or 404 when the workshop was never opened. */
	async function requireBoard(mapId: string): Promise<DocRecord> {
		const board = await boardOf(mapId);
		if (!board) throw new HttpError(404, 'no-board', 'no workshop yet');
		return board;
	}

	/** What the facilitator sees of each seat still taken, in the order people joined. */
	async function seatSummaries(mapId: string, boardId: string): Promise<SeatSummary[]> {
		const { round } = await relay.withDoc(mapId, readWorkshop);
		const published = await relay.withDoc(boardId, boardNotes);
		return relay.withDoc(pendingDocId(boardId), (pending) => {
			const held = pendingNotes(pending);
			const cast = ballots(pending);
			return allSeats(pending)
				.filter(({ seat }) => seat.removedAt === undefined)
				.map(({ seat }) => ({
					participant: seat.participant,
					name: seat.name,
					joinedAt: seat.joinedAt,
					notes: [...published, ...held].filter((n) => n.author === seat.participant).length,
					votes: cast.filter((b) => b.voter === seat.participant).length,
					roundVotes: cast.filter((b) => b.voter === seat.participant && b.round === round).length
				}));
		});
	}

	/** Creating a board happens once per journey, even if the facilitator clicks twice. */
	const opening = new Map<string, Promise<DocRecord>>();

	async function ensureBoard(mapId: string): Promise<DocRecord> {
		const existing = await boardOf(mapId);
		if (existing) return existing;
		const boardId = randomBytes(16).toString('base64url');
		const createdAt = Date.now();
		const board = new Y.Doc();
		initMeta(board, { kind: DocKind.journeyBoard, title: '', createdAt });
		linkBoard(board, mapId);
		const record: DocRecord = {
			id: boardId,
			kind: DocKind.journeyBoard,
			title: '',
			createdAt,
			tokenEpoch: 0,
			parent: mapId
		};
		await store.create(record);
		await store.create({
			...record,
			id: pendingDocId(boardId),
			kind: DocKind.journeyPending,
			parent: boardId
		});
		await store.append([{ docId: boardId, update: Y.encodeStateAsUpdate(board) }]);
		board.destroy();
		await relay.withDoc(mapId, (doc) => new JourneyModel(doc).setBoard(boardId));
		return record;
	}

	/** Brings the board up to the journey's reveal marks: held notes out, due tallies in. */
	async function publishDue(mapId: string, boardId: string): Promise<void> {
		const state = await relay.withDoc(mapId, readWorkshop);
		const pendingId = pendingDocId(boardId);
		const due = await relay.withDoc(pendingId, (pending) => ({
			notes: pendingNotes(pending).filter((n) => isNotePublic(n, state)),
			ballots: ballots(pending),
			scores: pendingScores(pending).filter((s) => areScoresRevealed(state, s.round))
		}));
		const touchpoints = await relay.withDoc(mapId, touchpointIds);
		await relay.withDoc(boardId, (board) => {
			const items = votableItems(state.voting.on, touchpoints, noteIds(board));
			const published = boardTallies(board);
			board.transact(() => {
				for (const note of due.notes) publishNote(board, note);
				// Scores stay held (a participant may change theirs); each reveal republishes the counts.
				for (const round of new Set(due.scores.map((s) => s.round))) {
					publishScores(
						board,
						round,
						due.scores.filter((s) => s.round === round)
					);
				}
				const rounds = new Set(due.ballots.map((b) => b.round));
				for (const round of rounds) {
					if (!areVotesRevealed(state, round) || published.has(round)) continue;
					const cast = due.ballots.filter((b) => b.round === round);
					publishTally(board, round, tallyVotes(cast, state.voting, items));
				}
			});
		});
		if (due.notes.length) {
			await relay.withDoc(pendingId, (pending) =>
				pending.transact(() => due.notes.forEach((n) => pending.getMap('notes').delete(n.id)))
			);
		}
	}

	/**
	 * Issues a new join code for `board`: a registry record `join-<code>` under the board, carrying
	 * the board's link epoch and join-link (editor) epoch as they are now, so the code stops working
	 * when either is bumped; the board's server-only document names its current code.
	 */
	async function issueJoinCode(board: DocRecord): Promise<string> {
		const found = await access.resolve(board.id);
		if (!found) throw new HttpError(404, 'no-board', 'no workshop yet');
		for (;;) {
			const code = joinCodeFrom(randomBytes(16));
			if (!code) continue;
			try {
				await store.create({
					id: joinCodeRecordId(code),
					kind: DocKind.journeyPending,
					title: '',
					createdAt: Date.now(),
					tokenEpoch: found.epoch,
					roleEpochs: { editor: found.record.roleEpochs?.[Role.editor] ?? 0 },
					parent: board.id
				});
			} catch {
				// reason: the id is taken (another board's code, or a dead one); draw again
				continue;
			}
			await relay.withDoc(pendingDocId(board.id), (pending) =>
				pending.getMap('info').set('joinCode', code)
			);
			return code;
		}
	}

	/** The board `code` opens now, or undefined when it opens none (unknown, replaced, revoked). */
	async function boardOfCode(code: string): Promise<DocRecord | undefined> {
		const record = await store.get(joinCodeRecordId(code));
		if (!record || record.kind !== DocKind.journeyPending || !record.parent) return undefined;
		const found = await access.resolve(record.parent);
		if (!found || found.record.kind !== DocKind.journeyBoard) return undefined;
		if (found.epoch !== record.tokenEpoch) return undefined;
		const editorEpoch = found.record.roleEpochs?.[Role.editor] ?? 0;
		if ((record.roleEpochs?.[Role.editor] ?? 0) !== editorEpoch) return undefined;
		const current = await relay.withDoc(pendingDocId(found.record.id), (pending) =>
			pending.getMap('info').get('joinCode')
		);
		return current === code ? found.record : undefined;
	}

	/**
	 * The board's current join code (a new one when it has none or its code was revoked by a
	 * rotation) and its projector key, made once and kept in the board's server-only document —
	 * like the seats, nothing a token opens.
	 */
	async function joinCodeAndKey(
		board: DocRecord
	): Promise<{ joinCode: string; projectorKey: string }> {
		const kept = await relay.withDoc(pendingDocId(board.id), (pending) => {
			const info = pending.getMap('info');
			let key = info.get('projectorKey');
			if (typeof key !== 'string') {
				key = randomBytes(18).toString('base64url');
				info.set('projectorKey', key);
			}
			const code = info.get('joinCode');
			return { projectorKey: key as string, code: typeof code === 'string' ? code : undefined };
		});
		const live = kept.code && (await boardOfCode(kept.code))?.id === board.id;
		const joinCode = live ? kept.code! : await issueJoinCode(board);
		return { joinCode, projectorKey: kept.projectorKey };
	}

	/** True when `given` is the board's projector key (compared in constant time). */
	async function isProjectorKey(boardId: string, given: unknown): Promise<boolean> {
		if (typeof given !== 'string' || given.length > 64) return false;
		const kept = await relay.withDoc(pendingDocId(boardId), (pending) =>
			pending.getMap('info').get('projectorKey')
		);
		if (typeof kept !== 'string') return false;
		const a = createHash('sha256').update(kept).digest();
		const b = createHash('sha256').update(given).digest();
		return timingSafeEqual(a, b);
	}

	return [
		endpointRoute(endpoints.time, {
			async run() {
				return [200, { now: Date.now() }];
			}
		}),
		endpointRoute(endpoints.openWorkshop, {
			creates: 'child',
			async run(request, [mapId]) {
				const { record: map } = await facilitator(request, mapId!);
				let pending = opening.get(mapId!);
				if (!pending) {
					pending = ensureBoard(mapId!).finally(() => opening.delete(mapId!));
					opening.set(mapId!, pending);
				}
				const board = await pending;
				const { joinCode, projectorKey } = await joinCodeAndKey(board);
				return [
					200,
					{
						boardId: board.id,
						participantToken: await access.grant(board, Role.editor),
						boardViewerToken: await access.grant(board, Role.viewer),
						journeyViewerToken: await access.grant(map, Role.viewer),
						joinCode,
						projectorKey
					}
				];
			}
		}),
		endpointRoute(endpoints.boardAccess, {
			async run(request, [mapId]) {
				await access.authorize(request, mapId!, { roles: ANY_ROLE, kind: DocKind.journey });
				const board = await boardOf(mapId!);
				if (!board) throw new HttpError(404, 'no-board', 'no workshop yet');
				return [200, { boardId: board.id, token: await access.grant(board, Role.viewer) }];
			}
		}),
		endpointRoute(endpoints.setPhase, {
			async run(request, [mapId]) {
				await facilitator(request, mapId!);
				const body = await readJson(request);
				if (!isWorkshopPhase(body.phase)) throw new HttpError(400, 'bad-phase', 'unknown phase');
				await relay.withDoc(mapId!, (doc) =>
					new JourneyModel(doc).setPhase(body.phase as never, Date.now())
				);
				const board = await boardOf(mapId!);
				if (board) await publishDue(mapId!, board.id);
				return [200, await relay.withDoc(mapId!, readWorkshop)];
			}
		}),
		endpointRoute(endpoints.reveal, {
			async run(request, [mapId]) {
				await facilitator(request, mapId!);
				const body = await readJson(request);
				if (body.what !== 'notes' && body.what !== 'votes') {
					throw new HttpError(400, 'bad-reveal', 'reveal "notes" or "votes"');
				}
				await relay.withDoc(mapId!, (doc) => {
					const model = new JourneyModel(doc);
					if (body.what === 'notes') model.revealNotes();
					else model.revealVotes();
				});
				const board = await boardOf(mapId!);
				if (board) await publishDue(mapId!, board.id);
				return [200, await relay.withDoc(mapId!, readWorkshop)];
			}
		}),
		endpointRoute(endpoints.join, {
			// A participant's own seat: the join link's token (shared by the whole room) only lets a
			// device sit down; what it writes is counted by the id the server puts in the seat's token.
			async run(request, [boardId]) {
				const { capability: granted, record } = await access.authorize(request, boardId!, {
					roles: [Role.editor],
					kind: DocKind.journeyBoard,
					refusal: ['read-only', 'this link only watches']
				});
				const body = await readJson(request);
				if (!isDeviceKey(body.device)) {
					throw new HttpError(400, 'bad-device', 'a device key (16–64 URL-safe characters)');
				}
				const name = seatName(body.name);
				if (!name) throw new HttpError(400, 'bad-name', 'a name is required');
				const key = seatKey(boardId!, body.device);
				const taken = await relay.withDoc(pendingDocId(boardId!), (pending) => {
					const kept = seatAt(pending, key);
					if (kept?.removedAt !== undefined) return { removed: true as const };
					// A seat's own token may only rejoin its own seat (to rename it).
					if (granted.participant && kept?.participant !== granted.participant) {
						return { mismatch: true as const };
					}
					const seat: Seat = kept
						? { ...kept, name }
						: {
								participant: randomBytes(12).toString('base64url'),
								name,
								joinedAt: Date.now()
							};
					if (!kept || kept.name !== name) putSeat(pending, key, seat);
					return { seat };
				});
				if ('removed' in taken) {
					throw new HttpError(403, 'seat-removed', 'the facilitator removed this seat');
				}
				if ('mismatch' in taken) throw new HttpError(403, 'not-your-seat', 'join with the link');
				const { participant: id } = taken.seat;
				const token = await access.grant(record, Role.editor, { participant: id });
				return [200, { participant: id, token, name: taken.seat.name }];
			}
		}),
		endpointRoute(endpoints.seats, {
			async run(request, [mapId]) {
				await facilitator(request, mapId!);
				const board = await requireBoard(mapId!);
				return [200, { seats: await seatSummaries(mapId!, board.id) }];
			}
		}),
		endpointRoute(endpoints.removeSeat, {
			async run(request, [mapId, participantId]) {
				await facilitator(request, mapId!);
				const board = await requireBoard(mapId!);
				const found = await relay.withDoc(pendingDocId(board.id), (pending) => {
					const entry = seatOf(pending, participantId!);
					if (!entry) return false;
					if (entry.seat.removedAt === undefined) {
						putSeat(pending, entry.key, { ...entry.seat, removedAt: Date.now() });
					}
					return true;
				});
				if (!found) throw new HttpError(404, 'no-seat', 'no such seat');
				// Its open sockets close now with `seatRemoved` (see `seatAdmission`).
				await relay.revoke(board.id);
				return [200, { seats: await seatSummaries(mapId!, board.id) }];
			}
		}),
		endpointRoute(endpoints.rotateJoinLink, {
			async run(request, [mapId]) {
				await facilitator(request, mapId!);
				const board = await requireBoard(mapId!);
				// Join links are the board's editor links; seat tokens answer to their seat instead.
				await store.bumpRoleEpoch(board.id, Role.editor);
				await relay.revoke(board.id);
				const fresh = (await store.get(board.id)) ?? board;
				// The old code died with the old link (its epochs no longer match): a new one replaces it.
				const joinCode = await issueJoinCode(fresh);
				await relay.withDoc(mapId!, (doc) => new JourneyModel(doc).noteJoinLinkReplaced());
				return [200, { participantToken: await access.grant(fresh, Role.editor), joinCode }];
			}
		}),
		endpointRoute(endpoints.joinInfo, {
			// The join link and code, for the screen that shows them to the room: the facilitator's
			// own token, or the projector's link (a viewer token of the map and the projector key).
			// A map viewer token alone is not enough: every participant holds one, and the join link
			// must stay replaceable when it leaked.
			async run(request, [mapId]) {
				const { capability, record: map } = await access.authorize(request, mapId!, {
					roles: ANY_ROLE,
					kind: DocKind.journey
				});
				const body = await readJson(request);
				const board = await requireBoard(mapId!);
				if (capability.role !== Role.owner && !(await isProjectorKey(board.id, body.projector))) {
					throw new HttpError(403, 'not-projector', 'only the projector link shows the join code');
				}
				const { joinCode } = await joinCodeAndKey(board);
				const fresh = (await store.get(board.id)) ?? board;
				return [
					200,
					{
						boardId: board.id,
						journeyToken: await access.grant(map, Role.viewer),
						participantToken: await access.grant(fresh, Role.editor),
						joinCode
					}
				];
			}
		}),
		endpointRoute(endpoints.resolveJoinCode, {
			// A typed code, answered with the join link's parts. Wrong codes are counted per address
			// and for the service (across instances, with Redis); past the limit every code is refused
			// for the rest of the minute.
			async run(request, [typed]) {
				const address = addressKey(request.socket.remoteAddress);
				// Refused before looking: a guesser past the limit learns nothing, right code or not.
				if (await guessesSpent(address, false)) {
					throw tooManyCodes();
				}
				const code = normalizeJoinCode(typed);
				const board = code ? await boardOfCode(code) : undefined;
				if (!board) {
					if (await guessesSpent(address, true)) {
						throw tooManyCodes();
					}
					throw new HttpError(404, 'unknown-code', 'no workshop has this code');
				}
				const map = board.parent ? await store.get(board.parent) : undefined;
				if (!map) throw new HttpError(404, 'unknown-code', 'no workshop has this code');
				return [
					200,
					{
						journeyId: map.id,
						journeyToken: await access.grant(map, Role.viewer),
						participantToken: await access.grant(board, Role.editor)
					}
				];
			}
		}),
		endpointRoute(endpoints.mine, {
			// A seat's own ballots, scores and notes, for its phone after a reload: answered to the
			// seat's own token only, and only what carries its id.
			async run(request, [boardId]) {
				const { who } = await participant(request, boardId!);
				const published = await relay.withDoc(boardId!, boardNotes);
				const own = await relay.withDoc(pendingDocId(boardId!), (pending) => ({
					held: pendingNotes(pending).filter((n) => n.author === who),
					votes: ballots(pending)
						.filter((b) => b.voter === who)
						.sort((a, b) => (a.at ?? 0) - (b.at ?? 0))
						.map((b) => ({ item: b.item, round: b.round })),
					scores: pendingScores(pending)
						.filter((s) => s.participant === who)
						.map((s) => ({ touchpoint: s.touchpoint, score: s.score, round: s.round }))
				}));
				const note = (n: StoredNote, held: boolean) => ({
					id: n.id,
					text: n.text,
					target: n.target,
					round: n.round ?? 0,
					held
				});
				return [
					200,
					{
						votes: own.votes,
						scores: own.scores,
						notes: [
							...published.filter((n) => n.author === who).map((n) => note(n, false)),
							...own.held.map((n) => note(n, true))
						]
					}
				];
			}
		}),
		endpointRoute(endpoints.addNote, {
			async run(request, [boardId]) {
				const { mapId, who: author, seat } = await participant(request, boardId!);
				const body = await readJson(request);
				// The author's name is the seat's, never what the request says (`body.name` is ignored).
				const { name } = seat;
				if (typeof body.text !== 'string') throw new HttpError(400, 'bad-text', 'text is required');
				const textProblem = checkNoteText(body.text);
				if (textProblem) throw new HttpError(400, `note-${textProblem}`, `note ${textProblem}`);
				const target = body.target as JourneyRef | undefined;
				const { state, exists } = await relay.withDoc(mapId, (doc) => ({
					state: readWorkshop(doc),
					exists: isTarget(doc, target)
				}));
				const refusal = checkParticipation(state, 'note');
				if (refusal) throw new HttpError(409, refusal, `the board is ${refusal}`);
				if (!exists) throw new HttpError(400, 'unknown-target', 'no such stage or touchpoint');
				// Silent writing ends with the round's reveal: what is written after it goes straight up.
				const held = state.silent && !areScoresRevealed(state, state.round);
				const note: StoredNote = {
					id: noteId(author, body.key),
					text: body.text,
					target: { kind: target!.kind, id: target!.id },
					createdAt: Date.now(),
					round: state.round,
					// Anonymous notes are stored without their author, even on the server.
					...(state.anonymous ? { anonymous: true } : { author, name }),
					...(held ? { silent: true } : {})
				};
				// A note id is written once: a replayed key answers with the note as first written.
				const onBoard = await relay.withDoc(boardId!, (board) =>
					board.getMap('notes').has(note.id)
				);
				if (onBoard) return [200, { id: note.id, held: false }];
				const first = await relay.withDoc(pendingDocId(boardId!), (pending) => ({
					claimed: claimNote(pending, note, held),
					waiting: pending.getMap('notes').has(note.id)
				}));
				if (first.claimed?.silent && first.waiting) return [200, { id: note.id, held: true }];
				// Published as first written: a retry after a lost answer, or the first write itself.
				const published = first.claimed ?? note;
				if (!held || first.claimed) {
					await relay.withDoc(boardId!, (board) => {
						if (!board.getMap('notes').has(published.id)) publishNote(board, published);
					});
				}
				return [first.claimed ? 200 : 201, { id: note.id, held: first.claimed ? false : held }];
			}
		}),
		endpointRoute(endpoints.score, {
			async run(request, [boardId]) {
				const { mapId, who } = await participant(request, boardId!);
				const body = await readJson(request);
				if (!isScore(body.score)) throw new HttpError(400, 'bad-score', 'score must be 1 … 5');
				const touchpoint = body.touchpoint;
				const { state, exists } = await relay.withDoc(mapId, (doc) => ({
					state: readWorkshop(doc),
					exists: isTarget(doc, { kind: 'touchpoint', id: touchpoint })
				}));
				const refusal = checkParticipation(state, 'score');
				if (refusal) throw new HttpError(409, refusal, `the board is ${refusal}`);
				if (!exists) throw new HttpError(400, 'unknown-target', 'no such touchpoint');
				await relay.withDoc(pendingDocId(boardId!), (pending) =>
					holdScore(pending, {
						participant: who,
						touchpoint: touchpoint as string,
						score: body.score as number,
						at: Date.now(),
						round: state.round
					})
				);
				return [201, { held: true }];
			}
		}),
		endpointRoute(endpoints.vote, {
			async run(request, [boardId]) {
				const { mapId, who: voter } = await participant(request, boardId!);
				const body = await readJson(request);
				if (typeof body.item !== 'string') throw new HttpError(400, 'bad-item', 'item is required');
				const item = body.item;
				const state = await relay.withDoc(mapId, readWorkshop);
				const refusal = checkParticipation(state, 'vote');
				if (refusal) throw new HttpError(409, refusal, `the board is ${refusal}`);
				// What this round votes on, as the facilitator set it: touchpoints, notes or both.
				const items = votableItems(
					state.voting.on,
					await relay.withDoc(mapId, touchpointIds),
					await relay.withDoc(boardId!, noteIds)
				);
				// Checking and casting in one synchronous step: two votes cannot both take the last one.
				const result = await relay.withDoc(pendingDocId(boardId!), (pending) => {
					const cast = ballots(pending).filter((b) => b.round === state.round);
					const problem = checkVote(cast, voter, item, state.voting, items);
					if (problem) return { problem };
					const id = randomBytes(9).toString('base64url');
					castBallot(pending, { id, voter, item, at: Date.now(), round: state.round });
					const mine = cast.filter((b) => b.voter === voter).length + 1;
					return { left: state.voting.votesPerPerson - mine };
				});
				if ('problem' in result) throw new HttpError(409, result.problem!, 'vote refused');
				return [201, { left: result.left }];
			}
		})
	];
}

/**
 * Wrong join codes in fixed one-minute windows, per address and for the whole instance: once
 * either is spent, every code from that address (or from anyone) is refused until the window
 * ends, so guessing cannot go on by ignoring the refusals.
 */
/** Past the wrong-code limit: refused for the rest of the minute. */
function tooManyCodes(): HttpError {
	return new HttpError(429, 'too-many-codes', 'too many wrong codes; wait a minute', undefined, {
		'retry-after': '60'
	});
}

class GuessLimiter {
	#windows = new Map<string, { start: number; count: number }>();

	constructor(
		private readonly perAddress: number,
		private readonly instance: number,
		private readonly now: () => number = Date.now
	) {}

	#window(key: string): { start: number; count: number } {
		const now = this.now();
		let window = this.#windows.get(key);
		if (!window || now - window.start >= 60_000) {
			if (this.#windows.size > 10_000) {
				for (const [k, w] of this.#windows) if (now - w.start >= 60_000) this.#windows.delete(k);
			}
			window = { start: now, count: 0 };
			this.#windows.set(key, window);
		}
		return window;
	}

	blocked(address: string): boolean {
		return (
			this.#window(`a:${address}`).count >= this.perAddress ||
			this.#window('instance').count >= this.instance
		);
	}

	failed(address: string): void {
		this.#window(`a:${address}`).count++;
		this.#window('instance').count++;
	}
}

/**
 * Where a device's seat is kept: a hash of the board and the device's key, so the same phone finds
 * its seat again, the key itself is never stored, and one key means nothing at another board.
 */
function seatKey(boardId: string, deviceKey: string): string {
	return createHash('sha256').update(`seat\n${boardId}\n${deviceKey}`).digest('base64url');
}

/**
 * The relay's further check on a board socket (see `RelayOptions.admit`): a seat's token opens the
 * board only while its seat is there. Undefined when `capability` may connect; otherwise the
 * close code to refuse it with.
 */
export function seatAdmission(
	relay: Pick<Relay, 'withDoc'>,
	capability: Capability
): Promise<CloseCode | undefined> | undefined {
	const { participant } = capability;
	if (capability.kind !== DocKind.journeyBoard || !participant) return undefined;
	return relay
		.withDoc(pendingDocId(capability.docId), (pending) => seatOf(pending, participant)?.seat)
		.then((seat) => {
			if (!seat) return CloseCode.tokenRevoked;
			return seat.removedAt === undefined ? undefined : CloseCode.seatRemoved;
		});
}

/**
 * A note's id: from the device's key when it sent one, so a retry after a lost answer writes the
 * same note again instead of a second one; hashed with the author so nobody can aim a key at
 * someone else's note, and so the id says nothing about who wrote it.
 */
function noteId(author: string, key: unknown): string {
	if (typeof key !== 'string' || !/^[A-Za-z0-9_-]{8,64}$/.test(key)) {
		return randomBytes(9).toString('base64url');
	}
	return createHash('sha256').update(`${author}\n${key}`).digest('base64url').slice(0, 12);
}

function isTarget(doc: Y.Doc, target: unknown): target is JourneyRef {
	if (typeof target !== 'object' || target === null) return false;
	const { kind, id } = target as Record<string, unknown>;
	if (typeof id !== 'string') return false;
	const model = new JourneyModel(doc);
	if (kind === 'stage') return model.stage(id) !== undefined;
	if (kind === 'touchpoint') return model.touchpoint(id) !== undefined;
	return false;
}

/** The map's touchpoints, in map order (what a vote may be for, with the board's notes). */
function touchpointIds(doc: Y.Doc): string[] {
	return new JourneyModel(doc)
		.read()
		.stages.flatMap((s) => s.touchpoints)
		.map((t) => t.id);
}

function noteIds(board: Y.Doc): string[] {
	return [...board.getMap('notes').keys()];
}
