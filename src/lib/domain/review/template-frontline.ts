/**
 * The frontline staff form (一线员工绩效考评) from the seed's sample appraisal plan
 * (某公司360度绩效考核方案): conduct (品行) 30% — behaviour and character 10%, work attitude 10%,
 * morale and composure 10% — and performance (业绩) 70%.
 *
 * The seed scores conduct from records (attendance, customer praise and complaints, key events,
 * each adding or taking a point); here raters rate the same three items 1–5, with the record's
 * plus and minus events as the high and low behaviours. The seed's copy breaks off at the
 * performance heading; its three items are the measures the plan lists among its methods
 * (销售完成率、工作计划完成和工作目标达成评定), worded by us. Frontline staff have no direct reports,
 * and the plan surveys customers, so the groups are superior 70 · peer 10 · customer 10 · self 10
 * (the seed's 70/10/10/10 with customers in the subordinates' place).
 */
import type { ScaleItem } from './questionnaire.ts';
import { STANDARD_COMMENTS, type ReviewTemplate } from './template-types.ts';
import { bi } from './text.ts';

const rated = { required: true, allowNotObserved: true } as const;

const conductItems: readonly ScaleItem[] = [
	{
		id: 'character',
		label: bi('行为品格', 'Behaviour and character'),
		definition: bi(
			'遵章守纪，履行星级服务规范；服务行为获得顾客认可（顾客意见调查结果汇总）',
			'Follows the rules and discipline and meets the star-service standards; customers approve of their service (as the customer surveys show)'
		),
		high: [bi('获得顾客表扬', 'Praised by customers')],
		low: [bi('遭到顾客投诉', 'Complained about by customers')],
		...rated,
		source: 'seed'
	},
	{
		id: 'attitude',
		label: bi('工作态度', 'Work attitude'),
		definition: bi(
			'出勤情况良好；各项工作任务协作配合，尤其是临时性工作任务主动积极承担',
			'Reliable attendance; cooperates on every task, and volunteers for ad-hoc ones above all'
		),
		high: [
			bi('为更好地完成工作主动加班', 'Stays late of their own accord to get the work done well'),
			bi('任劳任怨服从计划外工作安排', 'Takes on unplanned work without complaint'),
			bi('主动积极承担临时性工作任务', 'Steps forward for ad-hoc tasks')
		],
		low: [
			bi('迟到、早退', 'Arrives late or leaves early'),
			bi('无故推卸工作任务', 'Shirks tasks without good reason')
		],
		...rated,
		source: 'seed'
	},
	{
		id: 'morale',
		label: bi('精神面貌和心理素质', 'Morale and composure'),
		definition: bi(
			'热爱公司，支持公司的各项政策方针；日常工作状态积极，对待同事态度良好',
			'Cares about the company and supports its policies; positive in day-to-day work and good-natured with colleagues'
		),
		high: [
			bi('主动为公司声誉作正面宣传', "Speaks up for the company's reputation"),
			bi('正确理解并宣传公司政策', "Understands the company's policies and explains them correctly")
		],
		low: [],
		...rated,
		source: 'seed'
	}
];

const performanceItems: readonly ScaleItem[] = [
	{
		id: 'sales',
		label: bi('销售完成', 'Sales target'),
		definition: bi(
			'按期完成销售任务，销售完成率达到或超过目标',
			'Meets the sales target on time; sales reach or exceed the goal'
		),
		high: [],
		low: [],
		...rated,
		source: 'completed'
	},
	{
		id: 'work-plan',
		label: bi('工作计划完成', 'Work plan completed'),
		definition: bi(
			'按计划完成各项工作，质量和时效符合要求',
			'Completes the planned work on schedule and to the required quality'
		),
		high: [],
		low: [],
		...rated,
		source: 'completed'
	},
	{
		id: 'goals',
		label: bi('工作目标达成', 'Goals achieved'),
		definition: bi('达成本期设定的工作目标', 'Achieves the work goals set for the period'),
		high: [],
		low: [],
		...rated,
		source: 'completed'
	}
];

/** 一线员工绩效考评: conduct 30%, performance 70%. */
export const frontlineTemplate: ReviewTemplate = {
	id: 'frontline',
	title: bi('一线员工绩效考评', 'Frontline staff review'),
	description: bi(
		'适用于营业员、总台服务员、礼宾员、收银员、顾客关系员、交易员等在卖场工作的普通员工；品行考评占总成绩的30%，业绩考评占70%。',
		'For staff on the shop floor — sales assistants, front-desk staff, concierges, cashiers, customer-relations staff, traders. Conduct counts for 30% of the result and performance for 70%.'
	),
	provenance: bi(
		'品行考评的三项及其权重（各10%）和业绩考评70%摘自原方案；原方案在业绩考评处中断，三个业绩条目依据原方案列出的考评方法补全。',
		"The three conduct items with their weights (10% each) and performance's 70% are copied from the source plan, which breaks off at the performance heading; the three performance items are completed from the measures the plan lists."
	),
	questionnaire: {
		competencies: [
			{
				id: 'conduct',
				label: bi('品行', 'Conduct'),
				high: [],
				low: [],
				weight: 30,
				items: conductItems,
				source: 'seed'
			},
			{
				id: 'performance',
				label: bi('业绩', 'Performance'),
				high: [],
				low: [],
				weight: 70,
				items: performanceItems,
				source: 'seed'
			}
		],
		comments: STANDARD_COMMENTS
	},
	groups: { superior: 70, peer: 10, customer: 10, self: 10 }
};
