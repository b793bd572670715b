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
			out.push({
				id,
				parent: parent === ROOT ? undefined : parent,
				label: summary?.node.name ?? '',
				spend: summary?.totals.spend ?? 0,
				ownSpend: view.tree.rollups.own(id).spend,
				ours: summary?.totals.ours ?? 0,
				share: summary?.share,
				tier: summary?.tier ?? 1
			});
			walk(id);
		}
	};
	walk(ROOT);
	return out;
}
