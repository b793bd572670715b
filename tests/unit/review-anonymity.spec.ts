import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	DEFAULT_ANONYMITY,
	checkAnonymity,
	planVisibility,
	type AnonymitySettings
} from '../../src/lib/domain/review/anonymity';
import { RATER_GROUPS, isPoolable, type RaterGroup } from '../../src/lib/domain/review/groups';

const ALL = RATER_GROUPS;
const summary = (plan: ReturnType<typeof planVisibility>) => ({
	units: plan.scoreUnits.map((u) => `${u.unit}:${u.raters}`),
	comments: plan.commentUnits.map((u) => `${u.unit}:${u.raters}`)
});

describe('visibility plan (CCL defaults)', () => {
	it('shows groups at their thresholds, superior and self from one rater', () => {
		const plan = planVisibility(
			{ superior: 1, peer: 3, subordinate: 4, self: 1 },
			ALL,
			DEFAULT_ANONYMITY
		);
		expect(summary(plan).units).toEqual(['superior:1', 'peer:3', 'subordinate:4', 'self:1']);
		expect(plan.legend.find((e) => e.group === 'customer')).toMatchObject({
			scores: 'omitted',
			comments: 'omitted'
		});
	});

	it('pools two small groups into "others" when together they reach 4', () => {
		const plan = planVisibility(
			{ superior: 1, peer: 2, customer: 2, subordinate: 5 },
			ALL,
			DEFAULT_ANONYMITY
		);
		expect(summary(plan).units).toEqual(['superior:1', 'subordinate:5', 'others:4']);
		expect(plan.scoreUnits[2]!.members).toEqual(['peer', 'customer']);
		expect(plan.scoreUnits[2]!.threshold).toBe(4);
		const peer = plan.legend.find((e) => e.group === 'peer')!;
		expect(peer).toMatchObject({
			scores: 'pooled',
			comments: 'pooled',
			threshold: 3,
			othersThreshold: 4
		});
	});

	it('omits small groups, scores and comments, when the pool stays under 4', () => {
		const plan = planVisibility({ superior: 1, peer: 2, customer: 1 }, ALL, DEFAULT_ANONYMITY);
		expect(summary(plan)).toEqual({ units: ['superior:1'], comments: ['superior:1'] });
		for (const group of ['peer', 'customer'] as const) {
			expect(plan.legend.find((e) => e.group === group)).toMatchObject({
				scores: 'omitted',
				comments: 'omitted'
			});
		}
	});

	it('never pools a single group, which would show it under another name below its threshold', () => {
		const settings: AnonymitySettings = {
			...DEFAULT_ANONYMITY,
			minRaters: { ...DEFAULT_ANONYMITY.minRaters, peer: 6 },
			minRatersForComments: { ...DEFAULT_ANONYMITY.minRatersForComments, peer: 6 }
		};
		const plan = planVisibility({ superior: 1, peer: 5 }, ALL, settings);
		expect(summary(plan).units).toEqual(['superior:1']);
		expect(plan.legend.find((e) => e.group === 'peer')!.scores).toBe('omitted');
	});

	it('never pools the superior or self: below their threshold they are omitted', () => {
		const settings: AnonymitySettings = {
			...DEFAULT_ANONYMITY,
			minRaters: { ...DEFAULT_ANONYMITY.minRaters, superior: 2 },
			minRatersForComments: { ...DEFAULT_ANONYMITY.minRatersForComments, superior: 2 }
		};
		const plan = planVisibility({ superior: 1, peer: 2, customer: 2 }, ALL, settings);
		expect(plan.scoreUnits.map((u) => u.unit)).toEqual(['others']);
		expect(plan.scoreUnits[0]!.members).toEqual(['peer', 'customer']);
		expect(plan.legend.find((e) => e.group === 'superior')!.scores).toBe('omitted');
	});

	it('applies the higher comment thresholds separately, pooling comments where scores show alone', () => {
		const settings: AnonymitySettings = {
			...DEFAULT_ANONYMITY,
			minRatersForComments: { superior: 2, peer: 4, subordinate: 4, customer: 4, self: 1 },
			minOthersForComments: 5
		};
		const plan = planVisibility(
			{ superior: 1, peer: 3, subordinate: 3, customer: 1, self: 1 },
			ALL,
			settings
		);
		// Scores: peers and reports show; the lone customer cannot pool alone, so is omitted.
		expect(summary(plan).units).toEqual(['superior:1', 'peer:3', 'subordinate:3', 'self:1']);
		// Comments: peers and reports (3 each, under 4) pool to 6 ≥ 5; the superior's one is held back;
		// the customer's comments go with its omitted scores.
		expect(summary(plan).comments).toEqual(['others:6', 'self:1']);
		const legend = Object.fromEntries(plan.legend.map((e) => [e.group, [e.scores, e.comments]]));
		expect(legend).toEqual({
			superior: ['shown', 'omitted'],
			peer: ['shown', 'pooled'],
			subordinate: ['shown', 'pooled'],
			customer: ['omitted', 'omitted'],
			self: ['shown', 'shown']
		});
	});

	it('lists only the groups the cycle asks, and ignores counts for others', () => {
		const plan = planVisibility(
			{ superior: 1, customer: 9 },
			['superior', 'peer', 'self'],
			DEFAULT_ANONYMITY
		);
		expect(plan.legend.map((e) => e.group)).toEqual(['superior', 'peer', 'self']);
		expect(summary(plan).units).toEqual(['superior:1']);
	});
});

describe('anonymity settings', () => {
	it('accepts the defaults', () => {
		expect(checkAnonymity(DEFAULT_ANONYMITY)).toEqual([]);
	});

	it('refuses comment thresholds below score thresholds, thresholds of 1 for peers, bad trimming', () => {
		const problems = checkAnonymity({
			minRaters: { superior: 1, peer: 1, subordinate: 3, customer: 3.5, self: 1 },
			minRatersForComments: { superior: 1, peer: 1, subordinate: 2, customer: 4, self: 1 },
			minOthers: 4,
			minOthersForComments: 3,
			trimAt: 2
		});
		expect(problems).toEqual([
			{ reason: 'too-low', setting: 'peer', comments: false },
			{ reason: 'too-low', setting: 'peer', comments: true },
			{ reason: 'comments-below-scores', setting: 'subordinate', comments: true },
			{ reason: 'not-integer', setting: 'customer', comments: false },
			{ reason: 'comments-below-scores', setting: 'others', comments: true },
			{ reason: 'too-low', setting: 'trim', comments: false }
		]);
	});
});

describe('visibility plan over random counts and thresholds', () => {
	const settingsArb = fc
		.record({
			base: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 5, maxLength: 5 }),
			extra: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 6, maxLength: 6 }),
			minOthers: fc.integer({ min: 2, max: 8 })
		})
		.map(({ base, extra, minOthers }): AnonymitySettings => {
			const minRaters = Object.fromEntries(ALL.map((g, i) => [g, base[i]!])) as Record<
				RaterGroup,
				number
			>;
			const minRatersForComments = Object.fromEntries(
				ALL.map((g, i) => [g, base[i]! + extra[i]!])
			) as Record<RaterGroup, number>;
			return {
				minRaters,
				minRatersForComments,
				minOthers,
				minOthersForComments: minOthers + extra[5]!,
				trimAt: 5
			};
		});
	const countsArb = fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 5, maxLength: 5 });
	const groupsArb = fc.subarray([...ALL], { minLength: 1 });

	it('shows nothing below a threshold and never shows a hidden group’s comments', () => {
		fc.assert(
			fc.property(settingsArb, countsArb, groupsArb, (settings, counts, groups) => {
				const raters = Object.fromEntries(ALL.map((g, i) => [g, counts[i]!]));
				const plan = planVisibility(raters, groups, settings);
				for (const [units, own, pool] of [
					[plan.scoreUnits, settings.minRaters, settings.minOthers],
					[plan.commentUnits, settings.minRatersForComments, settings.minOthersForComments]
				] as const) {
					for (const unit of units) {
						expect(unit.raters).toBe(unit.members.reduce((s, g) => s + raters[g]!, 0));
						if (unit.unit === 'others') {
							expect(unit.members.length).toBeGreaterThanOrEqual(2);
							expect(unit.raters).toBeGreaterThanOrEqual(pool);
							for (const m of unit.members) expect(isPoolable(m)).toBe(true);
						} else {
							expect(unit.raters).toBeGreaterThanOrEqual(Math.max(1, own[unit.unit]));
						}
					}
				}
				for (const entry of plan.legend) {
					if (entry.scores === 'omitted') expect(entry.comments).toBe('omitted');
					if (entry.comments === 'shown') expect(entry.scores).toBe('shown');
				}
				const scoreMembers = new Set(plan.scoreUnits.flatMap((u) => u.members));
				for (const unit of plan.commentUnits)
					for (const m of unit.members) expect(scoreMembers.has(m)).toBe(true);
			}),
			{ numRuns: 500 }
		);
	});
});
