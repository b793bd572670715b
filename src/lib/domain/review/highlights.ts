/**
 * What a coach reads first in a 360° report: the items others rate highest and lowest, and where
 * the subject sees themselves differently from how others see them — blind spots (self above
 * others) and hidden strengths (others above self), the two "unknown" quadrants of a Johari window.
 *
 * Built from the report alone, so it shows nothing the report does not: "others" is the report's
 * all-but-self composite of shown cells (anonymity.ts), and an item no shown unit scored enough
 * is not ranked at all.
 */
import type { SubjectReport } from './report.ts';

/** Points on the 1–5 scale between self and others before the difference counts as one. */
export const GAP_THRESHOLD = 0.5;
/** Items per list: enough to talk about, few enough to act on. */
export const HIGHLIGHT_COUNT = 3;

/** One item in a highlight list. */
export interface HighlightItem {
	item: string;
	competency: string;
	/** Others' score: the report's all-but-self panel score (trimmed where trimming applies), 1–5. */
	others: number;
	/** The subject's own score, when they rated the item. */
	self: number | undefined;
	/** Scores others gave the item. */
	n: number;
}

export interface ReportHighlights {
	/** Highest by others' score, best first. */
	highest: HighlightItem[];
	/** Lowest by others' score, lowest first; never an item already among the highest. */
	lowest: HighlightItem[];
	/** Self at least {@link GAP_THRESHOLD} above others, widest gap first. */
	blindSpots: HighlightItem[];
	/** Others at least {@link GAP_THRESHOLD} above self, widest gap first. */
	hiddenStrengths: HighlightItem[];
}

export function reportHighlights(
	report: Pick<SubjectReport, 'items'>,
	count = HIGHLIGHT_COUNT,
	threshold = GAP_THRESHOLD
): ReportHighlights {
	// Report order breaks ties, so the lists read the same on every device.
	const rated = report.items.flatMap((entry, order) =>
		entry.allButSelf
			? [
					{
						order,
						highlight: {
							item: entry.item,
							competency: entry.competency,
							others: entry.allButSelf.score,
							self: entry.selfGap?.self,
							n: entry.allButSelf.n
						}
					}
				]
			: []
	);
	type Rated = (typeof rated)[number];
	const by = (key: (r: Rated) => number) => (a: Rated, b: Rated) =>
		key(b) - key(a) || a.order - b.order;
	const pick = (list: Rated[]) => list.slice(0, count).map((r) => r.highlight);
	const gap = (r: Rated) => (r.highlight.self ?? r.highlight.others) - r.highlight.others;

	const highest = [...rated].sort(by((r) => r.highlight.others)).slice(0, count);
	const taken = new Set(highest);
	return {
		highest: highest.map((r) => r.highlight),
		lowest: pick(rated.filter((r) => !taken.has(r)).sort(by((r) => -r.highlight.others))),
		blindSpots: pick(rated.filter((r) => gap(r) >= threshold).sort(by(gap))),
		hiddenStrengths: pick(rated.filter((r) => -gap(r) >= threshold).sort(by((r) => -gap(r))))
	};
}
