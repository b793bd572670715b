/**
 * 360° review benchmark: a cycle of 200 subjects × 10 raters × 40 items (2,000 submissions).
 *
 *   npm run bench:reviews               # all reports, one report, validation, outliers
 *   npm run bench:reviews -- --runs 40  # more repetitions
 *
 * Targets: every report of the cycle ≤ 500 ms; one subject's report ≤ 20 ms; importing 2,000
 * people (200 subjects and their 1,800 raters) from a CSV into a cycle document ≤ 1 s.
 * Prints numbers; asserts nothing.
 */
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { reportHighlights } from '../../src/lib/domain/review/highlights.ts';
import { planPeopleImport, readPeopleCsv } from '../../src/lib/domain/review/people-import.ts';
import { importPeople, peopleContext, startCycle } from '../../src/lib/model/review-cycle.ts';
import { DEFAULT_ANONYMITY } from '../../src/lib/domain/review/anonymity.ts';
import { DEFAULT_RATER_CAP, type CycleConfig } from '../../src/lib/domain/review/cycle.ts';
import { DEFAULT_GRADE_BANDS } from '../../src/lib/domain/review/grades.ts';
import type { RaterGroup } from '../../src/lib/domain/review/groups.ts';
import { flagOutliers } from '../../src/lib/domain/review/outliers.ts';
import type { Answer, Competency } from '../../src/lib/domain/review/questionnaire.ts';
import { seededRandom } from '../../src/lib/domain/review/random.ts';
import { buildAllReports, buildReport, calibration } from '../../src/lib/domain/review/report.ts';
import {
	validateSubmission,
	type StoredSubmission
} from '../../src/lib/domain/review/submission.ts';
import { bi } from '../../src/lib/domain/review/text.ts';
import { DEFAULT_TIMELINE } from '../../src/lib/domain/review/timeline.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '20' } } });
const runs = Number(values.runs);

const SUBJECTS = 200;
const COMPETENCIES = 8;
const ITEMS_PER_COMPETENCY = 5;
/** Ten raters a subject: the superior, four peers, four direct reports, and the subject. */
const PANEL: RaterGroup[] = ['superior', 'peer', 'peer', 'peer', 'peer'];
PANEL.push('subordinate', 'subordinate', 'subordinate', 'subordinate', 'self');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const min = (xs: number[]) => Math.min(...xs);
const ms = (x: number) => `${x.toFixed(x < 1 ? 3 : 1)} ms`;

function time(label: string, repeat: number, fn: () => unknown, target?: number): void {
	for (let i = 0; i < 3; i++) fn(); // warm-up: let the JIT settle before measuring
	const samples: number[] = [];
	for (let i = 0; i < repeat; i++) {
		const start = performance.now();
		fn();
		samples.push(performance.now() - start);
	}
	const goal = target === undefined ? '' : `   (target ≤ ${target} ms)`;
	console.log(
		`${label.padEnd(44)} median ${ms(median(samples)).padStart(9)}   min ${ms(min(samples)).padStart(9)}${goal}`
	);
}

function buildCycle(): { config: CycleConfig; bodies: unknown[] } {
	const random = seededRandom(2026);
	const competencies: Competency[] = Array.from({ length: COMPETENCIES }, (_, c) => ({
		id: `c${c}`,
		label: bi(`能力${c}`, `Competency ${c}`),
		high: [],
		low: [],
		weight: 100 / COMPETENCIES,
		items: Array.from({ length: ITEMS_PER_COMPETENCY }, (_, i) => ({
			id: `c${c}i${i}`,
			label: bi(`条目${i}`, `Item ${i}`),
			definition: bi('定义', 'Definition'),
			high: [],
			low: [],
			required: true,
			allowNotObserved: true
		}))
	}));
	const items = competencies.flatMap((c) => c.items.map((i) => i.id));
	const config: CycleConfig = {
		questionnaire: {
			competencies,
			comments: [
				{ id: 'strengths', prompt: bi('优势', 'Strengths'), required: false, maxLength: 2000 },
				{ id: 'improve', prompt: bi('改进', 'Improve'), required: false, maxLength: 2000 }
			]
		},
		groups: { superior: 70, peer: 10, subordinate: 10, self: 10 },
		anonymity: DEFAULT_ANONYMITY,
		gradeBands: DEFAULT_GRADE_BANDS,
		subjects: Array.from({ length: SUBJECTS }, (_, s) => ({ id: `s${s}`, name: `Subject ${s}` })),
		timeline: DEFAULT_TIMELINE,
		raterCap: DEFAULT_RATER_CAP
	};
	const bodies: unknown[] = [];
	for (const subject of config.subjects) {
		const level = 2.5 + random() * 2; // each subject has a typical score, raters scatter round it
		for (const group of PANEL) {
			const answers: Record<string, Answer> = {};
			for (const item of items) {
				if (random() < 0.05) answers[item] = null;
				else {
					const score = Math.round(level + (random() - 0.5) * 2.5);
					answers[item] = Math.min(5, Math.max(1, score)) as Answer;
				}
			}
			bodies.push({
				subject: subject.id,
				group,
				answers,
				comments: { strengths: `认真负责,${subject.id}`, improve: 'More delegation, please.' }
			});
		}
	}
	return { config, bodies };
}

const { config, bodies } = buildCycle();
const submissions: StoredSubmission[] = bodies.map((body) => {
	const check = validateSubmission(config, body);
	if (!check.ok) throw new Error(`fixture invalid: ${JSON.stringify(check.errors)}`);
	return check.submission;
});
const items = COMPETENCIES * ITEMS_PER_COMPETENCY;
console.log(
	`cycle: ${SUBJECTS} subjects × ${PANEL.length} raters × ${items} items = ` +
		`${submissions.length} submissions, ${submissions.length * items} answers; ${runs} runs`
);

const random = seededRandom(1);
time(
	'all reports (buildAllReports)',
	runs,
	() => buildAllReports(config, submissions, random),
	500
);
const mine = submissions.filter((s) => s.subject === 's100');
time(
	'one report, from its 10 submissions',
	runs * 10,
	() => buildReport(config, 's100', mine, random),
	20
);
time(
	'one report, picked from all 2,000',
	runs * 10,
	() => buildReport(config, 's100', submissions, random),
	20
);
time('validate 2,000 submissions', runs, () => {
	for (const body of bodies) validateSubmission(config, body);
});
time('outlier flags for the cycle', runs, () => flagOutliers(submissions));
const reports = buildAllReports(config, submissions, random);
time('calibration over 200 reports', runs, () => calibration(reports, config.gradeBands));
const graded = calibration(reports, config.gradeBands).byGrade.map((g) => `${g.grade} ${g.count}`);
console.log(`grades: ${graded.join(' · ')}; flagged subjects: ${flagOutliers(submissions).length}`);
time('coaching highlights for 200 reports', runs, () => reports.map((r) => reportHighlights(r)));

/** 2,000 rows: 200 subjects, each with a superior, four peers and four direct reports. */
function peopleCsv(): string {
	const rows = ['姓名,邮箱/工号,评价关系,被评价人'];
	const groups = ['上级', '同级', '同级', '同级', '同级', '下级', '下级', '下级', '下级'];
	for (let s = 0; s < SUBJECTS; s++) rows.push(`员工${s},e${s}@example.com,被评价人,`);
	for (let s = 0; s < SUBJECTS; s++) {
		groups.forEach((group, r) => {
			const rater = (s * 7 + r * 13 + 1) % 5000;
			rows.push(`评价人${rater},r${rater}@example.com,${group},e${s}@example.com`);
		});
	}
	return rows.join('\r\n');
}

const utf8 = new TextEncoder().encode(peopleCsv());
/** The same file in GBK, when iconv is here to write it (the import reads both). */
let gbk: Uint8Array | undefined;
try {
	gbk = new Uint8Array(execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: utf8 }));
} catch {
	// reason: no iconv on this machine; the UTF-8 figure stands alone
}

function importAll(bytes: Uint8Array): number {
	const doc = new Y.Doc();
	startCycle(doc, 'mid-level-manager');
	const plan = planPeopleImport(readPeopleCsv(bytes), peopleContext(doc));
	if ('problem' in plan) throw new Error(plan.problem);
	const added = importPeople(doc, plan);
	// What the relay would be sent: the import as one update.
	Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return added.subjects + added.nominations;
}
console.log(`people import: ${importAll(utf8)} people and nominations from ${utf8.length} bytes`);
time(
	'import 2,000 people, UTF-8 CSV → cycle doc',
	Math.max(5, runs / 2),
	() => importAll(utf8),
	1000
);
if (gbk) {
	time(
		'import 2,000 people, GBK CSV → cycle doc',
		Math.max(5, runs / 2),
		() => importAll(gbk!),
		1000
	);
}
