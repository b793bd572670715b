/**
 * Alerts become work (issue 17): each spend alert raises an open action owned by the unit's owner
 * and due two weeks later; actions past their due date and not done are overdue; the checklist's
 * headcount is the tree's roll-up.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { completeness } from '../../src/lib/domain/account/checklist';
import { addDays, daysOverdue, isOverdue } from '../../src/lib/domain/account/plan-actions';
import { AccountPlan } from '../../src/lib/model/account-plan';

describe('overdue actions', () => {
	it('are the ones past their due date and not done', () => {
		const today = '2026-12-05';
		expect(daysOverdue({ due: '2026-12-01', status: 'open' }, today)).toBe(4);
		expect(daysOverdue({ due: '2026-12-04', status: 'doing' }, today)).toBe(1);
		expect(isOverdue({ due: '2026-12-05', status: 'open' }, today)).toBe(false);
		expect(isOverdue({ due: '2026-11-01', status: 'done' }, today)).toBe(false);
		expect(isOverdue({ due: '', status: 'open' }, today)).toBe(false);
		expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
	});
});

describe('alerts as plan actions', () => {
	const alert = {
		node: 'n1',
		period: '2026-Q3',
		previous: '2026-Q2',
		spend: 340,
		before: 1000,
		drop: 0.66
	};

	it('raise one open action per alert, owned by the unit’s owner and due in two weeks', () => {
		const plan = new AccountPlan(new Y.Doc());
		plan.raiseAlerts([{ ...alert, owner: 'm1' }], Date.UTC(2026, 9, 3));
		expect(plan.actions.all()).toEqual([
			{
				id: 'alert:n1:2026-Q3',
				title: '',
				owner: 'm1',
				due: '2026-10-17',
				status: 'open',
				createdAt: Date.UTC(2026, 9, 3),
				alert
			}
		]);
		// Raised again (another visit, another person): nothing new.
		expect(plan.raiseAlerts([{ ...alert, owner: 'm2' }])).toBe(0);
		expect(plan.actions.all()).toHaveLength(1);
	});

	it('keep their alert when the team edits them', () => {
		const plan = new AccountPlan(new Y.Doc());
		plan.raiseAlerts([alert], Date.UTC(2026, 9, 3));
		plan.actions.update('alert:n1:2026-Q3', { title: '约采购经理面谈', status: 'doing' });
		expect(plan.actions.all()[0]).toMatchObject({ title: '约采购经理面谈', owner: '', alert });
	});
});

describe('checklist headcount', () => {
	it('counts as filled from the tree’s roll-up, not from text typed in the checklist', () => {
		expect(completeness({ headcount: '约3万人' }, 0).missing).toContain('headcount');
		expect(completeness({}, 35_809).missing).not.toContain('headcount');
	});
});
