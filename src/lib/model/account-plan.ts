/**
 * The rest of an `account` document: checklist, virtual team and plan (goals, actions, feedback
 * log). Each list is a flat Y.Map keyed by id with plain values, replaced whole on edit, so two
 * people editing different items never collide.
 */
import * as Y from 'yjs';
import { CHECKLIST_FIELDS, type Checklist, type ChecklistField } from '../domain/account/checklist';
import { addDays, ALERT_ACTION_DAYS, isoDate } from '../domain/account/plan-actions';
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
	/** Set on actions raised by a spend alert: what to find out why about. */
	alert?: AlertNote;
}

export const FeedbackKind = { note: 'note', investigate: 'investigate' } as const;
export type FeedbackKind = (typeof FeedbackKind)[keyof typeof FeedbackKind];

/** What a spend alert recorded, so the entry reads in the reader's language. */
export interface AlertNote {
	node: string;
	/** Period keys: `2026-Q2` against `2026-Q1`. */
	period: string;
	previous: string;
	/** CNY in each period, and the fall as a share of `before` (0..1). */
	spend: number;
	before: number;
	drop: number;
}

export interface Feedback {
	id: string;
	/** Milliseconds since the epoch. */
	at: number;
	text: string;
	author: string;
	kind: FeedbackKind;
	/** Set on entries raised by a spend alert rather than written by a person. */
	alert?: AlertNote;
}

type Stored<T extends { id: string }> = Omit<T, 'id'>;

const alertId = (alert: Pick<AlertNote, 'node' | 'period'>) =>
	`alert:${alert.node}:${alert.period}`;

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
	/** Alerts already raised (`alert:<node>:<period>` → when), so a deleted entry stays deleted. */
	readonly alertsRaised: Y.Map<number>;

	constructor(readonly doc: Y.Doc) {
		this.alertsRaised = doc.getMap('alertsRaised');
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

	/**
	 * Adds a "to investigate" entry for each alert not raised before, and an open action to find
	 * out why, owned by the unit's owner (`owner`, a team member's id, or nobody) and due
	 * {@link ALERT_ACTION_DAYS} days later. Ids are derived from the node and period, so two
	 * people whose clients raise the same alert at once write the same entry and action. Written
	 * as the system, not the person: nobody undoes an alert by pressing Ctrl+Z.
	 */
	raiseAlerts(alerts: ReadonlyArray<AlertNote & { owner?: string }>, at = Date.now()): number {
		const fresh = alerts.filter((a) => !this.alertsRaised.has(alertId(a)));
		if (fresh.length === 0) return 0;
		this.doc.transact(() => {
			for (const { owner, ...alert } of fresh) {
				const id = alertId(alert);
				this.alertsRaised.set(id, at);
				this.feedback.map.set(id, { at, text: '', author: '', kind: 'investigate', alert });
				this.actions.map.set(id, {
					title: '',
					owner: owner ?? '',
					due: addDays(isoDate(at), ALERT_ACTION_DAYS),
					status: 'open',
					createdAt: at,
					alert
				});
			}
		}, Origin.system);
		return fresh.length;
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
