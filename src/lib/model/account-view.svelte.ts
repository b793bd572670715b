/**
 * Reactive reads of an account document for components: every read subscribes (through
 * `createSubscriber`) to the part of the document it reads — the tree, the plan or the bookings —
 * so a remote edit re-renders what shows it, and nothing is observed while nothing is shown.
 */
import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
import { blendTotals, type BlendedTotals } from '../domain/account/actuals';
import { completeness } from '../domain/account/checklist';
import type { NodeActuals } from '../domain/bookings/node-actuals';
import { daysToExpiry, isoToday } from '../domain/account/node';
import { summarize, type NodeSummary } from '../domain/account/summary';
import { AccountTree, ROOT, TRASH } from './account';
import { AccountBookings } from './account-bookings';
import { AccountPlan } from './account-plan';

export class AccountView {
	readonly tree: AccountTree;
	readonly plan: AccountPlan;
	readonly bookings: AccountBookings;
	readonly #subscribeTree: () => void;
	readonly #subscribePlan: () => void;
	readonly #subscribeBookings: () => void;
	/**
	 * What the bookings say per node, set by the travel analysis when it has read them (not
	 * document data: derived from the bookings off the main thread); undefined until then.
	 */
	actuals = $state.raw<NodeActuals>();
	/** Each node's subtree counted on bookings where there are any, estimates elsewhere. */
	readonly #blended = $derived.by((): Map<string, BlendedTotals> | undefined => {
		const actuals = this.actuals;
		if (!actuals) return undefined;
		this.#subscribeTree();
		return blendTotals({
			nodes: this.tree.liveNodes(),
			parentOf: (node) => {
				const parent = this.tree.tree.parentOf(node);
				return parent === ROOT || parent === TRASH ? undefined : parent;
			},
			estimate: (node) => this.tree.rollups.own(node),
			actual: actuals.own
		});
	});

	constructor(doc: Y.Doc) {
		this.tree = new AccountTree(doc);
		this.plan = new AccountPlan(doc);
		this.bookings = new AccountBookings(doc);
		this.#subscribeTree = createSubscriber((update) => this.tree.subscribe(update));
		this.#subscribePlan = createSubscriber((update) => this.plan.observe(update));
		this.#subscribeBookings = createSubscriber((update) => this.bookings.observe(update));
	}

	/** Call inside a reactive context to re-run it when the tree (nodes, moves, roll-ups) changes. */
	watchTree(): void {
		this.#subscribeTree();
	}

	/** Call inside a reactive context to re-run it when the plan changes. */
	watchPlan(): void {
		this.#subscribePlan();
	}

	children(parent: string = ROOT): readonly string[] {
		this.#subscribeTree();
		return this.tree.children(parent);
	}

	trashed(): string[] {
		this.#subscribeTree();
		return this.tree.tree.trashed();
	}

	summary(id: string): NodeSummary | undefined {
		this.#subscribeTree();
		const node = this.tree.node(id);
		if (!node) return undefined;
		return summarize(
			node,
			this.tree.rollups.totals(id),
			this.tree.tiers(),
			this.tree.isPotentialNational(id),
			this.#blended?.get(id),
			this.actuals?.subtree[id]
		);
	}

	/** The regional agreements behind `id`'s potential-national-account flag, if it has one. */
	potentialNationalAgreements(id: string): number | undefined {
		this.#subscribeTree();
		return this.tree.potentialNationalAgreements(id);
	}

	/** In-force agreements of live nodes that end within 90 days, soonest first. */
	expiringAgreements(): Array<{ node: string; name: string; number: string; days: number }> {
		this.#subscribeTree();
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
		this.#subscribeTree();
		return this.tree.tree.ancestors(id).filter((a) => a !== ROOT && a !== TRASH);
	}

	isLive(id: string): boolean {
		this.#subscribeTree();
		return this.tree.isLive(id);
	}

	get empty(): boolean {
		this.#subscribeTree();
		return this.tree.children(ROOT).length === 0;
	}

	get checklist() {
		this.#subscribePlan();
		return this.plan.checklist();
	}

	/** People across the account: the top units' rolled-up headcounts. */
	get headcount(): number {
		this.#subscribeTree();
		return this.tree
			.children(ROOT)
			.reduce((sum, id) => sum + this.tree.rollups.totals(id).headcount, 0);
	}

	get completeness() {
		this.#subscribePlan();
		return completeness(this.plan.checklist(), this.headcount);
	}

	get team() {
		this.#subscribePlan();
		return this.plan.team.all();
	}

	get goals() {
		this.#subscribePlan();
		return this.plan.goals.all();
	}

	get actions() {
		this.#subscribePlan();
		return this.plan.actions.all();
	}

	get feedback() {
		this.#subscribePlan();
		return this.plan.feedback.all();
	}

	/** Call inside a reactive context to re-run it when bookings, imports or mappings change. */
	watchBookings(): void {
		this.#subscribeBookings();
	}

	get travelSettings() {
		this.#subscribeBookings();
		return this.bookings.settings();
	}

	/**
	 * Each department name attached to a live node → that node and its ancestors (without the
	 * root): what reports and alerts need to place a booking in the tree.
	 */
	departmentPaths(): Record<string, string[]> {
		this.#subscribeBookings();
		this.#subscribeTree();
		const paths: Record<string, string[]> = {};
		for (const [name, node] of this.bookings.departmentNodes) {
			if (typeof node !== 'string' || !this.tree.isLive(node)) continue;
			paths[name] = [node, ...this.tree.tree.ancestors(node).filter((a) => a !== ROOT)];
		}
		return paths;
	}

	get tiers() {
		this.#subscribeTree();
		return this.tree.tiers();
	}

	get nationalThreshold() {
		this.#subscribeTree();
		return this.tree.nationalThreshold();
	}

	destroy(): void {
		this.tree.destroy();
	}
}
