import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RATER_GROUPS, type RaterGroup } from '../../src/lib/domain/review/groups';
import { flagOutliers } from '../../src/lib/domain/review/outliers';
import type { Answer } from '../../src/lib/domain/review/questionnaire';
import type { StoredSubmission } from '../../src/lib/domain/review/submission';

/** A submission scoring every item `score` (or these scores). */
const sub = (subject: string, group: RaterGroup, ...scores: Answer[]): StoredSubmission => ({
	subject,
	group,
	answers: Object.fromEntries(scores.map((s, i) => [`i${i}`, s])),
	comments: {}
});

describe('outlier flags', () => {
	it('flags the one rater far below everyone else, and only that one', () => {
		// Others of the low rater: 4 4 4 4 → 3 points away. Others of a 4: 4 4 4 1 → mean 3.25,
		// SD 1.5: 0.75 away, under both 1.5 points and 2 SD.
		const flags = flagOutliers([
			sub('a', 'peer', 4, 4),
			sub('a', 'peer', 4, 4),
			sub('a', 'subordinate', 4, 4),
			sub('a', 'superior', 4, 4),
			sub('a', 'peer', 1, 1)
		]);
		expect(flags).toEqual([{ subject: 'a', flagged: 1, low: 1, high: 0 }]);
	});

	it('uses 2 SD when the others agree closely, with a floor so noise is not flagged', () => {
		// Others 3.0 3.2 3.4 (SD 0.2, floored to 0.25 → 0.5 points): 3.9 is 0.7 above → flagged high.
		const spread = [
			sub('b', 'peer', 3),
			sub('b', 'peer', 3, 3, 3, 3, 4),
			sub('b', 'peer', 3, 4, 3, 4, 3)
		];
		expect(flagOutliers([...spread, sub('b', 'peer', 4, 4, 4, 4, 4, 4, 4, 4, 4, 3)])).toEqual([
			{ subject: 'b', flagged: 1, low: 0, high: 1 }
		]);
		// 3.6 is 0.4 above: inside the floor, not flagged.
		expect(flagOutliers([...spread, sub('b', 'peer', 4, 4, 4, 3, 3)])).toEqual([]);
	});

	it('needs three others, ignores self-assessments and "not observed"', () => {
		expect(flagOutliers([sub('c', 'peer', 5), sub('c', 'peer', 5), sub('c', 'peer', 1)])).toEqual(
			[]
		);
		expect(
			flagOutliers([
				sub('c', 'peer', 4),
				sub('c', 'peer', 4),
				sub('c', 'peer', 4),
				sub('c', 'self', 1),
				sub('c', 'peer', null, null)
			])
		).toEqual([]);
	});

	it('says nothing but subject, count and direction, whatever the submissions', () => {
		const submission = fc.record({
			subject: fc.constantFrom('a', 'b', 'c'),
			group: fc.constantFrom(...RATER_GROUPS),
			scores: fc.array(fc.constantFrom<Answer>(null, 1, 2, 3, 4, 5), { maxLength: 6 })
		});
		fc.assert(
			fc.property(fc.array(submission, { maxLength: 40 }), (list) => {
				const flags = flagOutliers(list.map((s) => sub(s.subject, s.group, ...s.scores)));
				for (const flag of flags) {
					expect(Object.keys(flag).sort()).toEqual(['flagged', 'high', 'low', 'subject']);
					expect(flag.flagged).toBe(flag.low + flag.high);
					expect(flag.flagged).toBeGreaterThan(0);
					const scored = list.filter(
						(s) =>
							s.subject === flag.subject && s.group !== 'self' && s.scores.some((x) => x !== null)
					);
					expect(flag.flagged).toBeLessThanOrEqual(scored.length);
				}
				expect(flags.map((f) => f.subject)).toEqual([...flags.map((f) => f.subject)].sort());
			}),
			{ numRuns: 300 }
		);
	});
});
