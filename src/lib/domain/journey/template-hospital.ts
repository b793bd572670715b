/**
 * A hospital patient's journey, after the hospital-CRM source: registration, consultation, tests,
 * treatment, discharge and follow-up. The source stresses that a hospital's customers include the
 * patient's family, and that its key customers are the chronically ill who need long treatment,
 * so family updates and long-term follow-up are touchpoints of their own.
 */
import { TemplateId, bi, type JourneyTemplate } from './template-types.ts';

const dept = {
	outpatient: bi('门诊部', 'Outpatient Department'),
	patientServices: bi('患者服务中心', 'Patient Services'),
	communications: bi('宣传科', 'Communications'),
	facilities: bi('后勤保障处', 'Facilities'),
	clinical: bi('临床科室', 'Clinical departments'),
	finance: bi('财务处', 'Finance'),
	diagnostics: bi('医技科室', 'Diagnostics'),
	it: bi('信息中心', 'IT Centre'),
	pharmacy: bi('药剂科', 'Pharmacy'),
	inpatient: bi('住院部', 'Inpatient Department'),
	nursing: bi('护理部', 'Nursing'),
	insurance: bi('医保办', 'Medical Insurance Office')
} as const;

const appWechat = bi('App、微信公众号', 'App, WeChat account');

export const HOSPITAL_TEMPLATE: JourneyTemplate = {
	id: TemplateId.hospital,
	title: bi('医院患者就医旅程', 'Hospital patient journey'),
	description: bi(
		'患者从预约挂号、就诊、检查、治疗到出院随访的五个阶段。',
		'A patient’s path in five stages: booking, consultation, tests, treatment, and discharge with follow-up.'
	),
	stages: [
		{
			name: bi('就诊前', 'Before the visit'),
			touchpoints: [
				{
					name: bi('选择医院与医生', 'Choosing a hospital and a doctor'),
					channel: bi(
						'医院官网、微信公众号、亲友推荐',
						'Hospital website, WeChat account, word of mouth'
					),
					department: dept.communications,
					goal: bi('找到擅长自己病情的医生', 'Find a doctor who knows their condition')
				},
				{
					name: bi('预约挂号', 'Booking an appointment'),
					channel: bi('App、微信、电话、窗口', 'App, WeChat, phone, counter'),
					department: dept.outpatient,
					goal: bi('约到时间合适的号', 'Get an appointment at a time that suits them'),
					painPoints: [
						bi('热门专家号难约，一约就是几周后', 'Popular specialists are booked out for weeks')
					],
					opportunities: [
						bi(
							'按病情推荐可预约的医生，并提供候补',
							'Suggest doctors with free slots for the condition, and offer a waiting list'
						)
					]
				},
				{
					name: bi('就诊提醒与准备', 'Reminders & preparation'),
					channel: bi('短信、微信', 'Text message, WeChat'),
					department: dept.patientServices,
					goal: bi(
						'知道几点到、带什么、是否需要空腹',
						'Know when to arrive, what to bring and whether to fast'
					)
				},
				{
					name: bi('交通与停车', 'Getting there & parking'),
					channel: bi('院区', 'Hospital grounds'),
					department: dept.facilities,
					goal: bi('按时到达并找到停车位', 'Arrive on time and find a parking space'),
					painPoints: [bi('停车难，常因此迟到', 'Parking is hard to find and makes patients late')]
				}
			]
		},
		{
			name: bi('到院就诊', 'Arrival & consultation'),
			touchpoints: [
				{
					name: bi('签到与分诊', 'Check-in & triage'),
					channel: bi('自助机、分诊台', 'Kiosk, triage desk'),
					department: dept.outpatient,
					goal: bi('很快知道该去哪里', 'Know quickly where to go')
				},
				{
					name: bi('候诊', 'Waiting to be seen'),
					channel: bi('候诊区、叫号屏', 'Waiting area, queue display'),
					department: dept.outpatient,
					goal: bi('知道还要等多久', 'Know how long the wait will be'),
					painPoints: [bi('排队时间长且不可预期', 'Long waits with no idea of when')],
					opportunities: [
						bi('在手机上显示实时排队位置', 'Show the live queue position on the patient’s phone')
					]
				},
				{
					name: bi('医生问诊', 'Consultation'),
					channel: bi('诊室', 'Consulting room'),
					department: dept.clinical,
					goal: bi('把病情说清楚并被认真倾听', 'Explain their symptoms and be listened to'),
					painPoints: [
						bi('问诊时间短，来不及说完', 'The consultation is over before they have said it all')
					]
				},
				{
					name: bi('缴费', 'Payment'),
					channel: bi('自助机、App、窗口', 'Kiosk, app, counter'),
					department: dept.finance,
					goal: bi('不必为缴费再排一次队', 'Pay without queuing again'),
					opportunities: [
						bi(
							'诊间支付、医保在线结算',
							'Pay in the consulting room or online, with insurance settled at once'
						)
					]
				}
			]
		},
		{
			name: bi('检查与诊断', 'Tests & diagnosis'),
			touchpoints: [
				{
					name: bi('检查预约', 'Scheduling tests'),
					channel: bi('App、检查预约窗口', 'App, test booking desk'),
					department: dept.diagnostics,
					goal: bi('尽早做完检查', 'Have the tests done soon'),
					painPoints: [bi('影像检查要等好几天', 'Imaging has a wait of several days')]
				},
				{
					name: bi('化验与影像检查', 'Lab tests & imaging'),
					channel: bi('检验科、放射科', 'Laboratory, radiology'),
					department: dept.diagnostics,
					goal: bi(
						'检查安全、舒适，不来回奔波',
						'Safe, comfortable tests without walking back and forth'
					)
				},
				{
					name: bi('获取报告', 'Getting results'),
					channel: bi('App、自助打印机', 'App, self-service printer'),
					department: dept.it,
					goal: bi('及时拿到报告', 'Get the results promptly')
				},
				{
					name: bi('诊断解读', 'Understanding the diagnosis'),
					channel: bi('诊室、电话', 'Consulting room, phone'),
					department: dept.clinical,
					goal: bi('听懂诊断和治疗选择', 'Understand the diagnosis and the options'),
					opportunities: [
						bi('提供通俗易懂的诊断说明', 'Give a plain-language summary of the diagnosis')
					]
				}
			]
		},
		{
			name: bi('治疗与住院', 'Treatment & stay'),
			touchpoints: [
				{
					name: bi('取药与用药指导', 'Pharmacy & medication advice'),
					channel: bi('药房', 'Pharmacy'),
					department: dept.pharmacy,
					goal: bi('拿到药并知道怎么用', 'Collect the medicines and know how to take them')
				},
				{
					name: bi('入院办理', 'Admission'),
					channel: bi('入院处', 'Admissions desk'),
					department: dept.inpatient,
					goal: bi('尽快办好入院、住上床位', 'Be admitted quickly and get a bed soon'),
					painPoints: [bi('床位紧张，等待时间不确定', 'Beds are scarce and the wait uncertain')]
				},
				{
					name: bi('病房护理', 'Ward care'),
					channel: bi('病房', 'Ward'),
					department: dept.nursing,
					goal: bi('感到安心、被照顾', 'Feel safe and cared for')
				},
				{
					name: bi('手术与治疗', 'Surgery & treatment'),
					channel: bi('手术室、治疗室', 'Operating theatre, treatment room'),
					department: dept.clinical,
					goal: bi(
						'治疗顺利，风险事先讲清楚',
						'Treatment goes well, with the risks explained beforehand'
					)
				},
				{
					name: bi('家属沟通与探视', 'Family updates & visits'),
					channel: bi('病房、电话、微信', 'Ward, phone, WeChat'),
					department: dept.nursing,
					goal: bi('家属及时了解病情', 'The family know how the patient is doing'),
					opportunities: [
						bi(
							'按约定的方式定时向家属通报病情',
							'Update the family regularly, the way they agreed to be told'
						)
					]
				}
			]
		},
		{
			name: bi('出院与随访', 'Discharge & follow-up'),
			touchpoints: [
				{
					name: bi('出院结算与医保报销', 'Discharge billing & insurance'),
					channel: bi('结算窗口、App', 'Billing desk, app'),
					department: dept.insurance,
					goal: bi(
						'一次结清费用，医保当场报销',
						'Settle the bill in one go, with insurance paid on the spot'
					),
					painPoints: [bi('出院当天结算排长队', 'Long queues to settle the bill on discharge day')]
				},
				{
					name: bi('出院指导', 'Discharge instructions'),
					channel: bi('病房、书面说明', 'Ward, written instructions'),
					department: dept.nursing,
					goal: bi(
						'清楚回家后如何护理、何时复查',
						'Know how to recover at home and when to come back'
					)
				},
				{
					name: bi('随访与复诊', 'Follow-up calls & return visits'),
					channel: bi('电话、App', 'Phone, app'),
					department: dept.patientServices,
					goal: bi(
						'康复有人关心，复诊方便',
						'Someone checks on their recovery, and return visits are easy'
					),
					opportunities: [
						bi(
							'为慢性病、肿瘤等需要长期治疗的患者建立随访计划',
							'Long-term follow-up plans for patients with chronic illness or cancer'
						)
					]
				},
				{
					name: bi('满意度调查与健康管理', 'Satisfaction survey & health management'),
					channel: appWechat,
					department: dept.patientServices,
					goal: bi('意见被听到，持续获得健康建议', 'Be heard, and keep getting health advice')
				}
			]
		}
	]
};
