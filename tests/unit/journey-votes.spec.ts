import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	checkVote,
	checkVoteSettings,
	tallyVotes,
	validBallots,
	votesLeft,
	type Ballot,
	type VoteSettings
} from '../../src/lib/domain/journey/votes';

const three: VoteSettings = { votesPerPerson: 3, onePerItem: true };
const threeStacked: VoteSettings = { votesPerPerson: 3, onePerItem: false };

describe('dot voting', () => {
	it('counts a voter’s first N votes by time and ignores the rest, whatever the list order', () => {
		const ballots: Ballot[] = [
			{ voter: 'li', item: 'e', at: 5 },
			{ voter: 'li', item: 'a', at: 1 },
			{ voter: 'li', item: 'd', at: 4 },
			{ voter: 'li', item: 'b', at: 2 },
			{ voter: 'li', item: 'c', at: 3 }
		];
		expect(validBallots(ballots, three).map((b) => b.item)).toEqual(['a', 'b', 'c']);
		expect(tallyVotes(ballots, three).map((r) => r.item)).toEqual(['a', 'b', 'c']);
		expect(votesLeft(ballots, 'li', three)).toBe(0);
		expect(checkVote(ballots, 'li', 'f', three)).toBe('no-votes-left');
		expect(checkVote(ballots, 'wang', 'f', three)).toBeUndefined();
	});

	it('under one-per-item a repeat vote is ignored and uses up nothing', () => {
		const ballots: Ballot[] = [
			{ voter: 'li', item: 'a', at: 1 },
			{ voter: 'li', item: 'a', at: 2 },
			{ voter: 'li', item: 'b', at: 3 }
		];
		expect(checkVote(ballots, 'li', 'a', three)).toBe('already-voted-item');
		expect(checkVote(ballots, 'li', 'c', three)).toBeUndefined();
		expect(votesLeft(ballots, 'li', three)).toBe(1);
		expect(tallyVotes(ballots, three)).toEqual([
			{ item: 'a', votes: 1, voters: 1, rank: 1 },
			{ item: 'b', votes: 1, voters: 1, rank: 1 }
		]);
		// Without the rule, votes stack on one item.
		expect(tallyVotes(ballots, threeStacked)[0]).toEqual({
			item: 'a',
			votes: 2,
			voters: 1,
			rank: 1
		});
		expect(checkVote(ballots.slice(0, 2), 'li', 'a', threeStacked)).toBeUndefined();
	});

	it('ranks most votes first; ties share a rank and keep the map’s order', () => {
		const ballots: Ballot[] = [
			{ voter: 'a', item: 't3', at: 1 },
			{ voter: 'b', item: 't3', at: 2 },
			{ voter: 'a', item: 't2', at: 3 },
			{ voter: 'c', item: 't1', at: 4 },
			{ voter: 'b', item: 't4', at: 5 }
		];
		const items = ['t4', 't1', 't2', 't3', 't5'];
		expect(tallyVotes(ballots, three, items).map((r) => [r.item, r.votes, r.rank])).toEqual([
			['t3', 2, 1],
			['t4', 1, 2],
			['t1', 1, 2],
			['t2', 1, 2],
			['t5', 0, 5]
		]);
		// Without a list, ties fall back to the ids' order.
		expect(tallyVotes(ballots, three).map((r) => r.item)).toEqual(['t3', 't1', 't2', 't4']);
	});

	it('a vote for an item no longer on the map is void and goes back to the voter', () => {
		const ballots: Ballot[] = [
			{ voter: 'li', item: 'gone', at: 1 },
			{ voter: 'li', item: 'a', at: 2 },
			{ voter: 'li', item: 'b', at: 3 },
			{ voter: 'li', item: 'c', at: 4 }
		];
		const items = ['a', 'b', 'c', 'd'];
		expect(tallyVotes(ballots, three, items).map((r) => r.votes)).toEqual([1, 1, 1, 0]);
		expect(checkVote(ballots, 'li', 'gone', three, items)).toBe('unknown-item');
		expect(votesLeft(ballots, 'li', three, items)).toBe(0);
		expect(votesLeft(ballots, 'li', three)).toBe(0);
	});

	it('refuses settings outside 1 … 20 whole votes', () => {
		expect(checkVoteSettings({ votesPerPerson: 0, onePerItem: true })).toBe('out-of-range');
		expect(checkVoteSettings({ votesPerPerson: 21, onePerItem: true })).toBe('out-of-range');
		expect(checkVoteSettings({ votesPerPerson: 2.5, onePerItem: true })).toBe('not-integer');
		expect(checkVoteSettings({ votesPerPerson: 5, onePerItem: false })).toBeUndefined();
	});

	it('the tally depends on the ballots, not their order, and never exceeds anyone’s allowance', () => {
		// Optional keys are left out now and then: ballots without a time or an id still agree.
		const ballot: fc.Arbitrary<Ballot> = fc.record(
			{
				voter: fc.constantFrom('a', 'b', 'c', 'd'),
				item: fc.constantFrom('x', 'y', 'z', 'w'),
				at: fc.integer({ min: 0, max: 20 }),
				id: fc.constantFrom('1', '2', '3')
			},
			{ requiredKeys: ['voter', 'item'] }
		);
		fc.assert(
			fc.property(
				fc.array(ballot, { maxLength: 40 }),
				fc.integer({ min: 1, max: 5 }),
				fc.boolean(),
				fc.infiniteStream(fc.nat()),
				(ballots, n, onePerItem, noise) => {
					const settings = { votesPerPerson: n, onePerItem };
					const shuffled = ballots
						.map((b) => ({ b, k: noise.next().value as number }))
						.sort((p, q) => p.k - q.k)
						.map((p) => p.b);
					expect(tallyVotes(shuffled, settings)).toEqual(tallyVotes(ballots, settings));
					const valid = validBallots(ballots, settings);
					for (const voter of ['a', 'b', 'c', 'd']) {
						const mine = valid.filter((b) => b.voter === voter);
						expect(mine.length).toBeLessThanOrEqual(n);
						if (onePerItem) expect(new Set(mine.map((b) => b.item)).size).toBe(mine.length);
						expect(votesLeft(ballots, voter, settings)).toBe(n - mine.length);
					}
				}
			)
		);
	});
});
