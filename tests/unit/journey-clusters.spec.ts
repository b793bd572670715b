import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { VoteOn, votableItems } from '../../src/lib/domain/journey/votes';
import { JourneyModel } from '../../src/lib/model/journey';
import {
	clusterNotes,
	clusterOf,
	nameCluster,
	promoteNotes,
	readClusters,
	readPromotions,
	sourcesOf,
	unclusterNote
} from '../../src/lib/model/journey-clusters';
import { createUndoManager } from '../../src/lib/model/undo';
import { DocKind } from '../../src/lib/domain/documents';
import { KINDS } from '../../src/lib/model/kinds';
import { changesFacilitatorState } from '../../server/relay/facilitator-only';

function mapWithTouchpoint() {
	const doc = new Y.Doc();
	const model = new JourneyModel(doc);
	const stage = model.addStage('飞行前');
	if (!('id' in stage)) throw new Error(stage.problem);
	const tp = model.addTouchpoint(stage.id, { name: 'Check-in', painPoints: ['Queues'] });
	if (!('id' in tp)) throw new Error(tp.problem);
	return { doc, model, touchpoint: tp.id };
}

const cluster = (result: { cluster: string } | { problem: string }) => {
	if (!('cluster' in result)) throw new Error(result.problem);
	return result.cluster;
};

describe('note clusters', () => {
	it('dropping a note on another makes a cluster of both; a third joins the target’s cluster', () => {
		const { doc } = mapWithTouchpoint();
		const first = cluster(clusterNotes(doc, 'n1', 'n2'));
		expect(readClusters(doc)).toEqual([{ id: first, name: '', notes: ['n1', 'n2'] }]);
		expect(cluster(clusterNotes(doc, 'n3', 'n1'))).toBe(first);
		expect(clusterOf(doc, 'n3')?.notes).toEqual(['n1', 'n2', 'n3']);
		// A clustered note dropped on a lone note brings that note into its own cluster.
		expect(cluster(clusterNotes(doc, 'n2', 'n4'))).toBe(first);
		expect(readClusters(doc)).toHaveLength(1);
		expect(clusterNotes(doc, 'n1', 'n1')).toEqual({ problem: 'same-note' });
	});

	it('names a cluster, refuses a name too long or an unknown cluster, and dissolves a cluster of one', () => {
		const { doc } = mapWithTouchpoint();
		const id = cluster(clusterNotes(doc, 'a', 'b'));
		expect(nameCluster(doc, id, '  排队太久 ')).toBeUndefined();
		expect(readClusters(doc)[0]?.name).toBe('排队太久');
		expect(nameCluster(doc, id, 'x'.repeat(81))).toBe('too-long');
		expect(nameCluster(doc, 'nope', 'x')).toBe('unknown-cluster');
		unclusterNote(doc, 'a');
		expect(readClusters(doc)).toEqual([]);
		expect(clusterOf(doc, 'b')).toBeUndefined();
	});

	it('clusters are facilitator-only state: an editor’s update that clusters is refused by the relay', () => {
		const { doc } = mapWithTouchpoint();
		const editor = new Y.Doc();
		Y.applyUpdate(editor, Y.encodeStateAsUpdate(doc));
		const state = Y.encodeStateAsUpdate(doc);
		const sv = Y.encodeStateVector(editor);
		clusterNotes(editor, 'n1', 'n2');
		expect(changesFacilitatorState(state, Y.encodeStateAsUpdate(editor, sv))).toBe(true);
	});
});

describe('promoting notes into the map', () => {
	it('writes a cluster’s name into pain points with its notes kept as the source, as one step of the map’s undo', () => {
		const { doc, model, touchpoint } = mapWithTouchpoint();
		const undo = createUndoManager(doc, KINDS[DocKind.journey].undo);
		undo.stopCapturing();
		const notes = [
			{ id: 'n1', text: 'Kiosk rejected my passport' },
			{ id: 'n2', text: 'Only two counters open' }
		];
		const result = promoteNotes(
			doc,
			{ touchpoint, field: 'painPoints', text: 'Check-in is slow', notes, cluster: 'Slow' },
			1000
		);
		expect('id' in result).toBe(true);
		expect(model.touchpoint(touchpoint)?.painPoints).toEqual(['Queues', 'Check-in is slow']);
		const promotions = readPromotions(doc);
		expect(promotions).toMatchObject([
			{
				touchpoint,
				field: 'painPoints',
				text: 'Check-in is slow',
				notes,
				cluster: 'Slow',
				at: 1000
			}
		]);
		expect(sourcesOf(promotions, touchpoint, 'painPoints', 'Check-in is slow')).toEqual(notes);
		expect(sourcesOf(promotions, touchpoint, 'painPoints', 'Queues')).toEqual([]);
		undo.undo();
		expect(model.touchpoint(touchpoint)?.painPoints).toEqual(['Queues']);
		expect(readPromotions(doc)).toEqual([]);
	});

	it('an item already listed is not written twice, and its sources add up', () => {
		const { doc, model, touchpoint } = mapWithTouchpoint();
		// Two promotions a second apart: sources read oldest first (within one millisecond the
		// order would be by id, the same on every replica but not the order they were made).
		promoteNotes(
			doc,
			{
				touchpoint,
				field: 'opportunities',
				text: 'Self bag drop',
				notes: [{ id: 'a', text: 'A' }]
			},
			1000
		);
		promoteNotes(
			doc,
			{
				touchpoint,
				field: 'opportunities',
				text: 'Self bag drop',
				notes: [
					{ id: 'b', text: 'B' },
					{ id: 'a', text: 'A' }
				]
			},
			2000
		);
		expect(model.touchpoint(touchpoint)?.opportunities).toEqual(['Self bag drop']);
		expect(sourcesOf(readPromotions(doc), touchpoint, 'opportunities', 'Self bag drop')).toEqual([
			{ id: 'a', text: 'A' },
			{ id: 'b', text: 'B' }
		]);
	});

	it('refuses what an edit of the list would refuse, an unknown touchpoint, no notes, no text', () => {
		const { doc, touchpoint } = mapWithTouchpoint();
		const notes = [{ id: 'n', text: 'note' }];
		expect(
			promoteNotes(doc, { touchpoint: 'nope', field: 'painPoints', text: 'x', notes })
		).toEqual({ problem: 'unknown-touchpoint' });
		expect(
			promoteNotes(doc, { touchpoint, field: 'painPoints', text: 'x'.repeat(301), notes })
		).toEqual({ problem: 'too-long' });
		expect(promoteNotes(doc, { touchpoint, field: 'painPoints', text: 'x', notes: [] })).toEqual({
			problem: 'no-notes'
		});
		expect(promoteNotes(doc, { touchpoint, field: 'painPoints', text: '  ', notes })).toEqual({
			problem: 'empty'
		});
		expect(readPromotions(doc)).toEqual([]);
	});
});

describe('what a vote may go to', () => {
	it('follows the facilitator’s choice: touchpoints, notes or both (touchpoints first)', () => {
		expect(votableItems(VoteOn.touchpoints, ['t1', 't2'], ['n1'])).toEqual(['t1', 't2']);
		expect(votableItems(VoteOn.notes, ['t1'], ['n1', 'n2'])).toEqual(['n1', 'n2']);
		expect(votableItems(VoteOn.both, ['t1'], ['n1'])).toEqual(['t1', 'n1']);
		expect(votableItems(undefined, ['t1'], ['n1'])).toEqual(['t1']);
	});

	it('the map keeps the choice and reads an unknown one as touchpoints', () => {
		const { model, doc } = mapWithTouchpoint();
		expect(
			model.setVoting({ votesPerPerson: 3, onePerItem: true, on: VoteOn.notes })
		).toBeUndefined();
		expect(model.readWorkshop().voting.on).toBe('notes');
		expect(model.setVoting({ votesPerPerson: 3, onePerItem: true, on: 'pain' as VoteOn })).toBe(
			'unknown-vote-target'
		);
		doc.getMap('workshop').set('voting', { votesPerPerson: 3, onePerItem: true, on: 'pain' });
		expect(model.readWorkshop().voting.on).toBe('touchpoints');
	});
});
