/**
 * A subject's 360° report, computed on the server after the cycle closes, and the cycle-wide views
 * built from reports (all reports, calibration).
 *
 * Everything here obeys anonymity.ts: the visibility plan decides which units (groups, or the
 * pooled "others") are shown; a unit's item cell is shown only when enough raters scored the
 * item; and every composite — all-but-self, competencies, unit scores, the total, self-versus-
 * others gaps — is built from the shown cells' counts alone, never from raw answers.
 *
 * Trimming (去掉最高分和最低分) is decided per item and unit on the raters who *scored* that item,
 * not on the unit's raters: with five raters of whom two ticked "not observed", dropping two of the
 * three scores would leave one person's score as the "panel" result.
 *
 * Weighted total: Σ w_c · W_u · s(c, u) ÷ Σ w_c · W_u over competencies c and shown units u whose
 * cell s(c, u) exists, where w_c is the competency weight, W_u the unit's group weight ("others"
 * takes the sum of its members'), and s(c, u) the mean of the unit's shown item scores in c (each
 * trimmed where trimming applies). With every cell present this is Σ_u W_u Σ_c w_c s(c, u) with both
 * weight sets normalised; a missing cell's weight is spread over the cells present rather than
 * counted as zero.
 *
 * Honest totals: that spreading stops at the groups the cycle requires (cycle.ts `requiredGroups`,
 * by default the superior). When one of them has no shown answers the report has no total and no
 * grade, says which groups are missing, and still shows every unit's own score: spreading a 70%
 * superior weight over self and peers would turn the total into half a self-rating.
 */
import { planVisibility, type LegendEntry, type ReportUnit } from './anonymity.ts';
import { requiredGroups, type CycleConfig } from './cycle.ts';
import { gradeOf, toHundred, type GradeBand } from './grades.ts';
import { RATER_GROUPS, enabledGroups, type RaterGroup } from './groups.ts';
import { SCALE_MAX, indexQuestionnaire } from './questionnaire.ts';
import { shuffled, type Random } from './random.ts';
import {
	COUNT_SLOTS,
	addCounts,
	meanOf,
	quantileSorted,
	sampleSd,
	statsAt,
	type Distribution,
	type ScoreStats
} from './stats.ts';
import type { StoredSubmission } from './submission.ts';

/** A competency's cell: the average of the unit's shown item cells in it. */
export interface CompetencyStats extends ScoreStats {
	/** Item cells averaged. `n` is the scores given across them. */
	items: number;
}

/** Self against everyone else on one item or competency, in points on the 1–5 scale. */
export interface SelfGap {
	self: number;
	/** The all-but-self mean. */
	others: number;
	/** self − others: positive where the subject rates themselves higher than others do. */
	gap: number;
}

/** One item across the shown units. */
export interface ItemReport {
	item: string;
	competency: string;
	/** Shown cells by unit. A shown unit without a cell here had too few raters score the item. */
	byUnit: Partial<Record<ReportUnit, ScoreStats>>;
	/** Every shown cell except self's, combined. */
	allButSelf: ScoreStats | undefined;
	selfGap: SelfGap | undefined;
}

/** One competency across the shown units. */
export interface CompetencyReport {
	competency: string;
	/** Configured weight in percent. */
	weight: number;
	byUnit: Partial<Record<ReportUnit, CompetencyStats>>;
	allButSelf: CompetencyStats | undefined;
	selfGap: SelfGap | undefined;
}

/** One shown unit: who it holds, its weight and its own score. */
export interface UnitSummary {
	unit: ReportUnit;
	/** The groups whose answers it holds. */
	members: readonly RaterGroup[];
	/** Raters (submissions) it holds. */
	raters: number;
	/** Configured group weight in percent; "others" takes the sum of its members'. */
	weight: number;
	/** The weight renormalised over the shown units, 0–1; the shares sum to 1 (or all are 0). */
	share: number;
	/** The unit's own weighted score over competencies, 1–5; undefined with no shown cell. */
	score: number | undefined;
}

/** The weighted total and the grade it earns. */
export interface TotalScore {
	/** Weighted total on the 1–5 scale. */
	score: number;
	/** The same on the 100-point scale (× 20). */
	hundred: number;
	grade: GradeBand | undefined;
}

/** The comments shown for one open question. */
export interface QuestionComments {
	question: string;
	/** Comments per shown unit, each list in random order; units without comments left out. */
	units: Array<{ unit: ReportUnit; texts: string[] }>;
}

/**
 * How many of a group were asked and how many answered. `answered` is given only for a group
 * shown as itself: for a pooled or omitted group it stays undefined, so "none" and "two" read the
 * same (anonymity.ts, rule 7).
 */
export interface GroupParticipation {
	group: RaterGroup;
	/** Raters asked (drafts); undefined when the caller did not say. */
	invited: number | undefined;
	answered: number | undefined;
}

/** Everything a subject's report shows; nothing in it depends on a hidden answer. */
export interface SubjectReport {
	subject: string;
	/** Raters (submissions) counted, over the units shown; the sum of `units[].raters`. */
	raters: number;
	/** Units whose scores are shown, in report order. */
	units: UnitSummary[];
	/** What happened to each group the cycle asks, for the report's legend. */
	legend: readonly LegendEntry[];
	competencies: CompetencyReport[];
	items: ItemReport[];
	/** Undefined when nothing is shown, or when the report is incomplete. */
	total: TotalScore | undefined;
	/** Set when a required group has no shown answers: no total, no grade (see header). */
	incomplete: { missing: RaterGroup[] } | undefined;
	/** One entry per group the cycle asks, in report order. */
	participation: GroupParticipation[];
	comments: QuestionComments[];
}

/** Raters asked per group for one subject (drafts at close), for the report's participation. */
export type InvitedCounts = Readonly<Partial<Record<RaterGroup, number>>>;

const GROUP_SLOT: Readonly<Record<RaterGroup, number>> = Object.fromEntries(
	RATER_GROUPS.map((group, i) => [group, i])
) as Record<RaterGroup, number>;

function averageCells(cells: readonly ScoreStats[]): CompetencyStats | undefined {
	if (cells.length === 0) return undefined;
	let n = 0;
	let mean = 0;
	let score = 0;
	let trimmed = 0;
	const counts: [number, number, number, number, number] = [0, 0, 0, 0, 0];
	let notObserved = 0;
	for (const cell of cells) {
		n += cell.n;
		mean += cell.mean;
		score += cell.score;
		if (cell.trimmedMean !== undefined) trimmed += cell.trimmedMean;
		notObserved += cell.distribution.notObserved;
		for (let k = 0; k < SCALE_MAX; k++) counts[k]! += cell.distribution.counts[k]!;
	}
	const every = cells.every((cell) => cell.trimmedMean !== undefined);
	const distribution: Distribution = { notObserved, counts };
	return {
		items: cells.length,
		n,
		mean: mean / cells.length,
		trimmedMean: every ? trimmed / cells.length : undefined,
		score: score / cells.length,
		distribution
	};
}

function gapOf(
	self: { mean: number } | undefined,
	others: { mean: number } | undefined
): SelfGap | undefined {
	if (!self || !others) return undefined;
	return { self: self.mean, others: others.mean, gap: self.mean - others.mean };
}

/** The report for one subject from that subject's submissions (others' are ignored). */
export function buildReport(
	config: CycleConfig,
	subject: string,
	submissions: readonly StoredSubmission[],
	random: Random,
	invited?: InvitedCounts
): SubjectReport {
	return reportFor(
		config,
		subject,
		submissions.filter((s) => s.subject === subject),
		random,
		invited
	);
}

/** Reports for every subject of the cycle, in the cycle's subject order. */
export function buildAllReports(
	config: CycleConfig,
	submissions: readonly StoredSubmission[],
	random: Random,
	invited?: ReadonlyMap<string, InvitedCounts>
): SubjectReport[] {
	const bySubject = new Map<string, StoredSubmission[]>();
	for (const subject of config.subjects) bySubject.set(subject.id, []);
	for (const submission of submissions) bySubject.get(submission.subject)?.push(submission);
	return config.subjects.map((subject) =>
		reportFor(config, subject.id, bySubject.get(subject.id)!, random, invited?.get(subject.id))
	);
}

function reportFor(
	config: CycleConfig,
	subject: string,
	mine: readonly StoredSubmission[],
	random: Random,
	invited: InvitedCounts | undefined
): SubjectReport {
	const index = indexQuestionnaire(config.questionnaire);
	const { competencies } = config.questionnaire;
	const itemCount = index.items.length;
	const groups = enabledGroups(config.groups);
	const trimAt = config.anonymity.trimAt;

	// 1. Count answers per group and item; nothing below looks at a submission's scores again.
	const raters: Partial<Record<RaterGroup, number>> = {};
	const stride = itemCount * COUNT_SLOTS;
	const groupCounts = new Int32Array(RATER_GROUPS.length * stride);
	const asked = mine.filter((s) => config.groups[s.group] !== undefined);
	for (const submission of asked) {
		raters[submission.group] = (raters[submission.group] ?? 0) + 1;
		const base = GROUP_SLOT[submission.group] * stride;
		for (const id in submission.answers) {
			const position = index.itemPosition.get(id);
			if (position === undefined) continue;
			const answer = submission.answers[id];
			// Stored submissions were validated; anything else is skipped rather than counted.
			const slot = answer === null ? 0 : answer;
			if (slot === undefined || !(slot >= 0 && slot <= SCALE_MAX) || slot % 1 !== 0) continue;
			groupCounts[base + position * COUNT_SLOTS + slot]!++;
		}
	}
	const plan = planVisibility(raters, groups, config.anonymity);

	// 2. Units' counts (a pooled unit sums its members) and shown item cells.
	const units = plan.scoreUnits;
	const unitCounts = new Int32Array(units.length * stride);
	units.forEach((unit, u) => {
		for (const member of unit.members) {
			const from = GROUP_SLOT[member] * stride;
			for (let k = 0; k < stride; k++) unitCounts[u * stride + k]! += groupCounts[from + k]!;
		}
	});
	const selfUnit = units.findIndex((unit) => unit.unit === 'self');
	/** cells[u][i]: the shown cell of unit u for item i, or undefined. */
	const cells: Array<Array<ScoreStats | undefined>> = units.map((unit, u) => {
		const row: Array<ScoreStats | undefined> = new Array(itemCount);
		for (let i = 0; i < itemCount; i++) {
			const stats = statsAt(unitCounts, u * stride + i * COUNT_SLOTS, trimAt);
			row[i] = stats && stats.n >= unit.threshold ? stats : undefined;
		}
		return row;
	});

	// 3. All-but-self per item, from shown cells only (rule 5 of anonymity.ts).
	const combined = new Int32Array(COUNT_SLOTS);
	const allButSelf: Array<ScoreStats | undefined> = new Array(itemCount);
	for (let i = 0; i < itemCount; i++) {
		combined.fill(0);
		units.forEach((_, u) => {
			if (u !== selfUnit && cells[u]![i]) {
				addCounts(combined, 0, unitCounts, u * stride + i * COUNT_SLOTS);
			}
		});
		allButSelf[i] = statsAt(combined, 0, trimAt);
	}

	const items: ItemReport[] = index.items.map((item, i) => {
		const byUnit: Partial<Record<ReportUnit, ScoreStats>> = {};
		units.forEach((unit, u) => {
			const cell = cells[u]![i];
			if (cell) byUnit[unit.unit] = cell;
		});
		return {
			item: item.id,
			competency: competencies[index.competencyOfItem[i]!]!.id,
			byUnit,
			allButSelf: allButSelf[i],
			selfGap: gapOf(selfUnit >= 0 ? cells[selfUnit]![i] : undefined, allButSelf[i])
		};
	});

	// 4. Competencies: averages of shown item cells.
	const itemsOf: number[][] = competencies.map(() => []);
	for (let i = 0; i < itemCount; i++) itemsOf[index.competencyOfItem[i]!]!.push(i);
	const competencyCells = units.map((_, u) =>
		itemsOf.map((list) => averageCells(list.flatMap((i) => cells[u]![i] ?? [])))
	);
	const competencyReports: CompetencyReport[] = competencies.map((competency, c) => {
		const byUnit: Partial<Record<ReportUnit, CompetencyStats>> = {};
		units.forEach((unit, u) => {
			const cell = competencyCells[u]![c];
			if (cell) byUnit[unit.unit] = cell;
		});
		const others = averageCells(itemsOf[c]!.flatMap((i) => allButSelf[i] ?? []));
		return {
			competency: competency.id,
			weight: competency.weight,
			byUnit,
			allButSelf: others,
			selfGap: gapOf(selfUnit >= 0 ? competencyCells[selfUnit]![c] : undefined, others)
		};
	});

	// 5. Weights, unit scores and the total.
	const unitWeights = units.map((unit) =>
		unit.members.reduce((sum, group) => sum + (config.groups[group] ?? 0), 0)
	);
	const weightSum = unitWeights.reduce((a, b) => a + b, 0);
	let totalNumerator = 0;
	let totalDenominator = 0;
	const summaries: UnitSummary[] = units.map((unit, u) => {
		let numerator = 0;
		let denominator = 0;
		competencies.forEach((competency, c) => {
			const cell = competencyCells[u]![c];
			if (!cell) return;
			numerator += competency.weight * cell.score;
			denominator += competency.weight;
			totalNumerator += competency.weight * unitWeights[u]! * cell.score;
			totalDenominator += competency.weight * unitWeights[u]!;
		});
		return {
			unit: unit.unit,
			members: unit.members,
			raters: unit.raters,
			weight: unitWeights[u]!,
			share: weightSum > 0 ? unitWeights[u]! / weightSum : 0,
			score: denominator > 0 ? numerator / denominator : undefined
		};
	});
	const scored = new Set(
		summaries.flatMap((summary) => (summary.score === undefined ? [] : summary.members))
	);
	const missing = requiredGroups(config).filter((group) => !scored.has(group));
	let total: TotalScore | undefined;
	if (totalDenominator > 0 && missing.length === 0) {
		const score = totalNumerator / totalDenominator;
		const hundred = toHundred(score);
		total = { score, hundred, grade: gradeOf(hundred, config.gradeBands) };
	}

	// 6. Comments: detached from scores, grouped by comment unit, shuffled.
	const commentUnitOf = new Map<RaterGroup, ReportUnit>();
	for (const unit of plan.commentUnits) {
		for (const member of unit.members) commentUnitOf.set(member, unit.unit);
	}
	const comments: QuestionComments[] = config.questionnaire.comments.map((question) => {
		const texts = new Map<ReportUnit, string[]>();
		for (const submission of asked) {
			const unit = commentUnitOf.get(submission.group);
			const text = submission.comments[question.id];
			if (unit === undefined || !text) continue;
			let list = texts.get(unit);
			if (!list) texts.set(unit, (list = []));
			list.push(text);
		}
		return {
			question: question.id,
			units: plan.commentUnits
				.filter((unit) => texts.has(unit.unit))
				.map((unit) => ({ unit: unit.unit, texts: shuffled(texts.get(unit.unit)!, random) }))
		};
	});

	return {
		subject,
		raters: units.reduce((sum, unit) => sum + unit.raters, 0),
		units: summaries,
		legend: plan.legend,
		competencies: competencyReports,
		items,
		total,
		incomplete: missing.length > 0 ? { missing } : undefined,
		participation: plan.legend.map((entry) => ({
			group: entry.group,
			invited: invited ? (invited[entry.group] ?? 0) : undefined,
			answered: entry.scores === 'shown' ? (raters[entry.group] ?? 0) : undefined
		})),
		comments
	};
}

/** The spread of every subject's total, for HR's calibration meeting. */
export interface Calibration {
	/** Subjects in the reports. */
	subjects: number;
	/** Subjects with a total. */
	scored: number;
	/** On the 100-point scale; undefined when nobody has a total. */
	mean: number | undefined;
	median: number | undefined;
	sd: number | undefined;
	min: number | undefined;
	max: number | undefined;
	/** Subjects per grade band, highest band first. */
	byGrade: Array<{ grade: string; count: number; share: number }>;
	/** Subjects per 10-point bin from 20 to 100; the last bin includes 100. */
	histogram: Array<{ from: number; to: number; count: number }>;
}

/** Calibration figures over `reports` (grade counts use `bands`, highest first). */
export function calibration(
	reports: readonly SubjectReport[],
	bands: readonly GradeBand[]
): Calibration {
	const totals = reports
		.flatMap((report) => (report.total ? [report.total.hundred] : []))
		.sort((a, b) => a - b);
	const histogram: Calibration['histogram'] = [];
	for (let from = 20; from < 100; from += 10) histogram.push({ from, to: from + 10, count: 0 });
	for (const total of totals) {
		const bin = Math.min(histogram.length - 1, Math.max(0, Math.floor((total - 20) / 10)));
		histogram[bin]!.count++;
	}
	const byGrade = [...bands]
		.sort((a, b) => b.min - a.min)
		.map((band) => {
			const count = totals.filter((total) => gradeOf(total, bands)?.id === band.id).length;
			return { grade: band.id, count, share: totals.length > 0 ? count / totals.length : 0 };
		});
	return {
		subjects: reports.length,
		scored: totals.length,
		mean: meanOf(totals),
		median: quantileSorted(totals, 0.5),
		sd: sampleSd(totals),
		min: totals[0],
		max: totals[totals.length - 1],
		byGrade,
		histogram
	};
}
