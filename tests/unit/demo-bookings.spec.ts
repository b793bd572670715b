import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { spendAlerts } from '../../src/lib/domain/bookings/alerts';
import { periodOf, previousPeriod } from '../../src/lib/domain/bookings/periods';
import { latestPeriod, travelReport } from '../../src/lib/domain/bookings/report';
import { greatCircleKm } from '../../src/lib/domain/bookings/routes';
import { AccountBookings } from '../../src/lib/model/account-bookings';
import { AccountTree, ROOT } from '../../src/lib/model/account';
import { writeDemoAccount } from '../../src/lib/model/demo-account';

describe('demo bookings', () => {
	const doc = new Y.Doc();
	writeDemoAccount(doc, { language: 'zh' });
	const tree = new AccountTree(doc);
	const bookings = new AccountBookings(doc);
	const all = bookings.all();
	const today = Math.floor(Date.now() / 86_400_000);
	const departments: Record<string, string[]> = {};
	for (const [name, node] of bookings.departmentNodes) {
		departments[name] = [node, ...tree.tree.ancestors(node).filter((a) => a !== ROOT)];
	}
	const places = {
		city: (iata: string) => ({ PKX: 'PEK', SHA: 'PVG', TFU: 'CTU' })[iata] ?? iata,
		// Distances do not matter here; any positive number keeps price per km defined.
		distance: () => greatCircleKm({ lat: 0, lon: 0 }, { lat: 0, lon: 10 })
	};

	it('holds about 20,000 bookings over the two years up to yesterday', () => {
		expect(all.length).toBeGreaterThan(19_400);
		expect(all.length).toBeLessThan(20_600);
		const days = all.map((b) => b.day);
		expect(Math.max(...days)).toBeLessThan(today);
		expect(Math.min(...days)).toBeGreaterThanOrEqual(today - 730);
	});

	it('attaches every department in the bookings to a live node', () => {
		const names = new Set(all.map((b) => b.department));
		for (const name of names) expect(tree.isLive(bookings.nodeOfDepartment(name)!)).toBe(true);
	});

	it('flies about 50 city pairs, of which a handful carry 80% of the spend', () => {
		const period = { kind: 'year', year: periodOf(today - 1, 'year').year, index: 1 } as const;
		const report = travelReport(
			all,
			{
				period,
				history: 2,
				departments,
				node: null,
				ourCarriers: ['CA'],
				benchmark: {},
				mergeDirections: true,
				topDestinations: 10
			},
			places
		);
		expect(report.routes.length).toBeGreaterThanOrEqual(40);
		expect(report.routes.length).toBeLessThanOrEqual(50);
		expect(report.paretoCount).toBeLessThanOrEqual(8);
	});

	it('shows a spend alert in the last full quarter', () => {
		const period = latestPeriod('quarter', today - 1, today);
		expect(period).toEqual(previousPeriod(periodOf(today, 'quarter')));
		const alerts = spendAlerts(all, departments, period, 0.3);
		expect(alerts.length).toBeGreaterThanOrEqual(1);
		expect(alerts[0]!.drop).toBeGreaterThan(0.4);
	});
});
