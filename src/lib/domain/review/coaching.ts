/**
 * What a subject and their manager talk about after reading a report: the items others scored
 * highest and lowest, blind spots (the subject rates themselves much higher than others do) and
 * hidden strengths (much lower).
 *
 * Read only from a released report's shown figures — each item's "all but self" cell and its
 * self-versus-others gap, both computed from shown cells alone (anonymity.ts, rule 5) — so this
 * reveals nothing the report does not already show.
 */
import type { ItemReport, SubjectReport } from './report.ts';

/**
 * How far (points on the 1–5 scale) self must sit from others' average to count as a blind spot
 * or hidden strength. One whole point is the usual line in 360° practice: less is within what a
 * single rater's habit of scoring explains.
 */
export const GAP_THRESHOLD = 1;

/** How many items each of the highest and lowest lists holds. */
export const EXTREMES = 3;

/** An item as others scored it. */
export interface ItemScore {
	item: string;
	competency: string;
	/** Others' score (the panel's: trimmed where enough scored), 1–5. */
	score: number;
	/** How many others scored it. */
	n: number;
}

/** An item where self and others disagree by at least the threshold. */
export interface ItemGap {
	item: string;
	competency: string;
	self: number;
	others: number;
	/** self − others. */
	gap: number;
}

export interface CoachingView {
	highest: ItemScore[];
	lowest: ItemScore[];
	/** Self at least `threshold` above others, largest gap first. */
	blindSpots: ItemGap[];
	/** Self at least `threshold` below others, largest gap first. */
	hiddenStrengths: ItemGap[];
	threshold: number;
}

function scored(item: ItemReport): ItemScore | undefined {
	const others = item.allButSelf;
	if (!others || others.n === 0) return undefined;
	return { item: item.item, competency: item.competency, score: others.score, n: others.n };
}

/**
 * The coaching view of `report`. Highest and lowest never share an item: with fewer than twice
 * `count` scored items each list takes its half. Ties keep form order, so the view is stable.
 */
export function coachingView(
	report: Pick<SubjectReport, 'items'>,
	count = EXTREMES,
	threshold = GAP_THRESHOLD
): CoachingView {
	const items = report.items.flatMap((item, order) => {
		const score = scored(item);
		return score ? [{ ...score, order }] : [];
	});
	const per = Math.min(count, Math.floor(items.length / 2));
	const byScore = [...items].sort((a, b) => b.score - a.score || a.order - b.order);
	const highest = byScore.slice(0, per);
	const lowest = [...items]
		.sort((a, b) => a.score - b.score || a.order - b.order)
		.slice(0, per)
		.filter((item) => !highest.includes(item));
	const strip = ({ order: _order, ...rest }: ItemScore & { order: number }): ItemScore => rest;
	const gaps: ItemGap[] = report.items.flatMap((item) =>
		item.selfGap
			? [
					{
						item: item.item,
						competency: item.competency,
						self: item.selfGap.self,
						others: item.selfGap.others,
						gap: item.selfGap.gap
					}
				]
			: []
	);
	// A little slack for floating point: 4.0 − 3.0 may come out as 0.9999999.
	const beyond = (gap: number) => gap >= threshold - 1e-9;
	return {
		highest: highest.map(strip),
		lowest: lowest.map(strip),
		blindSpots: gaps.filter((g) => beyond(g.gap)).sort((a, b) => b.gap - a.gap),
		hiddenStrengths: gaps.filter((g) => beyond(-g.gap)).sort((a, b) => a.gap - b.gap),
		threshold
	};
}
