/**
 * Dot voting (投票): each participant has N votes per round to put on the items that matter
 * (touchpoints, pain-point notes…), optionally at most one per item. Ballots arrive from many
 * devices in any order, so every rule here depends only on the *set* of ballots, never on the
 * order a list happens to hold them in: the same ballots give the same tally on every device.
 */

export interface Ballot {
	/** The participant's id. */
	voter: string;
	/** What the vote is for: a touchpoint, stage or note id. */
	item: string;
	/** When it was cast, server-time epoch ms; decides which votes count when too many were cast. */
	at?: number;
	/** The ballot's own id, a tie-breaker for two votes cast in the same millisecond. */
	id?: string;
}

/**
 * What a round's dots go on, chosen by the facilitator: the map's touchpoints, the sticky notes
 * on the board, or both.
 */
export const VoteOn = {
	touchpoints: 'touchpoints',
	notes: 'notes',
	both: 'both'
} as const;
export type VoteOn = (typeof VoteOn)[keyof typeof VoteOn];

export function isVoteOn(value: unknown): value is VoteOn {
	return value === VoteOn.touchpoints || value === VoteOn.notes || value === VoteOn.both;
}

export interface VoteSettings {
	/** Votes each participant may cast in a round, 1 … {@link MAX_VOTES_PER_PERSON}. */
	votesPerPerson: number;
	/** At most one vote per participant per item. */
	onePerItem: boolean;
	/** What may be voted on; touchpoints when absent (settings kept by older versions). */
	on?: VoteOn;
}

/**
 * The items a vote may go to under `on`, touchpoints first (in map order), then notes: the list
 * the server checks a ballot against and the tally keeps its ties in.
 */
export function votableItems(
	on: VoteOn | undefined,
	touchpoints: readonly string[],
	notes: readonly string[]
): string[] {
	switch (on ?? VoteOn.touchpoints) {
		case VoteOn.touchpoints:
			return [...touchpoints];
		case VoteOn.notes:
			return [...notes];
		case VoteOn.both:
			return [...touchpoints, ...notes];
	}
}

export const MAX_VOTES_PER_PERSON = 20;

export const DEFAULT_VOTING: VoteSettings = {
	votesPerPerson: 3,
	onePerItem: true,
	on: VoteOn.touchpoints
};

/** Why voting settings were refused. */
export type VoteSettingsProblem = 'not-integer' | 'out-of-range' | 'unknown-vote-target';

export function checkVoteSettings(settings: VoteSettings): VoteSettingsProblem | undefined {
	if (settings.on !== undefined && !isVoteOn(settings.on)) return 'unknown-vote-target';
	const n = settings.votesPerPerson;
	if (!Number.isInteger(n)) return 'not-integer';
	return n < 1 || n > MAX_VOTES_PER_PERSON ? 'out-of-range' : undefined;
}

/** Why a vote may not be cast. */
export type VoteRefusal = 'no-votes-left' | 'already-voted-item' | 'unknown-item';

/**
 * The order ballots are judged in: by time cast, then id, voter and item. It is a total order
 * on a ballot's contents, so two devices holding the same ballots in different orders agree.
 */
export function compareBallots(a: Ballot, b: Ballot): number {
	return (
		(a.at ?? 0) - (b.at ?? 0) ||
		compareText(a.id ?? '', b.id ?? '') ||
		compareText(a.voter, b.voter) ||
		compareText(a.item, b.item)
	);
}

function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The ballots that count, in judging order: each voter's first `votesPerPerson`, skipping under
 * one-per-item a repeat vote for an item (which then uses up nothing), and skipping votes for
 * items not in `items` when a list is given (a touchpoint since removed: the vote is returned).
 */
export function validBallots(
	ballots: readonly Ballot[],
	settings: VoteSettings,
	items?: Iterable<string>
): Ballot[] {
	const known = items === undefined ? undefined : new Set(items);
	const used = new Map<string, number>();
	const chosen = new Map<string, Set<string>>();
	const valid: Ballot[] = [];
	for (const ballot of [...ballots].sort(compareBallots)) {
		if (known && !known.has(ballot.item)) continue;
		const count = used.get(ballot.voter) ?? 0;
		if (count >= settings.votesPerPerson) continue;
		let mine = chosen.get(ballot.voter);
		if (!mine) chosen.set(ballot.voter, (mine = new Set()));
		if (settings.onePerItem && mine.has(ballot.item)) continue;
		mine.add(ballot.item);
		used.set(ballot.voter, count + 1);
		valid.push(ballot);
	}
	return valid;
}

/** Votes `voter` has left in this round, 0 … votesPerPerson. */
export function votesLeft(
	ballots: readonly Ballot[],
	voter: string,
	settings: VoteSettings,
	items?: Iterable<string>
): number {
	const cast = validBallots(
		ballots.filter((b) => b.voter === voter),
		settings,
		items
	).length;
	return Math.max(0, settings.votesPerPerson - cast);
}

/**
 * Whether `voter` may put one more vote on `item`: undefined when yes, else why not. The UI asks
 * before it writes; the server asks again before it accepts, and the tally ignores what slips
 * through anyway (two devices of one person voting at once).
 */
export function checkVote(
	ballots: readonly Ballot[],
	voter: string,
	item: string,
	settings: VoteSettings,
	items?: Iterable<string>
): VoteRefusal | undefined {
	const known = items === undefined ? undefined : new Set(items);
	if (known && !known.has(item)) return 'unknown-item';
	const mine = validBallots(
		ballots.filter((b) => b.voter === voter),
		settings,
		known
	);
	if (mine.length >= settings.votesPerPerson) return 'no-votes-left';
	if (settings.onePerItem && mine.some((b) => b.item === item)) return 'already-voted-item';
	return undefined;
}

export interface VoteResult {
	item: string;
	/** Valid votes on the item. */
	votes: number;
	/** Distinct participants who voted for it. */
	voters: number;
	/** Competition rank: 1 for the most votes; equal votes share a rank (1, 2, 2, 4). */
	rank: number;
}

/**
 * Counts the valid votes per item, most first. Ties keep the order of `items` when a list is
 * given (the map's order, so equal items read left to right as on the wall), else the item ids'
 * order. With `items`, every listed item appears, with zero votes if none.
 */
export function tallyVotes(
	ballots: readonly Ballot[],
	settings: VoteSettings,
	items?: readonly string[]
): VoteResult[] {
	const counts = new Map<string, { votes: number; voters: Set<string> }>();
	for (const item of items ?? []) counts.set(item, { votes: 0, voters: new Set() });
	for (const ballot of validBallots(ballots, settings, items)) {
		let entry = counts.get(ballot.item);
		if (!entry) counts.set(ballot.item, (entry = { votes: 0, voters: new Set() }));
		entry.votes++;
		entry.voters.add(ballot.voter);
	}
	const position = new Map((items ?? [...counts.keys()].sort(compareText)).map((id, i) => [id, i]));
	const rows = [...counts].map(([item, { votes, voters }]) => ({
		item,
		votes,
		voters: voters.size,
		rank: 0
	}));
	rows.sort((a, b) => b.votes - a.votes || position.get(a.item)! - position.get(b.item)!);
	rows.forEach((row, i) => {
		row.rank = i > 0 && rows[i - 1]!.votes === row.votes ? rows[i - 1]!.rank : i + 1;
	});
	return rows;
}
