/**
 * The `journey` document (旅程触点图) in Yjs: the map the facilitator edits and the workshop state
 * participants' devices and the projector follow. Participants never write here; their notes,
 * scores and votes live in the `journey-board` document, and the relay enforces the boundary.
 *
 * Layout (all top-level, flat, so concurrent edits merge field by field):
 * - `stages`: Y.Map<stageId, Y.Map> with `name` and `order`;
 * - `touchpoints`: Y.Map<touchpointId, Y.Map> with `stage`, `order` and the fields of
 *   {@link TouchpointFields}, each a plain value. Stage and order are separate keys: if two people
 *   move one touchpoint at once, any mix of their writes is still a valid place;
 * - `workshop`: Y.Map of plain values, last writer wins: `phase`, `focus`, `timer`, `silent`,
 *   `anonymous`, `voting`, `locked`, `board`, `projector` (the view pushed to the projector),
 *   `joinLink` (a number the server raises when the join link is replaced, so the projector
 *   fetches the new join code);
 * - `workshopMarks`: Y.Map<clientId, {round, notes, votes}>: the round counter and the two reveal
 *   watermarks as max-registers. Each device writes only its own entry and readers take the
 *   maximum, so these numbers only rise even when an offline facilitator's old state arrives late.
 *
 * Order among siblings is a fractional index (`domain/journey/order`). Entries of an unknown
 * shape, or with an order key the library cannot read, are skipped.
 */
import * as Y from 'yjs';
// Extensions spelled out: the relay reads the workshop state, and Vite's config loader follows.
import {
	compareOrdered,
	isOrderKey,
	keysAfter,
	placeAt,
	type Ordered,
	type Position
} from '../domain/journey/order.ts';
import {
	localize,
	localizeTouchpoint,
	type JourneyTemplate,
	type TemplateLocale
} from '../domain/journey/templates.ts';
import {
	DEFAULT_TIMER,
	checkDuration,
	extendTimer,
	pauseTimer,
	resetTimer,
	resumeTimer,
	startTimer,
	timerView,
	type DurationProblem,
	type TimerState
} from '../domain/journey/timer.ts';
import {
	EMOTION,
	SATISFACTION,
	TEXT_LIMITS,
	MAX_LIST_ITEMS,
	TOUCHPOINT_FIELDS,
	checkStageName,
	checkTouchpointField,
	emptyTouchpoint,
	type JourneyProblem,
	type JourneyRef,
	type JourneyView,
	type Stage,
	type StageView,
	type Touchpoint,
	type TouchpointField,
	type TouchpointFields
} from '../domain/journey/types.ts';
import {
	DEFAULT_VOTING,
	VoteOn,
	checkVoteSettings,
	isVoteOn,
	type VoteSettings,
	type VoteSettingsProblem
} from '../domain/journey/votes.ts';
import {
	DEFAULT_WORKSHOP,
	enterPhase,
	isProjectorView,
	isWorkshopPhase,
	type ProjectorView,
	revealNotes,
	revealVotes,
	type WorkshopPhase,
	type WorkshopState
} from '../domain/journey/workshop.ts';
import { newId } from './account.ts';
import { CLUSTER_MAPS } from './journey-clusters.ts';
import { Origin } from './origins.ts';

export type { Position };

/** Why a workshop command was refused. */
export type WorkshopProblem =
	| 'unknown-phase'
	| 'unknown-view'
	| 'unknown-stage'
	| 'unknown-touchpoint'
	| 'timer-not-started'
	| DurationProblem
	| VoteSettingsProblem;

/** The three numbers that only rise; see the file comment. */
interface Marks {
	round: number;
	notes: number;
	votes: number;
}

/**
 * The top-level maps only the journey's owner (the facilitator) may change: the workshop state,
 * its reveal marks and the clusters of notes (`model/journey-clusters`). The relay refuses any
 * other writer's update that would change them.
 */
export const FACILITATOR_ONLY_MAPS = ['workshop', 'workshopMarks', ...CLUSTER_MAPS] as const;

/** The facilitator-only state as one comparable string (see {@link FACILITATOR_ONLY_MAPS}). */
export function facilitatorStateKey(doc: Y.Doc): string {
	return JSON.stringify(FACILITATOR_ONLY_MAPS.map((name) => doc.getMap(name).toJSON()));
}

const mapsOf = (doc: Y.Doc) => ({
	stages: doc.getMap<Y.Map<unknown>>('stages'),
	touchpoints: doc.getMap<Y.Map<unknown>>('touchpoints'),
	workshop: doc.getMap<unknown>('workshop'),
	marks: doc.getMap<unknown>('workshopMarks')
});

// ---- reading: tolerant of anything another client (or a future version) wrote --------------

const text = (value: unknown, max: number) =>
	typeof value === 'string' ? value.slice(0, max) : '';

function scale(value: unknown, range: { min: number; max: number }): number | null {
	return typeof value === 'number' &&
		Number.isInteger(value) &&
		value >= range.min &&
		value <= range.max
		? value
		: null;
}

function list(value: unknown): string[] {
	if (!Array.isArray(value)) return [];
	return value
		.filter((item): item is string => typeof item === 'string')
		.slice(0, MAX_LIST_ITEMS)
		.map((item) => item.slice(0, TEXT_LIMITS.listItem));
}

function readStage(id: string, map: unknown): Stage | undefined {
	if (!(map instanceof Y.Map)) return undefined;
	const order = map.get('order');
	if (!isOrderKey(order)) return undefined;
	return { id, name: text(map.get('name'), TEXT_LIMITS.stageName), order };
}

function readTouchpoint(id: string, map: unknown): Touchpoint | undefined {
	if (!(map instanceof Y.Map)) return undefined;
	const order = map.get('order');
	const stage = map.get('stage');
	if (!isOrderKey(order) || typeof stage !== 'string') return undefined;
	return {
		id,
		stage,
		order,
		name: text(map.get('name'), TEXT_LIMITS.name),
		channel: text(map.get('channel'), TEXT_LIMITS.channel),
		department: text(map.get('department'), TEXT_LIMITS.department),
		goal: text(map.get('goal'), TEXT_LIMITS.goal),
		painPoints: list(map.get('painPoints')),
		opportunities: list(map.get('opportunities')),
		satisfaction: scale(map.get('satisfaction'), SATISFACTION),
		emotion: scale(map.get('emotion'), EMOTION),
		notes: text(map.get('notes'), TEXT_LIMITS.notes)
	};
}

/** The whole map: stages in order, each with its touchpoints in order. */
export function readJourney(doc: Y.Doc): JourneyView {
	const { stages, touchpoints } = mapsOf(doc);
	const byStage = new Map<string, Touchpoint[]>();
	const views: StageView[] = [];
	for (const [id, map] of stages) {
		const stage = readStage(id, map);
		if (!stage) continue;
		const own: Touchpoint[] = [];
		byStage.set(id, own);
		views.push({ ...stage, touchpoints: own });
	}
	const unplaced: Touchpoint[] = [];
	for (const [id, map] of touchpoints) {
		const touchpoint = readTouchpoint(id, map);
		if (touchpoint) (byStage.get(touchpoint.stage) ?? unplaced).push(touchpoint);
	}
	views.sort(compareOrdered);
	for (const view of views) view.touchpoints.sort(compareOrdered);
	unplaced.sort(compareOrdered);
	return { stages: views, unplaced };
}

function isRef(value: unknown): value is JourneyRef {
	if (typeof value !== 'object' || value === null) return false;
	const v = value as Record<string, unknown>;
	return (v.kind === 'stage' || v.kind === 'touchpoint') && typeof v.id === 'string';
}

const finite = (value: unknown): value is number =>
	typeof value === 'number' && Number.isFinite(value);

function readTimer(value: unknown): TimerState {
	if (typeof value !== 'object' || value === null) return DEFAULT_TIMER;
	const v = value as Record<string, unknown>;
	const { startedAt, durationMs, pausedRemainingMs } = v;
	if (checkDuration(durationMs) !== undefined) return DEFAULT_TIMER;
	if (startedAt !== null && !finite(startedAt)) return DEFAULT_TIMER;
	if (pausedRemainingMs !== null && !finite(pausedRemainingMs)) return DEFAULT_TIMER;
	return { startedAt, durationMs: durationMs as number, pausedRemainingMs } as TimerState;
}

function readVoting(value: unknown): VoteSettings {
	if (typeof value !== 'object' || value === null) return DEFAULT_VOTING;
	const v = value as Record<string, unknown>;
	const settings: VoteSettings = {
		votesPerPerson: v.votesPerPerson as number,
		onePerItem: v.onePerItem === true,
		on: isVoteOn(v.on) ? v.on : VoteOn.touchpoints
	};
	return checkVoteSettings(settings) === undefined ? settings : DEFAULT_VOTING;
}

function readMarks(marks: Y.Map<unknown>): Marks {
	const out: Marks = { round: 0, notes: 0, votes: 0 };
	for (const value of marks.values()) {
		if (typeof value !== 'object' || value === null) continue;
		const v = value as Record<string, unknown>;
		for (const key of ['round', 'notes', 'votes'] as const) {
			const n = v[key];
			if (typeof n === 'number' && Number.isSafeInteger(n) && n > out[key]) out[key] = n;
		}
	}
	return out;
}

function targetExists(doc: Y.Doc, ref: JourneyRef): boolean {
	const { stages, touchpoints } = mapsOf(doc);
	return (ref.kind === 'stage' ? stages : touchpoints).has(ref.id);
}

/**
 * The workshop state, defaults filled in. A focus on something since removed reads as no focus.
 * The relay reads this to decide whether a participant's board write is allowed.
 */
export function readWorkshop(doc: Y.Doc): WorkshopState {
	const { workshop, marks } = mapsOf(doc);
	const phase = workshop.get('phase');
	const focus = workshop.get('focus');
	const board = workshop.get('board');
	const projector = workshop.get('projector');
	const joinLink = workshop.get('joinLink');
	const { round, notes, votes } = readMarks(marks);
	const flag = (key: string, fallback: boolean) => {
		const value = workshop.get(key);
		return typeof value === 'boolean' ? value : fallback;
	};
	return {
		phase: isWorkshopPhase(phase) ? phase : DEFAULT_WORKSHOP.phase,
		round,
		focus: isRef(focus) && targetExists(doc, focus) ? { kind: focus.kind, id: focus.id } : null,
		timer: readTimer(workshop.get('timer')),
		silent: flag('silent', DEFAULT_WORKSHOP.silent),
		anonymous: flag('anonymous', DEFAULT_WORKSHOP.anonymous),
		voting: readVoting(workshop.get('voting')),
		notesRevealedThrough: Math.min(notes, round),
		votesRevealedThrough: Math.min(votes, round),
		locked: flag('locked', DEFAULT_WORKSHOP.locked),
		board: typeof board === 'string' && board ? board : null,
		projector: isProjectorView(projector) ? projector : DEFAULT_WORKSHOP.projector,
		joinLink: Number.isSafeInteger(joinLink) ? (joinLink as number) : 0
	};
}

// ---- writing --------------------------------------------------------------------------------

/**
 * Typed reads and named edits over one `journey` document. Holds no copy of the data: every read
 * goes through Yjs, every edit is one transaction with {@link Origin.local}.
 */
export class JourneyModel {
	readonly stages: Y.Map<Y.Map<unknown>>;
	readonly touchpoints: Y.Map<Y.Map<unknown>>;
	readonly workshop: Y.Map<unknown>;
	readonly marks: Y.Map<unknown>;

	constructor(readonly doc: Y.Doc) {
		const maps = mapsOf(doc);
		this.stages = maps.stages;
		this.touchpoints = maps.touchpoints;
		this.workshop = maps.workshop;
		this.marks = maps.marks;
	}

	read(): JourneyView {
		return readJourney(this.doc);
	}

	stage(id: string): Stage | undefined {
		return readStage(id, this.stages.get(id));
	}

	touchpoint(id: string): Touchpoint | undefined {
		return readTouchpoint(id, this.touchpoints.get(id));
	}

	readWorkshop(): WorkshopState {
		return readWorkshop(this.doc);
	}

	/**
	 * Calls `listener` after any change to the map, the workshop, or the notes' clusters and
	 * promotions (`model/journey-clusters`); returns the unsubscriber.
	 */
	observe(listener: () => void): () => void {
		const flat = [this.workshop, this.marks, ...CLUSTER_MAPS.map((n) => this.doc.getMap(n))];
		flat.push(this.doc.getMap('promotions'));
		this.stages.observeDeep(listener);
		this.touchpoints.observeDeep(listener);
		for (const map of flat) map.observe(listener);
		return () => {
			this.stages.unobserveDeep(listener);
			this.touchpoints.unobserveDeep(listener);
			for (const map of flat) map.unobserve(listener);
		};
	}

	// ---- stages --------------------------------------------------------------------------

	/** Adds a stage at `position` (last by default); returns its id. */
	addStage(
		name: string,
		position: Position = 'last'
	): { id: string } | { problem: JourneyProblem } {
		const problem = checkStageName(name);
		if (problem) return { problem };
		const id = newId();
		this.doc.transact(() => {
			const map = new Y.Map<unknown>();
			map.set('name', name);
			this.stages.set(id, map);
			this.#writeOrders(this.stages, this.#stageSiblings(), id, position);
		}, Origin.local);
		return { id };
	}

	renameStage(id: string, name: string): JourneyProblem | undefined {
		const map = this.stages.get(id);
		if (!(map instanceof Y.Map)) return 'unknown-stage';
		const problem = checkStageName(name);
		if (problem) return problem;
		if (map.get('name') !== name) this.doc.transact(() => map.set('name', name), Origin.local);
		return undefined;
	}

	moveStage(id: string, position: Position): JourneyProblem | undefined {
		if (!(this.stages.get(id) instanceof Y.Map)) return 'unknown-stage';
		this.doc.transact(
			() => this.#writeOrders(this.stages, this.#stageSiblings(), id, position),
			Origin.local
		);
		return undefined;
	}

	/**
	 * Removes a stage and, in the same transaction (one undo step), its touchpoints — or, with
	 * `moveTouchpointsTo`, appends them in order to that stage instead (merging two stages).
	 * A touchpoint someone adds to the stage at the same moment survives in
	 * {@link JourneyView.unplaced}, where the facilitator can place or delete it.
	 */
	removeStage(
		id: string,
		options: { moveTouchpointsTo?: string } = {}
	): JourneyProblem | undefined {
		if (!(this.stages.get(id) instanceof Y.Map)) return 'unknown-stage';
		const target = options.moveTouchpointsTo;
		if (target !== undefined && (target === id || !this.stage(target))) return 'unknown-stage';
		const own = [...this.touchpoints]
			.filter(([, map]) => map instanceof Y.Map && map.get('stage') === id)
			.map(([tid, map]) => readTouchpoint(tid, map) ?? { id: tid, order: '' })
			.sort(compareOrdered);
		this.doc.transact(() => {
			if (target === undefined) {
				for (const t of own) this.touchpoints.delete(t.id);
			} else {
				const last = this.#touchpointSiblings(target).sort(compareOrdered).at(-1)?.order ?? null;
				const keys = keysAfter(last, own.length);
				own.forEach((t, i) => {
					const map = this.touchpoints.get(t.id)!;
					map.set('stage', target);
					map.set('order', keys[i]!);
				});
			}
			this.stages.delete(id);
		}, Origin.local);
		return undefined;
	}

	// ---- touchpoints ---------------------------------------------------------------------

	/** Adds a touchpoint to `stage` at `position` (last by default); returns its id. */
	addTouchpoint(
		stage: string,
		fields: Partial<TouchpointFields> = {},
		position: Position = 'last'
	): { id: string } | { problem: JourneyProblem } {
		if (!this.stage(stage)) return { problem: 'unknown-stage' };
		const values = { ...emptyTouchpoint(), ...fields };
		for (const field of TOUCHPOINT_FIELDS) {
			const problem = checkTouchpointField(field, values[field]);
			if (problem) return { problem };
		}
		const id = newId();
		this.doc.transact(() => {
			const map = new Y.Map<unknown>();
			map.set('stage', stage);
			for (const field of TOUCHPOINT_FIELDS) map.set(field, copy(values[field]));
			this.touchpoints.set(id, map);
			this.#writeOrders(this.touchpoints, this.#touchpointSiblings(stage), id, position);
		}, Origin.local);
		return { id };
	}

	/**
	 * Sets one field after checking it (see `checkTouchpointField`): refused values are not
	 * written, and the reason comes back for the UI to translate.
	 */
	setTouchpointField<F extends TouchpointField>(
		id: string,
		field: F,
		value: TouchpointFields[F]
	): JourneyProblem | undefined {
		const map = this.touchpoints.get(id);
		if (!(map instanceof Y.Map)) return 'unknown-touchpoint';
		const problem = checkTouchpointField(field, value);
		if (problem) return problem;
		const current = map.get(field);
		if (Array.isArray(value) ? sameList(current, value) : current === value) return undefined;
		this.doc.transact(() => map.set(field, copy(value)), Origin.local);
		return undefined;
	}

	/** Moves a touchpoint to `stage` (its own or another) at `position`. */
	moveTouchpoint(
		id: string,
		stage: string,
		position: Position = 'last'
	): JourneyProblem | undefined {
		const map = this.touchpoints.get(id);
		if (!(map instanceof Y.Map)) return 'unknown-touchpoint';
		if (!this.stage(stage)) return 'unknown-stage';
		this.doc.transact(() => {
			if (map.get('stage') !== stage) map.set('stage', stage);
			this.#writeOrders(this.touchpoints, this.#touchpointSiblings(stage), id, position);
		}, Origin.local);
		return undefined;
	}

	removeTouchpoint(id: string): JourneyProblem | undefined {
		if (!this.touchpoints.has(id)) return 'unknown-touchpoint';
		this.doc.transact(() => this.touchpoints.delete(id), Origin.local);
		return undefined;
	}

	// ---- workshop ------------------------------------------------------------------------

	/** Steers everyone's view to a stage or touchpoint, or back to the whole map (null). */
	setFocus(focus: JourneyRef | null): WorkshopProblem | undefined {
		if (focus && !targetExists(this.doc, focus))
			return focus.kind === 'stage' ? 'unknown-stage' : 'unknown-touchpoint';
		this.#setWorkshop('focus', focus ? { kind: focus.kind, id: focus.id } : null);
		return undefined;
	}

	/**
	 * Moves the workshop to `phase`. Opening writing or voting starts a new round; voting
	 * reveals the notes so far and results reveals the votes (see `domain/journey/workshop`).
	 * With `now` (server epoch ms), a countdown that has run out is reset as the phase changes:
	 * "time's up" belonged to the phase that just ended, while a running one keeps running.
	 */
	setPhase(phase: WorkshopPhase, now?: number): WorkshopProblem | undefined {
		if (!isWorkshopPhase(phase)) return 'unknown-phase';
		const before = this.readWorkshop();
		const after = enterPhase(before, phase);
		const expired =
			now !== undefined &&
			before.phase !== after.phase &&
			timerView(before.timer, now).status === 'expired';
		this.doc.transact(() => {
			this.workshop.set('phase', after.phase);
			this.#raiseMarks(after);
			if (expired) this.#setTimer(resetTimer(before.timer));
		}, Origin.local);
		return undefined;
	}

	/** Reveals the notes (and scores) of every round so far. */
	revealNotes(): void {
		this.doc.transact(() => this.#raiseMarks(revealNotes(this.readWorkshop())), Origin.local);
	}

	/** Reveals the votes of every round so far. */
	revealVotes(): void {
		this.doc.transact(() => this.#raiseMarks(revealVotes(this.readWorkshop())), Origin.local);
	}

	/** Starts a countdown of `durationMs` at server time `now` (epoch ms, clock-offset corrected). */
	startTimer(durationMs: number, now: number): WorkshopProblem | undefined {
		const problem = checkDuration(durationMs);
		if (problem) return problem;
		this.#setWorkshop('timer', startTimer(durationMs, now));
		return undefined;
	}

	pauseTimer(now: number): void {
		this.#setTimer(pauseTimer(this.readWorkshop().timer, now));
	}

	resumeTimer(now: number): void {
		this.#setTimer(resumeTimer(this.readWorkshop().timer, now));
	}

	/** Stops the countdown and shows the full time again (or `durationMs`, when given). */
	resetTimer(durationMs?: number): WorkshopProblem | undefined {
		if (durationMs !== undefined) {
			const problem = checkDuration(durationMs);
			if (problem) return problem;
		}
		this.#setTimer(resetTimer(this.readWorkshop().timer, durationMs));
		return undefined;
	}

	/** Adds `ms` (negative: takes away) to the countdown. */
	extendTimer(ms: number, now: number): WorkshopProblem | undefined {
		if (!Number.isInteger(ms)) return 'not-integer';
		this.#setTimer(extendTimer(this.readWorkshop().timer, ms, now));
		return undefined;
	}

	setSilent(on: boolean): void {
		this.#setWorkshop('silent', on);
	}

	/** Anonymous mode for notes written from now on; see `domain/journey/notes`. */
	setAnonymous(on: boolean): void {
		this.#setWorkshop('anonymous', on);
	}

	setVoting(settings: VoteSettings): WorkshopProblem | undefined {
		const problem = checkVoteSettings(settings);
		if (problem) return problem;
		this.#setWorkshop('voting', {
			votesPerPerson: settings.votesPerPerson,
			onePerItem: settings.onePerItem,
			on: settings.on ?? VoteOn.touchpoints
		});
		return undefined;
	}

	/** Closes (or reopens) the board to participants, whatever the phase. */
	setLocked(on: boolean): void {
		this.#setWorkshop('locked', on);
	}

	/** Puts `view` on the projector (see `ProjectorView`); the projector follows. */
	setProjectorView(view: ProjectorView): WorkshopProblem | undefined {
		if (!isProjectorView(view)) return 'unknown-view';
		this.#setWorkshop('projector', view);
		return undefined;
	}

	/** Says the join link was replaced (the server calls this), so screens fetch the new one. */
	noteJoinLinkReplaced(): void {
		this.#setWorkshop('joinLink', this.readWorkshop().joinLink + 1);
	}

	/** Links the participants' `journey-board` document. */
	setBoard(docId: string | null): void {
		this.#setWorkshop('board', docId);
	}

	// ---- internals -----------------------------------------------------------------------

	/** Writes a plain value unless it is already there (values are small; JSON compares them). */
	#setWorkshop(key: string, value: unknown): void {
		if (JSON.stringify(this.workshop.get(key)) === JSON.stringify(value)) return;
		this.doc.transact(() => this.workshop.set(key, value), Origin.local);
	}

	#setTimer(timer: TimerState): void {
		const { startedAt, durationMs, pausedRemainingMs } = timer;
		this.#setWorkshop('timer', { startedAt, durationMs, pausedRemainingMs });
	}

	/** Writes this device's own marks entry, never lowering what it already holds. */
	#raiseMarks(state: WorkshopState): void {
		const key = String(this.doc.clientID);
		const previous = this.marks.get(key) as Partial<Marks> | undefined;
		const next: Marks = {
			round: Math.max(state.round, previous?.round ?? 0),
			notes: Math.max(state.notesRevealedThrough, previous?.notes ?? 0),
			votes: Math.max(state.votesRevealedThrough, previous?.votes ?? 0)
		};
		if (
			previous?.round === next.round &&
			previous.notes === next.notes &&
			previous.votes === next.votes
		)
			return;
		this.marks.set(key, next);
	}

	#stageSiblings(): Ordered[] {
		const out: Ordered[] = [];
		for (const [id, map] of this.stages) {
			const stage = readStage(id, map);
			if (stage) out.push(stage);
		}
		return out;
	}

	#touchpointSiblings(stage: string): Ordered[] {
		const out: Ordered[] = [];
		for (const [id, map] of this.touchpoints) {
			const touchpoint = readTouchpoint(id, map);
			if (touchpoint && touchpoint.stage === stage) out.push(touchpoint);
		}
		return out;
	}

	/** Gives `id` its key at `position`, re-keying tied neighbours when needed. */
	#writeOrders(
		items: Y.Map<Y.Map<unknown>>,
		siblings: Ordered[],
		id: string,
		position: Position
	): void {
		for (const [itemId, order] of placeAt(siblings, id, position))
			items.get(itemId)?.set('order', order);
	}
}

function copy<T>(value: T): T {
	return (Array.isArray(value) ? [...value] : value) as T;
}

function sameList(current: unknown, next: readonly string[]): boolean {
	return (
		Array.isArray(current) &&
		current.length === next.length &&
		current.every((item, i) => item === next[i])
	);
}

// ---- seeding and undo -----------------------------------------------------------------------

/**
 * Seeds an empty journey document with a template in one language, as one system write nobody
 * undoes. Ids are derived from the template (`airline-s1`, `airline-t07`…), so two devices that
 * seed the same new document while offline write the same entries and merge into one map, not
 * two. Does nothing (returns false) when the document already has stages.
 */
export function writeJourneyTemplate(
	doc: Y.Doc,
	template: JourneyTemplate,
	locale: TemplateLocale
): boolean {
	const { stages, touchpoints } = mapsOf(doc);
	if (stages.size > 0) return false;
	const stageKeys = keysAfter(null, template.stages.length);
	let count = 0;
	doc.transact(() => {
		template.stages.forEach((stageTemplate, s) => {
			const stageId = `${template.id}-s${s + 1}`;
			const stage = new Y.Map<unknown>();
			stage.set('name', localize(stageTemplate.name, locale));
			stage.set('order', stageKeys[s]!);
			stages.set(stageId, stage);
			const keys = keysAfter(null, stageTemplate.touchpoints.length);
			stageTemplate.touchpoints.forEach((touchpointTemplate, t) => {
				count++;
				const map = new Y.Map<unknown>();
				map.set('stage', stageId);
				map.set('order', keys[t]!);
				const fields = localizeTouchpoint(touchpointTemplate, locale);
				for (const field of TOUCHPOINT_FIELDS) map.set(field, fields[field]);
				touchpoints.set(`${template.id}-t${String(count).padStart(2, '0')}`, map);
			});
		});
	}, Origin.system);
	return true;
}
