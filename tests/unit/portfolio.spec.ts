/**
 * A portfolio of accounts (issue 17): each account document read as one row — tier, actual spend
 * and share with their quarter-on-quarter trend, open alerts, checklist, overdue actions, owner —
 * then sorted and filtered. Figures worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	filterPortfolio,
	sortPortfolio,
	type PortfolioRow
} from '../../src/lib/domain/account/portfolio';
import type { Booking } from '../../src/lib/domain/bookings/rows';
import { AccountTree, ROOT } from '../../src/lib/model/account';
import { AccountBookings } from '../../src/lib/model/account-bookings';
import { AccountPlan } from '../../src/lib/model/account-plan';
import { accountPortfolioRow } from '../../src/lib/model/account-portfolio';

const day = (iso: string) => Date.parse(iso) / 86_400_000;
const trip = (date: string, fare: number, carrier: string): Booking => ({
	day: day(date),
	origin: 'PEK',
	destination: 'SHA',
	cabin: 'Y',
	fare,
	carrier,
	ticket: '',
	department: '江苏分公司',
	traveller: ''
});
const NOW = Date.UTC(2026, 11, 5, 9);

describe('an account as a portfolio row', () => {
	const doc = new Y.Doc();
	const tree = new AccountTree(doc);
	const plan = new AccountPlan(doc);
	const group = tree.addNode(ROOT, { name: '华远集团', headcount: 1200 });
	const jiangsu = tree.addNode(group, { name: '江苏分公司', spend: 500_000, ours: 50_000 });
	tree.addNode(group, { name: '北京分公司', spend: 1_000_000, ours: 600_000 });
	const lead = plan.team.put({ name: '王敏', role: 'hq', region: '北京' });
	tree.setField(group, 'owner', lead);
	// Q2 2026: 1000 with us, 1000 not; Q3 2026: 3000 with us, 1000 not.
	new AccountBookings(doc).add(
		[
			trip('2026-05-10', 1000, 'CA'),
			trip('2026-05-11', 1000, 'MU'),
			trip('2026-08-01', 3000, 'CA'),
			trip('2026-09-30', 1000, 'MU')
		],
		{ fileName: 'x.csv', encoding: 'utf-8', author: '' }
	);
	new AccountBookings(doc).mapDepartment('江苏分公司', jiangsu);
	plan.raiseAlerts(
		[{ node: jiangsu, period: '2026-Q3', previous: '2026-Q2', spend: 1, before: 2, drop: 0.5 }],
		NOW
	);
	plan.actions.put({ title: '报表', owner: '', due: '2026-11-01', status: 'open', createdAt: 0 });
	plan.setChecklist('segment', 'soe');

	const row = accountPortfolioRow(doc, { id: 'a1', title: '华远' }, NOW);

	it('counts Jiangsu by its bookings and Beijing by its estimate', () => {
		// Jiangsu: 6000 of which 4000 with us; Beijing: 1,000,000 of which 600,000.
		expect(row).toMatchObject({
			id: 'a1',
			title: '华远',
			basis: 'mixed',
			spend: 1_006_000,
			share: 604_000 / 1_006_000,
			// ¥60.4万 with us reaches tier 4 (¥60万); a wallet of ¥100.6万 at 60% opens tier 5's
			// share path (¥100万 and 40%); tier 6 needs a ¥200万 wallet.
			tier: 5
		});
	});

	it('reads the trend from the last full quarter against the one before', () => {
		// Q3 4000 against Q2 2000: +100%; share 75% against 50%: +25 points.
		expect(row.spendTrend).toBeCloseTo(1, 10);
		expect(row.shareTrend).toBeCloseTo(0.25, 10);
	});

	it('counts open alerts, overdue actions, the checklist and names the owner', () => {
		expect(row).toMatchObject({
			openAlerts: 1,
			overdueActions: 1,
			// Segment typed, headcount from the tree.
			checklistDone: 2,
			checklistTotal: 9,
			owner: '王敏'
		});
	});
});

describe('sorting and filtering the portfolio', () => {
	const base: Omit<PortfolioRow, 'id' | 'title' | 'tier' | 'spendTrend' | 'owner'> = {
		basis: 'actual',
		spend: 0,
		share: 0.5,
		shareTrend: 0,
		openAlerts: 0,
		checklistDone: 0,
		checklistTotal: 9,
		overdueActions: 0
	};
	const rows: PortfolioRow[] = [
		{ ...base, id: '1', title: 'Beta', tier: 3, spendTrend: 0.2, owner: '王敏' },
		{ ...base, id: '2', title: 'Alpha', tier: 7, spendTrend: undefined, owner: 'Chen' },
		{ ...base, id: '3', title: 'Gamma', tier: 3, spendTrend: -0.4, owner: 'Liu' }
	];

	it('sorts by a column, ties by title, missing values last either way', () => {
		const ids = (sorted: PortfolioRow[]) => sorted.map((row) => row.id);
		expect(ids(sortPortfolio(rows, 'tier', 'descending', 'en'))).toEqual(['2', '1', '3']);
		expect(ids(sortPortfolio(rows, 'spendTrend', 'ascending', 'en'))).toEqual(['3', '1', '2']);
		expect(ids(sortPortfolio(rows, 'spendTrend', 'descending', 'en'))).toEqual(['1', '3', '2']);
		expect(ids(sortPortfolio(rows, 'title', 'ascending', 'en'))).toEqual(['2', '1', '3']);
	});

	it('filters by title or owner', () => {
		expect(filterPortfolio(rows, 'alp').map((row) => row.id)).toEqual(['2']);
		expect(filterPortfolio(rows, '王').map((row) => row.id)).toEqual(['1']);
		expect(filterPortfolio(rows, ' ')).toHaveLength(3);
	});
});
