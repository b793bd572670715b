/**
 * A launched cycle is locked: the relay tries each update on a copy and refuses one that changes
 * the settings or anyone already invited. HR's client edits a second replica, as over the wire.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { breaksLock, guardsCycleLock } from '../../server/relay/cycle-lock';
import { DocKind } from '../../src/lib/domain/documents';
import { DEFAULT_SCALE } from '../../src/lib/domain/review/questionnaire';
import {
	addNomination,
	addSubject,
	readCycleConfig,
	readNominations,
	removeSubject,
	setGroupWeight,
	setNominationStatus,
	setPeriod,
	setQuestionnaire,
	stampCycle,
	startCycle
} from '../../src/lib/model/review-cycle';

/** The relay's room and HR's replica of one cycle, with one subject and one rater. */
function cycle() {
	const room = new Y.Doc();
	startCycle(room, 'frontline');
	const subject = addSubject(room, 'Li Lei')!;
	addNomination(room, { subject, rater: 'boss@example.com', raterName: 'Wang', group: 'superior' });
	const hr = new Y.Doc();
	Y.applyUpdate(hr, Y.encodeStateAsUpdate(room));
	return { room, hr, subject };
}

/**
 * Whether the relay refuses what `edit` sends from a fresh replica of the room (a fresh one each
 * time: an update carries its replica's whole delete set, refused edits included).
 */
function refused(room: Y.Doc, edit: (doc: Y.Doc) => void): boolean {
	const hr = new Y.Doc();
	Y.applyUpdate(hr, Y.encodeStateAsUpdate(room));
	const before = Y.encodeStateVector(hr);
	edit(hr);
	const update = Y.encodeStateAsUpdate(hr, before);
	return (
		guardsCycleLock(DocKind.reviewCycle, room) && breaksLock(Y.encodeStateAsUpdate(room), update)
	);
}

describe('cycle lock', () => {
	it('before launch nothing is checked', () => {
		const { room } = cycle();
		expect(guardsCycleLock(DocKind.reviewCycle, room)).toBe(false);
		expect(refused(room, (doc) => setGroupWeight(doc, 'superior', 50))).toBe(false);
	});

	it('after launch the questionnaire, weights and stamps stay; the period may change', () => {
		const { room, hr } = cycle();
		stampCycle(room, 'launchedAt', 1);
		Y.applyUpdate(hr, Y.encodeStateAsUpdate(room));
		const questionnaire = readCycleConfig(hr)!.questionnaire;
		expect(refused(room, (doc) => setGroupWeight(doc, 'superior', 50))).toBe(true);
		expect(
			refused(room, (doc) =>
				setQuestionnaire(doc, { ...questionnaire, scale: DEFAULT_SCALE.slice(0, 4) })
			)
		).toBe(true);
		expect(refused(room, (doc) => doc.getMap('cycle').delete('launchedAt'))).toBe(true);
		expect(refused(room, (doc) => setPeriod(doc, '2026 H2'))).toBe(false);
		expect(guardsCycleLock(DocKind.account, room)).toBe(false);
	});

	it('after launch raters may be added, but nobody invited is removed or declined', () => {
		const { room, hr, subject } = cycle();
		stampCycle(room, 'launchedAt', 1);
		Y.applyUpdate(hr, Y.encodeStateAsUpdate(room));
		const [boss] = readNominations(hr);
		expect(
			refused(room, (doc) =>
				addNomination(doc, { subject, rater: 'peer@example.com', raterName: 'P', group: 'peer' })
			)
		).toBe(false);
		const fresh = cycle();
		stampCycle(fresh.room, 'launchedAt', 1);
		Y.applyUpdate(fresh.hr, Y.encodeStateAsUpdate(fresh.room));
		expect(refused(fresh.room, (doc) => setNominationStatus(doc, boss!.id, 'declined'))).toBe(
			false // another cycle's nomination id: nothing of this cycle changes
		);
		const [own] = readNominations(fresh.hr);
		expect(refused(fresh.room, (doc) => setNominationStatus(doc, own!.id, 'declined'))).toBe(true);
		expect(refused(fresh.room, (doc) => removeSubject(doc, fresh.subject))).toBe(true);
	});

	it('after close nothing is added either', () => {
		const { room, hr, subject } = cycle();
		stampCycle(room, 'launchedAt', 1);
		stampCycle(room, 'closedAt', 2);
		Y.applyUpdate(hr, Y.encodeStateAsUpdate(room));
		expect(
			refused(room, (doc) =>
				addNomination(doc, { subject, rater: 'late@example.com', raterName: 'L', group: 'peer' })
			)
		).toBe(true);
		expect(refused(room, (doc) => addSubject(doc, 'Han Meimei'))).toBe(true);
	});

	it('a stamp is written once', () => {
		const { room } = cycle();
		stampCycle(room, 'launchedAt', 1);
		stampCycle(room, 'launchedAt', 5);
		expect(room.getMap('cycle').get('launchedAt')).toBe(1);
	});
});
