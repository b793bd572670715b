/**
 * Tiers on the data where there is data: each node counts by its bookings when departments with
 * bookings are attached to it, else by the team's typed estimate; a subtree sums what its nodes
 * count, so share stays Σ ours ÷ Σ total, and says which it used.
 */
import { shareOf } from './rollup';

export const Basis = { actual: 'actual', estimate: 'estimate', mixed: 'mixed' } as const;
export type Basis = (typeof Basis)[keyof typeof Basis];

export interface Money {
	spend: number;
	ours: number;
}

export interface BlendedTotals extends Money {
	/** Nodes of the subtree counted by their bookings, and by their typed estimate. */
	actualNodes: number;
	estimateNodes: number;
	basis: Basis;
	/** Share of wallet (0..1) of what was counted; undefined without spend. */
	share: number | undefined;
}

export interface BlendInput {
	/** Every live node. */
	nodes: Iterable<string>;
	/** The node's parent, undefined above the account's top nodes. */
	parentOf(node: string): string | undefined;
	/** The node's own typed estimate (not its subtree's). */
	estimate(node: string): Money;
	/** The node's own bookings over the window: only nodes with bookings are present. */
	actual: Readonly<Record<string, Money & { rows: number }>>;
}

/**
 * Per node, the subtree's totals with each node counted once: by its bookings if it has any, else
 * by its estimate (a node with neither counts for neither). Depth × nodes steps.
 */
export function blendTotals(input: BlendInput): Map<string, BlendedTotals> {
	const out = new Map<string, BlendedTotals>();
	const at = (node: string) => {
		let totals = out.get(node);
		if (!totals) {
			totals = {
				spend: 0,
				ours: 0,
				actualNodes: 0,
				estimateNodes: 0,
				basis: Basis.estimate,
				share: undefined
			};
			out.set(node, totals);
		}
		return totals;
	};
	for (const node of input.nodes) {
		at(node);
		const actual = input.actual[node];
		const fromBookings = actual !== undefined && actual.rows > 0;
		const money = fromBookings ? actual : input.estimate(node);
		if (!fromBookings && money.spend === 0 && money.ours === 0) continue;
		let current: string | undefined = node;
		for (let steps = 0; current !== undefined && steps < 10_000; steps++) {
			const totals = at(current);
			totals.spend += money.spend;
			totals.ours += money.ours;
			if (fromBookings) totals.actualNodes++;
			else totals.estimateNodes++;
			current = input.parentOf(current);
		}
	}
	for (const totals of out.values()) {
		totals.basis =
			totals.actualNodes === 0
				? Basis.estimate
				: totals.estimateNodes === 0
					? Basis.actual
					: Basis.mixed;
		totals.share = shareOf(totals);
	}
	return out;
}
