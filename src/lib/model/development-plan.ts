/**
 * A `development-plan` document: what a subject takes from their 360° report — what to keep
 * doing, what to grow in, and a few dated actions. It belongs to the subject alone (it is their
 * document, not part of the cycle), so HR's link to the cycle never reaches it.
 * Shape: `plan: Y.Map` with `source` (the report it came from), `keep`, `grow` (plain text, the
 * last writer wins: one person's notes), and `actions: Y.Map<id, PlanStep>`.
 */
import * as Y from 'yjs';
import { DocKind } from '../domain/documents';
import { newId } from './account';
import { initMeta } from './meta';
import { Origin } from './origins';

/** Where the plan came from, as the report named it then. */
export interface PlanSource {
	cycleTitle: string;
	subjectName: string;
	/** Items the report suggested talking about (blind spots, lowest scores), as labels. */
	focus: string[];
}

export interface PlanStep {
	id: string;
	text: string;
	/** ISO date, or empty. */
	due: string;
	done: boolean;
	createdAt: number;
}

export interface DevelopmentPlan {
	source: PlanSource | undefined;
	keep: string;
	grow: string;
	/** Oldest first. */
	steps: PlanStep[];
}

/** Longest text of one field, in UTF-16 code units. */
export const MAX_PLAN_TEXT = 4000;

const plan = (doc: Y.Doc) => doc.getMap<unknown>('plan');
const steps = (doc: Y.Doc) => doc.getMap<unknown>('steps');

/** A fresh plan for the report described by `source`. */
export function startDevelopmentPlan(doc: Y.Doc, title: string, source: PlanSource): void {
	initMeta(doc, { kind: DocKind.developmentPlan, title, createdAt: Date.now() });
	doc.transact(() => plan(doc).set('source', source), Origin.system);
}

function isSource(value: unknown): value is PlanSource {
	if (typeof value !== 'object' || value === null) return false;
	const v = value as Record<string, unknown>;
	return (
		typeof v.cycleTitle === 'string' &&
		typeof v.subjectName === 'string' &&
		Array.isArray(v.focus) &&
		v.focus.every((f) => typeof f === 'string')
	);
}

function isStep(value: unknown): value is PlanStep {
	if (typeof value !== 'object' || value === null) return false;
	const v = value as Record<string, unknown>;
	return (
		typeof v.id === 'string' &&
		typeof v.text === 'string' &&
		typeof v.due === 'string' &&
		typeof v.done === 'boolean' &&
		typeof v.createdAt === 'number'
	);
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

export function readDevelopmentPlan(doc: Y.Doc): DevelopmentPlan {
	const map = plan(doc);
	const source = map.get('source');
	const list: PlanStep[] = [];
	for (const value of steps(doc).values()) if (isStep(value)) list.push(value);
	list.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
	return {
		source: isSource(source) ? source : undefined,
		keep: text(map.get('keep')),
		grow: text(map.get('grow')),
		steps: list
	};
}

export function setPlanText(doc: Y.Doc, field: 'keep' | 'grow', value: string): void {
	doc.transact(() => plan(doc).set(field, value.slice(0, MAX_PLAN_TEXT)), Origin.local);
}

/** Adds a step; returns its id. Steps read oldest first (by `now`, then id on every replica). */
export function addPlanStep(doc: Y.Doc, stepText: string, due = '', now = Date.now()): string {
	const id = newId();
	const step: PlanStep = {
		id,
		text: stepText.slice(0, MAX_PLAN_TEXT),
		due,
		done: false,
		createdAt: now
	};
	doc.transact(() => steps(doc).set(id, step), Origin.local);
	return id;
}

/** Changes a step (replaced whole, like every list entry here); does nothing for an unknown id. */
export function updatePlanStep(
	doc: Y.Doc,
	id: string,
	change: Partial<Pick<PlanStep, 'text' | 'due' | 'done'>>
): void {
	const current = steps(doc).get(id);
	if (!isStep(current)) return;
	const next = {
		...current,
		...change,
		text: (change.text ?? current.text).slice(0, MAX_PLAN_TEXT)
	};
	doc.transact(() => steps(doc).set(id, next), Origin.local);
}

export function removePlanStep(doc: Y.Doc, id: string): void {
	doc.transact(() => steps(doc).delete(id), Origin.local);
}

/** Calls `listener` after every change to the plan; returns the unsubscriber. */
export function observeDevelopmentPlan(doc: Y.Doc, listener: () => void): () => void {
	const maps = [plan(doc), steps(doc)];
	for (const map of maps) map.observe(listener);
	return () => {
		for (const map of maps) map.unobserve(listener);
	};
}
