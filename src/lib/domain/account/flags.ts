/**
 * The potential-national-account flag (潜在全国客户): a group or subsidiary with no national or
 * global agreement of its own, whose subtree holds at least N regional agreements — separate
 * regional deals that could become one national one.
 */
import type { AccountNode } from './node';
import type { Totals } from './rollup';

export const DEFAULT_NATIONAL_THRESHOLD = 3;

export function isPotentialNational(
	node: Pick<AccountNode, 'kind' | 'agreements'>,
	subtree: Pick<Totals, 'agreements'>,
	threshold = DEFAULT_NATIONAL_THRESHOLD
): boolean {
	if (node.kind === 'branch') return false;
	if (node.agreements.some((a) => a.type === 'national' || a.type === 'global')) return false;
	return subtree.agreements.regional >= threshold;
}
