/** Everything the views show about one node, derived from its fields and its subtree's totals. */
import { nodeWarnings, type AccountNode } from './node';
import { shareOf, type Totals } from './rollup';
import { nextTier, tierOf, type NextTier, type TierThresholds } from './tiers';

export interface NodeSummary {
	node: AccountNode;
	totals: Totals;
	/** Share of wallet over the subtree, or undefined without spend. */
	share: number | undefined;
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
	potentialNational: boolean
): NodeSummary {
	return {
		node,
		totals,
		share: shareOf(totals),
		tier: tierOf(totals, tiers),
		next: nextTier(totals, tiers),
		potentialNational,
		warnings: nodeWarnings(node)
	};
}
