/**
 * The coaching view on a fixture report: highest and lowest items as others scored them, blind
 * spots and hidden strengths at a stated threshold, and nothing from a group the report hides.
 */
import { describe, expect, it } from 'vitest';
import { coachingView, GAP_THRESHOLD } from '../../src/lib/domain/review/coaching';
import { instantiateTemplate, reviewTemplate } from '../../src/lib/domain/review/templates';
import { buildReport } from '../../src/lib/domain/review/report';
import { seededRandom } from '../../src/lib/domain/review/random';
import type { Answer } from '../../src/lib/domain/review/questionnaire';
import type { StoredSubmission } from '../../src/lib/domain/review/submission';

/** Frontline: conduct (character, attitude, morale) and performance (sales, work-plan, goals). */
const config = {
	...instantiateTemplate(reviewTemplate('frontline')),
	subjects: [{ id: 's', name: 'Li Lei' }]
};

function submission(
	group: StoredSubmission['group'],
	answers: Record<string, Answer>
): StoredSubmission {
	return { subject: 's', group, answers, comments: {} };
}

/** Others agree: strong on sales and goals, weak on morale; self sees morale and sales otherwise. */
const others = {
	character: 4,
	attitude: 3,
	morale: 2,
	sales: 5,
	'work-plan': 3,
	goals: 4
} as const;
const fixture = [
	submission('superior', { ...others }),
	submission('peer', { ...others }),
	submission('peer', { ...others }),
	submission('peer', { ...others, attitude: 4 }),
	submission('self', { character: 4, attitude: 3, morale: 4, sales: 3, 'work-plan': 3, goals: 4 })
];

describe('coaching view', () => {
	const report = buildReport(config, 's', fixture, seededRandom(7));
	const view = coachingView(report);

	it('lists the items others scored highest and lowest, three each, never the same item', () => {
		expect(view.highest.map((i) => i.item)).toEqual(['sales', 'character', 'goals']);
		expect(view.lowest.map((i) => i.item)).toEqual(['morale', 'work-plan', 'attitude']);
		expect(view.highest[0]).toMatchObject({ competency: 'performance', score: 5, n: 4 });
	});

	it('finds the blind spot and the hidden strength at one point, largest first', () => {
		expect(view.threshold).toBe(GAP_THRESHOLD);
		expect(view.blindSpots).toEqual([
			{ item: 'morale', competency: 'conduct', self: 4, others: 2, gap: 2 }
		]);
		expect(view.hiddenStrengths).toEqual([
			{ item: 'sales', competency: 'performance', self: 3, others: 5, gap: -2 }
		]);
		// A lower threshold finds the smaller gap on attitude too (self 3, others 3.25).
		expect(coachingView(report, 3, 0.25).hiddenStrengths.map((g) => g.item)).toEqual([
			'sales',
			'attitude'
		]);
	});

	it('reads nothing from a hidden group: two peers (below three) change no item', () => {
		const fewPeers = buildReport(
			config,
			's',
			[fixture[0]!, submission('peer', { ...others, morale: 5 }), fixture[4]!],
			seededRandom(7)
		);
		const hidden = coachingView(fewPeers);
		// Only the superior is shown: others' morale is the superior's 2, not moved by the peer's 5.
		const morale = [...hidden.highest, ...hidden.lowest].find((i) => i.item === 'morale');
		expect(morale).toMatchObject({ score: 2, n: 1 });
	});

	it('with fewer items than both lists want, each takes its half', () => {
		const two = coachingView({ items: report.items.slice(0, 2) });
		expect(two.highest).toHaveLength(1);
		expect(two.lowest).toHaveLength(1);
	});
});
