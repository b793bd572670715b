/**
 * The airline's corporate-traveller journey: five stages and 36 key touchpoints (全流程服务 · 36个
 * 关键接触点). The source names the stages and the in-cabin touchpoints (客舱服务、座椅、客舱娱乐、
 * 餐食); the rest follow DOMAIN.md §2. Pain points and opportunities are given where the source
 * tells a story: channels that did not share a traveller (统一的旅客视图), tickets that expire
 * unused (过期票务), preferences carried from booking to the cabin, the hotel and the car.
 * Departments are the airline's usual ones; the source names only travel management, sales, the
 * call centre, e-commerce and cabin service.
 */
import { TemplateId, bi, type JourneyTemplate } from './template-types.ts';

const dept = {
	travel: bi('差旅管理部', 'Travel Management'),
	sales: bi('销售部', 'Sales'),
	ecommerce: bi('电子商务部', 'E-commerce'),
	service: bi('客户服务中心', 'Customer Service Centre'),
	finance: bi('财务部', 'Finance'),
	ground: bi('地面服务部', 'Ground Services'),
	operations: bi('运行控制中心', 'Operations Control Centre'),
	marketing: bi('市场营销部', 'Marketing'),
	cabin: bi('客舱服务部', 'Cabin Services'),
	product: bi('产品部', 'Product'),
	catering: bi('配餐部', 'Catering'),
	it: bi('信息技术部', 'IT'),
	loyalty: bi('常旅客部', 'Frequent Flyer Programme'),
	relations: bi('客户关系部', 'Customer Relations')
} as const;

const cabin = bi('客舱', 'Cabin');
const airport = bi('机场', 'Airport');

export const AIRLINE_TEMPLATE: JourneyTemplate = {
	id: TemplateId.airline,
	title: bi('航空商旅客户全流程', 'Airline corporate traveller'),
	description: bi(
		'商务旅客从旅行前到旅行后的五个阶段、36个关键接触点，涵盖订票、值机、客舱、到达和报销。',
		'A business traveller’s journey in five stages and 36 key touchpoints, from planning a trip through booking, check-in, the cabin and arrival to the expense claim.'
	),
	stages: [
		{
			name: bi('旅行前', 'Pre-trip'),
			touchpoints: [
				{
					name: bi('差旅政策查询', 'Travel-policy lookup'),
					channel: bi('企业差旅平台', 'Corporate travel portal'),
					department: dept.travel,
					goal: bi(
						'出发前弄清公司允许的舱位、票价和审批要求',
						'Know which cabins, fares and approvals the company’s travel policy allows'
					),
					painPoints: [
						bi(
							'差旅政策散落在邮件和文件里，员工常订到不合规的票',
							'The policy is scattered across e-mails and documents, so travellers often book fares it does not allow'
						)
					],
					opportunities: [
						bi(
							'在订票页面直接标出符合政策的航班和舱位',
							'Mark policy-compliant flights and cabins right where people book'
						)
					]
				},
				{
					name: bi('行程规划与航班查询', 'Trip planning & schedule search'),
					channel: bi('官网、App、差旅平台', 'Website, app, travel portal'),
					department: dept.ecommerce,
					goal: bi(
						'找到时间合适、中转少的航班',
						'Find flights at the right times with as few connections as possible'
					)
				},
				{
					name: bi('协议价查询', 'Agreement fare lookup'),
					channel: bi('差旅平台、代理人', 'Travel portal, agencies'),
					department: dept.sales,
					goal: bi(
						'确认自己能享受公司的协议折扣',
						'Be sure the company’s negotiated discount applies'
					),
					painPoints: [
						bi('不同渠道显示的协议价不一致', 'Agreement fares differ from one channel to another')
					],
					opportunities: [
						bi('所有渠道共用同一份协议价', 'One agreement fare, the same in every channel')
					]
				},
				{
					name: bi('订票（代理、App、呼叫中心）', 'Booking (agency, app, call centre)'),
					channel: bi('代理人、App、呼叫中心', 'Agencies, app, call centre'),
					department: dept.sales,
					goal: bi('快速订到合规的机票', 'Book a compliant ticket quickly'),
					painPoints: [
						bi(
							'各渠道信息不共享：在呼叫中心买过票的旅客，电子商务渠道并不知道',
							'Channels do not share what they know: a traveller who booked through the call centre is a stranger to the website'
						)
					],
					opportunities: [
						bi(
							'打通全球所有渠道，形成“统一的旅客视图”',
							'Connect every channel worldwide into one “unified traveller view”'
						)
					]
				},
				{
					name: bi('支付与发票', 'Payment & invoice'),
					channel: bi('企业月结、在线支付', 'Corporate monthly billing, online payment'),
					department: dept.finance,
					goal: bi(
						'用公司认可的方式付款并拿到合规票据',
						'Pay the way the company accepts and get a valid invoice'
					)
				},
				{
					name: bi('选座（靠窗/靠过道偏好）', 'Seat selection (window or aisle)'),
					channel: bi('App、官网、值机柜台', 'App, website, check-in counter'),
					department: dept.ground,
					goal: bi('坐到自己喜欢的位置', 'Get the seat they prefer'),
					opportunities: [
						bi(
							'订票时识别出靠窗偏好，出票时直接安排',
							'Recognise a window-seat preference at booking and honour it at ticketing'
						)
					]
				},
				{
					name: bi('餐食偏好', 'Meal preference'),
					channel: bi('App、呼叫中心', 'App, call centre'),
					department: dept.cabin,
					goal: bi(
						'在机上吃到合口味、符合饮食禁忌的餐食',
						'Get a meal on board that suits their taste and dietary needs'
					),
					opportunities: [
						bi(
							'订票信息传导至客舱服务，提前备好偏好的餐食',
							'Pass the booking to cabin service so the preferred meal is on board'
						)
					]
				},
				{
					name: bi('行程确认、改签与退票', 'Itinerary confirmation, changes & refunds'),
					channel: bi('短信、App、呼叫中心', 'Text message, app, call centre'),
					department: dept.service,
					goal: bi(
						'行程有变时能快速改签或退票',
						'Change or refund a ticket quickly when plans change'
					),
					painPoints: [
						bi(
							'改退规则复杂，费用不透明',
							'Change and refund rules are complex and the fees unclear'
						)
					]
				}
			]
		},
		{
			name: bi('飞行前', 'Pre-flight'),
			touchpoints: [
				{
					name: bi('值机（网上、自助机、柜台）', 'Check-in (online, kiosk, counter)'),
					channel: bi('官网、App、自助值机机、柜台', 'Website, app, kiosk, counter'),
					department: dept.ground,
					goal: bi('几分钟内办完值机', 'Check in within minutes')
				},
				{
					name: bi('行李托运', 'Baggage drop'),
					channel: bi('值机柜台、自助行李托运', 'Check-in counter, self bag drop'),
					department: dept.ground,
					goal: bi('不排长队就托运好行李', 'Drop bags off without a long queue'),
					painPoints: [bi('高峰时段排长队', 'Long queues at peak times')]
				},
				{
					name: bi('优先安检', 'Priority security'),
					channel: airport,
					department: dept.ground,
					goal: bi('少花时间排队安检', 'Spend less time in the security queue')
				},
				{
					name: bi('贵宾休息室', 'Lounge'),
					channel: bi('机场休息室', 'Airport lounge'),
					department: dept.ground,
					goal: bi('候机时能安静地工作或休息', 'Work or rest in quiet while waiting')
				},
				{
					name: bi('航班动态通知', 'Flight-status notifications'),
					channel: bi('短信、App推送、微信', 'Text message, app notification, WeChat'),
					department: dept.operations,
					goal: bi('及时知道登机口和时间的变化', 'Hear about gate and time changes in good time')
				},
				{
					name: bi('延误与不正常航班处理', 'Delays & disruption handling'),
					channel: bi('登机口、App、短信', 'Gate, app, text message'),
					department: dept.operations,
					goal: bi(
						'航班不正常时尽快得到改签和食宿安排',
						'Be rebooked, fed and housed quickly when a flight is disrupted'
					),
					painPoints: [
						bi('延误信息滞后，改签要排队', 'Delay news comes late, and rebooking means queuing')
					],
					opportunities: [
						bi(
							'在App中一键改签，并主动告知企业差旅负责人',
							'One-tap rebooking in the app, and a message to the company’s travel manager without being asked'
						)
					]
				},
				{
					name: bi('登机口与登机', 'Boarding gate & boarding'),
					channel: bi('登机口', 'Gate'),
					department: dept.ground,
					goal: bi('有序、准时登机', 'Board in order and on time')
				},
				{
					name: bi('升舱优惠', 'Upgrade offers'),
					channel: bi('App、值机柜台、登机口', 'App, check-in counter, gate'),
					department: dept.marketing,
					goal: bi('以合理的价格升舱', 'Upgrade at a fair price')
				}
			]
		},
		{
			name: bi('客舱中', 'In the cabin'),
			touchpoints: [
				{
					name: bi('客舱服务', 'Cabin-crew service'),
					channel: cabin,
					department: dept.cabin,
					goal: bi('得到周到而不打扰的服务', 'Attentive service that does not intrude')
				},
				{
					name: bi('座椅', 'Seat comfort'),
					channel: cabin,
					department: dept.product,
					goal: bi('能舒适地休息或办公', 'Rest or work in comfort')
				},
				{
					name: bi('餐食', 'Meals & drinks'),
					channel: cabin,
					department: dept.catering,
					goal: bi('吃到可口、符合偏好的餐食', 'Eat well, to their preference'),
					painPoints: [
						bi(
							'订票时预订的特殊餐没有送上飞机',
							'A special meal ordered at booking is not on board'
						)
					]
				},
				{
					name: bi('客舱娱乐', 'In-flight entertainment'),
					channel: cabin,
					department: dept.product,
					goal: bi('旅途不枯燥', 'Pass the time pleasantly')
				},
				{
					name: bi('无线网络与机上互联', 'Wi-Fi & connectivity'),
					channel: cabin,
					department: dept.it,
					goal: bi('在空中也能处理邮件和工作', 'Keep up with e-mail and work in the air')
				},
				{
					name: bi('清洁与舒适用品', 'Cleanliness & amenities'),
					channel: cabin,
					department: dept.cabin,
					goal: bi(
						'客舱和洗手间干净，必要的用品齐全',
						'A clean cabin and washroom, and the amenities they need'
					)
				},
				{
					name: bi('广播与信息', 'Announcements & information'),
					channel: cabin,
					department: dept.cabin,
					goal: bi(
						'清楚了解飞行、到达和中转信息',
						'Know clearly about the flight, the arrival and connections'
					)
				},
				{
					name: bi('特殊旅客服务', 'Special assistance'),
					channel: bi('客舱、机场', 'Cabin, airport'),
					department: dept.cabin,
					goal: bi(
						'行动不便、带婴儿或无人陪伴的旅客得到照顾',
						'Travellers with reduced mobility, with infants or travelling alone are looked after'
					)
				}
			]
		},
		{
			name: bi('飞行后', 'Post-flight'),
			touchpoints: [
				{
					name: bi('下机与中转', 'Disembarkation & transfer'),
					channel: airport,
					department: dept.ground,
					goal: bi('尽快下机，或顺利赶上中转航班', 'Get off quickly, or make the connecting flight')
				},
				{
					name: bi('行李提取', 'Baggage claim'),
					channel: airport,
					department: dept.ground,
					goal: bi('落地后很快拿到行李', 'Have their bags soon after landing')
				},
				{
					name: bi('行李延误与丢失处理', 'Delayed & lost baggage'),
					channel: bi('行李查询柜台、App、呼叫中心', 'Baggage service desk, app, call centre'),
					department: dept.ground,
					goal: bi('知道行李在哪里、什么时候送到', 'Know where the bag is and when it will arrive'),
					painPoints: [
						bi('需要反复打电话询问进度', 'Travellers have to call again and again for news')
					],
					opportunities: [
						bi(
							'在App中实时追踪行李并主动推送进展',
							'Track the bag live in the app and send updates unasked'
						)
					]
				},
				{
					name: bi('地面交通与租车', 'Ground transport & car rental'),
					channel: bi('App、合作伙伴', 'App, partners'),
					department: dept.marketing,
					goal: bi('下机后顺利到达目的地', 'Get on to their destination smoothly'),
					opportunities: [
						bi(
							'把服务链延伸到租车，按旅客偏好预订',
							'Extend the service chain to car rental, booked to the traveller’s preferences'
						)
					]
				},
				{
					name: bi('酒店住宿', 'Hotel'),
					channel: bi('App、合作酒店', 'App, partner hotels'),
					department: dept.marketing,
					goal: bi('入住符合差旅标准的酒店', 'Stay in a hotel the travel policy allows')
				},
				{
					name: bi('里程累积', 'Mileage credit'),
					channel: bi('常旅客账户、App', 'Frequent-flyer account, app'),
					department: dept.loyalty,
					goal: bi('里程及时、准确入账', 'Have miles credited promptly and correctly')
				}
			]
		},
		{
			name: bi('旅行后', 'Post-trip'),
			touchpoints: [
				{
					name: bi('电子客票行程单与报销', 'E-ticket receipt & expense claim'),
					channel: bi('邮件、App、差旅平台', 'E-mail, app, travel portal'),
					department: dept.finance,
					goal: bi(
						'轻松拿到报销凭证并完成报销',
						'Get the receipt and file the expense claim without fuss'
					),
					painPoints: [
						bi(
							'行程单需要另行打印或邮寄',
							'The itinerary receipt has to be printed or posted separately'
						)
					],
					opportunities: [
						bi(
							'电子凭证自动推送到企业报销系统',
							'Send the e-receipt straight into the company’s expense system'
						)
					]
				},
				{
					name: bi('企业差旅报表', 'Travel report to the company'),
					channel: bi('邮件、差旅平台', 'E-mail, travel portal'),
					department: dept.travel,
					goal: bi(
						'企业看清差旅支出、目的地、频次和节省',
						'The company sees its travel spend, destinations, frequency and savings'
					),
					opportunities: [
						bi(
							'按月、季、年提供报表，显示每公里价格、节省空间及与平均水平的差距',
							'Monthly, quarterly and yearly reports with the price per kilometre, the savings and the gap to the average'
						)
					]
				},
				{
					name: bi('满意度调查与投诉', 'Feedback survey & complaints'),
					channel: bi('短信、App、呼叫中心', 'Text message, app, call centre'),
					department: dept.relations,
					goal: bi('意见被听到并得到回应', 'Be heard and get an answer'),
					opportunities: [
						bi(
							'投诉统一登记，涉及其他部门的尽快协调、跟进到底',
							'Log each complaint once and coordinate with other departments until it is closed'
						)
					]
				},
				{
					name: bi('常旅客等级与权益', 'Frequent-flyer status & benefits'),
					channel: bi('常旅客账户、App', 'Frequent-flyer account, app'),
					department: dept.loyalty,
					goal: bi('了解并用上自己的等级权益', 'Know the benefits of their status and use them')
				},
				{
					name: bi('未使用/过期客票提醒', 'Unused & expiring ticket reminders'),
					channel: bi('短信、邮件、差旅平台', 'Text message, e-mail, travel portal'),
					department: dept.travel,
					goal: bi('已付款的客票不作废', 'Not let tickets already paid for go to waste'),
					painPoints: [
						bi('员工订票后过期作废的情况很多', 'Many tickets booked by staff expire unused')
					],
					opportunities: [
						bi(
							'到期前提醒旅客和企业差旅负责人，并协助改签或退票',
							'Remind the traveller and the company’s travel manager before expiry, and help change or refund'
						)
					]
				},
				{
					name: bi(
						'下次出行定向优惠（如家庭暑期出行）',
						'Targeted offers for the next trip (e.g. a family summer holiday)'
					),
					channel: bi('短信、App、邮件', 'Text message, app, e-mail'),
					department: dept.marketing,
					goal: bi('收到真正用得上的优惠', 'Receive offers they will actually use'),
					opportunities: [
						bi(
							'历史数据显示六七月常有家庭出行的旅客，在制定暑期计划时定向推送',
							'Where history shows a family trip each June or July, send a targeted offer while the summer schedule is being planned'
						)
					]
				}
			]
		}
	]
};
