import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
	checkTravelSettings,
	DEFAULT_TRAVEL_SETTINGS,
	parseCarriers,
	readTravelSettings
} from '../../src/lib/domain/bookings/settings';
import { AccountBookings } from '../../src/lib/model/account-bookings';
import { AccountPlan } from '../../src/lib/model/account-plan';
import { createUndoManager } from '../../src/lib/model/undo';

describe('travel settings', () => {
	it('reads carrier codes as people type them and refuses what is not a code', () => {
		expect(parseCarriers('ca, zh；SC、ca')).toEqual(['CA', 'ZH', 'SC']);
		expect(parseCarriers('')).toBe('bad-carrier');
		expect(parseCarriers('Air China')).toBe('bad-carrier');
	});

	it('checks benchmarks and the alert threshold before saving', () => {
		const ok = { ...DEFAULT_TRAVEL_SETTINGS };
		expect(checkTravelSettings(ok)).toBeUndefined();
		expect(checkTravelSettings({ ...ok, benchmark: { Y: -1 } })).toBe('bad-benchmark');
		expect(checkTravelSettings({ ...ok, benchmark: { Y: NaN } })).toBe('bad-benchmark');
		expect(checkTravelSettings({ ...ok, alertDrop: 1 })).toBe('bad-alert-drop');
		expect(checkTravelSettings({ ...ok, alertDrop: NaN })).toBe('bad-alert-drop');
	});

	it('falls back to the defaults for anything stored wrongly', () => {
		expect(readTravelSettings({})).toEqual(DEFAULT_TRAVEL_SETTINGS);
		expect(readTravelSettings({ alertDrop: 5 })).toEqual(DEFAULT_TRAVEL_SETTINGS);
		expect(readTravelSettings({ ourCarriers: ['MU'], alertPeriod: 'month' })).toMatchObject({
			ourCarriers: ['MU'],
			alertPeriod: 'month'
		});
	});

	it('are stored in the account document and read back by another replica', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		a.on('update', (update: Uint8Array) => Y.applyUpdate(b, update));
		new AccountBookings(a).setSettings({ ...DEFAULT_TRAVEL_SETTINGS, ourCarriers: ['ZH'] });
		expect(new AccountBookings(b).settings().ourCarriers).toEqual(['ZH']);
	});
});

describe('alerts in the feedback log', () => {
	const alert = {
		node: 'n1',
		period: '2026-Q3',
		previous: '2026-Q2',
		spend: 500,
		before: 1000,
		drop: 0.5
	};

	it('are raised once, by whoever sees them first, and the same entry from two replicas', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		expect(new AccountPlan(a).raiseAlerts([alert], 1)).toBe(1);
		expect(new AccountPlan(b).raiseAlerts([alert], 2)).toBe(1);
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		const entries = new AccountPlan(a).feedback.all();
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({ kind: 'investigate', alert });
		expect(new AccountPlan(a).raiseAlerts([alert])).toBe(0);
	});

	it('stay deleted once someone deletes them, and are not undone by the person who opened the page', () => {
		const doc = new Y.Doc();
		const plan = new AccountPlan(doc);
		const undo = createUndoManager(doc);
		plan.raiseAlerts([alert]);
		expect(undo.canUndo()).toBe(false);
		plan.feedback.remove(plan.feedback.all()[0]!.id);
		expect(plan.raiseAlerts([alert])).toBe(0);
		expect(plan.feedback.all()).toEqual([]);
		// A later period is a new alert.
		expect(plan.raiseAlerts([{ ...alert, period: '2026-Q4', previous: '2026-Q3' }])).toBe(1);
	});
});
