/**
 * The account's live units as the charts read them: a flat list, parents before children,
 * siblings in outline order. Read inside a reactive context, it re-runs when the tree changes.
 */
import { ROOT } from '../model/account';
import type { AccountView } from '../model/account-view.svelte';
import type { AccountChartNode } from './account-charts';

export function accountChartNodes(view: AccountView): AccountChartNode[] {
	const out: AccountChartNode[] = [];
	const walk = (parent: string) => {
		for (const id of view.children(parent)) {
			const summary = view.summary(id);
			const spend = summary?.used.spend ?? 0;
			// What the unit counts by itself: its subtree less its children's subtrees, so the
			// charts' areas add up whether a unit counts by bookings or by its estimate.
			const childSpend = view
				.children(id)
				.reduce((sum, child) => sum + (view.summary(child)?.used.spend ?? 0), 0);
			out.push({
				id,
				parent: parent === ROOT ? undefined : parent,
				label: summary?.node.name ?? '',
				spend,
				ownSpend: Math.max(0, spend - childSpend),
				ours: summary?.used.ours ?? 0,
				share: summary?.share,
				tier: summary?.tier ?? 1
			});
			walk(id);
		}
	};
	walk(ROOT);
	return out;
}
