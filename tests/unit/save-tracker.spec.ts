import { describe, expect, it } from 'vitest';
import { SaveTracker } from '../../src/lib/transport/save-tracker.ts';
import { reconnectDelay, syncStatus } from '../../src/lib/transport/status.ts';

describe('SaveTracker', () => {
	it('counts a connected change as unsaved until its own frame is acknowledged', () => {
		const tracker = new SaveTracker();
		tracker.frameSent('step2'); // the greeting, nothing of ours in it
		tracker.documentChanged(true, true);
		tracker.frameSent('update');
		tracker.documentChanged(true, true);
		tracker.frameSent('update');
		expect(tracker.unsaved).toBe(2);
		tracker.stored(2);
		expect(tracker.unsaved).toBe(1);
		tracker.stored(3);
		expect(tracker.unsaved).toBe(0);
	});

	it('keeps offline changes until a step 2 carrying them is acknowledged', () => {
		const tracker = new SaveTracker();
		for (let i = 0; i < 12; i++) tracker.documentChanged(true, false);
		expect(tracker.unsaved).toBe(12);
		// Reconnected: a change made before the step 2 goes out alone and does not cover the others.
		tracker.documentChanged(true, true);
		tracker.frameSent('update');
		tracker.stored(1);
		expect(tracker.unsaved).toBe(12);
		tracker.frameSent('step2');
		expect(tracker.unsaved).toBe(12);
		tracker.stored(2);
		expect(tracker.unsaved).toBe(0);
	});

	it('a delete-only change is saved by the acknowledgement count, not the state vector', () => {
		const tracker = new SaveTracker();
		tracker.documentChanged(true, true);
		tracker.frameSent('update');
		tracker.stored(1);
		expect(tracker.unsaved).toBe(0);
	});

	it('remote and persisted updates are not this person’s changes', () => {
		const tracker = new SaveTracker();
		tracker.documentChanged(false, true);
		tracker.frameSent('update'); // e.g. IndexedDB content resent to the relay
		expect(tracker.unsaved).toBe(0);
	});

	it('a dropped connection returns unacknowledged changes to the queue', () => {
		const tracker = new SaveTracker();
		tracker.documentChanged(true, true);
		tracker.frameSent('update');
		tracker.disconnected();
		expect(tracker.unsaved).toBe(1);
		// The next connection numbers from 1 again; its step 2 carries the change.
		tracker.frameSent('step2');
		tracker.stored(1);
		expect(tracker.unsaved).toBe(0);
	});

	it('starts from the count an earlier session left', () => {
		const tracker = new SaveTracker(5);
		expect(tracker.unsaved).toBe(5);
		tracker.frameSent('step2');
		tracker.stored(1);
		expect(tracker.unsaved).toBe(0);
	});

	it('notifies subscribers when the count changes', () => {
		const tracker = new SaveTracker();
		const seen: number[] = [];
		tracker.subscribe(() => seen.push(tracker.unsaved));
		tracker.documentChanged(true, true);
		tracker.frameSent('update');
		tracker.stored(1);
		expect(seen).toEqual([1, 0]);
	});
});

describe('syncStatus', () => {
	it.each([
		['disconnected', false, 3, 'offline'],
		['disconnected', true, 0, 'offline'],
		['connecting', false, 0, 'connecting'],
		['connected', false, 0, 'syncing'],
		['connected', true, 2, 'syncing'],
		['connected', true, 0, 'saved']
	] as const)('%s, synced=%s, unsaved=%i → %s', (connection, synced, unsaved, expected) => {
		expect(syncStatus(connection, synced, unsaved)).toBe(expected);
	});
});

describe('reconnectDelay', () => {
	it('stays between 1 s and 30 s and grows with the attempt', () => {
		expect(reconnectDelay(0, () => 0.5)).toBe(1000);
		expect(reconnectDelay(1, () => 0)).toBe(1000);
		expect(reconnectDelay(1, () => 1)).toBe(2000);
		expect(reconnectDelay(3, () => 0.5)).toBe(4500);
		expect(reconnectDelay(50, () => 1)).toBe(30_000);
		expect(reconnectDelay(50, () => 0)).toBe(1000);
	});
});
