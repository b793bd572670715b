/**
 * One account document read as a portfolio row: its tree, plan and bookings, the same figures
 * the account's own page shows (tiers on bookings where there are any, estimates elsewhere).
 * Runs on the page for a handful of accounts: decoding 20,000 bookings takes tens of ms.
 */
import type * as Y from 'yjs';
import { blendTotals } from '../domain/account/actuals';
import { completeness } from '../domain/account/checklist';
import { isoToday } from '../domain/account/node';
import { isOverdue } from '../domain/account/plan-actions';
import type { PortfolioRow } from '../domain/account/portfolio';
import { shareOf } from '../domain/account/rollup';
import { tierOf } from '../domain/account/tiers';
import { actualsWindow, nodeActuals } from '../domain/bookings/node-actuals';
import { previousPeriod } from '../domain/bookings/periods';
import { latestPeriod } from '../domain/bookings/report';
import { AccountTree, ROOT, TRASH } from './account';
import { AccountBookings } from './account-bookings';
import { AccountPlan } from './account-plan';

const DAY_MS = 86_400_000;

export function accountPortfolioRow(
	doc: Y.Doc,
	entry: { id: string; title: string },
	now = Date.now()
): PortfolioRow {
	const tree = new AccountTree(doc);
	try {
		const plan = new AccountPlan(doc);
		const bookings = new AccountBookings(doc);
		const tops = tree.children(ROOT);
		const parentOf = (node: string) => {
			const parent = tree.tree.parentOf(node);
			return parent === ROOT || parent === TRASH ? undefined : parent;
		};
		const departments: Record<string, string[]> = {};
		for (const [name, node] of bookings.departmentNodes) {
			if (typeof node !== 'string' || !tree.isLive(node)) continue;
			const path = [node];
			for (let at = parentOf(node); at; at = parentOf(at)) path.push(at);
			departments[name] = path;
		}
		const all = bookings.all();
		const lastDay = all.reduce((last, b) => Math.max(last, b.day), -Infinity);

		// Estimates alone, unless there are bookings.
		let spend = tops.reduce((sum, id) => sum + tree.rollups.totals(id).spend, 0);
		let ours = tops.reduce((sum, id) => sum + tree.rollups.totals(id).ours, 0);
		let basis: PortfolioRow['basis'] = 'estimate';
		let spendTrend: number | undefined;
		let shareTrend: number | undefined;
		if (Number.isFinite(lastDay)) {
			const today = Math.floor(now / DAY_MS);
			const quarter = latestPeriod('quarter', lastDay, today);
			const actuals = nodeActuals(all, {
				departments,
				ourCarriers: bookings.settings().ourCarriers,
				periods: [previousPeriod(quarter), quarter],
				window: actualsWindow(lastDay).window
			});
			const blended = blendTotals({
				nodes: tree.liveNodes(),
				parentOf,
				estimate: (node) => tree.rollups.own(node),
				actual: actuals.own
			});
			spend = 0;
			ours = 0;
			let actualNodes = 0;
			let estimateNodes = 0;
			for (const id of tops) {
				const totals = blended.get(id);
				spend += totals?.spend ?? 0;
				ours += totals?.ours ?? 0;
				actualNodes += totals?.actualNodes ?? 0;
				estimateNodes += totals?.estimateNodes ?? 0;
			}
			basis = actualNodes === 0 ? 'estimate' : estimateNodes === 0 ? 'actual' : 'mixed';
			// The trend reads the bookings attached to the tree, quarter on quarter.
			const [before, after] = [0, 1].map((i) =>
				tops.reduce(
					(sum, id) => {
						const period = actuals.subtree[id]?.periods[i];
						return period?.covered
							? { spend: sum.spend + period.spend, ours: sum.ours + period.ours }
							: sum;
					},
					{ spend: 0, ours: 0 }
				)
			);
			if (before!.spend > 0) {
				spendTrend = after!.spend / before!.spend - 1;
				const shareAfter = shareOf(after!);
				if (shareAfter !== undefined) shareTrend = shareAfter - before!.ours / before!.spend;
			}
		}

		const actions = plan.actions.all();
		const todayIso = isoToday(new Date(now));
		const checklist = completeness(
			plan.checklist(),
			tops.reduce((sum, id) => sum + tree.rollups.totals(id).headcount, 0)
		);
		const team = plan.team.all();
		const ownerId = tops.map((id) => tree.node(id)?.owner).find(Boolean);
		const owner =
			team.find((member) => member.id === ownerId)?.name ??
			team.find((member) => member.role === 'hq')?.name ??
			'';
		return {
			id: entry.id,
			title: entry.title,
			tier: tierOf({ spend, ours }, tree.tiers()),
			basis,
			spend,
			share: shareOf({ spend, ours }),
			spendTrend,
			shareTrend,
			openAlerts: actions.filter((action) => action.alert && action.status !== 'done').length,
			checklistDone: checklist.done,
			checklistTotal: checklist.total,
			overdueActions: actions.filter((action) => isOverdue(action, todayIso)).length,
			owner
		};
	} finally {
		tree.destroy();
	}
}
