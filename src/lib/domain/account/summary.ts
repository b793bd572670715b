/** Everything the views show about one node, derived from its fields and its subtree's totals. */
import { Basis, type BlendedTotals, type Money } from './actuals';
import { nodeWarnings, type AccountNode } from './node';
import { shareOf, type Totals } from './rollup';
import { nextTier, tierOf, type NextTier, type TierThresholds } from './tiers';

/** What the bookings say about the node's subtree (see `domain/bookings/node-actuals`). */
export interface SubtreeActuals {
	window: Money & { trips: number; rows: number };
	periods: Array<Money & { trips: number; rows: number; covered: boolean }>;
}

export interface NodeSummary {
	node: AccountNode;
	/** Typed estimates rolled up, with headcount, agreements and node count. */
	totals: Totals;
	/** What tiers and share read: bookings where there are any, estimates elsewhere. */
	used: Money;
	/** Which of the two `used` holds over the subtree. */
	basis: Basis;
	/** Nodes counted by bookings and by estimate, when they are mixed. */
	actualNodes: number;
	estimateNodes: number;
	/** Bookings of the subtree, when any are attached to it. */
	actuals: SubtreeActuals | undefined;
	/** Share of wallet of `used`, or undefined without spend. */
	share: number | undefined;
	/** Share of the typed estimates alone. */
	estimateShare: number | undefined;
	tier: number;
	next: NextTier | undefined;
	potentialNational: boolean;
	warnings: ReturnType<typeof nodeWarnings>;
}

export function summarize(
	node: AccountNode,
	totals: Totals,
	tiers: TierThresholds,
	/** From `isPotentialNational` (flags.ts), which reads the tree around the node. */
	potentialNational: boolean,
	/** From `blendTotals`, once the bookings have been read; estimates alone without it. */
	blended?: BlendedTotals,
	actuals?: SubtreeActuals
): NodeSummary {
	const used: Money = blended ?? { spend: totals.spend, ours: totals.ours };
	return {
		node,
		totals,
		used: { spend: used.spend, ours: used.ours },
		basis: blended?.basis ?? Basis.estimate,
		actualNodes: blended?.actualNodes ?? 0,
		estimateNodes: blended?.estimateNodes ?? 0,
		actuals,
		share: shareOf(used),
		estimateShare: shareOf(totals),
		tier: tierOf(used, tiers),
		next: nextTier(used, tiers),
		potentialNational,
		warnings: nodeWarnings(node)
	};
}
