import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocKind } from '../../src/lib/domain/documents';
import { JourneyModel, facilitatorStateKey, readJourney } from '../../src/lib/model/journey';
import { KINDS } from '../../src/lib/model/kinds';
import { readMeta, setTitle } from '../../src/lib/model/meta';
import { createUndoManager } from '../../src/lib/model/undo';

/** A facilitator who edits the map, then runs the workshop: every command of the workshop bar. */
function facilitatorSession(undo: (doc: Y.Doc) => Y.UndoManager) {
	const doc = new Y.Doc();
	const model = new JourneyModel(doc);
	const manager = undo(doc);
	const added = model.addStage('Arrival');
	if (!('id' in added)) throw new Error(added.problem);
	manager.stopCapturing();
	setTitle(doc, 'Hospital visit');
	manager.stopCapturing();
	model.setPhase('writing');
	model.setSilent(true);
	model.setAnonymous(true);
	model.setLocked(true);
	model.startTimer(5 * 60_000, 1_000);
	model.setFocus({ kind: 'stage', id: added.id });
	// The stored workshop state (reads hide a focus on a stage that is gone; the store keeps it).
	const workshopBefore = facilitatorStateKey(doc);
	return { doc, model, manager, stage: added.id, workshopBefore };
}

describe('undo is scoped by the document kind', () => {
	it("the facilitator's undo cannot change phase, lock, timer or silent mode", () => {
		const { doc, model, manager, workshopBefore } = facilitatorSession((doc) =>
			createUndoManager(doc, KINDS[DocKind.journey].undo)
		);
		// Undo everything there is to undo, then redo it all: the workshop never moves.
		while (manager.canUndo()) {
			manager.undo();
			expect(facilitatorStateKey(doc)).toBe(workshopBefore);
		}
		expect(readJourney(doc).stages).toHaveLength(0);
		expect(readMeta(doc).title).toBe('');
		expect(model.readWorkshop()).toMatchObject({
			phase: 'writing',
			silent: true,
			anonymous: true,
			locked: true
		});
		expect(model.readWorkshop().timer.startedAt).toBe(1_000);
		while (manager.canRedo()) manager.redo();
		expect(readJourney(doc).stages.map((s) => s.name)).toEqual(['Arrival']);
		expect(readMeta(doc).title).toBe('Hospital visit');
		expect(facilitatorStateKey(doc)).toBe(workshopBefore);
	});

	it('a whole-document undo would have unlocked the board (why the journey has its own scope)', () => {
		const { model, manager } = facilitatorSession(createUndoManager);
		manager.undo();
		expect(model.readWorkshop().locked).toBe(false);
	});

	it('every kind a person edits has an undo; boards and drafts, written through the API, none', () => {
		const withUndo = Object.entries(KINDS)
			.filter(([, spec]) => 'undo' in spec)
			.map(([kind]) => kind)
			.sort();
		expect(withUndo).toEqual(
			[
				DocKind.account,
				DocKind.journey,
				DocKind.reviewCycle,
				DocKind.workspace,
				DocKind.developmentPlan
			].sort()
		);
	});
});
