/**
 * The rest of an `account` document: checklist, virtual team and plan (goals, actions, feedback
 * log). Each list is a flat Y.Map keyed by id with plain values, replaced whole on edit, so two
 * people editing different items never collide.
 */
import * as Y from 'yjs';
import { CHECKLIST_FIELDS, type Checklist, type ChecklistField } from '../domain/account/checklist';
import { newId } from './account';
import { Origin } from './origins';

export const TeamRole = { hq: 'hq', branch: 'branch' } as const;
export type TeamRole = (typeof TeamRole)[keyof typeof TeamRole];

export interface TeamMember {
	id: string;
	name: string;
	role: TeamRole;
	region: string;
}

export interface Goal {
	id: string;
	text: string;
	createdAt: number;
}

export const ActionStatus = { open: 'open', doing: 'doing', done: 'done' } as const;
export type ActionStatus = (typeof ActionStatus)[keyof typeof ActionStatus];

export interface PlanAction {
	id: string;
	title: string;
	/** A team member's id, or empty. */
	owner: string;
	/** ISO date, or empty. */
	due: string;
	status: ActionStatus;
	createdAt: number;
}

export const FeedbackKind = { note: 'note', investigate: 'investigate' } as const;
export type FeedbackKind = (typeof FeedbackKind)[keyof typeof FeedbackKind];

export interface Feedback {
	id: string;
	/** Milliseconds since the epoch. */
	at: number;
	text: string;
	author: string;
	kind: FeedbackKind;
}

type Stored<T extends { id: string }> = Omit<T, 'id'>;

/** Typed access to one list: values read back with their ids, sorted by `sortKey`. */
class ListMap<T extends { id: string }> {
	constructor(
		private readonly doc: Y.Doc,
		readonly map: Y.Map<Stored<T>>,
		private readonly sortKey: (item: T) => number | string
	) {}

	all(): T[] {
		const items: T[] = [];
		for (const [id, value] of this.map) {
			if (typeof value === 'object' && value !== null) items.push({ ...value, id } as T);
		}
		return items.sort((a, b) => {
			const ka = this.sortKey(a);
			const kb = this.sortKey(b);
			return ka < kb ? -1 : ka > kb ? 1 : a.id < b.id ? -1 : 1;
		});
	}

	put(item: Omit<T, 'id'> & { id?: string }): string {
		const id = item.id ?? newId();
		const { id: _ignored, ...value } = item;
		this.doc.transact(() => this.map.set(id, value as Stored<T>), Origin.local);
		return id;
	}

	update(id: string, patch: Partial<Omit<T, 'id'>>): void {
		const current = this.map.get(id);
		if (!current) return;
		this.doc.transact(() => this.map.set(id, { ...current, ...patch }), Origin.local);
	}

	remove(id: string): void {
		this.doc.transact(() => this.map.delete(id), Origin.local);
	}
}

export class AccountPlan {
	readonly checklistMap: Y.Map<string>;
	readonly team: ListMap<TeamMember>;
	readonly goals: ListMap<Goal>;
	readonly actions: ListMap<PlanAction>;
	readonly feedback: ListMap<Feedback>;

	constructor(readonly doc: Y.Doc) {
		this.checklistMap = doc.getMap('checklist');
		this.team = new ListMap(doc, doc.getMap('team'), (m) => `${m.role === 'hq' ? 0 : 1}${m.name}`);
		this.goals = new ListMap(doc, doc.getMap('goals'), (g) => g.createdAt);
		this.actions = new ListMap(
			doc,
			doc.getMap('actions'),
			(a) => `${a.due || '9999'}${a.createdAt}`
		);
		this.feedback = new ListMap(doc, doc.getMap('feedback'), (f) => -f.at);
	}

	checklist(): Checklist {
		const out: Checklist = {};
		for (const field of CHECKLIST_FIELDS) {
			const value = this.checklistMap.get(field);
			if (typeof value === 'string') out[field] = value;
		}
		return out;
	}

	setChecklist(field: ChecklistField, value: string): void {
		if (this.checklistMap.get(field) === value) return;
		this.doc.transact(() => this.checklistMap.set(field, value), Origin.local);
	}

	/** Calls `listener` after any change to the checklist, team or plan. */
	observe(listener: () => void): () => void {
		const maps = [
			this.checklistMap,
			this.team.map,
			this.goals.map,
			this.actions.map,
			this.feedback.map
		] as Y.Map<unknown>[];
		for (const map of maps) map.observe(listener);
		return () => {
			for (const map of maps) map.unobserve(listener);
		};
	}
}
