/**
 * The `review-cycle` document (评估周期) in Yjs: what HR configures, and nothing any rater answered.
 *
 * Layout (flat, so concurrent edits by two HR people merge field by field):
 * - `cycle`: Y.Map of plain JSON values, last writer wins: `template`, `period`, `startDate`,
 *   `questionnaire`, `groups`, `anonymity`, `gradeBands`, `timeline`, `raterCap`,
 *   `requiredWeight`, and `launchedAt` / `closedAt`, which only the server writes (at launch and
 *   close). The questionnaire is one value: each builder command rewrites it whole, so two HR
 *   people editing it at once keep the later edit (the builder is a one-person job in practice).
 *   Once `launchedAt` is set the relay refuses any update that changes the settings, removes or
 *   changes a subject or nomination (see {@link breaksCycleLock}); once `closedAt` is, any addition.
 * - `subjects`: Y.Map<subjectId, {name, manager, order}>.
 * - `nominations`: Y.Map<nominationId, {subject, rater, raterName, group, status, order}>; `rater`
 *   is the person's e-mail or employee number, which is what makes one link per rater.
 *
 * Responses never enter this document: drafts are separate documents HR cannot open, and submitted
 * answers live on the server without identity. The audit log of re-issued links is server-side too,
 * where HR cannot edit it.
 */
import * as Y from 'yjs';
// Extensions spelled out: the server reads cycles through this file.
import { DEFAULT_ANONYMITY, type AnonymitySettings } from '../domain/review/anonymity.ts';
import { DEFAULT_RATER_CAP, type CycleConfig, type Subject } from '../domain/review/cycle.ts';
import { isRaterGroup, type RaterGroup } from '../domain/review/groups.ts';
import type { Nomination, NominatedGroup, NominationStatus } from '../domain/review/nomination.ts';
import type { PeopleContext, PeoplePlan } from '../domain/review/people-import.ts';
import type { Questionnaire } from '../domain/review/questionnaire.ts';
import type { ReviewTemplateId } from '../domain/review/template-types.ts';
import { instantiateTemplate, reviewTemplate } from '../domain/review/templates.ts';
import { Origin } from './origins.ts';

/** A nomination as the cycle document holds it: the domain's plus a display name. */
export interface CycleNomination extends Nomination {
	raterName: string;
}

const CONFIG_KEYS = [
	'questionnaire',
	'groups',
	'anonymity',
	'gradeBands',
	'timeline',
	'raterCap'
] as const;

/** Longest subject or rater name kept, in UTF-16 code units. */
export const MAX_NAME_LENGTH = 120;

function cycleMap(doc: Y.Doc) {
	return doc.getMap<unknown>('cycle');
}
function subjectsMap(doc: Y.Doc) {
	return doc.getMap<unknown>('subjects');
}
function nominationsMap(doc: Y.Doc) {
	return doc.getMap<unknown>('nominations');
}

function newId(): string {
	const bytes = new Uint8Array(9);
	crypto.getRandomValues(bytes);
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** True once a template was chosen; before that the page offers the templates. */
export function isCycleStarted(doc: Y.Doc): boolean {
	return cycleMap(doc).has('questionnaire');
}

/** Fills a new cycle from a template once; does nothing when the cycle already has one. */
export function startCycle(doc: Y.Doc, template: ReviewTemplateId): void {
	if (isCycleStarted(doc)) return;
	const config = instantiateTemplate(reviewTemplate(template));
	doc.transact(() => {
		const map = cycleMap(doc);
		map.set('template', template);
		for (const key of CONFIG_KEYS) map.set(key, config[key]);
	}, Origin.local);
}

/**
 * Fills a new cycle with another cycle's settings — questionnaire, weights, thresholds, bands,
 * timeline, cap — and nobody in it: the next cycle starts from a copy of a locked one.
 */
export function startCycleFrom(
	doc: Y.Doc,
	config: CycleConfig,
	template: ReviewTemplateId | undefined
): void {
	if (isCycleStarted(doc)) return;
	const copy = structuredClone(config);
	doc.transact(() => {
		const map = cycleMap(doc);
		if (template) map.set('template', template);
		for (const key of CONFIG_KEYS) map.set(key, copy[key]);
		if (copy.requiredWeight !== undefined) map.set('requiredWeight', copy.requiredWeight);
	}, Origin.local);
}

/** The template the cycle started from, if any. */
export function cycleTemplate(doc: Y.Doc): ReviewTemplateId | undefined {
	const value = cycleMap(doc).get('template');
	return typeof value === 'string' ? (value as ReviewTemplateId) : undefined;
}

/** Free text naming the period, e.g. "2026 H2". */
export function cyclePeriod(doc: Y.Doc): string {
	const value = cycleMap(doc).get('period');
	return typeof value === 'string' ? value : '';
}

export function setPeriod(doc: Y.Doc, period: string): void {
	doc.transact(() => cycleMap(doc).set('period', period.slice(0, MAX_NAME_LENGTH)), Origin.local);
}

/** Subjects in the order they were added. */
export function readSubjects(doc: Y.Doc): Subject[] {
	const rows: Array<Subject & { order: number }> = [];
	for (const [id, value] of subjectsMap(doc)) {
		if (typeof value !== 'object' || value === null) continue;
		const { name, manager, person, order } = value as Record<string, unknown>;
		if (typeof name !== 'string') continue;
		rows.push({
			id,
			name,
			...(typeof manager === 'string' && manager !== '' ? { manager } : {}),
			...(typeof person === 'string' && person !== '' ? { person } : {}),
			order: typeof order === 'number' ? order : 0
		});
	}
	return rows.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id)).map(stripOrder);
}

function stripOrder<T extends { order: number }>({ order: _order, ...rest }: T): Omit<T, 'order'> {
	return rest;
}

/** Adds a subject; returns its id. Empty names are refused (undefined). */
export function addSubject(doc: Y.Doc, name: string, manager = ''): string | undefined {
	const trimmed = name.trim().slice(0, MAX_NAME_LENGTH);
	if (trimmed === '') return undefined;
	const id = newId();
	doc.transact(
		() =>
			subjectsMap(doc).set(id, {
				name: trimmed,
				manager: manager.trim().slice(0, MAX_NAME_LENGTH),
				order: Date.now()
			}),
		Origin.local
	);
	return id;
}

/** What a people import added. */
export interface PeopleImported {
	subjects: number;
	nominations: number;
}

/**
 * Adds what a people import planned, in one transaction (2,000 rows are one update, not 2,000):
 * new subjects with their e-mail or staff id and manager, then approved nominations — HR's own
 * list needs no approval. Rows the plan refused are not in it.
 */
export function importPeople(doc: Y.Doc, plan: PeoplePlan): PeopleImported {
	const ids: string[] = [];
	const base = Date.now();
	let order = 0;
	doc.transact(() => {
		const subjects = subjectsMap(doc);
		for (const subject of plan.subjects) {
			const id = newId();
			ids.push(id);
			subjects.set(id, {
				name: subject.name.slice(0, MAX_NAME_LENGTH),
				manager: subject.manager.slice(0, MAX_NAME_LENGTH),
				person: subject.person.slice(0, MAX_NAME_LENGTH),
				order: base + order++
			});
		}
		const nominations = nominationsMap(doc);
		for (const n of plan.nominations) {
			const subject = 'existing' in n.subject ? n.subject.existing : ids[n.subject.imported]!;
			if (!subjects.has(subject)) continue;
			nominations.set(newId(), {
				subject,
				rater: n.rater.slice(0, MAX_NAME_LENGTH),
				raterName: n.raterName.slice(0, MAX_NAME_LENGTH),
				group: n.group,
				status: 'approved',
				order: base + order++
			});
		}
	}, Origin.local);
	return { subjects: plan.subjects.length, nominations: plan.nominations.length };
}

/** What a people import checks rows against: the cycle's subjects, nominations and groups. */
export function peopleContext(doc: Y.Doc): PeopleContext {
	const config = readCycleConfig(doc);
	return {
		subjects: readSubjects(doc),
		nominated: new Set(
			readNominations(doc)
				.filter((n) => n.status !== 'declined')
				.map((n) => `${n.subject}\n${n.rater}`)
		),
		groups: new Set(
			Object.entries(config?.groups ?? {})
				.filter(([, weight]) => weight !== undefined)
				.map(([group]) => group)
		)
	};
}

/** Removes a subject and the nominations made for them. */
export function removeSubject(doc: Y.Doc, id: string): void {
	doc.transact(() => {
		subjectsMap(doc).delete(id);
		for (const nomination of readNominations(doc)) {
			if (nomination.subject === id) nominationsMap(doc).delete(nomination.id);
		}
	}, Origin.local);
}

const STATUSES: ReadonlySet<string> = new Set(['proposed', 'approved', 'declined']);

/** Nominations in the order they were made; malformed entries are skipped. */
export function readNominations(doc: Y.Doc): CycleNomination[] {
	const rows: Array<CycleNomination & { order: number }> = [];
	for (const [id, value] of nominationsMap(doc)) {
		if (typeof value !== 'object' || value === null) continue;
		const { subject, rater, raterName, group, status, order } = value as Record<string, unknown>;
		if (typeof subject !== 'string' || typeof rater !== 'string') continue;
		if (!isRaterGroup(group) || group === 'self') continue;
		if (typeof status !== 'string' || !STATUSES.has(status)) continue;
		rows.push({
			id,
			subject,
			rater,
			raterName: typeof raterName === 'string' && raterName !== '' ? raterName : rater,
			group,
			status: status as NominationStatus,
			order: typeof order === 'number' ? order : 0
		});
	}
	return rows.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id)).map(stripOrder);
}

/** Why a nomination was not added; the UI translates it. */
export type NominationProblem = 'empty-rater' | 'unknown-subject' | 'duplicate';

/**
 * Adds a nomination. HR's own additions are approved at once; a subject's proposals (status
 * `proposed`) wait for the manager.
 */
export function addNomination(
	doc: Y.Doc,
	fields: { subject: string; rater: string; raterName: string; group: NominatedGroup },
	status: NominationStatus = 'approved'
): { ok: true; id: string } | { ok: false; reason: NominationProblem } {
	const rater = fields.rater.trim().toLowerCase().slice(0, MAX_NAME_LENGTH);
	if (rater === '') return { ok: false, reason: 'empty-rater' };
	if (!subjectsMap(doc).has(fields.subject)) return { ok: false, reason: 'unknown-subject' };
	const taken = readNominations(doc).some(
		(n) => n.subject === fields.subject && n.rater === rater && n.status !== 'declined'
	);
	if (taken) return { ok: false, reason: 'duplicate' };
	const id = newId();
	doc.transact(
		() =>
			nominationsMap(doc).set(id, {
				subject: fields.subject,
				rater,
				raterName: fields.raterName.trim().slice(0, MAX_NAME_LENGTH),
				group: fields.group,
				status,
				order: Date.now()
			}),
		Origin.local
	);
	return { ok: true, id };
}

export function setNominationStatus(doc: Y.Doc, id: string, status: NominationStatus): void {
	const value = nominationsMap(doc).get(id);
	if (typeof value !== 'object' || value === null) return;
	doc.transact(() => nominationsMap(doc).set(id, { ...value, status }), Origin.local);
}

export function removeNomination(doc: Y.Doc, id: string): void {
	doc.transact(() => nominationsMap(doc).delete(id), Origin.local);
}

/** Sets a group's weight in percent; undefined stops asking the group. */
export function setGroupWeight(doc: Y.Doc, group: RaterGroup, weight: number | undefined): void {
	const config = readCycleConfig(doc);
	if (!config) return;
	const groups = { ...config.groups } as Partial<Record<RaterGroup, number>>;
	if (weight === undefined) delete groups[group];
	else groups[group] = weight;
	doc.transact(() => cycleMap(doc).set('groups', groups), Origin.local);
}

/** Replaces the anonymity thresholds; callers check them with `checkAnonymity` first. */
export function setAnonymity(doc: Y.Doc, settings: AnonymitySettings): void {
	doc.transact(() => cycleMap(doc).set('anonymity', settings), Origin.local);
}

export function setRaterCap(doc: Y.Doc, cap: number): void {
	doc.transact(() => cycleMap(doc).set('raterCap', cap), Origin.local);
}

/**
 * Sets the weight (percent) from which a group without shown answers withholds a report's total;
 * undefined goes back to the default, the superior's weight (see domain/review/cycle.ts).
 */
export function setRequiredWeight(doc: Y.Doc, weight: number | undefined): void {
	doc.transact(() => {
		if (weight === undefined) cycleMap(doc).delete('requiredWeight');
		else cycleMap(doc).set('requiredWeight', weight);
	}, Origin.local);
}

/**
 * The cycle's configuration as the domain rules read it; undefined before a template is chosen.
 * Values are taken as stored: `checkCycle` says what is wrong with them.
 */
export function readCycleConfig(doc: Y.Doc): CycleConfig | undefined {
	const map = cycleMap(doc);
	if (!map.has('questionnaire')) return undefined;
	const raterCap = map.get('raterCap');
	const requiredWeight = map.get('requiredWeight');
	return {
		questionnaire: map.get('questionnaire') as CycleConfig['questionnaire'],
		groups: (map.get('groups') ?? {}) as CycleConfig['groups'],
		anonymity: (map.get('anonymity') ?? DEFAULT_ANONYMITY) as AnonymitySettings,
		gradeBands: (map.get('gradeBands') ?? []) as CycleConfig['gradeBands'],
		timeline: (map.get('timeline') ?? []) as CycleConfig['timeline'],
		raterCap: typeof raterCap === 'number' ? raterCap : DEFAULT_RATER_CAP,
		...(typeof requiredWeight === 'number' ? { requiredWeight } : {}),
		subjects: readSubjects(doc)
	};
}

/** Replaces the questionnaire (the builder's commands compute the new one; see questionnaire-edit). */
export function setQuestionnaire(doc: Y.Doc, questionnaire: Questionnaire): void {
	doc.transact(() => cycleMap(doc).set('questionnaire', questionnaire), Origin.local);
}

/** Replaces the questionnaire with a template's (before launch): a deep copy with its anchors. */
export function useTemplateQuestionnaire(doc: Y.Doc, template: ReviewTemplateId): void {
	const config = instantiateTemplate(reviewTemplate(template));
	doc.transact(() => {
		cycleMap(doc).set('template', template);
		cycleMap(doc).set('questionnaire', config.questionnaire);
	}, Origin.local);
}

/** When the server launched the cycle (ms since epoch); undefined before. */
export function cycleLaunchedAt(doc: Y.Doc): number | undefined {
	const value = cycleMap(doc).get('launchedAt');
	return typeof value === 'number' ? value : undefined;
}

/** When the server closed the cycle and released reports; undefined before. */
export function cycleClosedAt(doc: Y.Doc): number | undefined {
	const value = cycleMap(doc).get('closedAt');
	return typeof value === 'number' ? value : undefined;
}

/**
 * Stamps the cycle launched or closed. Only the server calls this (inside the relay's room, so
 * every open client sees it at once); the relay refuses a client update that changes the stamps.
 */
export function stampCycle(doc: Y.Doc, stamp: 'launchedAt' | 'closedAt', at: number): void {
	if (cycleMap(doc).has(stamp)) return;
	doc.transact(() => cycleMap(doc).set(stamp, at), Origin.local);
}

/** The parts of a cycle the lock protects, each as comparable text. */
export interface LockedCycle {
	launched: boolean;
	closed: boolean;
	/** Every key of the `cycle` map but the period, as JSON. */
	settings: string;
	subjects: ReadonlyMap<string, string>;
	nominations: ReadonlyMap<string, string>;
}

function jsonEntries(map: Y.Map<unknown>): Map<string, string> {
	return new Map([...map.entries()].map(([key, value]) => [key, JSON.stringify(value)]));
}

/** What the lock compares, read from `doc`. */
export function lockedCycle(doc: Y.Doc): LockedCycle {
	const map = cycleMap(doc);
	const settings = [...jsonEntries(map)]
		.filter(([key]) => key !== 'period')
		.sort(([a], [b]) => a.localeCompare(b));
	return {
		launched: map.has('launchedAt'),
		closed: map.has('closedAt'),
		settings: JSON.stringify(settings),
		subjects: jsonEntries(subjectsMap(doc)),
		nominations: jsonEntries(nominationsMap(doc))
	};
}

/**
 * Whether going from `before` to `after` breaks the lock: after launch the settings (questionnaire,
 * weights, thresholds, bands, stamps) stay as they are and every subject and nomination stays as
 * it is (raters may still be added, and get invitations when HR launches again); after close
 * nothing is added either. Before launch nothing is locked.
 */
export function breaksCycleLock(before: LockedCycle, after: LockedCycle): boolean {
	if (!before.launched) return false;
	if (after.settings !== before.settings) return true;
	for (const [id, value] of before.subjects) if (after.subjects.get(id) !== value) return true;
	for (const [id, value] of before.nominations) {
		if (after.nominations.get(id) !== value) return true;
	}
	return (
		before.closed &&
		(after.subjects.size !== before.subjects.size ||
			after.nominations.size !== before.nominations.size)
	);
}

/** Subscribes to every change of the cycle's content; returns the unsubscriber. */
export function observeCycle(doc: Y.Doc, listener: () => void): () => void {
	const maps = [cycleMap(doc), subjectsMap(doc), nominationsMap(doc)];
	for (const map of maps) map.observe(listener);
	return () => {
		for (const map of maps) map.unobserve(listener);
	};
}
