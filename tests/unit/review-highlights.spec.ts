import { describe, expect, it } from 'vitest';
import { DEFAULT_ANONYMITY } from '../../src/lib/domain/review/anonymity';
import { DEFAULT_RATER_CAP, type CycleConfig } from '../../src/lib/domain/review/cycle';
import { DEFAULT_GRADE_BANDS } from '../../src/lib/domain/review/grades';
import type { RaterGroup } from '../../src/lib/domain/review/groups';
import { reportHighlights } from '../../src/lib/domain/review/highlights';
import type { Answer } from '../../src/lib/domain/review/questionnaire';
import { seededRandom } from '../../src/lib/domain/review/random';
import { buildReport } from '../../src/lib/domain/review/report';
import type { StoredSubmission } from '../../src/lib/domain/review/submission';
import { DEFAULT_TIMELINE } from '../../src/lib/domain/review/timeline';

const bi = (text: string) => ({ 'zh-CN': text, en: text });
const item = (id: string) => ({
	id,
	label: bi(id),
	definition: bi(id),
	high: [],
	low: [],
	required: false,
	allowNotObserved: true
});

/** Two competencies, seven items; superior 40 · peer 40 · self 20. */
const config: CycleConfig = {
	questionnaire: {
		competencies: [
			{
				id: 'c1',
				label: bi('c1'),
				high: [],
				low: [],
				weight: 50,
				items: ['a', 'b', 'c', 'd'].map(item)
			},
			{ id: 'c2', label: bi('c2'), high: [], low: [], weight: 50, items: ['e', 'f', 'g'].map(item) }
		],
		comments: []
	},
	groups: { superior: 40, peer: 40, self: 20 },
	anonymity: DEFAULT_ANONYMITY,
	gradeBands: DEFAULT_GRADE_BANDS,
	subjects: [{ id: 's1', name: 'Li Lei' }],
	timeline: DEFAULT_TIMELINE,
	raterCap: DEFAULT_RATER_CAP
};

const rater = (group: RaterGroup, answers: Record<string, Answer>): StoredSubmission => ({
	subject: 's1',
	group,
	answers,
	comments: {}
});

/**
 * Others' scores (superior + three peers; fewer than the trimming threshold, so plain means):
 *   a 4.75 · b 4.5 · c 3.0 · d 2.0 · e 3.5 · f 3.5 · g — (nobody but self scored it)
 * Self: a 4 · b 5 · c 4 · d 2 · e 2 · f 3 · g 5.
 * Gaps (self − others): a −0.75 · b +0.5 · c +1.0 · d 0 · e −1.5 · f −0.5 (each threshold met).
 */
const submissions: StoredSubmission[] = [
	rater('superior', { a: 5, b: 4, c: 3, d: 2, e: 4, f: 3 }),
	rater('peer', { a: 5, b: 5, c: 3, d: 2, e: 3, f: 4 }),
	rater('peer', { a: 4, b: 4, c: 3, d: 2, e: 3, f: 3 }),
	rater('peer', { a: 5, b: 5, c: 3, d: 2, e: 4, f: 4 }),
	rater('self', { a: 4, b: 5, c: 4, d: 2, e: 2, f: 3, g: 5 })
];

describe('report highlights', () => {
	const report = buildReport(config, 's1', submissions, seededRandom(7));
	const highlights = reportHighlights(report);
	const ids = (list: { item: string }[]) => list.map((h) => h.item);

	it('ranks items by what others gave, and never lists one item as both highest and lowest', () => {
		expect(ids(highlights.highest)).toEqual(['a', 'b', 'e']);
		expect(highlights.highest[0]).toMatchObject({ competency: 'c1', others: 4.75, self: 4, n: 4 });
		// e and f tie at 3.5: report order decides, and e is already among the highest.
		expect(ids(highlights.lowest)).toEqual(['d', 'c', 'f']);
	});

	it('finds blind spots (self above others) and hidden strengths (others above self)', () => {
		expect(ids(highlights.blindSpots)).toEqual(['c', 'b']);
		expect(highlights.blindSpots[0]!.self! - highlights.blindSpots[0]!.others).toBeCloseTo(1, 12);
		expect(ids(highlights.hiddenStrengths)).toEqual(['e', 'a', 'f']);
	});

	it('ranks nothing others did not score, and nothing hidden by the anonymity rules', () => {
		const everything = Object.values(highlights).flat();
		expect(everything.some((h) => h.item === 'g')).toBe(false);
		// One peer is fewer than the peer threshold: with the superior alone shown besides self,
		// nothing of the lone peer's may surface — the lists equal those from the superior alone.
		const lonePeer = buildReport(
			config,
			's1',
			[submissions[0]!, submissions[1]!, submissions[4]!],
			seededRandom(7)
		);
		const superiorOnly = buildReport(
			config,
			's1',
			[submissions[0]!, submissions[4]!],
			seededRandom(7)
		);
		expect(reportHighlights(lonePeer)).toEqual(reportHighlights(superiorOnly));
	});

	it('with fewer items than two lists, the lowest holds only what the highest left', () => {
		const two = reportHighlights({ items: report.items.slice(0, 2) });
		expect(ids(two.highest)).toEqual(['a', 'b']);
		expect(two.lowest).toEqual([]);
	});
});
