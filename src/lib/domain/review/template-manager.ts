/**
 * The manager form (管理人员360度能力测评表) from the seed: four factors (测评因素) and fourteen
 * items (测评项目) with their descriptions (测评内容), copied as written.
 *
 * Factor weights: the seed's table keeps only 工作业绩 (20%); the other weights were lost with
 * the table's weight column. We give 领导能力 40%, 品行操守 30% and 领导素质 10% — roughly in
 * proportion to their items (6, 5, 1) while keeping results at the seed's 20% — and say so in the
 * template's provenance. The last item's description breaks off after "权变理论"; its ending is
 * ours.
 */
import { DEFAULT_GROUP_WEIGHTS } from './groups.ts';
import type { Competency, ScaleItem } from './questionnaire.ts';
import { STANDARD_COMMENTS, type ReviewTemplate } from './template-types.ts';
import { bi, type Bilingual } from './text.ts';

function item(id: string, label: Bilingual, definition: Bilingual): ScaleItem {
	return {
		id,
		label,
		definition,
		high: [],
		low: [],
		required: true,
		allowNotObserved: true,
		source: 'seed'
	};
}

function factor(
	id: string,
	label: Bilingual,
	weight: number,
	items: readonly ScaleItem[]
): Competency {
	return { id, label, high: [], low: [], weight, items, source: 'seed' };
}

const results = factor('results', bi('工作业绩', 'Work results'), 20, [
	item(
		'business-targets',
		bi('经营目标', 'Business targets'),
		bi(
			'能够就年初制订的经济指标进行目标分解，并能够进行有效的监督，督促实现目标',
			'Breaks the financial targets set at the start of the year down into goals, monitors them effectively and drives them to completion'
		)
	),
	item(
		'management-targets',
		bi('管理目标', 'Management targets'),
		bi(
			'能够就年初制订的管理目标进行有效分解，并能督导实施，促使目标完成',
			'Breaks the management targets set at the start of the year down effectively, supervises their implementation and sees them achieved'
		)
	)
]);

const leadership = factor('leadership', bi('领导能力', 'Leadership ability'), 40, [
	item(
		'strategic-planning',
		bi('战略规划', 'Strategic planning'),
		bi(
			'具有强烈的前瞻意识，了解本行业的发展趋势；能就本组织或本部门的内外资源环境的优势和劣势进行分析判断和评估，确立本组织或本部门的核心竞争力和业务发展方向；并依次设立一系列目标，按其的紧迫性、重要性有计划、有步骤的安排进程，并给出一种明确、简单的、直截了当的方法来依次实现系列目标',
			"Looks well ahead and knows where the industry is going; analyses and weighs the strengths and weaknesses of the organisation's or department's internal and external resources and environment, and sets its core competence and business direction; then sets a series of goals, schedules them step by step by urgency and importance, and gives a clear, simple, direct way to reach them one after another"
		)
	),
	item(
		'risk-control',
		bi('风险防范', 'Risk control'),
		bi(
			'能够协助公司安全体系机制的建立和运行；具有安全、质量、成本-收益控制意识，对公司的市场、人、资源、技术、生产安全等方面起到风险防范作用；注重结果、效率，使利益最大化',
			"Helps build and run the company's safety systems; mindful of safety, quality and cost–benefit, guards against risk in the company's markets, people, resources, technology and production safety; focuses on results and efficiency to make the most of every gain"
		)
	),
	item(
		'developing-people',
		bi('用人育人', 'Developing people'),
		bi(
			'能够知人善任，用其所长，补其所短；重视经验的总结和分享；向下属提供必要的知识技能培训、专业咨询、后台支持，善于用建设性的方式帮助下属进行业绩改善；对发展潜力的员工制订职业生涯规划，留住核心员工',
			'Knows people and puts them where they do best, using their strengths and making up for their weaknesses; values drawing and sharing lessons from experience; gives direct reports the training, expert advice and back-up they need and helps them improve constructively; plans careers for promising staff and keeps key people'
		)
	),
	item(
		'strategic-thinking',
		bi('战略思维', 'Strategic thinking'),
		bi(
			'能够深刻透彻理解公司制订战略的背景、原则、和重点，准确向下属传达给下属；并根据内部资源环境状况，制订可行性计划措施，督促实施，促进公司战略的实现',
			"Understands thoroughly the background, principles and priorities of the company's strategy and conveys them accurately to direct reports; draws up feasible plans and measures that fit the internal resources and circumstances, sees them carried out and so advances the company's strategy"
		)
	),
	item(
		'delegation',
		bi('授权能力', 'Delegation'),
		bi(
			'对自己的能力有充分的自信，懂得时间管理，重视宏观规划；在工作中，能够根据下属的能力和职责，给予适当授权和信任；同时，关注下属的工作进程，经常听取信息的反馈，并给予指导性的帮助，而非指示性的建议，能帮助下属有效开展工作，而非干预',
			'Confident in their own ability, manages time well and values the overall plan; gives each direct report authority and trust suited to their ability and duties, while following their progress, listening often to feedback and offering guidance rather than orders — helping people work effectively rather than interfering'
		)
	),
	item(
		'planning-organising',
		bi('计划组织能力', 'Planning and organising'),
		bi(
			'具有很好的计划与组织能力，做事有条不紊，有理有序；并能够根据能够认真评估现有的时间和资源，有计划，有规律的把人力、物力、财力资源组合起来，制订可行性有效性的计划；对可能的风险，准备应对计划和弹性策略，能灵活应对执行中遇到的问题，将计划执行到底；时间观念强',
			'Plans and organises well, working methodically and in good order; weighs the time and resources at hand carefully and combines people, materials and money systematically into feasible, effective plans; prepares contingency plans and flexible strategies for likely risks, handles problems flexibly during execution and carries plans through; keeps to time'
		)
	)
]);

const conduct = factor('conduct', bi('品行操守', 'Conduct and integrity'), 30, [
	item(
		'responsibility',
		bi('责任感', 'Sense of responsibility'),
		bi(
			'工作一丝不苟，严谨认真，有始有终，追求完美；把组织的发展与个人的发展联系在一起，在工作中寻求自身价值的实现，努力工作，并敢于承担责任；当有需要时，愿意为组织牺牲个人利益',
			"Meticulous, rigorous and thorough, finishes what they start and strives for perfection; ties their own growth to the organisation's and seeks fulfilment in the work, works hard and takes responsibility; when needed, puts the organisation's interest before their own"
		)
	),
	item(
		'big-picture',
		bi('全局意识', 'Big-picture view'),
		bi(
			'深刻理解组织的战略目标，组织局部与整体、长期利益与短期利益的关系，以及其他各关键因素在实现组织战略中的作用；顾全大局，勇于风险，倡导部门间支援、默契配合，共同完成组织战略；遵守公司的各项规章制度、政策，纪律性强；能够廉洁自律，自我约束力强，人品正直，给公司员工起到一个很好的带头模范作用',
			"Understands the organisation's strategic goals, how the parts relate to the whole and the short term to the long term, and what other key factors contribute to the strategy; puts the whole first, accepts risk, and promotes mutual support and close cooperation between departments to achieve the strategy together; follows the company's rules and policies with strong discipline; honest, self-disciplined and upright, a good example to the staff"
		)
	),
	item(
		'honesty',
		bi('诚信', 'Honesty'),
		bi(
			'能够诚实守信，言行一致；以社会道德为标准，严格地要求自己，做事客观公正，做到对事不对人，实事求是，凡事以事实为依据，公平待人；对同事真诚，获得同事的好评',
			'Honest and trustworthy, does what they say; holds themselves strictly to the standards of public morality; objective and fair, judges the matter and not the person, keeps to the facts in everything and treats people fairly; sincere with colleagues and well regarded by them'
		)
	),
	item(
		'teamwork',
		bi('团队合作', 'Teamwork'),
		bi(
			'不计较个人得失，能够以团队整体利益为重，与其他同队建立桥梁，从而最大限度地增强合作与一致性；以团队整体任务出色完成作为团队的绩效标准，鼓励利于团队整体利益的行为',
			"Does not dwell on personal gain or loss and puts the team's interest first; builds bridges with other teams to strengthen cooperation and alignment as far as possible; measures the team by how well it completes its work as a whole and encourages behaviour that serves the whole team"
		)
	),
	item(
		'dedication',
		bi('敬业爱岗', 'Dedication'),
		bi(
			'工作热情投入，有较高的责任感，事业心和上进心；任劳任怨，兢兢业业，工作主动性强；能够干一行爱一行，工作态度端正，不断采取行动推进事物进展，有强烈完成团队目标的使命感；对可能遇到的困难，愿意竭尽全力地克服，在必要的情况下能开辟新的路径',
			"Works with enthusiasm and commitment, with a strong sense of responsibility, drive and ambition; works hard without complaint, conscientiously and on their own initiative; loves whatever job they do, has the right attitude, keeps moving things forward and feels a strong mission to reach the team's goals; does everything to overcome difficulties and, where needed, opens new paths"
		)
	)
]);

const qualities = factor('qualities', bi('领导素质', 'Leadership qualities'), 10, [
	item(
		'learning',
		bi('学习能力', 'Learning'),
		// The seed breaks off after "权变理论"; "等管理方法解决实际问题" completes the sentence.
		bi(
			'勤于学习管理类知识，能够以谦虚的心态去学习和借鉴别人之精华，扩张知识面；并很好的理论联系实际，提高理论知识的应用技能，能够利用20/80法则、权变理论等管理方法解决实际问题',
			'Studies management diligently, learns humbly from the best of others and broadens their knowledge; links theory well to practice and applies it, using management tools such as the 80/20 rule and contingency theory to solve real problems'
		)
	)
]);

/** 管理人员360度能力测评表: results 20%, leadership 40%, conduct 30%, qualities 10%. */
export const managerTemplate: ReviewTemplate = {
	id: 'manager',
	title: bi('管理人员360度能力测评表', 'Manager 360° capability review'),
	description: bi(
		'由上级、同级、下级和本人按测评因素和测评项目对管理人员打分；测评因素按权重计入总分。',
		'Superiors, peers, direct reports and the manager themselves rate each item; each factor counts towards the total by its weight.'
	),
	provenance: bi(
		'测评因素、测评项目和测评内容摘自原表；原表只保留了“工作业绩（20%）”的权重，领导能力40%、品行操守30%、领导素质10%为补全；第14项内容在原表中不完整，结尾为补全。',
		'Factors, items and descriptions are copied from the source form. The form kept only the weight of "work results (20%)"; leadership ability 40%, conduct and integrity 30% and leadership qualities 10% are ours. The description of item 14 is cut off in the source and its ending is ours.'
	),
	questionnaire: {
		competencies: [results, leadership, conduct, qualities],
		comments: STANDARD_COMMENTS
	},
	groups: DEFAULT_GROUP_WEIGHTS
};
