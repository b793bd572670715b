/**
 * The potential-national-account flag (潜在全国客户): separate regional deals that could become one
 * national one. Raised on a group or subsidiary whose subtree holds at least N regional agreements
 * in force, when no national or global agreement in force covers it — its own or an ancestor's —
 * and only on the lowest node for the same agreements: an ancestor whose agreements all sit under
 * one flagged child is not flagged again, so three agreements raise one flag, not one on every
 * ancestor. An ancestor gathering more (agreements spread over several children) is flagged too:
 * it is the wider deal. Signing a national agreement anywhere above clears it.
 */
import type { NodeKind } from './node';
import type { Totals } from './rollup';

export const DEFAULT_NATIONAL_THRESHOLD = 3;

/** What the flag reads about the tree; counts are of agreements in force. */
export interface FlagLookup {
	kind(node: string): NodeKind | undefined;
	/** The node's own totals (without its subtree). */
	own(node: string): Pick<Totals, 'agreements'>;
	/** Totals over the node's subtree, itself included. */
	subtree(node: string): Pick<Totals, 'agreements'>;
	/** The node's parent, or undefined at the top of the account. */
	parent(node: string): string | undefined;
	children(node: string): readonly string[];
}

function isCovered(node: string, tree: FlagLookup): boolean {
	for (let at: string | undefined = node; at !== undefined; at = tree.parent(at)) {
		const { national, global } = tree.own(at).agreements;
		if (national + global > 0) return true;
	}
	return false;
}

/**
 * Regional agreements in force in `node`'s subtree that no national or global agreement at
 * `node` or between it and them covers. Descends only where the subtree holds regional ones.
 */
function openRegional(node: string, tree: FlagLookup): number {
	const own = tree.own(node).agreements;
	if (own.national + own.global > 0) return 0;
	let count = own.regional;
	for (const child of tree.children(node)) {
		if (tree.subtree(child).agreements.regional > 0) count += openRegional(child, tree);
	}
	return count;
}

/** `node`'s open regional agreements when it could carry the flag, else undefined. */
function qualifying(node: string, tree: FlagLookup, threshold: number): number | undefined {
	const kind = tree.kind(node);
	if (kind === undefined || kind === 'branch') return undefined;
	if (tree.subtree(node).agreements.regional < threshold || isCovered(node, tree)) return undefined;
	const open = openRegional(node, tree);
	return open >= threshold ? open : undefined;
}

/**
 * The regional agreements that raise the flag on `node` (in force, not yet under a national or
 * global agreement), or undefined when `node` does not carry it.
 */
export function potentialNationalAgreements(
	node: string,
	tree: FlagLookup,
	threshold = DEFAULT_NATIONAL_THRESHOLD
): number | undefined {
	const open = qualifying(node, tree, threshold);
	if (open === undefined) return undefined;
	// Not when one child gathers the same agreements: the flag sits on the lowest node.
	return tree.children(node).some((child) => qualifying(child, tree, threshold) === open)
		? undefined
		: open;
}

export function isPotentialNational(
	node: string,
	tree: FlagLookup,
	threshold = DEFAULT_NATIONAL_THRESHOLD
): boolean {
	return potentialNationalAgreements(node, tree, threshold) !== undefined;
}
