/**
 * Ten tiers (十个层级), "easy in, strict grading": every account starts in tier 1; tier t needs
 * our spend of at least `minOurs[t]`, or — for an account whose whole air-travel spend is at least
 * that much — a share of wallet of at least `minShare[t]`. The second path rewards an account
 * that gives us most of a large wallet; it cannot lift a tiny account with a high share.
 */
import { shareOf, type Totals } from './rollup';

export const TIER_COUNT = 10;

export interface TierThresholds {
	/** Our spend (CNY) each tier needs, index 0 = tier 1 (always 0). Non-decreasing. */
	minOurs: number[];
	/** Share of wallet in [0, 1] each tier needs on the share path, index 0 = tier 1. */
	minShare: number[];
}

export const DEFAULT_TIERS: TierThresholds = {
	minOurs: [0, 1e5, 3e5, 6e5, 1e6, 2e6, 5e6, 1e7, 3e7, 1e8],
	minShare: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
};

/** Why a thresholds table was refused; the UI translates it. */
export type ThresholdProblem = 'length' | 'not-increasing' | 'out-of-range';

/** Checks a table typed by a person: ten rows, both columns non-decreasing, shares in [0, 1]. */
export function checkThresholds(t: TierThresholds): ThresholdProblem | undefined {
	if (t.minOurs.length !== TIER_COUNT || t.minShare.length !== TIER_COUNT) return 'length';
	for (let i = 0; i < TIER_COUNT; i++) {
		const ours = t.minOurs[i]!;
		const share = t.minShare[i]!;
		if (!(ours >= 0) || !(share >= 0) || share > 1) return 'out-of-range';
		if (i > 0 && (ours < t.minOurs[i - 1]! || share < t.minShare[i - 1]!)) return 'not-increasing';
	}
	return undefined;
}

function qualifies(
	totals: Pick<Totals, 'spend' | 'ours'>,
	t: TierThresholds,
	index: number
): boolean {
	const minOurs = t.minOurs[index]!;
	if (totals.ours >= minOurs) return true;
	const share = shareOf(totals);
	return share !== undefined && totals.spend >= minOurs && share >= t.minShare[index]!;
}

/** The tier, 1–10. */
export function tierOf(
	totals: Pick<Totals, 'spend' | 'ours'>,
	t: TierThresholds = DEFAULT_TIERS
): number {
	let tier = 1;
	for (let index = 1; index < TIER_COUNT; index++) {
		if (qualifies(totals, t, index)) tier = index + 1;
	}
	return tier;
}

/** What reaching the next tier takes: more of our spend, or (where open) more share. */
export interface NextTier {
	tier: number;
	/** CNY of our spend to add, with the total unchanged. */
	oursNeeded: number;
	/**
	 * Percentage points of share to add, when the share path is open (the wallet is large
	 * enough); undefined otherwise.
	 */
	sharePointsNeeded: number | undefined;
}

/** Distance to the next tier; undefined at the top. */
export function nextTier(
	totals: Pick<Totals, 'spend' | 'ours'>,
	t: TierThresholds = DEFAULT_TIERS
): NextTier | undefined {
	const current = tierOf(totals, t);
	if (current >= TIER_COUNT) return undefined;
	const index = current; // the next tier's index
	const minOurs = t.minOurs[index]!;
	const share = shareOf(totals) ?? 0;
	const shareOpen = totals.spend >= minOurs;
	return {
		tier: current + 1,
		oursNeeded: Math.max(0, minOurs - totals.ours),
		sharePointsNeeded: shareOpen
			? Math.max(0, Math.ceil((t.minShare[index]! - share) * 1000) / 10)
			: undefined
	};
}
