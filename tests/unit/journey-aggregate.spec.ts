import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	emotionCurve,
	scoreDistributions,
	stageHeatmap
} from '../../src/lib/domain/journey/aggregate';
import {
	emptyTouchpoint,
	type JourneyView,
	type Touchpoint
} from '../../src/lib/domain/journey/types';
import {
	DEFAULT_WORKSHOP,
	checkParticipation,
	enterPhase,
	finishedCount,
	revealNotes,
	revealVotes
} from '../../src/lib/domain/journey/workshop';
import { boardScores, publishScores } from '../../src/lib/model/journey-board';

function tp(id: string, stage: string, fields: Partial<Touchpoint> = {}): Touchpoint {
	return { ...emptyTouchpoint(), id, stage, order: `a${id}`, name: id, ...fields };
}

const journey: JourneyView = {
	stages: [
		{
			id: 'pre',
			name: '旅行前',
			order: 'a0',
			touchpoints: [
				tp('1', 'pre', { satisfaction: 4, emotion: 1, painPoints: ['慢', ' '] }),
				tp('2', 'pre', { satisfaction: 2, emotion: null })
			]
		},
		{
			id: 'cabin',
			name: '客舱中',
			order: 'a1',
			touchpoints: [
				tp('3', 'cabin', { emotion: -2, painPoints: ['窄', '吵', '冷', '贵'] }),
				tp('4', 'cabin', { emotion: 2 })
			]
		},
		{ id: 'empty', name: '之后', order: 'a2', touchpoints: [] }
	],
	unplaced: []
};

describe('journey aggregation', () => {
	it('score distribution: each participant once, latest score, invalid ones skipped', () => {
		const dist = scoreDistributions([
			{ participant: 'a', touchpoint: '1', score: 2, at: 1 },
			{ participant: 'a', touchpoint: '1', score: 5, at: 3 },
			{ participant: 'a', touchpoint: '1', score: 1, at: 2 },
			{ participant: 'b', touchpoint: '1', score: 4 },
			{ participant: 'c', touchpoint: '1', score: 6 },
			{ participant: 'd', touchpoint: '1', score: 2.5 },
			{ participant: 'b', touchpoint: '2', score: 1 }
		]);
		expect(dist.get('1')).toEqual({ touchpoint: '1', counts: [0, 0, 0, 1, 1], n: 2, mean: 4.5 });
		expect(dist.get('2')?.mean).toBe(1);
		expect(dist.has('3')).toBe(false);
	});

	it('heatmap: means over scored touchpoints, sums per stage, values on 0 … 1 for colour', () => {
		const rows = stageHeatmap(journey, {
			notes: [
				{ target: { kind: 'touchpoint', id: '3' } },
				{ target: { kind: 'stage', id: 'cabin' } },
				{ target: { kind: 'touchpoint', id: '1' } },
				{ target: { kind: 'touchpoint', id: 'removed' } }
			],
			votes: [
				{ target: { kind: 'touchpoint', id: '3' }, votes: 6 },
				{ target: { kind: 'touchpoint', id: '2' }, votes: 3 }
			],
			scores: new Map([
				['1', { n: 3, mean: 5 }],
				['2', { n: 1, mean: 1 }],
				['3', { n: 0, mean: null }],
				['removed', { n: 9, mean: 1 }]
			])
		});
		expect(rows.map((r) => r.stage)).toEqual(['pre', 'cabin', 'empty']);
		const [pre, cabin, empty] = rows;
		expect(pre!.cells.satisfaction).toMatchObject({ value: 3, normalized: 0.5, n: 2 });
		expect(pre!.cells.emotion).toMatchObject({ value: 1, normalized: 0.75, n: 1 });
		expect(cabin!.cells.satisfaction).toMatchObject({ value: null, normalized: null, n: 0 });
		expect(cabin!.cells.emotion.value).toBe(0);
		// Blank pain points do not count.
		expect(pre!.cells.painPoints).toMatchObject({ value: 1, normalized: 0.25, n: 2 });
		expect(cabin!.cells.painPoints.normalized).toBe(1);
		expect(cabin!.cells.notes.value).toBe(2);
		expect(pre!.cells.notes.value).toBe(1);
		expect(cabin!.cells.votes).toMatchObject({ value: 6, normalized: 1, n: 2 });
		expect(pre!.cells.votes.normalized).toBe(0.5);
		expect(empty!.cells.votes).toMatchObject({ value: 0, normalized: 0, n: 0 });
		// Participants' scores pool every person's score: (3 × 5 + 1 × 1) / 4, not the mean of means.
		expect(pre!.cells.participantScore).toMatchObject({ value: 4, normalized: 0.75, n: 4 });
		expect(cabin!.cells.participantScore).toMatchObject({ value: null, normalized: null, n: 0 });
		// A mean carries its range: cabin's emotion 0.0 is a split of −2 and +2, not indifference.
		expect(cabin!.cells.emotion.spread).toEqual({ min: -2, max: 2 });
		expect(pre!.cells.satisfaction.spread).toEqual({ min: 2, max: 4 });
		expect(pre!.cells.notes.spread).toBeNull();
		// Without counts per score the touchpoints' means bound the participants' spread.
		expect(pre!.cells.participantScore.spread).toEqual({ min: 1, max: 5 });
	});

	it('emotion curve: touchpoints in order, a gap (not a zero) where emotion is unknown', () => {
		const curve = emotionCurve(journey);
		expect(curve.points.map((p) => p.emotion)).toEqual([1, null, -2, 2]);
		expect(curve.segments.map((s) => s.map((p) => p.touchpoint))).toEqual([['1'], ['3', '4']]);
		expect(curve.stages).toEqual([
			{ stage: 'pre', name: '旅行前', from: 0, to: 2 },
			{ stage: 'cabin', name: '客舱中', from: 2, to: 4 },
			{ stage: 'empty', name: '之后', from: 4, to: 4 }
		]);
	});
});

describe('workshop rules', () => {
	it('each opening of writing or voting is a new round; voting reveals notes, results votes', () => {
		let state = enterPhase(DEFAULT_WORKSHOP, 'writing');
		expect(state).toMatchObject({ phase: 'writing', round: 1, notesRevealedThrough: 0 });
		expect(enterPhase(state, 'writing')).toBe(state);
		state = enterPhase(state, 'voting');
		expect(state).toMatchObject({ round: 2, notesRevealedThrough: 1, votesRevealedThrough: 0 });
		state = enterPhase(state, 'results');
		expect(state).toMatchObject({ round: 2, notesRevealedThrough: 2, votesRevealedThrough: 2 });
		state = enterPhase(enterPhase(state, 'idle'), 'writing');
		expect(state).toMatchObject({ round: 3, notesRevealedThrough: 2 });
		expect(revealNotes(state).notesRevealedThrough).toBe(3);
	});

	it('participants may write while writing is open, vote while voting is, nothing when locked', () => {
		const rounds = { round: 1, votesRevealedThrough: 0 };
		const writing = { phase: 'writing', locked: false, ...rounds } as const;
		expect(checkParticipation(writing, 'note')).toBeUndefined();
		expect(checkParticipation(writing, 'score')).toBeUndefined();
		expect(checkParticipation(writing, 'vote')).toBe('closed');
		const voting = { phase: 'voting', locked: false, ...rounds } as const;
		expect(checkParticipation(voting, 'vote')).toBeUndefined();
		expect(checkParticipation({ ...voting, locked: true }, 'vote')).toBe('locked');
		expect(checkParticipation({ ...writing, phase: 'idle' }, 'note')).toBe('closed');
	});

	it('refuses a vote once its round’s votes are revealed, as the reveal would never count it', () => {
		const revealed = revealVotes(enterPhase(DEFAULT_WORKSHOP, 'voting'));
		expect(revealed.phase).toBe('voting');
		expect(checkParticipation(revealed, 'vote')).toBe('votes-revealed');
		// The next voting round opens a fresh ballot.
		const next = enterPhase(enterPhase(revealed, 'idle'), 'voting');
		expect(checkParticipation(next, 'vote')).toBeUndefined();
	});

	it('“finished writing k of n” counts only people present and names nobody', () => {
		const present = new Set(['a', 'b', 'c', 'd']);
		const count = finishedCount(present, new Set(['a', 'c', 'gone']));
		expect(count).toEqual({ finished: 2, total: 4, all: false });
		expect(Object.values(count).every((v) => typeof v !== 'string')).toBe(true);
		expect(finishedCount(present, present).all).toBe(true);
		expect(finishedCount(new Set(), new Set()).all).toBe(false);
	});
});

describe('publishing participants’ scores', () => {
	const score = (participant: string, value: number) => ({
		participant,
		touchpoint: 'tp',
		score: value,
		at: 1,
		round: 1
	});

	it('publishes only how many scored a touchpoint fewer than three people scored', () => {
		const board = new Y.Doc();
		publishScores(board, 1, [score('a', 5), score('b', 1)]);
		expect(boardScores(board).get('tp')).toEqual({
			touchpoint: 'tp',
			counts: [0, 0, 0, 0, 0],
			n: 2,
			mean: null
		});
		// Nothing in the board's bytes says which scores were given.
		const published = JSON.stringify(board.getMap('scores').toJSON());
		expect(published).not.toMatch(/"mean":[0-9]/);
	});

	it('publishes the distribution from three participants on', () => {
		const board = new Y.Doc();
		publishScores(board, 1, [score('a', 5), score('b', 1), score('c', 3)]);
		expect(boardScores(board).get('tp')).toEqual({
			touchpoint: 'tp',
			counts: [1, 0, 1, 0, 1],
			n: 3,
			mean: 3
		});
	});
});

describe('heatmap spread of participants’ scores', () => {
	it('reads people’s lowest and highest score from the published counts', () => {
		const rows = stageHeatmap(journey, {
			scores: new Map([['1', { n: 4, mean: 3.5, counts: [0, 1, 1, 0, 2] }]])
		});
		expect(rows[0]!.cells.participantScore).toMatchObject({
			value: 3.5,
			spread: { min: 2, max: 5 },
			n: 4
		});
	});
});

describe('emotion curve with participants’ scores', () => {
	it('adds them as a second series on −2 … +2, only from three scores, with its own gaps', () => {
		const curve = emotionCurve(
			journey,
			undefined,
			new Map([
				['1', { n: 3, mean: 4 }],
				['2', { n: 2, mean: 1 }],
				['4', { n: 5, mean: 2.2 }]
			])
		);
		expect(curve.points.map((p) => p.participants)).toEqual([1, null, null, expect.closeTo(-0.8)]);
		expect(curve.participantSegments.map((run) => run.map((p) => p.touchpoint))).toEqual([
			['1'],
			['4']
		]);
	});
});
