import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { metaMap, setTitle } from '../../src/lib/model/meta';
import { createUndoManager } from '../../src/lib/model/undo';

/** Two replicas that exchange every update at once, as through the relay. */
function pair(): [Y.Doc, Y.Doc] {
	const a = new Y.Doc();
	const b = new Y.Doc();
	a.on('update', (update: Uint8Array, origin: unknown) => {
		if (origin !== 'remote') Y.applyUpdate(b, update, 'remote');
	});
	b.on('update', (update: Uint8Array, origin: unknown) => {
		if (origin !== 'remote') Y.applyUpdate(a, update, 'remote');
	});
	return [a, b];
}

describe('per-person undo', () => {
	it('undoes only this person’s edits, never someone else’s', () => {
		const [alice, bob] = pair();
		const undo = createUndoManager(alice);
		setTitle(alice, 'Alice’s title');
		undo.stopCapturing();
		bob.transact(() => metaMap(bob).set('owner', 'Bob'), 'panorama:local');

		undo.undo();
		expect(metaMap(alice).get('title')).toBeUndefined();
		expect(metaMap(alice).get('owner')).toBe('Bob');
		expect(metaMap(bob).get('owner')).toBe('Bob');
		expect(undo.canUndo()).toBe(false);

		undo.redo();
		expect(metaMap(bob).get('title')).toBe('Alice’s title');
	});

	it('does not track changes that arrive from elsewhere', () => {
		const [alice, bob] = pair();
		const undo = createUndoManager(alice);
		setTitle(bob, 'Bob’s title');
		expect(undo.canUndo()).toBe(false);
		expect(metaMap(alice).get('title')).toBe('Bob’s title');
	});

	it('groups keystrokes typed together into one step', () => {
		const doc = new Y.Doc();
		const undo = createUndoManager(doc);
		setTitle(doc, 'A');
		setTitle(doc, 'Ac');
		setTitle(doc, 'Acm');
		undo.stopCapturing();
		setTitle(doc, 'Acme');
		undo.undo();
		expect(metaMap(doc).get('title')).toBe('Acm');
		undo.undo();
		expect(metaMap(doc).get('title')).toBeUndefined();
	});
});
