/**
 * A key account's lifecycle, seen from the customer's side: finding a supplier, signing, getting
 * started, being served and reviewed, renewing and growing. Follows the key-account practice in
 * DOMAIN.md §1: the customer checklist, prices set at headquarters only, regular reports,
 * supplier evaluations, and "branches first, then the whole" (先分后总).
 */
import { TemplateId, bi, type JourneyTemplate } from './template-types.ts';

const dept = {
	marketing: bi('市场部', 'Marketing'),
	sales: bi('销售部', 'Sales'),
	keyAccounts: bi('大客户部', 'Key Accounts'),
	legal: bi('法务部', 'Legal'),
	it: bi('信息技术部', 'IT'),
	success: bi('客户成功部', 'Customer Success'),
	delivery: bi('交付团队', 'Delivery'),
	executive: bi('管理层', 'Executive management')
} as const;

const meeting = bi('会议', 'Meetings');

export const B2B_TEMPLATE: JourneyTemplate = {
	id: TemplateId.b2b,
	title: bi('大客户全生命周期', 'Key-account lifecycle'),
	description: bi(
		'企业客户从了解供应商、签约、启动、日常服务到续约拓展的五个阶段。',
		'A business customer’s path in five stages: finding a supplier, signing, getting started, being served, and renewing and growing.'
	),
	stages: [
		{
			name: bi('识别与接触', 'Discover & engage'),
			touchpoints: [
				{
					name: bi('了解供应商', 'Discovering suppliers'),
					channel: bi('行业活动、官网、推荐', 'Industry events, website, referrals'),
					department: dept.marketing,
					goal: bi(
						'快速判断哪些供应商值得接触',
						'Tell quickly which suppliers are worth talking to'
					)
				},
				{
					name: bi('首次接触', 'First contact'),
					channel: bi('电话、拜访', 'Call, visit'),
					department: dept.sales,
					goal: bi('遇到一个懂自己行业的联系人', 'Meet a contact who understands their business')
				},
				{
					name: bi('需求调研', 'Needs discovery'),
					channel: bi('会议、问卷', 'Meetings, questionnaire'),
					department: dept.keyAccounts,
					goal: bi(
						'让供应商了解自己的政策、规模和发展计划',
						'Have the supplier understand their policies, size and plans'
					),
					painPoints: [
						bi(
							'同样的问题被不同的人反复询问',
							'Different people ask the same questions again and again'
						)
					],
					opportunities: [
						bi(
							'用客户检查单一次问全关键信息',
							'Use a customer checklist to ask for the key facts once'
						)
					]
				},
				{
					name: bi('内部立项与审批', 'Internal business case & approval'),
					channel: bi('客户内部流程', 'The customer’s own process'),
					department: dept.keyAccounts,
					goal: bi(
						'拿到足够的材料说服内部决策人',
						'Have what it takes to convince their decision-makers'
					),
					opportunities: [
						bi('提供可直接使用的节省测算', 'Provide a savings estimate they can use as it is')
					]
				}
			]
		},
		{
			name: bi('谈判与签约', 'Negotiate & sign'),
			touchpoints: [
				{
					name: bi('方案与报价', 'Proposal & quote'),
					channel: bi('邮件、会议', 'E-mail, meetings'),
					department: dept.keyAccounts,
					goal: bi(
						'看到贴合需求、价格透明的方案',
						'A proposal fitted to their needs, with transparent prices'
					),
					painPoints: [
						bi('各地分支单独报价，口径不一', 'Branches quote on their own, and the quotes disagree')
					],
					opportunities: [
						bi(
							'价格只在总部层面谈判和报出',
							'Negotiate and quote prices at headquarters level only'
						)
					]
				},
				{
					name: bi('招标与供应商准入', 'Tender & supplier registration'),
					channel: bi('招标平台', 'Tender portal'),
					department: dept.sales,
					goal: bi('顺利通过准入流程', 'Get through supplier registration smoothly')
				},
				{
					name: bi('商务谈判', 'Negotiation'),
					channel: meeting,
					department: dept.keyAccounts,
					goal: bi('达成公平、可持续的条款', 'Agree terms that are fair and will last')
				},
				{
					name: bi('合同签署', 'Contract signing'),
					channel: bi('电子签章、纸质合同', 'E-signature, paper contract'),
					department: dept.legal,
					goal: bi('条款清楚，签署快捷', 'Clear terms, signed quickly'),
					painPoints: [bi('合同审批周期长', 'Contract approval takes a long time')]
				}
			]
		},
		{
			name: bi('启动与交付', 'Start & deliver'),
			touchpoints: [
				{
					name: bi('启动会', 'Kick-off meeting'),
					channel: meeting,
					department: dept.keyAccounts,
					goal: bi(
						'明确双方对接人和时间表',
						'Know who the contacts are on both sides, and the timetable'
					)
				},
				{
					name: bi('系统与流程对接', 'System & process integration'),
					channel: bi('接口、客户门户', 'API, customer portal'),
					department: dept.it,
					goal: bi('与现有系统顺畅对接', 'Connect smoothly with the systems they already use'),
					painPoints: [bi('数据对接反复返工', 'Data integration is redone again and again')]
				},
				{
					name: bi('用户培训', 'User training'),
					channel: bi('现场培训、在线课程', 'On-site training, online courses'),
					department: dept.success,
					goal: bi('员工会用、愿意用', 'Staff know how to use the service, and want to')
				},
				{
					name: bi('首次交付', 'First delivery'),
					channel: bi('按服务而定', 'Depends on the service'),
					department: dept.delivery,
					goal: bi('第一次就做对', 'Get it right the first time')
				}
			]
		},
		{
			name: bi('服务与回顾', 'Serve & review'),
			touchpoints: [
				{
					name: bi('日常服务与问题处理', 'Day-to-day service & issues'),
					channel: bi('热线、客户经理、工单', 'Hotline, account manager, tickets'),
					department: dept.success,
					goal: bi('问题有人负责，尽快解决', 'Someone owns each problem, and it is solved soon'),
					opportunities: [
						bi(
							'统一工单，跨部门跟踪到解决',
							'One ticket per problem, followed across departments until solved'
						)
					]
				},
				{
					name: bi('定期报表与业务回顾', 'Regular reports & business reviews'),
					channel: bi('邮件、季度会议', 'E-mail, quarterly meetings'),
					department: dept.keyAccounts,
					goal: bi('看清花费、成效和改进方向', 'See spend, results and where to improve')
				},
				{
					name: bi('供应商评估与反馈', 'Supplier evaluation & feedback'),
					channel: bi('评估表、会议', 'Scorecard, meetings'),
					department: dept.keyAccounts,
					goal: bi('供应商按评估结果改进', 'The supplier acts on their evaluation')
				}
			]
		},
		{
			name: bi('续约与拓展', 'Renew & grow'),
			touchpoints: [
				{
					name: bi('续约谈判', 'Renewal'),
					channel: meeting,
					department: dept.keyAccounts,
					goal: bi('以更好的条件续约', 'Renew on better terms'),
					painPoints: [
						bi(
							'采购量下降直到续约时才被发现',
							'A drop in purchase volume is noticed only at renewal'
						)
					],
					opportunities: [
						bi(
							'采购量一下降就主动沟通，找出原因',
							'Talk to the customer as soon as volume drops, and find out why'
						)
					]
				},
				{
					name: bi('拓展新分支与升级', 'New branches & upgrades'),
					channel: bi('总部与分支虚拟团队', 'Headquarters and branch virtual team'),
					department: dept.keyAccounts,
					goal: bi('新分支也享受同样的条件', 'New branches get the same terms'),
					opportunities: [
						bi(
							'借助企业结构树“先分后总”，集团整合时即可介入',
							'Work “branches first, then the whole” with the structure tree, ready when the group consolidates'
						)
					]
				},
				{
					name: bi('高层互访与战略合作', 'Executive meetings & strategic partnership'),
					channel: bi('高层会谈', 'Executive meetings'),
					department: dept.executive,
					goal: bi('双方在战略层面对齐', 'Both sides aligned at the strategic level')
				}
			]
		}
	]
};
