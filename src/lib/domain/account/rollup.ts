/**
 * Roll-ups at every node of the structure tree: sums over the node's subtree (itself included).
 * Kept incrementally: a move subtracts the moved subtree from its old ancestors and adds it to its
 * new ones; an edit adds its difference to the ancestors. Share of wallet is always Σ ours ÷ Σ
 * total — never an average of the children's percentages.
 */
import type { MoveListener, Placement } from '../tree/move-tree';
import { isInForce, type AccountNode, type AgreementType } from './node';

export interface Totals {
	spend: number;
	ours: number;
	headcount: number;
	/** Agreements in force, by scope. */
	agreements: Record<AgreementType, number>;
	/** Nodes in the subtree, the node itself included. */
	nodes: number;
}

export function emptyTotals(): Totals {
	return {
		spend: 0,
		ours: 0,
		headcount: 0,
		agreements: { global: 0, national: 0, regional: 0 },
		nodes: 0
	};
}

/** What one node contributes by itself, counting the agreements in force on `today` (ISO date). */
export function ownTotals(
	node: Pick<AccountNode, 'spend' | 'ours' | 'headcount' | 'agreements'>,
	today: string
): Totals {
	const totals = emptyTotals();
	totals.spend = node.spend;
	totals.ours = node.ours;
	totals.headcount = node.headcount;
	totals.nodes = 1;
	for (const agreement of node.agreements) {
		if (isInForce(agreement, today)) totals.agreements[agreement.type]++;
	}
	return totals;
}

function addInto(target: Totals, delta: Totals, sign: 1 | -1): void {
	target.spend += sign * delta.spend;
	target.ours += sign * delta.ours;
	target.headcount += sign * delta.headcount;
	target.nodes += sign * delta.nodes;
	target.agreements.global += sign * delta.agreements.global;
	target.agreements.national += sign * delta.agreements.national;
	target.agreements.regional += sign * delta.agreements.regional;
}

/** Share of wallet in [0, 1], or undefined when there is no spend to share. */
export function shareOf(totals: Pick<Totals, 'spend' | 'ours'>): number | undefined {
	return totals.spend > 0 ? totals.ours / totals.spend : undefined;
}

/** Where each node hangs; {@link RollupIndex} reads it to find ancestors. */
export interface ParentLookup {
	parentOf(node: string): string | undefined;
}

export class RollupIndex implements MoveListener {
	#own = new Map<string, Totals>();
	#subtree = new Map<string, Totals>();
	#tree: ParentLookup | undefined;
	#listeners = new Set<(changed: ReadonlySet<string>) => void>();
	#changed = new Set<string>();

	/** Connects the tree whose moves this index follows (it calls {@link moved}). */
	attach(tree: ParentLookup): void {
		this.#tree = tree;
	}

	/** Sums over `node`'s subtree; zeros for a node not known. */
	totals(node: string): Totals {
		return this.#subtree.get(node) ?? emptyTotals();
	}

	own(node: string): Totals {
		return this.#own.get(node) ?? emptyTotals();
	}

	/** Sets what `node` contributes by itself (after an edit, or when it is first read). */
	setOwn(node: string, totals: Totals): void {
		const before = this.#own.get(node) ?? emptyTotals();
		this.#own.set(node, totals);
		const delta = emptyTotals();
		addInto(delta, totals, 1);
		addInto(delta, before, -1);
		this.#addAlongPath(node, delta, 1);
	}

	moved(node: string, from: Placement | undefined, to: Placement | undefined): void {
		const subtree = this.#subtree.get(node);
		if (!subtree || subtree.nodes === 0) {
			this.#changed.add(node);
			return;
		}
		if (from) this.#addAlongPath(from.parent, subtree, -1);
		if (to) this.#addAlongPath(to.parent, subtree, 1);
		this.#changed.add(node);
	}

	/** Subscribes to the set of nodes whose totals changed since the last {@link flush}. */
	subscribe(listener: (changed: ReadonlySet<string>) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** Tells subscribers what changed (call once per transaction, not per op). */
	flush(): void {
		if (this.#changed.size === 0) return;
		const changed = this.#changed;
		this.#changed = new Set();
		for (const listener of this.#listeners) listener(changed);
	}

	/** Adds `delta × sign` to `start` and every ancestor of it. */
	#addAlongPath(start: string, delta: Totals, sign: 1 | -1): void {
		let current: string | undefined = start;
		let steps = 0;
		while (current !== undefined && steps++ < 1_000_000) {
			let totals = this.#subtree.get(current);
			if (!totals) this.#subtree.set(current, (totals = emptyTotals()));
			addInto(totals, delta, sign);
			this.#changed.add(current);
			current = this.#tree?.parentOf(current);
		}
	}
}
