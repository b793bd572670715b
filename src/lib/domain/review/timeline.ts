/**
 * The review process day by day, after the seed's department plan (某部门360度评估完整流程):
 * announce two weeks ahead; D1–D5 goals and nominations; D1–D10 the self-assessment; D11 the
 * manager sends it to the raters and the survey opens; D11–D13 raters answer while HR watches
 * completion; D14 close, export and reports. Appeals (申诉) then go to HR, who investigates; the
 * seed gives them no window, so the week after close is ours.
 *
 * Days are numbered as the plan numbers them: day 1 is D1, day 14 is D14, day 0 the day before D1
 * and day −13 two weeks (14 calendar days) before D1. Calendar days, not working days: the seed's
 * plan does not say, and a cycle can simply start on a Monday.
 */
import { bi, type Bilingual } from './text.ts';

/** Who does what in a cycle. */
export const TimelineRole = {
	hr: 'hr',
	subject: 'subject',
	manager: 'manager',
	rater: 'rater',
	departmentHead: 'departmentHead'
} as const;
export type TimelineRole = (typeof TimelineRole)[keyof typeof TimelineRole];

/** The steps of the plan, in order. */
export const PhaseId = {
	announce: 'announce',
	goals: 'goals',
	nominate: 'nominate',
	selfAssessment: 'selfAssessment',
	launch: 'launch',
	survey: 'survey',
	close: 'close',
	appeals: 'appeals'
} as const;
export type PhaseId = (typeof PhaseId)[keyof typeof PhaseId];

/** What one role does in a phase. */
export interface Duty<S = Bilingual> {
	role: TimelineRole;
	duty: S;
}

/** One step of the plan, with its days and who does what. */
export interface Phase<S = Bilingual> {
	id: PhaseId;
	label: S;
	/** First and last day, inclusive, in plan numbering (1 = D1). */
	from: number;
	to: number;
	duties: readonly Duty<S>[];
}

/** The seed's plan. Phases overlap where the plan runs them side by side. */
export const DEFAULT_TIMELINE: readonly Phase[] = [
	{
		id: 'announce',
		label: bi('发布方案', 'Announce the plan'),
		from: -13,
		to: -13,
		duties: [
			{
				role: 'hr',
				duty: bi(
					'提前两周向部门全员发布测评方案',
					'Publish the review plan to the whole department two weeks ahead'
				)
			}
		]
	},
	{
		id: 'goals',
		label: bi('设定目标', 'Set goals'),
		from: 1,
		to: 5,
		duties: [
			{
				role: 'subject',
				duty: bi(
					'新入职员工填写绩效目标,工作目标变化较大的员工调整绩效目标,并开始自评',
					'New joiners set performance goals, people whose work changed a lot adjust theirs, and both start the self-assessment'
				)
			},
			{ role: 'manager', duty: bi('确认下属的绩效目标', "Confirm each report's goals") }
		]
	},
	{
		id: 'nominate',
		label: bi('提名评价人', 'Nominate raters'),
		from: 1,
		to: 5,
		duties: [
			{
				role: 'subject',
				duty: bi(
					'提名评价人(姓名、邮箱、工号、角色),提交给上级及HRBP',
					'Nominate raters (name, e-mail, employee number, role) and send the list to the manager and the HRBP'
				)
			},
			{
				role: 'manager',
				duty: bi(
					'确认评价人名单合乎要求,尽可能覆盖全面、有代表性',
					'Approve the list: it meets the rules, covers the work broadly and is representative'
				)
			}
		]
	},
	{
		id: 'selfAssessment',
		label: bi('绩效自评', 'Self-assessment'),
		from: 1,
		to: 10,
		duties: [
			{
				role: 'subject',
				duty: bi(
					'按统一模板总结绩效自评,提交上级,作为发给评价人的附件',
					'Write the self-assessment on the common template and send it to the manager, to be passed on to the raters'
				)
			}
		]
	},
	{
		id: 'launch',
		label: bi('发起测评', 'Launch the survey'),
		from: 11,
		to: 11,
		duties: [
			{
				role: 'manager',
				duty: bi(
					'将绩效自评发送给评价人,抄送HRBP及部门负责人',
					"Send the subject's self-assessment to the raters, copying the HRBP and the department head"
				)
			},
			{
				role: 'hr',
				duty: bi('导入评价关系,发起测评', 'Import the rater lists and open the survey')
			}
		]
	},
	{
		id: 'survey',
		label: bi('匿名测评', 'Anonymous rating'),
		from: 11,
		to: 13,
		duties: [
			{
				role: 'rater',
				duty: bi(
					'参考绩效自评,根据问卷进行匿名测评',
					'Answer the questionnaire anonymously, with the self-assessment at hand'
				)
			},
			{ role: 'hr', duty: bi('及时查看完成进度', 'Watch completion and send reminders') }
		]
	},
	{
		id: 'close',
		label: bi('测评截止', 'Close and report'),
		from: 14,
		to: 14,
		duties: [
			{
				role: 'hr',
				duty: bi(
					'截止测评,导出结果作为绩效考核依据,生成分析报告',
					'Close the survey, export the results for the performance review and produce the reports'
				)
			},
			{
				role: 'subject',
				duty: bi('查阅本人的评估报告', 'Read their own report')
			},
			{
				role: 'manager',
				duty: bi('查阅下属的评估报告', "Read their reports' results")
			},
			{
				role: 'departmentHead',
				duty: bi('查阅本部门的评估报告', "Read the department's results")
			}
		]
	},
	{
		id: 'appeals',
		label: bi('申诉', 'Appeals'),
		from: 15,
		to: 21,
		duties: [
			{
				role: 'subject',
				duty: bi('对结果有异议可向人力资源部申诉', 'Appeal to HR if they dispute the result')
			},
			{
				role: 'hr',
				duty: bi(
					'调查申诉情况,给出解释或调整',
					'Investigate each appeal and explain or adjust the result'
				)
			}
		]
	}
];

/** Phases running on `day` (plan numbering), in plan order. */
export function phasesOn<S>(timeline: readonly Phase<S>[], day: number): Phase<S>[] {
	return timeline.filter((phase) => phase.from <= day && day <= phase.to);
}

/** What `role` has to do on `day`. */
export function dutiesOn<S>(
	timeline: readonly Phase<S>[],
	day: number,
	role: TimelineRole
): Array<{ phase: PhaseId; duty: S }> {
	return phasesOn(timeline, day).flatMap((phase) =>
		phase.duties.filter((d) => d.role === role).map((d) => ({ phase: phase.id, duty: d.duty }))
	);
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 for an ISO date `YYYY-MM-DD` (UTC); undefined when not a real date. */
function epochDay(iso: string): number | undefined {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
	if (!match) return undefined;
	const time = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
	return new Date(time).toISOString().slice(0, 10) === iso ? time / DAY_MS : undefined;
}

/** The calendar date (`YYYY-MM-DD`) of plan day `day` in a cycle whose D1 is `d1`. */
export function dateOfDay(d1: string, day: number): string {
	const start = epochDay(d1);
	if (start === undefined) throw new RangeError(`not a date: ${d1}`);
	return new Date((start + day - 1) * DAY_MS).toISOString().slice(0, 10);
}

/** The plan day of calendar date `date` in a cycle whose D1 is `d1` (D1 → 1, the day before → 0). */
export function dayOfDate(d1: string, date: string): number {
	const start = epochDay(d1);
	const at = epochDay(date);
	if (start === undefined || at === undefined) throw new RangeError(`not a date: ${d1} / ${date}`);
	return at - start + 1;
}

/** Every phase with its first and last calendar date. */
export function calendar<S>(
	timeline: readonly Phase<S>[],
	d1: string
): Array<Phase<S> & { start: string; end: string }> {
	return timeline.map((phase) => ({
		...phase,
		start: dateOfDay(d1, phase.from),
		end: dateOfDay(d1, phase.to)
	}));
}

/** True while raters may submit: during the survey phase. */
export function surveyOpen(timeline: readonly Phase<unknown>[], day: number): boolean {
	return timeline.some((phase) => phase.id === 'survey' && phase.from <= day && day <= phase.to);
}

/**
 * True once reports may be released: from the close day on. Reports computed while answers still
 * arrive would let a reader difference two versions and read one rater's answers.
 */
export function reportsReleasable(timeline: readonly Phase<unknown>[], day: number): boolean {
	const close = timeline.find((phase) => phase.id === 'close');
	return close !== undefined && day >= close.from;
}

/** Why a timeline was refused; the UI translates it. */
export type TimelineProblem = 'missing-phase' | 'bad-range' | 'survey-after-close';

/** Checks a timeline HR edited: every phase present, ranges ordered, the survey shut before close. */
export function checkTimeline(timeline: readonly Phase<unknown>[]): TimelineProblem[] {
	const problems = new Set<TimelineProblem>();
	const byId = new Map(timeline.map((phase) => [phase.id, phase]));
	for (const id of Object.values(PhaseId)) if (!byId.has(id)) problems.add('missing-phase');
	for (const phase of timeline) {
		if (!Number.isInteger(phase.from) || !Number.isInteger(phase.to) || phase.from > phase.to) {
			problems.add('bad-range');
		}
	}
	const survey = byId.get('survey');
	const close = byId.get('close');
	if (survey && close && survey.to >= close.from) problems.add('survey-after-close');
	return [...problems];
}
