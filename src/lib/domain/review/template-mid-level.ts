/**
 * The mid-level manager competency form (中层干部能力素质360度评估表) from the seed: its preamble,
 * the competency 价值观 with its definition and high/low-performance behaviours, and the starred
 * items 职业操守* and 事业心*, copied as written.
 *
 * The seed's copy breaks off after the second item. The form's own preamble names what a good
 * mid-level manager needs — a big-picture view and knowledge of the business processes,
 * leadership, strong execution, management communication — so the four competencies after 价值观
 * are completed by us from it (marked `source: 'completed'`), two items each. The seed gives no
 * weights; the five competencies count equally.
 */
import { DEFAULT_GROUP_WEIGHTS } from './groups.ts';
import type { Competency, Provenance, ScaleItem } from './questionnaire.ts';
import { STANDARD_COMMENTS, type ReviewTemplate } from './template-types.ts';
import { bi, type Bilingual } from './text.ts';

function item(id: string, label: Bilingual, definition: Bilingual, source: Provenance): ScaleItem {
	return {
		id,
		label,
		definition,
		high: [],
		low: [],
		required: true,
		allowNotObserved: true,
		source
	};
}

const values: Competency = {
	id: 'values',
	label: bi('价值观', 'Values'),
	definition: bi(
		'深刻理解公司“超越平凡，打造一流”的核心理念，对公司的经营目标、经营方式、社会责任等高度认同，以公司的愿景为自己的事业，并为之自律、付出和奋斗。',
		'Understands deeply the company\'s core idea, "rise above the ordinary, build the best"; identifies fully with its business goals, ways of working and social responsibility; takes the company\'s vision as their own cause and serves it with self-discipline, effort and perseverance.'
	),
	high: [
		bi(
			'为了公司的利益，愿意牺牲个人利益',
			"Willing to give up personal interest for the company's"
		),
		bi(
			'信守诺言，一旦做出承诺，便全力以赴，即使自己有所牺牲，决不失信于人',
			'Keeps their word: once committed, gives everything to deliver, even at a cost to themselves, and never breaks faith'
		),
		bi(
			'勇于承认自己的过失和错误，勇于承担责任',
			'Owns up to their faults and mistakes and takes responsibility'
		),
		bi(
			'即使不利于短期商业利益，也能坚持原则，谨守职业道德标准',
			'Holds to principles and professional ethics even when it costs short-term business'
		),
		bi(
			'在不利的情况下，不轻易向困难低头，并主动尝试各种手段和采取积极措施获得成功',
			'Does not give in to difficulties when things go badly; tries every means and takes positive steps to succeed'
		),
		bi('敢于承担富有挑战、压力性的责任', 'Takes on challenging, high-pressure responsibilities'),
		bi(
			'以追求卓越、做行业的领跑者为目标，永不安于现状；在理解现实的基础上，为自己设定极富挑战性的目标，鼓励他人主动寻找改革、进步和提升的机会',
			'Aims for excellence and for leading the industry, never content with the status quo; grounded in reality, sets very challenging goals and encourages others to look for chances to change, progress and improve'
		),
		bi(
			'为实现目标能够挑战极限，视困难、问题或变化为挑战，锲而不舍，乐观自信',
			'Pushes limits to reach goals, treats difficulties, problems and change as challenges, perseveres, and stays optimistic and confident'
		)
	],
	low: [
		bi(
			'为了个人的利益而不能坚持原则和标准，以至于损害公司利益',
			"Bends principles and standards for personal gain, to the company's harm"
		),
		bi(
			'轻易许下不易实现的诺言，或许下诺言后转身就忘',
			'Makes promises lightly that are hard to keep, or forgets them as soon as they are made'
		),
		bi('不能做到言行一致，说一套做一套', 'Says one thing and does another'),
		bi('不愿承担额外的工作任务', 'Unwilling to take on extra work'),
		bi(
			'当决策失误时总是推托责任、寻找借口',
			'When a decision goes wrong, always shifts the blame and makes excuses'
		),
		bi(
			'工作中仅仅追求达到最低标准，得过且过',
			'Aims only for the minimum standard and just gets by'
		),
		bi(
			'对新知识、新技能采取保守态度，以工作忙碌为理由逃避学习',
			'Wary of new knowledge and skills; uses being busy as an excuse not to learn'
		),
		bi(
			'遇到困难和挫折时，经常抱怨客观环境造成失利，放弃努力',
			'Faced with difficulties and setbacks, often blames circumstances and gives up'
		)
	],
	weight: 20,
	items: [
		item(
			'integrity',
			bi('职业操守', 'Professional integrity'),
			bi(
				'工作中能坚持原则，谨守职业道德标准，客观公正地表达自己的看法，信守承诺；为维护公司利益愿意做出牺牲',
				"Holds to principles and professional ethics at work, states their views objectively and fairly, and keeps their promises; willing to make sacrifices to protect the company's interests"
			),
			'seed'
		),
		item(
			'drive',
			bi('事业心', 'Drive'),
			bi(
				'主动设立挑战性的工作目标或愿意承担额外的工作任务，即使遇到困难仍坚持不懈地将目标和任务达成',
				'Sets challenging goals on their own initiative or takes on extra work, and keeps at it through difficulties until the goals and tasks are achieved'
			),
			'seed'
		)
	],
	source: 'seed'
};

const bigPicture: Competency = {
	id: 'big-picture',
	label: bi('大局观', 'Big-picture view'),
	definition: bi(
		'胸怀全局，理解公司战略与各部门之间的关系；同时熟悉具体的业务流程，在决策中兼顾整体利益与长远利益。',
		"Sees the whole: understands the company's strategy and how departments depend on each other, knows the business processes in detail, and weighs the whole and the long term in decisions."
	),
	high: [
		bi(
			'从公司整体出发考虑本部门的目标和决策',
			"Sets the department's goals and decisions from the company's point of view"
		),
		bi(
			'熟悉业务流程的关键环节，能发现并解决流程中的问题',
			'Knows the key steps of the business processes and finds and fixes problems in them'
		)
	],
	low: [
		bi(
			'只顾本部门利益，忽视对其他部门和公司整体的影响',
			'Looks after the department alone, ignoring the effect on others and on the company'
		),
		bi(
			'对具体业务流程不了解，决策脱离实际',
			'Does not know the processes in detail; decisions lose touch with reality'
		)
	],
	weight: 20,
	items: [
		item(
			'overall-view',
			bi('全局意识', 'Seeing the whole'),
			bi(
				'理解公司战略，在部门目标和决策中兼顾公司整体利益和长远利益',
				"Understands the company's strategy and weighs the company's overall and long-term interest in the department's goals and decisions"
			),
			'completed'
		),
		item(
			'process-knowledge',
			bi('业务熟悉', 'Knowing the business'),
			bi(
				'熟悉本部门及相关部门的具体业务流程，能据此发现问题并提出改进',
				'Knows the processes of their own and neighbouring departments in detail and uses that to spot problems and propose improvements'
			),
			'completed'
		)
	],
	source: 'completed'
};

const leadership: Competency = {
	id: 'leadership',
	label: bi('领导力', 'Leadership'),
	definition: bi(
		'承上启下，带领团队实现目标：明确方向、激励他人、培养下属。',
		'Links top management and the front line and leads the team to its goals: sets direction, motivates people, develops direct reports.'
	),
	high: [
		bi('为团队设定清晰的目标和分工', 'Gives the team clear goals and a clear division of work'),
		bi(
			'及时认可成绩，用建设性的反馈帮助下属成长',
			'Recognises achievements promptly and helps people grow with constructive feedback'
		)
	],
	low: [
		bi(
			'目标不明确，团队成员无所适从',
			'Leaves goals unclear, so the team does not know what to do'
		),
		bi(
			'只布置任务，不关心下属的发展',
			'Hands out tasks but takes no interest in how people develop'
		)
	],
	weight: 20,
	items: [
		item(
			'motivating',
			bi('激励团队', 'Motivating the team'),
			bi(
				'明确团队方向和目标，调动成员的积极性，使团队保持良好士气',
				"Makes the team's direction and goals clear, draws out people's commitment and keeps morale high"
			),
			'completed'
		),
		item(
			'developing',
			bi('培养下属', 'Developing people'),
			bi(
				'了解下属的能力和潜力，给予指导、反馈和锻炼机会，帮助其成长',
				'Knows what each direct report can do and could do, and gives guidance, feedback and stretching work to help them grow'
			),
			'completed'
		)
	],
	source: 'completed'
};

const execution: Competency = {
	id: 'execution',
	label: bi('执行力', 'Execution'),
	definition: bi(
		'贯彻执行管理高层的决策，指挥组织基层操作，以结果为导向，按时保质完成任务。',
		"Carries out top management's decisions and directs the front line's work, focused on results, delivering on time and to standard."
	),
	high: [
		bi(
			'将决策分解为具体的行动计划并跟进落实',
			'Turns decisions into concrete action plans and follows them through'
		),
		bi('遇到阻碍时主动想办法，不等不靠', 'Finds a way round obstacles without waiting to be told')
	],
	low: [
		bi('对决策执行打折扣、拖延', 'Waters down or delays decisions'),
		bi(
			'只布置不检查，问题暴露后才补救',
			'Assigns work without checking it, and acts only after problems surface'
		)
	],
	weight: 20,
	items: [
		item(
			'carrying-out',
			bi('贯彻执行', 'Carrying out decisions'),
			bi(
				'准确理解并坚决贯彻上级决策，组织下属落实到位',
				"Understands management's decisions accurately, carries them out firmly and has the team put them into practice"
			),
			'completed'
		),
		item(
			'results',
			bi('结果导向', 'Focus on results'),
			bi(
				'以结果为导向，跟踪进度，按时保质完成工作任务',
				'Keeps the outcome in view, tracks progress and delivers on time and to standard'
			),
			'completed'
		)
	],
	source: 'completed'
};

const communication: Competency = {
	id: 'communication',
	label: bi('管理沟通', 'Management communication'),
	definition: bi(
		'在上级、下属和其他部门之间有效沟通协调，信息传递准确及时。',
		'Communicates and coordinates well between superiors, direct reports and other departments, passing information on accurately and promptly.'
	),
	high: [
		bi(
			'及时向上汇报、向下传达，信息不失真',
			'Reports up and passes on down promptly, without distorting the message'
		),
		bi(
			'主动与其他部门协调，化解分歧',
			'Reaches out to other departments to coordinate and settle differences'
		)
	],
	low: [
		bi('信息截留或传达不及时', 'Holds information back or passes it on late'),
		bi('部门之间出现问题时互相推诿', 'Passes the buck when problems arise between departments')
	],
	weight: 20,
	items: [
		item(
			'up-and-down',
			bi('上下沟通', 'Communicating up and down'),
			bi(
				'及时准确地向上级汇报、向下属传达，倾听各方意见',
				'Reports to superiors and briefs direct reports accurately and on time, and listens to every side'
			),
			'completed'
		),
		item(
			'cross-team',
			bi('跨部门协调', 'Working across departments'),
			bi(
				'与其他部门主动沟通配合，协调资源，共同解决问题',
				'Works actively with other departments, coordinates resources and solves problems together'
			),
			'completed'
		)
	],
	source: 'completed'
};

/** 中层干部能力素质360度评估表: five competencies at 20% each. */
export const midLevelManagerTemplate: ReviewTemplate = {
	id: 'mid-level-manager',
	title: bi('中层干部能力素质360度评估表', 'Mid-level manager competency 360° review'),
	description: bi(
		'企业中层管理干部在企业运作过程中起着承上启下的作用，贯彻执行管理高层决策、指挥组织基层操作。作为一个优秀的企业中层管理者，既要有胸怀全局的大局观、又要熟悉具体的业务流程；既要具备领导力，又要有强势执行的职业素质。为更好的进行干部综合素质的提高，提升管理沟通能力，执行能力，从而使企业成长更加稳健，发展更加快速，故进行此次360度调查。',
		"Mid-level managers link the top and the bottom of the company: they carry out top management's decisions and direct the front line's work. A good mid-level manager needs a view of the whole and a detailed knowledge of the business processes, leadership and a professional habit of strong execution. This 360° survey helps our managers grow in all of these — in management communication and in execution above all — so that the company grows steadily and fast."
	),
	provenance: bi(
		'价值观及其条目“职业操守”“事业心”摘自原表；原表在第2项后中断，其余能力项（大局观、领导力、执行力、管理沟通）依据原表问卷说明补全，权重均分。',
		'Values and its items "professional integrity" and "drive" are copied from the source form, which breaks off after item 2; the other competencies (big-picture view, leadership, execution, management communication) are completed from the form\'s preamble, and all five weigh the same.'
	),
	questionnaire: {
		competencies: [values, bigPicture, leadership, execution, communication],
		comments: STANDARD_COMMENTS
	},
	groups: DEFAULT_GROUP_WEIGHTS
};
