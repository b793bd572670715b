/**
 * Agreements as managed data: only agreements in force count, and the potential-national-account
 * flag sits on the lowest uncovered node with enough regional agreements (issue 17).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Agreement } from '../../src/lib/domain/account/node';
import { daysToExpiry, isInForce, isoToday } from '../../src/lib/domain/account/node';
import { AccountTree, ROOT } from '../../src/lib/model/account';

const TODAY = '2026-12-04';

function agreement(fields: Partial<Agreement>): Omit<Agreement, 'id'> {
	return {
		type: 'regional',
		status: 'signed',
		number: 'R-1',
		start: '2026-01-01',
		end: '2027-12-31',
		terms: '',
		...fields
	};
}

describe('agreements in force', () => {
	it('counts only signed agreements within their dates', () => {
		expect(isInForce(agreement({}), TODAY)).toBe(true);
		expect(isInForce(agreement({ start: '', end: '' }), TODAY)).toBe(true);
		expect(isInForce(agreement({ end: '2020-12-31' }), TODAY)).toBe(false);
		expect(isInForce(agreement({ start: '2027-01-01' }), TODAY)).toBe(false);
		expect(isInForce(agreement({ end: TODAY }), TODAY)).toBe(true);
		expect(isInForce(agreement({ status: 'negotiating' }), TODAY)).toBe(false);
		expect(isInForce(agreement({ status: 'terminated' }), TODAY)).toBe(false);
	});

	it('lists in-force agreements ending within 90 days with the days left', () => {
		expect(daysToExpiry(agreement({ end: '2026-12-31' }), TODAY)).toBe(27);
		expect(daysToExpiry(agreement({ end: TODAY }), TODAY)).toBe(0);
		expect(daysToExpiry(agreement({ end: '2027-03-04' }), TODAY)).toBe(90);
		expect(daysToExpiry(agreement({ end: '2027-03-05' }), TODAY)).toBeUndefined();
		expect(daysToExpiry(agreement({ end: '' }), TODAY)).toBeUndefined();
		expect(daysToExpiry(agreement({ end: '2020-01-01' }), TODAY)).toBeUndefined();
	});

	it("writes today's date as the ISO date agreements are typed in", () => {
		expect(isoToday(new Date(2026, 0, 5))).toBe('2026-01-05');
	});
});

/**
 * 集团 → 华东子公司 → 上海/南京/杭州 分公司, and 集团 → 华南子公司 → 广州分公司. Dates are relative to
 * the real today, since the model counts agreements in force now.
 */
function fixture() {
	const tree = new AccountTree(new Y.Doc());
	const today = isoToday();
	const year = Number(today.slice(0, 4));
	const current = { start: `${year - 1}-01-01`, end: `${year + 2}-12-31` };
	const group = tree.addNode(ROOT, { name: '集团', kind: 'group' });
	const east = tree.addNode(group, { name: '华东子公司', kind: 'subsidiary' });
	const south = tree.addNode(group, { name: '华南子公司', kind: 'subsidiary' }, { after: east });
	const branches = ['上海分公司', '南京分公司', '杭州分公司'].map((name) =>
		tree.addNode(east, { name, kind: 'branch' })
	);
	const guangzhou = tree.addNode(south, { name: '广州分公司', kind: 'branch' });
	const regional = (node: string, fields: Partial<Agreement> = {}) =>
		tree.putAgreement(node, agreement({ ...current, ...fields }));
	return { tree, group, east, south, branches, guangzhou, regional, current, year };
}

describe('potential national account flag', () => {
	it('sits on the lowest node with N regional agreements in force, not on its ancestors', () => {
		const { tree, group, east, south, branches, regional } = fixture();
		for (const branch of branches) regional(branch);
		expect(tree.isPotentialNational(east)).toBe(true);
		expect(tree.isPotentialNational(group)).toBe(false);
		expect(tree.isPotentialNational(south)).toBe(false);
		for (const branch of branches) expect(tree.isPotentialNational(branch)).toBe(false);
	});

	it('flags an ancestor too when it gathers more agreements than its flagged child', () => {
		const { tree, group, east, south, branches, guangzhou, regional } = fixture();
		for (const branch of branches) regional(branch);
		regional(guangzhou);
		expect(tree.isPotentialNational(east)).toBe(true);
		expect(tree.isPotentialNational(group)).toBe(true);
		expect(tree.isPotentialNational(south)).toBe(false);
	});

	it('moves up to the group when the agreements are spread over subsidiaries', () => {
		const { tree, group, east, branches, guangzhou, regional } = fixture();
		regional(branches[0]!);
		regional(branches[1]!);
		regional(guangzhou);
		expect(tree.isPotentialNational(group)).toBe(true);
		expect(tree.isPotentialNational(east)).toBe(false);
	});

	it('ignores expired, terminated and blank agreements', () => {
		const { tree, east, branches, regional, year } = fixture();
		regional(branches[0]!);
		regional(branches[1]!);
		regional(branches[2]!, { start: '2018-01-01', end: `${year - 5}-12-31` });
		expect(tree.isPotentialNational(east)).toBe(false);
		regional(branches[2]!, { status: 'terminated' });
		expect(tree.isPotentialNational(east)).toBe(false);
		// What "Add agreement" creates: no number, no dates, not signed.
		tree.putAgreement(branches[2]!, {
			type: 'regional',
			status: 'negotiating',
			number: '',
			start: '',
			end: '',
			terms: ''
		});
		expect(tree.isPotentialNational(east)).toBe(false);
		expect(tree.rollups.totals(east).agreements.regional).toBe(2);
		regional(branches[2]!);
		expect(tree.isPotentialNational(east)).toBe(true);
	});

	it('clears when a national agreement is signed above, and only while that one is in force', () => {
		const { tree, group, east, branches, regional, current } = fixture();
		for (const branch of branches) regional(branch);
		const national = tree.putAgreement(
			group,
			agreement({ type: 'national', status: 'negotiating', number: 'N-1', ...current })
		);
		expect(tree.isPotentialNational(east)).toBe(true);
		tree.putAgreement(group, {
			id: national,
			...agreement({ type: 'national', number: 'N-1', ...current })
		});
		expect(tree.isPotentialNational(east)).toBe(false);
		expect(tree.isPotentialNational(group)).toBe(false);
		tree.removeAgreement(national);
		expect(tree.isPotentialNational(east)).toBe(true);
	});

	it('on a deeper chain, sits on the lowest node only, and a national agreement anywhere above clears it', () => {
		// 集团 → 华东子公司 → 江苏公司 → 南京/苏州/无锡营业部: three ancestors above the branches.
		const tree = new AccountTree(new Y.Doc());
		const year = Number(isoToday().slice(0, 4));
		const current = { start: `${year - 1}-01-01`, end: `${year + 2}-12-31` };
		const group = tree.addNode(ROOT, { name: '集团', kind: 'group' });
		const east = tree.addNode(group, { name: '华东子公司', kind: 'subsidiary' });
		const jiangsu = tree.addNode(east, { name: '江苏公司', kind: 'subsidiary' });
		for (const name of ['南京营业部', '苏州营业部', '无锡营业部']) {
			const branch = tree.addNode(jiangsu, { name, kind: 'branch' });
			tree.putAgreement(branch, agreement({ ...current }));
		}
		const flagged = () => [group, east, jiangsu].filter((id) => tree.isPotentialNational(id));
		expect(flagged()).toEqual([jiangsu]);
		expect(tree.potentialNationalAgreements(jiangsu)).toBe(3);
		// An expired national agreement at the top covers nothing.
		tree.putAgreement(
			group,
			agreement({ type: 'national', start: '2015-01-01', end: '2020-12-31' })
		);
		expect(flagged()).toEqual([jiangsu]);
		// A blank one ("Add agreement") neither.
		tree.putAgreement(group, {
			type: 'national',
			status: 'negotiating',
			number: '',
			start: '',
			end: '',
			terms: ''
		});
		expect(flagged()).toEqual([jiangsu]);
		// A national agreement in force two levels up clears it, and the group is not flagged for
		// the same three either: they are consolidated under 华东子公司's agreement already.
		const national = tree.putAgreement(east, agreement({ type: 'national', ...current }));
		expect(flagged()).toEqual([]);
		tree.removeAgreement(national);
		expect(flagged()).toEqual([jiangsu]);
		// So does a global agreement at the top.
		tree.putAgreement(group, agreement({ type: 'global', ...current }));
		expect(flagged()).toEqual([]);
	});

	it('reads agreements stored before they had a status: numbered ones as signed, blank ones not', () => {
		const { tree, branches } = fixture();
		tree.agreements.set('legacy-numbered', {
			node: branches[0]!,
			type: 'regional',
			number: 'R-2019-7',
			start: '',
			end: '',
			terms: ''
		} as never);
		tree.agreements.set('legacy-blank', {
			node: branches[1]!,
			type: 'regional',
			number: '',
			start: '',
			end: '',
			terms: ''
		} as never);
		expect(tree.node(branches[0]!)?.agreements[0]?.status).toBe('signed');
		expect(tree.node(branches[1]!)?.agreements[0]?.status).toBe('negotiating');
	});
});
