/**
 * Reactive reads of an account document for components: every read registers on a version that
 * the document's observers bump, so a remote edit re-renders what shows it.
 */
import type * as Y from 'yjs';
import { completeness } from '../domain/account/checklist';
import { daysToExpiry, isoToday } from '../domain/account/node';
import { summarize, type NodeSummary } from '../domain/account/summary';
import { AccountTree, ROOT, TRASH } from './account';
import { AccountBookings } from './account-bookings';
import { AccountPlan } from './account-plan';

export class AccountView {
	readonly tree: AccountTree;
	readonly plan: AccountPlan;
	readonly bookings: AccountBookings;
	#treeVersion = $state(0);
	#bookingsVersion = $state(0);
	#planVersion = $state(0);
	#stop: Array<() => void> = [];

	constructor(doc: Y.Doc) {
		this.tree = new AccountTree(doc);
		this.plan = new AccountPlan(doc);
		this.bookings = new AccountBookings(doc);
		this.#stop.push(
			this.bookings.observe(() => this.#bookingsVersion++),
			this.tree.subscribe(() => this.#treeVersion++),
			this.plan.observe(() => this.#planVersion++)
		);
	}

	/** Read inside a reactive context to re-run when the tree changes. */
	get treeVersion(): number {
		return this.#treeVersion;
	}

	get planVersion(): number {
		return this.#planVersion;
	}

	children(parent: string = ROOT): readonly string[] {
		void this.#treeVersion;
		return this.tree.children(parent);
	}

	trashed(): string[] {
		void this.#treeVersion;
		return this.tree.tree.trashed();
	}

	summary(id: string): NodeSummary | undefined {
		void this.#treeVersion;
		const node = this.tree.node(id);
		if (!node) return undefined;
		return summarize(
			node,
			this.tree.rollups.totals(id),
			this.tree.tiers(),
			this.tree.isPotentialNational(id)
		);
	}

	/** In-force agreements of live nodes that end within 90 days, soonest first. */
	expiringAgreements(): Array<{ node: string; name: string; number: string; days: number }> {
		void this.#treeVersion;
		const today = isoToday();
		const found: Array<{ node: string; name: string; number: string; days: number }> = [];
		for (const id of this.tree.liveNodes()) {
			const node = this.tree.node(id);
			for (const agreement of node?.agreements ?? []) {
				const days = daysToExpiry(agreement, today);
				if (days !== undefined) {
					found.push({ node: id, name: node!.name, number: agreement.number, days });
				}
			}
		}
		return found.sort((a, b) => a.days - b.days);
	}

	/** Ancestors of `id` from its parent up, without the root. */
	path(id: string): string[] {
		void this.#treeVersion;
		return this.tree.tree.ancestors(id).filter((a) => a !== ROOT && a !== TRASH);
	}

	isLive(id: string): boolean {
		void this.#treeVersion;
		return this.tree.isLive(id);
	}

	get empty(): boolean {
		void this.#treeVersion;
		return this.tree.children(ROOT).length === 0;
	}

	get checklist() {
		void this.#planVersion;
		return this.plan.checklist();
	}

	get completeness() {
		void this.#planVersion;
		return completeness(this.plan.checklist());
	}

	get team() {
		void this.#planVersion;
		return this.plan.team.all();
	}

	get goals() {
		void this.#planVersion;
		return this.plan.goals.all();
	}

	get actions() {
		void this.#planVersion;
		return this.plan.actions.all();
	}

	get feedback() {
		void this.#planVersion;
		return this.plan.feedback.all();
	}

	/** Read inside a reactive context to re-run when bookings, imports or mappings change. */
	get bookingsVersion(): number {
		return this.#bookingsVersion;
	}

	get travelSettings() {
		void this.#bookingsVersion;
		return this.bookings.settings();
	}

	/**
	 * Each department name attached to a live node → that node and its ancestors (without the
	 * root): what reports and alerts need to place a booking in the tree.
	 */
	departmentPaths(): Record<string, string[]> {
		void this.#bookingsVersion;
		void this.#treeVersion;
		const paths: Record<string, string[]> = {};
		for (const [name, node] of this.bookings.departmentNodes) {
			if (typeof node !== 'string' || !this.tree.isLive(node)) continue;
			paths[name] = [node, ...this.tree.tree.ancestors(node).filter((a) => a !== ROOT)];
		}
		return paths;
	}

	get tiers() {
		void this.#treeVersion;
		return this.tree.tiers();
	}

	get nationalThreshold() {
		void this.#treeVersion;
		return this.tree.nationalThreshold();
	}

	destroy(): void {
		for (const stop of this.#stop) stop();
		this.tree.destroy();
	}
}
