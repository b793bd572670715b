/**
 * A realistic demo account, written into an `account` document: a state-owned energy group with
 * subsidiaries, provincial companies and city branches (four levels), regional agreements but no
 * group agreement (so it is flagged as a potential national account), one heavyweight subsidiary
 * at about 90% share and one small, promising research institute. Deterministic for a seed, so
 * tests and benchmarks can rely on it.
 */
import * as Y from 'yjs';
import { generateNKeysBetween } from 'fractional-indexing';
import { isoToday, type NodeKind } from '../domain/account/node';
import { ROOT, newId } from './account';
import { generateDemoBookings, writeDemoBookings, type DemoDepartment } from './demo-bookings';
import { Origin } from './origins';

export type DemoLanguage = 'zh' | 'en';

const SUBSIDIARIES: Array<{ zh: string; en: string }> = [
	{ zh: '华远石油勘探有限公司', en: 'Huayuan Oil Exploration Co.' },
	{ zh: '华远炼化有限公司', en: 'Huayuan Refining & Chemicals Co.' },
	{ zh: '华远电力有限公司', en: 'Huayuan Power Co.' },
	{ zh: '华远国际贸易有限公司', en: 'Huayuan International Trading Co.' },
	{ zh: '华远工程建设有限公司', en: 'Huayuan Engineering & Construction Co.' },
	{ zh: '华远能源研究院', en: 'Huayuan Energy Research Institute' },
	{ zh: '华远新能源有限公司', en: 'Huayuan New Energy Co.' },
	{ zh: '华远物流有限公司', en: 'Huayuan Logistics Co.' }
];

const PROVINCES: Array<{ zh: string; en: string; cities: Array<[string, string]> }> = [
	{
		zh: '江苏',
		en: 'Jiangsu',
		cities: [
			['南京', 'Nanjing'],
			['苏州', 'Suzhou'],
			['无锡', 'Wuxi'],
			['南通', 'Nantong'],
			['徐州', 'Xuzhou'],
			['常州', 'Changzhou']
		]
	},
	{
		zh: '上海',
		en: 'Shanghai',
		cities: [
			['浦东', 'Pudong'],
			['闵行', 'Minhang'],
			['嘉定', 'Jiading'],
			['松江', 'Songjiang']
		]
	},
	{
		zh: '广东',
		en: 'Guangdong',
		cities: [
			['广州', 'Guangzhou'],
			['深圳', 'Shenzhen'],
			['佛山', 'Foshan'],
			['东莞', 'Dongguan'],
			['珠海', 'Zhuhai'],
			['湛江', 'Zhanjiang']
		]
	},
	{
		zh: '北京',
		en: 'Beijing',
		cities: [
			['朝阳', 'Chaoyang'],
			['海淀', 'Haidian'],
			['丰台', 'Fengtai'],
			['大兴', 'Daxing']
		]
	},
	{
		zh: '四川',
		en: 'Sichuan',
		cities: [
			['成都', 'Chengdu'],
			['绵阳', 'Mianyang'],
			['宜宾', 'Yibin'],
			['南充', 'Nanchong'],
			['泸州', 'Luzhou']
		]
	},
	{
		zh: '湖北',
		en: 'Hubei',
		cities: [
			['武汉', 'Wuhan'],
			['宜昌', 'Yichang'],
			['襄阳', 'Xiangyang'],
			['荆州', 'Jingzhou']
		]
	},
	{
		zh: '山东',
		en: 'Shandong',
		cities: [
			['济南', 'Jinan'],
			['青岛', 'Qingdao'],
			['烟台', 'Yantai'],
			['东营', 'Dongying'],
			['潍坊', 'Weifang'],
			['淄博', 'Zibo']
		]
	},
	{
		zh: '浙江',
		en: 'Zhejiang',
		cities: [
			['杭州', 'Hangzhou'],
			['宁波', 'Ningbo'],
			['温州', 'Wenzhou'],
			['舟山', 'Zhoushan']
		]
	},
	{
		zh: '陕西',
		en: 'Shaanxi',
		cities: [
			['西安', "Xi'an"],
			['延安', "Yan'an"],
			['榆林', 'Yulin'],
			['宝鸡', 'Baoji']
		]
	},
	{
		zh: '辽宁',
		en: 'Liaoning',
		cities: [
			['沈阳', 'Shenyang'],
			['大连', 'Dalian'],
			['鞍山', 'Anshan'],
			['盘锦', 'Panjin']
		]
	},
	{
		zh: '新疆',
		en: 'Xinjiang',
		cities: [
			['乌鲁木齐', 'Urumqi'],
			['克拉玛依', 'Karamay'],
			['库尔勒', 'Korla']
		]
	},
	{
		zh: '黑龙江',
		en: 'Heilongjiang',
		cities: [
			['哈尔滨', 'Harbin'],
			['大庆', 'Daqing'],
			['齐齐哈尔', 'Qiqihar']
		]
	}
];

/** A small deterministic generator (mulberry32), so the demo is the same everywhere. */
function random(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export interface DemoOptions {
	language: DemoLanguage;
	/** Roughly how many nodes; 300 for the demo, 10,000 for benchmarks. */
	size?: number;
	/** Regional agreements to spread over the provincial companies. */
	regionalAgreements?: number;
	/** Generated bookings (two years up to yesterday); 20,000 for the demo, 0 for none. */
	bookings?: number;
	seed?: number;
}

interface PlannedNode {
	id: string;
	parent: string;
	name: string;
	kind: NodeKind;
	region: string;
	headcount: number;
	spend: number;
	ours: number;
}

/** Plans the demo tree (pure), then {@link writeDemoAccount} stores it. */
export function planDemoAccount(options: DemoOptions): PlannedNode[] {
	const { language, size = 300, seed = 7 } = options;
	const next = random(seed);
	const zh = language === 'zh';
	const round = (value: number) => Math.round(value / 1000) * 1000;
	const nodes: PlannedNode[] = [];
	const group: PlannedNode = {
		id: newId(),
		parent: ROOT,
		name: zh ? '中国华远能源集团' : 'China Huayuan Energy Group',
		kind: 'group',
		region: zh ? '北京' : 'Beijing',
		headcount: 1200,
		spend: round(6_000_000),
		ours: round(1_500_000)
	};
	nodes.push(group);
	// Four levels; the per-level fan-out grows with the requested size.
	const subsidiaries = size > 1000 ? 25 : SUBSIDIARIES.length;
	const perSubsidiary = Math.max(1, Math.round((size - 1 - subsidiaries) / subsidiaries));
	for (let s = 0; s < subsidiaries; s++) {
		const base = SUBSIDIARIES[s % SUBSIDIARIES.length]!;
		const suffix = s >= SUBSIDIARIES.length ? ` ${Math.floor(s / SUBSIDIARIES.length) + 1}` : '';
		const heavy = s === 0;
		const promising = base.en.includes('Research') && s < SUBSIDIARIES.length;
		const subsidiary: PlannedNode = {
			id: newId(),
			parent: group.id,
			name: (zh ? base.zh : base.en) + suffix,
			kind: 'subsidiary',
			region: zh ? '北京' : 'Beijing',
			headcount: promising ? 900 : 300 + Math.floor(next() * 900),
			spend: round(promising ? 420_000 : 1_000_000 + next() * 4_000_000),
			ours: 0
		};
		subsidiary.ours = round(
			subsidiary.spend * (heavy ? 0.9 : promising ? 0.66 : 0.1 + next() * 0.35)
		);
		nodes.push(subsidiary);
		if (promising) continue; // the research institute is one site: small, growing fast
		let remaining = perSubsidiary;
		for (let p = 0; remaining > 0; p++) {
			const province = PROVINCES[(p + s) % PROVINCES.length]!;
			const copy = p >= PROVINCES.length ? ` ${Math.floor(p / PROVINCES.length) + 1}` : '';
			const regional: PlannedNode = {
				id: newId(),
				parent: subsidiary.id,
				name: zh
					? `${(zh ? base.zh : base.en).replace(/有限公司|研究院/, '')}${province.zh}分公司${copy}`
					: `${base.en.replace(/ Co\.$/, '')} ${province.en}${copy}`,
				kind: 'branch',
				region: zh ? province.zh : province.en,
				headcount: 80 + Math.floor(next() * 400),
				spend: round(300_000 + next() * 2_000_000),
				ours: 0
			};
			regional.ours = round(regional.spend * (heavy ? 0.85 + next() * 0.1 : next() * 0.5));
			nodes.push(regional);
			remaining--;
			for (const [cityZh, cityEn] of province.cities) {
				if (remaining <= 0) break;
				const branch: PlannedNode = {
					id: newId(),
					parent: regional.id,
					name: zh ? `${cityZh}营业部${copy}` : `${cityEn} office${copy}`,
					kind: 'branch',
					region: zh ? cityZh : cityEn,
					headcount: 10 + Math.floor(next() * 120),
					spend: round(50_000 + next() * 600_000),
					ours: 0
				};
				branch.ours = round(branch.spend * (heavy ? 0.88 + next() * 0.1 : next() * 0.6));
				nodes.push(branch);
				remaining--;
			}
		}
	}
	return nodes;
}

/**
 * Writes the demo account into `doc` (one transaction, as one person's edit). Regional
 * agreements go to provincial companies outside the heavyweight subsidiary; no group agreement.
 */
export function writeDemoAccount(doc: Y.Doc, options: DemoOptions): { rootId: string } {
	const planned = planDemoAccount(options);
	const agreementsWanted = options.regionalAgreements ?? 50;
	const moves = doc.getMap('moves');
	const nodes = doc.getMap('nodes');
	const agreements = doc.getMap('agreements');
	const byParent = new Map<string, PlannedNode[]>();
	for (const node of planned) {
		const siblings = byParent.get(node.parent) ?? [];
		siblings.push(node);
		byParent.set(node.parent, siblings);
	}
	const heavy = planned.find((n) => n.kind === 'subsidiary')!;
	const regionals = planned.filter(
		(n) => n.kind === 'branch' && planned.find((p) => p.id === n.parent)?.kind === 'subsidiary'
	);
	const eligible = regionals.filter((n) => n.parent !== heavy.id);
	doc.transact(() => {
		let ts = 1;
		for (const op of moves.values()) ts = Math.max(ts, ((op as { ts?: number }).ts ?? 0) + 1);
		for (const [parent, siblings] of byParent) {
			const orders = generateNKeysBetween(null, null, siblings.length);
			siblings.forEach((node, i) => {
				const map = new Y.Map<unknown>();
				map.set('name', node.name);
				map.set('kind', node.kind);
				map.set('region', node.region);
				map.set('headcount', node.headcount);
				map.set('spend', node.spend);
				map.set('ours', node.ours);
				nodes.set(node.id, map);
				const op = { ts: ts++, client: doc.clientID, node: node.id, parent, order: orders[i]! };
				moves.set(`${op.client}:${op.ts}`, op);
			});
		}
		writeDemoPlan(doc, options.language, planned);
		const bookingCount = options.bookings ?? 20_000;
		if (bookingCount > 0) {
			// The provincial companies and the group HQ are the "departments" of the travel export.
			const departments: DemoDepartment[] = [planned[0]!, ...regionals].map((node) => ({
				name: node.name,
				node: node.id,
				weight: node.spend,
				ours: Math.min(0.95, node.ours / Math.max(1, node.spend))
			}));
			const falling = eligible[1]?.name ?? departments[0]!.name;
			const bookings = generateDemoBookings({
				departments,
				falling,
				count: bookingCount,
				today: Math.floor(Date.now() / 86_400_000),
				language: options.language,
				next: random((options.seed ?? 7) + 1)
			});
			writeDemoBookings(
				doc,
				bookings,
				departments,
				options.language === 'zh' ? '差旅平台导出-近两年.csv' : 'travel-agency-export-2-years.csv'
			);
		}
		for (let i = 0; i < agreementsWanted && eligible.length > 0; i++) {
			const node = eligible[i % eligible.length]!;
			// Relative to today, so the demo's agreements are in force whenever it is loaded: every
			// eighth one ends within the next three months (a renewal to chase), the rest later.
			const today = new Date();
			const year = today.getFullYear();
			const end =
				i % 8 === 0
					? isoToday(new Date(today.getTime() + (10 + ((i * 7) % 70)) * 86_400_000))
					: `${year + 1 + (i % 2)}-${String((i % 12) + 1).padStart(2, '0')}-28`;
			agreements.set(newId(), {
				node: node.id,
				type: 'regional',
				status: 'signed',
				number: `R-${year}-${String(i + 1).padStart(3, '0')}`,
				start: `${year - 1}-01-01`,
				end,
				terms:
					options.language === 'zh' ? '经济舱 9 折，公务舱 95 折' : 'Economy −10%, business −5%'
			});
		}
	}, Origin.system);
	return { rootId: planned[0]!.id };
}

/** The demo's virtual team, owners, contacts, checklist (six of nine answered) and plan. */
function writeDemoPlan(doc: Y.Doc, language: DemoLanguage, planned: PlannedNode[]): void {
	const zh = language === 'zh';
	const day = 86_400_000;
	// Relative to today, like the bookings and agreements: due dates read the same on any day.
	const now = Math.floor(Date.now() / day) * day + 2 * 3_600_000;
	const team = doc.getMap('team');
	const members = [
		{ name: zh ? '王敏' : 'Wang Min', role: 'hq', region: zh ? '北京' : 'Beijing' },
		{ name: zh ? '陈刚' : 'Chen Gang', role: 'branch', region: zh ? '上海' : 'Shanghai' },
		{ name: zh ? '刘洋' : 'Liu Yang', role: 'branch', region: zh ? '广州' : 'Guangzhou' },
		{ name: zh ? '赵磊' : 'Zhao Lei', role: 'branch', region: zh ? '成都' : 'Chengdu' }
	];
	const memberIds = members.map((member) => {
		const id = newId();
		team.set(id, member);
		return id;
	});
	const nodes = doc.getMap<Y.Map<unknown>>('nodes');
	const subsidiaries = planned.filter((n) => n.kind === 'subsidiary');
	nodes.get(planned[0]!.id)?.set('owner', memberIds[0]!);
	subsidiaries.forEach((sub, i) => nodes.get(sub.id)?.set('owner', memberIds[1 + (i % 3)]!));

	const contacts = doc.getMap('contacts');
	const contact = (node: string, name: string, title: string, influence: string) =>
		contacts.set(newId(), { node, name, title, influence });
	contact(
		planned[0]!.id,
		zh ? '孙建国' : 'Sun Jianguo',
		zh ? '行政部总经理' : 'Head of administration',
		'decides'
	);
	contact(
		planned[0]!.id,
		zh ? '周丽' : 'Zhou Li',
		zh ? '差旅采购经理' : 'Travel procurement manager',
		'influences'
	);
	if (subsidiaries[0])
		contact(
			subsidiaries[0].id,
			zh ? '吴涛' : 'Wu Tao',
			zh ? '综合办主任' : 'Office director',
			'influences'
		);

	const checklist = doc.getMap('checklist');
	checklist.set('segment', 'soe');
	checklist.set('hq', zh ? '北京市朝阳区' : 'Chaoyang, Beijing');
	checklist.set(
		'travelPolicy',
		zh
			? '集团统一差旅标准，各子公司自行签约，多家代理采购。'
			: 'One group travel standard; each subsidiary signs its own deals and buys through several agencies.'
	);
	checklist.set('lowestFare', 'yes');
	checklist.set(
		'nearPlan',
		zh
			? '明年整合各子公司差旅采购，考虑签订集团协议。'
			: 'Consolidate subsidiaries’ travel buying next year; a group agreement is under consideration.'
	);

	const goals = doc.getMap('goals');
	goals.set(newId(), {
		text: zh
			? '三季度前将区域协议整合为全国协议'
			: 'Turn the regional agreements into one national agreement by Q3',
		createdAt: now - 20 * day
	});
	goals.set(newId(), {
		text: zh
			? '华远能源研究院份额保持在 60% 以上'
			: 'Keep our share at the research institute above 60%',
		createdAt: now - 19 * day
	});
	const actions = doc.getMap('actions');
	const action = (title: string, owner: number, due: number, status: string, age: number) =>
		actions.set(newId(), {
			title,
			owner: memberIds[owner]!,
			due: new Date(now + due * day).toISOString().slice(0, 10),
			status,
			createdAt: now - age * day
		});
	action(
		zh ? '与集团行政部约谈全国协议' : 'Meet group administration about a national agreement',
		0,
		10,
		'doing',
		12
	);
	action(
		zh
			? '整理 50 份区域协议的折扣与到期日'
			: 'List discounts and end dates of the 50 regional agreements',
		1,
		5,
		'done',
		15
	);
	// One overdue, so the plan shows what falling behind looks like.
	action(
		zh
			? '向集团采购经理发送第三季度差旅报表'
			: 'Send the Q3 travel report to the group procurement manager',
		1,
		-6,
		'open',
		20
	);
	action(
		zh
			? '分析炼化公司航线需求与我方航网'
			: 'Match the refining company’s routes against our network',
		2,
		21,
		'open',
		3
	);
	const feedback = doc.getMap('feedback');
	feedback.set(newId(), {
		at: now - 6 * day,
		text: zh
			? '行政部反馈：希望统一结算，减少代理数量。'
			: 'Administration: wants one invoice and fewer agencies.',
		author: members[0]!.name,
		kind: 'note'
	});
	feedback.set(newId(), {
		at: now - 2 * day,
		text: zh
			? '电力公司上月采购额下降约 30%，待调查：人员、价格还是服务？'
			: 'Power company spend fell about 30% last month — staff, price or service?',
		author: members[2]!.name,
		kind: 'investigate'
	});
}
