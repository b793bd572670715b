import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ANONYMITY, type AnonymitySettings } from '../../src/lib/domain/review/anonymity';
import { DEFAULT_RATER_CAP, type CycleConfig } from '../../src/lib/domain/review/cycle';
import { DEFAULT_GRADE_BANDS } from '../../src/lib/domain/review/grades';
import {
	RATER_GROUPS,
	type GroupWeights,
	type RaterGroup
} from '../../src/lib/domain/review/groups';
import type { Answer, Competency, Questionnaire } from '../../src/lib/domain/review/questionnaire';
import { seededRandom } from '../../src/lib/domain/review/random';
import {
	buildAllReports,
	buildReport,
	calibration,
	type SubjectReport
} from '../../src/lib/domain/review/report';
import type { ScoreStats } from '../../src/lib/domain/review/stats';
import type { StoredSubmission } from '../../src/lib/domain/review/submission';
import { bi } from '../../src/lib/domain/review/text';
import { DEFAULT_TIMELINE } from '../../src/lib/domain/review/timeline';

const RUNS = { numRuns: 300 };

function scaleItem(id: string, allowNotObserved = true) {
	return {
		id,
		label: bi(id, id),
		definition: bi(id, id),
		high: [],
		low: [],
		required: false,
		allowNotObserved
	};
}

function competency(id: string, weight: number, items: string[]): Competency {
	return {
		id,
		label: bi(id, id),
		high: [],
		low: [],
		weight,
		items: items.map((i) => scaleItem(i))
	};
}

function cycle(
	questionnaire: Questionnaire,
	groups: GroupWeights,
	anonymity: AnonymitySettings = DEFAULT_ANONYMITY,
	subjects = ['s1']
): CycleConfig {
	return {
		questionnaire,
		groups,
		anonymity,
		gradeBands: DEFAULT_GRADE_BANDS,
		subjects: subjects.map((id) => ({ id, name: id })),
		timeline: DEFAULT_TIMELINE,
		raterCap: DEFAULT_RATER_CAP
	};
}

const submission = (
	group: RaterGroup,
	answers: Record<string, Answer>,
	comments: Record<string, string> = {},
	subject = 's1'
): StoredSubmission => ({ subject, group, answers, comments });

/** The reference trimmed mean: sort, drop one from each end, average. */
function trimmedReference(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b).slice(1, -1);
	return sorted.reduce((a, b) => a + b, 0) / sorted.length;
}

describe('report: a hand-computed subject', () => {
	// Two competencies, A (40%: a1, a2) and B (60%: b1); default groups 70/10/10/10.
	const questionnaire: Questionnaire = {
		competencies: [competency('A', 40, ['a1', 'a2']), competency('B', 60, ['b1'])],
		comments: [
			{ id: 'strengths', prompt: bi('优势', 'Strengths'), required: false, maxLength: 100 }
		]
	};
	const config = cycle(questionnaire, { superior: 70, peer: 10, subordinate: 10, self: 10 });
	const peers: Array<[Answer, Answer, Answer]> = [
		[1, 2, 5],
		[3, 3, 5],
		[4, 3, 4],
		[4, 4, 4],
		[5, null, 2]
	];
	const submissions = [
		submission('superior', { a1: 4, a2: 5, b1: 3 }),
		submission('self', { a1: 5, a2: 5, b1: 5 }, { strengths: 'self: steady' }),
		...peers.map(([a1, a2, b1], i) =>
			submission('peer', { a1, a2, b1 }, { strengths: `peer comment ${i}` })
		),
		// Two direct reports: below the threshold of 3, and alone below it, so omitted entirely.
		submission('subordinate', { a1: 2, a2: 2, b1: 2 }, { strengths: 'sub: secret A' }),
		submission('subordinate', { a1: 2, a2: 2, b1: 2 }, { strengths: 'sub: secret B' })
	];
	const report = buildReport(config, 's1', submissions, seededRandom(1));
	const item = (id: string) => report.items.find((entry) => entry.item === id)!;
	const comp = (id: string) => report.competencies.find((entry) => entry.competency === id)!;

	it('shows superior, peers and self, and omits the two direct reports with a legend entry', () => {
		expect(report.units.map((u) => u.unit)).toEqual(['superior', 'peer', 'self']);
		const legend = report.legend.find((entry) => entry.group === 'subordinate')!;
		expect(legend).toMatchObject({ scores: 'omitted', comments: 'omitted', threshold: 3 });
	});

	it('drops the highest and lowest of five peers, and not of four', () => {
		// a1 from peers: 1 3 4 4 5 → mean 17/5; trimmed (3 + 4 + 4) / 3.
		expect(item('a1').byUnit.peer).toMatchObject({ n: 5, mean: 3.4 });
		expect(item('a1').byUnit.peer!.trimmedMean).toBeCloseTo(11 / 3, 12);
		expect(item('a1').byUnit.peer!.score).toBeCloseTo(11 / 3, 12);
		// a2: one peer did not observe it, so four scores: 2 3 3 4 → no trimming.
		expect(item('a2').byUnit.peer).toMatchObject({ n: 4, mean: 3, trimmedMean: undefined });
		expect(item('a2').byUnit.peer!.distribution).toEqual({
			notObserved: 1,
			counts: [0, 1, 2, 1, 0]
		});
		// b1: 5 5 4 4 2 → trimmed (4 + 4 + 5) / 3.
		expect(item('b1').byUnit.peer!.trimmedMean).toBeCloseTo(13 / 3, 12);
	});

	it('builds all-but-self from the superior and peers only, never the omitted direct reports', () => {
		// a1: superior 4 and peers 1 3 4 4 5 → six scores, mean 21/6, trimmed (3+4+4+4)/4.
		const others = item('a1').allButSelf!;
		expect(others.n).toBe(6);
		expect(others.mean).toBeCloseTo(3.5, 12);
		expect(others.trimmedMean).toBeCloseTo(3.75, 12);
		expect(others.distribution.counts).toEqual([1, 0, 1, 3, 1]);
		expect(item('a1').selfGap).toEqual({ self: 5, others: 3.5, gap: 1.5 });
	});

	it('averages items into competencies and weighs the total over the shown groups', () => {
		expect(comp('A').byUnit.peer!.score).toBeCloseTo((11 / 3 + 3) / 2, 12);
		expect(comp('A').byUnit.peer!.mean).toBeCloseTo((3.4 + 3) / 2, 12);
		expect(comp('A').byUnit.superior!.score).toBe(4.5);
		// Superior 0.4·4.5 + 0.6·3 = 3.6; peers 0.4·10/3 + 0.6·13/3 = 11.8/3; self 5.
		// Weights 70/10/10 renormalised over 90 (the direct reports' 10 is spread).
		const expected = (70 * 3.6 + 10 * (11.8 / 3) + 10 * 5) / 90;
		expect(report.total!.score).toBeCloseTo(expected, 12);
		expect(report.total!.hundred).toBeCloseTo(expected * 20, 10);
		expect(report.total!.grade!.id).toBe('C');
		expect(report.units.map((u) => [u.unit, u.weight, u.share])).toEqual([
			['superior', 70, 70 / 90],
			['peer', 10, 10 / 90],
			['self', 10, 10 / 90]
		]);
	});

	it('shows peers’ and self comments, none of the omitted group’s, in shuffled order', () => {
		const shown = report.comments[0]!.units;
		expect(shown.map((u) => u.unit)).toEqual(['peer', 'self']);
		expect([...shown[0]!.texts].sort()).toEqual(peers.map((_, i) => `peer comment ${i}`));
		expect(JSON.stringify(report)).not.toContain('secret');
		const orders = new Set(
			[1, 2, 3, 4, 5, 6, 7, 8].map((seed) =>
				buildReport(
					config,
					's1',
					submissions,
					seededRandom(seed)
				).comments[0]!.units[0]!.texts.join('|')
			)
		);
		expect(orders.size).toBeGreaterThan(1);
	});

	it('does not depend on the order submissions arrive in', () => {
		const reversed = buildReport(config, 's1', [...submissions].reverse(), seededRandom(1));
		const strip = (r: SubjectReport) => ({ ...r, comments: [] });
		expect(strip(reversed)).toEqual(strip(report));
	});
});

// ---------------------------------------------------------------------------------------------
// Random cycles

interface World {
	config: CycleConfig;
	submissions: StoredSubmission[];
}

const thresholdsArb = fc
	.record({
		superior: fc.integer({ min: 1, max: 2 }),
		peer: fc.integer({ min: 2, max: 5 }),
		subordinate: fc.integer({ min: 2, max: 5 }),
		customer: fc.integer({ min: 2, max: 5 }),
		extra: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 6, maxLength: 6 }),
		minOthers: fc.integer({ min: 2, max: 6 }),
		trimAt: fc.integer({ min: 3, max: 6 })
	})
	.map(({ extra, minOthers, trimAt, ...scores }): AnonymitySettings => {
		const minRaters = { ...scores, self: 1 };
		const e = (i: number) => extra[i]!;
		return {
			minRaters,
			minRatersForComments: {
				superior: minRaters.superior + e(0),
				peer: minRaters.peer + e(1),
				subordinate: minRaters.subordinate + e(2),
				customer: minRaters.customer + e(3),
				self: 1 + e(4)
			},
			minOthers,
			minOthersForComments: minOthers + e(5),
			trimAt
		};
	});

// Mostly scores, some "not observed" and unanswered; mostly peer-like groups, where pooling happens.
const answerArb: fc.Arbitrary<Answer | undefined> = fc.oneof(
	{ weight: 1, arbitrary: fc.constant(undefined) },
	{ weight: 1, arbitrary: fc.constant(null) },
	{ weight: 6, arbitrary: fc.constantFrom<Answer>(1, 2, 3, 4, 5) }
);
const groupArb: fc.Arbitrary<RaterGroup> = fc.oneof(
	{ weight: 1, arbitrary: fc.constantFrom<RaterGroup>('superior', 'self') },
	{ weight: 3, arbitrary: fc.constantFrom<RaterGroup>('peer', 'subordinate', 'customer') }
);

const raterArb = fc.record({
	group: groupArb,
	answers: fc.array(answerArb, { minLength: 16, maxLength: 16 }),
	comment: fc.boolean()
});

const worldArb: fc.Arbitrary<World> = fc
	.record({
		shape: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }),
		competencyWeights: fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 4, maxLength: 4 }),
		groupWeights: fc.array(fc.option(fc.integer({ min: 0, max: 80 }), { nil: undefined }), {
			minLength: 5,
			maxLength: 5
		}),
		anonymity: fc.oneof(
			{ weight: 1, arbitrary: fc.constant(DEFAULT_ANONYMITY) },
			{ weight: 3, arbitrary: thresholdsArb }
		),
		// Small panels pool and omit; large ones trim. Both kinds, about evenly.
		raters: fc.oneof(
			fc.array(raterArb, { maxLength: 12 }),
			fc.array(raterArb, { minLength: 10, maxLength: 30, size: 'max' })
		)
	})
	.map(({ shape, competencyWeights, groupWeights, anonymity, raters }): World => {
		let itemNo = 0;
		const competencies = shape.map((count, c) =>
			competency(
				`c${c}`,
				competencyWeights[c]!,
				Array.from({ length: count }, () => `i${itemNo++}`)
			)
		);
		const groups: Partial<Record<RaterGroup, number>> = {};
		RATER_GROUPS.forEach((group, g) => {
			if (groupWeights[g] !== undefined) groups[group] = groupWeights[g];
		});
		if (Object.keys(groups).length === 0) groups.peer = 10;
		const questionnaire: Questionnaire = {
			competencies,
			comments: [{ id: 'q', prompt: bi('q', 'q'), required: false, maxLength: 100 }]
		};
		const submissions = raters.map((rater, r) => {
			const answers: Record<string, Answer> = {};
			for (let i = 0; i < itemNo; i++) {
				const answer = rater.answers[i];
				if (answer !== undefined) answers[`i${i}`] = answer;
			}
			// Each comment names its group and a unique number, so a leak is visible by text.
			const comments: Record<string, string> = rater.comment ? { q: `${rater.group}#${r}` } : {};
			return submission(rater.group, answers, comments);
		});
		return { config: cycle(questionnaire, groups, anonymity), submissions };
	});

/** The least raters an item needs within a shown unit: its group's threshold, or the pool's. */
const thresholdOf = (config: CycleConfig, unit: SubjectReport['units'][number]) =>
	unit.unit === 'others' ? config.anonymity.minOthers : config.anonymity.minRaters[unit.unit];

function ratersIn(world: World, group: RaterGroup): number {
	return world.submissions.filter(
		(s) => s.group === group && world.config.groups[group] !== undefined
	).length;
}

describe('report: anonymity over random cycles', () => {
	it('generates cycles that pool, omit, suppress and trim (so the properties below have teeth)', () => {
		const seen = { pooled: 0, omitted: 0, suppressed: 0, trimmed: 0 };
		for (const world of fc.sample(worldArb, { numRuns: 400, seed: 42 })) {
			const report = buildReport(world.config, 's1', world.submissions, seededRandom(1));
			if (report.units.some((u) => u.unit === 'others')) seen.pooled++;
			if (report.legend.some((e) => e.scores === 'omitted' && ratersIn(world, e.group) > 0)) {
				seen.omitted++;
			}
			const suppressed = report.items.some(
				(item) => Object.keys(item.byUnit).length < report.units.length
			);
			if (suppressed) seen.suppressed++;
			if (report.items.some((i) => Object.values(i.byUnit).some((c) => c.trimmedMean))) {
				seen.trimmed++;
			}
		}
		for (const count of Object.values(seen)) expect(count).toBeGreaterThan(30);
	});

	it('never shows a group, a pool or an item cell below its threshold', () => {
		fc.assert(
			fc.property(worldArb, (world) => {
				const { config } = world;
				const report = buildReport(config, 's1', world.submissions, seededRandom(7));
				for (const unit of report.units) {
					if (unit.unit === 'others') {
						expect(unit.members.length).toBeGreaterThanOrEqual(2);
						expect(unit.raters).toBeGreaterThanOrEqual(config.anonymity.minOthers);
						for (const member of unit.members) {
							expect(member === 'superior' || member === 'self').toBe(false);
							expect(ratersIn(world, member)).toBeLessThan(config.anonymity.minRaters[member]);
						}
					} else {
						expect(unit.members).toEqual([unit.unit]);
						expect(unit.raters).toBe(ratersIn(world, unit.unit));
						expect(unit.raters).toBeGreaterThanOrEqual(config.anonymity.minRaters[unit.unit]);
					}
				}
				const shown = new Map(report.units.map((u) => [u.unit, u]));
				for (const item of report.items) {
					for (const [unit, cell] of Object.entries(item.byUnit)) {
						const summary = shown.get(unit as RaterGroup)!;
						expect(summary).toBeDefined();
						expect(cell.n).toBeGreaterThanOrEqual(thresholdOf(config, summary));
					}
				}
				// A group is in at most one shown unit.
				const members = report.units.flatMap((u) => u.members);
				expect(new Set(members).size).toBe(members.length);
			}),
			RUNS
		);
	});

	it('never shows a comment from a group below its comment threshold, nor from an omitted group', () => {
		fc.assert(
			fc.property(worldArb, (world) => {
				const { config } = world;
				const report = buildReport(config, 's1', world.submissions, seededRandom(3));
				const legend = new Map(report.legend.map((entry) => [entry.group, entry]));
				for (const question of report.comments) {
					for (const { unit, texts } of question.units) {
						for (const text of texts) {
							const group = text.split('#')[0] as RaterGroup;
							const entry = legend.get(group)!;
							expect(entry.scores).not.toBe('omitted');
							if (unit === 'others') {
								expect(entry.comments).toBe('pooled');
							} else {
								expect(unit).toBe(group);
								expect(entry.comments).toBe('shown');
								expect(ratersIn(world, group)).toBeGreaterThanOrEqual(
									config.anonymity.minRatersForComments[group]
								);
							}
						}
						if (unit === 'others') {
							const pooled = report.legend.filter((e) => e.comments === 'pooled');
							expect(pooled.length).toBeGreaterThanOrEqual(2);
							const raters = pooled.reduce((sum, e) => sum + ratersIn(world, e.group), 0);
							expect(raters).toBeGreaterThanOrEqual(config.anonymity.minOthersForComments);
						}
					}
				}
				// Every comment of a shown or pooled comment unit appears exactly once.
				const all = report.comments.flatMap((q) => q.units.flatMap((u) => u.texts));
				expect(new Set(all).size).toBe(all.length);
			}),
			RUNS
		);
	});

	it('builds all-but-self from the shown cells alone, so nothing hidden can be subtracted out', () => {
		fc.assert(
			fc.property(worldArb, (world) => {
				const report = buildReport(world.config, 's1', world.submissions, seededRandom(5));
				const trimAt = world.config.anonymity.trimAt;
				for (const item of report.items) {
					const cells = Object.entries(item.byUnit)
						.filter(([unit]) => unit !== 'self')
						.map(([, cell]) => cell as ScoreStats);
					const n = cells.reduce((sum, cell) => sum + cell.n, 0);
					if (n === 0) {
						expect(item.allButSelf).toBeUndefined();
						continue;
					}
					const others = item.allButSelf!;
					expect(others.n).toBe(n);
					const counts = [0, 1, 2, 3, 4].map((k) =>
						cells.reduce((sum, cell) => sum + cell.distribution.counts[k]!, 0)
					);
					expect(others.distribution.counts).toEqual(counts);
					const sum = cells.reduce((total, cell) => total + cell.mean * cell.n, 0);
					expect(others.mean).toBeCloseTo(sum / n, 10);
					// Even the trimmed mean follows from the shown distributions.
					const values = counts.flatMap((c, k) => Array<number>(c).fill(k + 1));
					if (n >= trimAt) expect(others.trimmedMean).toBeCloseTo(trimmedReference(values), 10);
					else expect(others.trimmedMean).toBeUndefined();
				}
				// The report's rater count is the sum over shown units.
				expect(report.raters).toBe(report.units.reduce((sum, u) => sum + u.raters, 0));
			}),
			RUNS
		);
	});

	it('is unchanged when hidden answers change: omitted groups and suppressed item cells', () => {
		fc.assert(
			fc.property(worldArb, fc.integer(), (world, seed) => {
				const report = buildReport(world.config, 's1', world.submissions, seededRandom(9));
				const unitOf = new Map<RaterGroup, string>();
				for (const unit of report.units) for (const m of unit.members) unitOf.set(m, unit.unit);
				const cellShown = new Map(
					report.items.map((item) => [item.item, new Set(Object.keys(item.byUnit))])
				);
				const random = seededRandom(seed);
				const altered = world.submissions.map((s) => {
					const unit = unitOf.get(s.group);
					const answers = Object.fromEntries(
						Object.entries(s.answers).map(([item, answer]) => {
							const hidden = unit === undefined || !cellShown.get(item)!.has(unit);
							if (!hidden || answer === null) return [item, answer];
							return [item, (1 + Math.floor(random() * 5)) as Answer];
						})
					);
					const hiddenComments = report.legend.find((e) => e.group === s.group)?.comments;
					const comments =
						hiddenComments === 'omitted' && s.comments.q ? { q: 'rewritten' } : s.comments;
					return { ...s, answers, comments };
				});
				const again = buildReport(world.config, 's1', altered, seededRandom(9));
				expect(again).toEqual(report);
			}),
			RUNS
		);
	});

	it('never trims an item scored by fewer raters than the threshold, and trims correctly above it', () => {
		fc.assert(
			fc.property(worldArb, (world) => {
				const config = { ...world.config, anonymity: { ...world.config.anonymity, trimAt: 5 } };
				const report = buildReport(config, 's1', world.submissions, seededRandom(2));
				for (const item of report.items) {
					for (const [unit, cell] of Object.entries(item.byUnit)) {
						if (cell.n < 5) {
							expect(cell.trimmedMean).toBeUndefined();
							expect(cell.score).toBe(cell.mean);
						} else {
							const members = report.units.find((u) => u.unit === unit)!.members;
							const values = world.submissions
								.filter((s) => members.includes(s.group))
								.map((s) => s.answers[item.item])
								.filter((a): a is NonNullable<Answer> => typeof a === 'number');
							expect(cell.trimmedMean).toBeCloseTo(trimmedReference(values), 10);
							expect(cell.score).toBe(cell.trimmedMean);
						}
					}
				}
			}),
			RUNS
		);
	});

	it('computes the weighted total as a straightforward reference computation does', () => {
		fc.assert(
			fc.property(worldArb, (world) => {
				const { config } = world;
				const report = buildReport(config, 's1', world.submissions, seededRandom(4));
				// Reference: from the raw submissions and the units the report shows, nothing else.
				let numerator = 0;
				let denominator = 0;
				for (const unit of report.units) {
					const groupWeight = unit.members.reduce((sum, g) => sum + (config.groups[g] ?? 0), 0);
					const threshold = thresholdOf(config, unit);
					for (const comp of config.questionnaire.competencies) {
						const itemScores: number[] = [];
						for (const item of comp.items) {
							const values = world.submissions
								.filter((s) => unit.members.includes(s.group))
								.map((s) => s.answers[item.id])
								.filter((a): a is NonNullable<Answer> => typeof a === 'number');
							if (values.length === 0 || values.length < threshold) continue;
							itemScores.push(
								values.length >= config.anonymity.trimAt
									? trimmedReference(values)
									: values.reduce((a, b) => a + b, 0) / values.length
							);
						}
						if (itemScores.length === 0) continue;
						const score = itemScores.reduce((a, b) => a + b, 0) / itemScores.length;
						numerator += comp.weight * groupWeight * score;
						denominator += comp.weight * groupWeight;
					}
				}
				// Honest totals: a group weighing at least the superior's weight (the default rule)
				// without a shown score withholds the total instead of being spread over the rest.
				const superior = config.groups.superior ?? 0;
				const missing = RATER_GROUPS.filter(
					(g) =>
						superior > 0 &&
						(config.groups[g] ?? 0) >= superior &&
						!report.units.some((u) => u.score !== undefined && u.members.includes(g))
				);
				expect(report.incomplete?.missing ?? []).toEqual(missing);
				if (denominator === 0 || missing.length > 0) expect(report.total).toBeUndefined();
				else expect(report.total!.score).toBeCloseTo(numerator / denominator, 9);
				// Shares are the shown units' weights renormalised.
				const weights = report.units.map((u) => u.weight);
				const sum = weights.reduce((a, b) => a + b, 0);
				report.units.forEach((u) => expect(u.share).toBeCloseTo(sum > 0 ? u.weight / sum : 0, 12));
			}),
			RUNS
		);
	});
});

describe('cycle-wide views', () => {
	const questionnaire: Questionnaire = {
		competencies: [competency('A', 100, ['a'])],
		comments: []
	};
	const config = cycle(questionnaire, { superior: 100 }, DEFAULT_ANONYMITY, ['x', 'y', 'z']);

	it('builds every subject’s report in subject order and ignores unknown subjects', () => {
		const submissions = [
			submission('superior', { a: 5 }, {}, 'y'),
			submission('superior', { a: 3 }, {}, 'x'),
			submission('superior', { a: 1 }, {}, 'nobody')
		];
		const reports = buildAllReports(config, submissions, seededRandom(1));
		expect(reports.map((r) => [r.subject, r.total?.hundred])).toEqual([
			['x', 60],
			['y', 100],
			['z', undefined]
		]);
		const one = buildReport(config, 'y', submissions, seededRandom(1));
		expect(one).toEqual(reports[1]);
	});

	it('summarises totals for calibration: grades, spread and a histogram', () => {
		const submissions = ([5, 4, 3, 3] as const).map((a, i) =>
			submission('superior', { a }, {}, ['x', 'y', 'z', 'w'][i])
		);
		const four = { ...config, subjects: ['x', 'y', 'z', 'w'].map((id) => ({ id, name: id })) };
		const result = calibration(
			buildAllReports(four, submissions, seededRandom(1)),
			DEFAULT_GRADE_BANDS
		);
		expect(result).toMatchObject({
			subjects: 4,
			scored: 4,
			mean: 75,
			median: 70,
			min: 60,
			max: 100
		});
		expect(result.byGrade.map((g) => [g.grade, g.count])).toEqual([
			['A', 1],
			['B', 1],
			['C', 2],
			['D', 0]
		]);
		expect(result.histogram.find((bin) => bin.from === 60)!.count).toBe(2);
		expect(result.histogram.find((bin) => bin.from === 90)!.count).toBe(1);
		expect(result.histogram.reduce((sum, bin) => sum + bin.count, 0)).toBe(4);
	});
});
