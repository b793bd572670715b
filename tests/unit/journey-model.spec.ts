import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { journeyTemplate } from '../../src/lib/domain/journey/templates';
import type { JourneyView } from '../../src/lib/domain/journey/types';
import {
	JourneyModel,
	readJourney,
	readWorkshop,
	writeJourneyTemplate
} from '../../src/lib/model/journey';
import { DocKind } from '../../src/lib/domain/documents';
import { KINDS } from '../../src/lib/model/kinds';
import { Origin } from '../../src/lib/model/origins';
import { createUndoManager } from '../../src/lib/model/undo';

/** Replicas that exchange updates only when told to, like devices behind a relay. */
function replicas(count: number) {
	const docs = Array.from({ length: count }, () => new Y.Doc());
	const models = docs.map((doc) => new JourneyModel(doc));
	const sync = () => {
		for (const a of docs)
			for (const b of docs) if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a), 'remote');
	};
	return { docs, models, sync };
}

/** The visible map: stages with their touchpoints' names, in order; then the unplaced. */
function shape(view: JourneyView): string {
	const stages = view.stages.map((s) => `${s.name}[${s.touchpoints.map((t) => t.name).join(',')}]`);
	return `${stages.join(' ')} | ${view.unplaced.map((t) => t.name).join(',')}`;
}

function id(result: { id: string } | { problem: string }): string {
	if (!('id' in result)) throw new Error(result.problem);
	return result.id;
}

describe('journey document in Yjs', () => {
	it('seeds the airline template: 5 stages, 36 touchpoints, in order, in the chosen language', () => {
		const doc = new Y.Doc();
		expect(writeJourneyTemplate(doc, journeyTemplate('airline'), 'zh-CN')).toBe(true);
		const view = readJourney(doc);
		expect(view.stages.map((s) => s.name)).toEqual([
			'旅行前',
			'飞行前',
			'客舱中',
			'飞行后',
			'旅行后'
		]);
		expect(view.stages.flatMap((s) => s.touchpoints)).toHaveLength(36);
		expect(view.stages[0]!.touchpoints[0]).toMatchObject({
			name: '差旅政策查询',
			department: '差旅管理部',
			satisfaction: null,
			emotion: null
		});
		expect(view.stages[2]!.touchpoints.map((t) => t.name).slice(0, 4)).toEqual([
			'客舱服务',
			'座椅',
			'餐食',
			'客舱娱乐'
		]);
		// A second seeding is refused; the map is not doubled.
		expect(writeJourneyTemplate(doc, journeyTemplate('hospital'), 'en')).toBe(false);
		expect(readJourney(doc).stages).toHaveLength(5);

		const english = new Y.Doc();
		writeJourneyTemplate(english, journeyTemplate('airline'), 'en');
		expect(readJourney(english).stages[0]!.name).toBe('Pre-trip');
	});

	it('seeding is a system write: per-person undo leaves it alone', () => {
		const doc = new Y.Doc();
		const origins: unknown[] = [];
		doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
		const undo = createUndoManager(doc);
		writeJourneyTemplate(doc, journeyTemplate('b2b'), 'en');
		expect(origins).toEqual([Origin.system]);
		undo.undo();
		expect(readJourney(doc).stages).toHaveLength(5);
		origins.length = 0;
		new JourneyModel(doc).renameStage(readJourney(doc).stages[0]!.id, 'Find');
		expect(origins).toContain(Origin.local);
	});

	it('two devices seeding the same new map offline end up with one map, not two', () => {
		const { docs, sync } = replicas(2);
		writeJourneyTemplate(docs[0]!, journeyTemplate('airline'), 'zh-CN');
		writeJourneyTemplate(docs[1]!, journeyTemplate('airline'), 'zh-CN');
		sync();
		for (const doc of docs) {
			expect(readJourney(doc).stages).toHaveLength(5);
			expect(readJourney(doc).stages.flatMap((s) => s.touchpoints)).toHaveLength(36);
		}
		expect(shape(readJourney(docs[0]!))).toBe(shape(readJourney(docs[1]!)));
	});

	it('concurrent inserts at one spot both survive, in the same order everywhere; the next insert between them lands there', () => {
		const { models, sync } = replicas(2);
		const [alice, bob] = models as [JourneyModel, JourneyModel];
		const stage = id(alice.addStage('Pre-trip'));
		const first = id(alice.addTouchpoint(stage, { name: 'first' }));
		const last = id(alice.addTouchpoint(stage, { name: 'last' }));
		sync();
		const a = id(alice.addTouchpoint(stage, { name: 'A' }, { after: first }));
		const b = id(bob.addTouchpoint(stage, { name: 'B' }, { after: first }));
		sync();
		const order = shape(alice.read());
		expect(shape(bob.read())).toBe(order);
		expect(alice.touchpoint(a)!.order).toBe(bob.touchpoint(b)!.order);
		// Insert between the two tied ones: the second of them is re-keyed to make room.
		const [one, two] = alice.read().stages[0]!.touchpoints.slice(1, 3);
		id(alice.addTouchpoint(stage, { name: 'between' }, { after: one!.id }));
		sync();
		const names = bob.read().stages[0]!.touchpoints.map((t) => t.name);
		expect(names).toEqual(['first', one!.name, 'between', two!.name, 'last']);
		expect(last).toBeTruthy();
	});

	it('two people moving touchpoints at once, within and across stages, converge', () => {
		const { models, sync } = replicas(2);
		const [alice, bob] = models as [JourneyModel, JourneyModel];
		const s1 = id(alice.addStage('S1'));
		const s2 = id(alice.addStage('S2'));
		const s3 = id(alice.addStage('S3'));
		const t = ['a', 'b', 'c', 'd'].map((name) => id(alice.addTouchpoint(s1, { name })));
		sync();
		expect(alice.moveTouchpoint(t[0]!, s2, 'first')).toBeUndefined();
		expect(bob.moveTouchpoint(t[0]!, s3, 'last')).toBeUndefined();
		expect(alice.moveTouchpoint(t[3]!, s1, 'first')).toBeUndefined();
		expect(bob.moveTouchpoint(t[2]!, s1, { before: t[1]! })).toBeUndefined();
		expect(bob.moveStage(s3, 'first')).toBeUndefined();
		sync();
		expect(shape(alice.read())).toBe(shape(bob.read()));
		const all = alice.read().stages.flatMap((s) => s.touchpoints.map((x) => x.id));
		expect(all.sort()).toEqual([...t].sort());
		expect(alice.read().stages[0]!.name).toBe('S3');
	});

	it('converges for random concurrent histories of adds, moves, edits and removals', () => {
		const act = fc.record({
			replica: fc.nat(2),
			kind: fc.constantFrom(
				'addStage',
				'addTouchpoint',
				'addTouchpoint',
				'move',
				'move',
				'moveStage',
				'removeStage',
				'removeTouchpoint',
				'edit',
				'sync'
			),
			a: fc.nat(),
			b: fc.nat(),
			where: fc.constantFrom('first', 'last', 'before', 'after')
		});
		fc.assert(
			fc.property(fc.array(act, { maxLength: 40 }), (steps) => {
				const { docs, models, sync } = replicas(3);
				writeJourneyTemplate(docs[0]!, journeyTemplate('blank'), 'en');
				sync();
				let n = 0;
				for (const s of steps) {
					const model = models[s.replica]!;
					const view = model.read();
					const stages = view.stages;
					const tps = [...stages.flatMap((x) => x.touchpoints), ...view.unplaced];
					const pick = <T>(list: readonly T[], i: number) => list[i % list.length];
					const stage = pick(stages, s.a);
					const other = pick(tps, s.b);
					const position =
						s.where === 'first' || s.where === 'last' || !other
							? s.where === 'first'
								? 'first'
								: 'last'
							: s.where === 'before'
								? { before: other.id }
								: { after: other.id };
					if (s.kind === 'addStage') model.addStage(`S${n++}`, 'last');
					else if (s.kind === 'addTouchpoint' && stage)
						model.addTouchpoint(stage.id, { name: `T${n++}` }, position);
					else if (s.kind === 'move' && stage && tps.length)
						model.moveTouchpoint(pick(tps, s.a + s.b)!.id, stage.id, position);
					else if (s.kind === 'moveStage' && stage)
						model.moveStage(stage.id, s.b % 2 ? 'first' : { after: pick(stages, s.b)!.id });
					else if (s.kind === 'removeStage' && stage) model.removeStage(stage.id);
					else if (s.kind === 'removeTouchpoint' && other) model.removeTouchpoint(other.id);
					else if (s.kind === 'edit' && other)
						model.setTouchpointField(other.id, 'satisfaction', (s.b % 5) + 1);
					else if (s.kind === 'sync') sync();
				}
				sync();
				const expected = shape(models[0]!.read());
				for (const model of models) {
					expect(shape(model.read())).toBe(expected);
					const view = model.read();
					const ids = [...view.stages.flatMap((x) => x.touchpoints), ...view.unplaced].map(
						(t) => t.id
					);
					expect(new Set(ids).size).toBe(ids.length);
					expect(ids.length).toBe(model.touchpoints.size);
				}
			}),
			{ numRuns: 150 }
		);
	});

	it('refuses invalid field values with a typed reason, and writes nothing', () => {
		const doc = new Y.Doc();
		const model = new JourneyModel(doc);
		const stage = id(model.addStage('Pre-trip'));
		const tp = id(model.addTouchpoint(stage, { name: 'Booking', satisfaction: 3 }));
		let updates = 0;
		doc.on('update', () => updates++);
		expect(model.setTouchpointField(tp, 'satisfaction', 6)).toBe('out-of-range');
		expect(model.setTouchpointField(tp, 'satisfaction', 0)).toBe('out-of-range');
		expect(model.setTouchpointField(tp, 'satisfaction', 2.5)).toBe('not-integer');
		expect(model.setTouchpointField(tp, 'emotion', -3)).toBe('out-of-range');
		expect(model.setTouchpointField(tp, 'emotion', '1' as unknown as number)).toBe('not-integer');
		expect(model.setTouchpointField(tp, 'name', 'x'.repeat(121))).toBe('too-long');
		expect(model.setTouchpointField(tp, 'notes', 5 as unknown as string)).toBe('not-text');
		expect(model.setTouchpointField(tp, 'painPoints', Array(21).fill('slow'))).toBe('too-many');
		expect(model.setTouchpointField(tp, 'painPoints', 'slow' as unknown as string[])).toBe(
			'not-a-list'
		);
		expect(model.setTouchpointField('nope', 'name', 'x')).toBe('unknown-touchpoint');
		expect(model.addTouchpoint(stage, { emotion: 7 })).toEqual({ problem: 'out-of-range' });
		expect(model.addTouchpoint('nope', {})).toEqual({ problem: 'unknown-stage' });
		expect(model.addStage('x'.repeat(81))).toEqual({ problem: 'too-long' });
		expect(model.moveTouchpoint(tp, 'nope')).toBe('unknown-stage');
		expect(updates).toBe(0);

		expect(model.setTouchpointField(tp, 'satisfaction', null)).toBeUndefined();
		expect(model.setTouchpointField(tp, 'emotion', -2)).toBeUndefined();
		expect(model.setTouchpointField(tp, 'painPoints', ['Queues', 'Fees unclear'])).toBeUndefined();
		expect(model.touchpoint(tp)).toMatchObject({
			satisfaction: null,
			emotion: -2,
			painPoints: ['Queues', 'Fees unclear']
		});
		// Setting the same value again writes nothing.
		const before = updates;
		model.setTouchpointField(tp, 'painPoints', ['Queues', 'Fees unclear']);
		expect(updates).toBe(before);
	});

	it('removing a stage removes its touchpoints, or moves them to another stage in order', () => {
		const model = new JourneyModel(new Y.Doc());
		const a = id(model.addStage('A'));
		const b = id(model.addStage('B'));
		const c = id(model.addStage('C'));
		id(model.addTouchpoint(b, { name: 'b0' }));
		for (const name of ['a1', 'a2']) id(model.addTouchpoint(a, { name }));
		id(model.addTouchpoint(c, { name: 'c1' }));
		expect(model.removeStage(a, { moveTouchpointsTo: a })).toBe('unknown-stage');
		expect(model.removeStage(a, { moveTouchpointsTo: b })).toBeUndefined();
		expect(shape(model.read())).toBe('B[b0,a1,a2] C[c1] | ');
		expect(model.removeStage(c)).toBeUndefined();
		expect(shape(model.read())).toBe('B[b0,a1,a2] | ');
		expect(model.touchpoints.size).toBe(3);
		expect(model.removeStage(c)).toBe('unknown-stage');
	});

	it('a touchpoint added to a stage someone removed at the same time is kept apart, not lost', () => {
		const { models, sync } = replicas(2);
		const [alice, bob] = models as [JourneyModel, JourneyModel];
		const stage = id(alice.addStage('Doomed'));
		const keep = id(alice.addStage('Kept'));
		sync();
		alice.removeStage(stage);
		const orphan = id(bob.addTouchpoint(stage, { name: 'late idea' }));
		sync();
		expect(alice.read().unplaced.map((t) => t.id)).toEqual([orphan]);
		expect(alice.moveTouchpoint(orphan, keep)).toBeUndefined();
		sync();
		expect(shape(bob.read())).toBe('Kept[late idea] | ');
	});

	it('skips malformed entries instead of failing', () => {
		const doc = new Y.Doc();
		const model = new JourneyModel(doc);
		const stage = id(model.addStage('Real'));
		const tp = id(model.addTouchpoint(stage, { name: 'ok' }));
		doc.transact(() => {
			doc.getMap('stages').set('junk', 'not a map' as never);
			const badOrder = new Y.Map<unknown>();
			badOrder.set('name', 'bad order');
			badOrder.set('order', '!!');
			doc.getMap('stages').set('bad', badOrder as never);
			const weird = new Y.Map<unknown>();
			weird.set('stage', stage);
			weird.set('order', 'a5');
			weird.set('name', 42);
			weird.set('satisfaction', 'high');
			weird.set('emotion', 9);
			weird.set('painPoints', ['ok', 3, null]);
			doc.getMap('touchpoints').set('weird', weird as never);
			const noStage = new Y.Map<unknown>();
			noStage.set('order', 'a6');
			doc.getMap('touchpoints').set('nostage', noStage as never);
			doc.getMap('workshop').set('timer', { startedAt: 'soon' });
			doc.getMap('workshop').set('phase', 'dancing');
			doc.getMap('workshop').set('voting', { votesPerPerson: -1 });
			doc.getMap('workshopMarks').set('x', { round: 'many' });
		});
		const view = model.read();
		expect(view.stages.map((s) => s.name)).toEqual(['Real']);
		expect(view.stages[0]!.touchpoints.map((t) => t.id)).toEqual([tp, 'weird']);
		expect(view.stages[0]!.touchpoints[1]).toMatchObject({
			name: '',
			satisfaction: null,
			emotion: null,
			painPoints: ['ok']
		});
		const workshop = readWorkshop(doc);
		expect(workshop.phase).toBe('idle');
		expect(workshop.timer.startedAt).toBeNull();
		expect(workshop.voting.votesPerPerson).toBe(3);
		expect(workshop.round).toBe(0);
		// Moving the bad-order touchpoint's neighbours still works.
		expect(model.addTouchpoint(stage, { name: 'new' }, { after: 'weird' })).toHaveProperty('id');
	});
});

describe('workshop state in the journey document', () => {
	it('starts with defaults and follows the facilitator’s commands', () => {
		const { models, sync } = replicas(2);
		const [facilitator, projector] = models as [JourneyModel, JourneyModel];
		expect(projector.readWorkshop()).toMatchObject({
			phase: 'idle',
			round: 0,
			focus: null,
			silent: true,
			anonymous: false,
			locked: false,
			board: null,
			voting: { votesPerPerson: 3, onePerItem: true }
		});
		const stage = id(facilitator.addStage('客舱中'));
		const seat = id(facilitator.addTouchpoint(stage, { name: '座椅' }));
		expect(facilitator.setFocus({ kind: 'touchpoint', id: seat })).toBeUndefined();
		expect(facilitator.setFocus({ kind: 'stage', id: 'nope' })).toBe('unknown-stage');
		expect(facilitator.setPhase('writing')).toBeUndefined();
		expect(facilitator.startTimer(5 * 60_000, 1_000_000)).toBeUndefined();
		expect(facilitator.startTimer(10, 1_000_000)).toBe('out-of-range');
		facilitator.setAnonymous(true);
		facilitator.setBoard('board-123');
		expect(facilitator.setVoting({ votesPerPerson: 0, onePerItem: true })).toBe('out-of-range');
		expect(facilitator.setVoting({ votesPerPerson: 5, onePerItem: false })).toBeUndefined();
		sync();
		expect(projector.readWorkshop()).toMatchObject({
			phase: 'writing',
			round: 1,
			focus: { kind: 'touchpoint', id: seat },
			anonymous: true,
			board: 'board-123',
			voting: { votesPerPerson: 5, onePerItem: false },
			timer: { startedAt: 1_000_000, durationMs: 300_000, pausedRemainingMs: null }
		});

		facilitator.pauseTimer(1_060_000);
		expect(facilitator.readWorkshop().timer.pausedRemainingMs).toBe(240_000);
		facilitator.resumeTimer(1_100_000);
		expect(facilitator.readWorkshop().timer).toEqual({
			startedAt: 1_040_000,
			durationMs: 300_000,
			pausedRemainingMs: null
		});
		facilitator.resetTimer();
		expect(facilitator.readWorkshop().timer.startedAt).toBeNull();

		facilitator.setPhase('voting');
		expect(facilitator.readWorkshop()).toMatchObject({ round: 2, notesRevealedThrough: 1 });
		facilitator.setPhase('results');
		expect(facilitator.readWorkshop()).toMatchObject({ votesRevealedThrough: 2 });

		// Removing the focused touchpoint leaves no dangling focus.
		facilitator.removeTouchpoint(seat);
		sync();
		expect(projector.readWorkshop().focus).toBeNull();
	});

	it('the round and the reveals only rise, even when an offline facilitator’s old state arrives late', () => {
		const { models, sync } = replicas(2);
		const [desk, laptop] = models as [JourneyModel, JourneyModel];
		desk.setPhase('writing');
		sync();
		// The laptop goes offline at round 1; the desk runs two more rounds and reveals.
		desk.setPhase('voting');
		desk.setPhase('writing');
		desk.revealNotes();
		expect(desk.readWorkshop()).toMatchObject({ round: 3, notesRevealedThrough: 3 });
		laptop.setPhase('idle');
		laptop.setPhase('writing'); // from its stale view: round 2
		sync();
		for (const model of models) {
			expect(model.readWorkshop().round).toBe(3);
			expect(model.readWorkshop().notesRevealedThrough).toBe(3);
		}
		// The next round is a fresh number for everyone.
		laptop.setPhase('voting');
		sync();
		expect(desk.readWorkshop().round).toBe(4);
	});

	it('the journey undo manager undoes map edits, never workshop commands', () => {
		const doc = new Y.Doc();
		const model = new JourneyModel(doc);
		const undo = createUndoManager(doc, KINDS[DocKind.journey].undo);
		const stage = id(model.addStage('A'));
		undo.stopCapturing();
		model.setPhase('writing');
		model.revealNotes();
		undo.undo();
		expect(model.stage(stage)).toBeUndefined();
		expect(model.readWorkshop()).toMatchObject({ phase: 'writing', notesRevealedThrough: 1 });
		undo.redo();
		expect(model.stage(stage)?.name).toBe('A');
	});
});
