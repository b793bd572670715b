/**
 * The account timeline reads as sentences in both languages: every kind of recorded change, who
 * made it (a member by name, a share link's holder by the link), figures formatted as money and
 * counts with a true minus sign, days headed "Today" / "Yesterday" / a date; and the CSV export
 * opens safely in a spreadsheet.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/lib/domain/bookings/csv';
import type { ActivityChange } from '../../src/lib/model/account-activity';
import { overwriteGetLocale } from '../../src/lib/paraglide/runtime';
import {
	ACTIVITY_KINDS,
	activityCsv,
	activityDays,
	activityKindLabel,
	activityText,
	isoLocalTime,
	type ActivityBy,
	type ActivityEntry
} from '../../src/lib/ui/account/activity-text';

/** The messages' language for the next calls (the runtime reads no browser storage here). */
const useLocale = (locale: 'en' | 'zh-CN') => overwriteGetLocale(() => locale);
afterAll(() => useLocale('zh-CN'));

const li: ActivityBy = { member: 'm1', name: '李经理', role: 'editor' };
const editorLink: ActivityBy = { role: 'editor' };
const ownerLink: ActivityBy = { role: 'owner' };

const say = (change: ActivityChange, by: ActivityBy = li, locale: 'en' | 'zh-CN' = 'en') => {
	useLocale(locale);
	const text = activityText({ by, change }, locale, {
		item: (list, id) =>
			list === 'team' && id === 't1'
				? '张三'
				: list === 'actions' && id === 'a1'
					? 'Visit Nanjing'
					: undefined,
		node: (id) => (id === 'alpha' ? 'Alpha' : undefined)
	});
	return text.detail ? `${text.sentence} | ${text.detail}` : text.sentence;
};

/** One change of every kind (and every way a kind reads), with its English and Chinese. */
const cases: Array<[string, ActivityChange, ActivityBy, string, string]> = [
	[
		'a node added under another',
		{ kind: 'node-added', node: 'n', name: '南京分公司', parent: 'p', parentName: '华东子公司' },
		li,
		'李经理 added 南京分公司 under 华东子公司',
		'李经理在华东子公司下添加了南京分公司'
	],
	[
		'a node added at the top',
		{ kind: 'node-added', node: 'n', name: '华远集团', parent: 'root', parentName: '' },
		ownerLink,
		'Someone with the owner link added 华远集团 at the top',
		'持有所有者链接的人在最顶层添加了华远集团'
	],
	[
		'a move',
		{
			kind: 'node-moved',
			node: 'n',
			name: '南京分公司',
			from: 'g',
			fromName: '华远集团',
			parent: 'p',
			parentName: '华东子公司'
		},
		li,
		'李经理 moved 南京分公司 under 华东子公司 | was under 华远集团',
		'李经理将南京分公司移到华东子公司下 | 原在华远集团下'
	],
	[
		'a move to the top',
		{
			kind: 'node-moved',
			node: 'n',
			name: '南京分公司',
			from: 'p',
			fromName: '',
			parent: 'root',
			parentName: ''
		},
		editorLink,
		'Someone with an editor link moved 南京分公司 to the top | was under Unnamed node',
		'持有编辑链接的人将南京分公司移到最顶层 | 原在未命名节点下'
	],
	[
		'a deletion',
		{ kind: 'node-removed', node: 'n', name: '' },
		li,
		'李经理 deleted Unnamed node',
		'李经理删除了未命名节点'
	],
	[
		'a restoration',
		{ kind: 'node-restored', node: 'n', name: '南京分公司', parent: 'p', parentName: '华东子公司' },
		li,
		'李经理 restored 南京分公司 from the trash, under 华东子公司',
		'李经理从回收站恢复了南京分公司，放回华东子公司下'
	],
	[
		'a rename',
		{
			kind: 'node-changed',
			node: 'n',
			name: '南京分公司',
			field: 'name',
			from: '南京分公司',
			to: '南京营业部'
		},
		li,
		'李经理 renamed 南京分公司 to 南京营业部',
		'李经理将南京分公司改名为南京营业部'
	],
	[
		'a node added before it had a name, by its name now',
		{ kind: 'node-added', node: 'alpha', name: '', parent: 'g', parentName: 'Group' },
		editorLink,
		'Someone with an editor link added Alpha under Group',
		'持有编辑链接的人在Group下添加了Alpha'
	],
	[
		'a new node named',
		{ kind: 'node-changed', node: 'n', name: '', field: 'name', from: '', to: '华远集团' },
		editorLink,
		'Someone with an editor link named a new node 华远集团',
		'持有编辑链接的人将新节点命名为华远集团'
	],
	[
		'spend, as money',
		{
			kind: 'node-changed',
			node: 'n',
			name: '南京分公司',
			field: 'spend',
			from: 34_000_000,
			to: 120_000_000
		},
		li,
		'李经理 changed the air-travel spend of 南京分公司: CN¥34M → CN¥120M',
		'李经理修改了南京分公司的航空差旅采购额：¥3400万 → ¥1.2亿'
	],
	[
		'spend with us, from nothing, with a true minus sign',
		{ kind: 'node-changed', node: 'n', name: 'HQ', field: 'ours', from: 0, to: -5000 },
		li,
		'李经理 changed the spend with us of HQ: CN¥0 → −CN¥5K',
		'李经理修改了HQ的我方采购额：¥0 → −¥5000'
	],
	[
		'headcount, grouped',
		{ kind: 'node-changed', node: 'n', name: 'HQ', field: 'headcount', from: 1200, to: -3 },
		li,
		'李经理 changed the headcount of HQ: 1,200 → −3',
		'李经理修改了HQ的员工人数：1,200 → −3'
	],
	[
		'the kind, by its label',
		{
			kind: 'node-changed',
			node: 'n',
			name: 'HQ',
			field: 'kind',
			from: 'branch',
			to: 'subsidiary'
		},
		li,
		'李经理 changed the kind of HQ: Branch → Subsidiary',
		'李经理修改了HQ的类型：分支机构 → 子公司'
	],
	[
		'the region, from empty',
		{ kind: 'node-changed', node: 'n', name: 'HQ', field: 'region', from: '', to: '上海' },
		li,
		'李经理 changed the region of HQ: (empty) → 上海',
		'李经理修改了HQ的地区：（空） → 上海'
	],
	[
		'the owner, by the team member’s name',
		{ kind: 'node-changed', node: 'n', name: 'HQ', field: 'owner', from: '', to: 't1' },
		li,
		'李经理 changed the owner of HQ: Unassigned → 张三',
		'李经理修改了HQ的负责人：未指定 → 张三'
	],
	[
		'the tier thresholds',
		{ kind: 'settings-changed', setting: 'tiers' },
		{ member: 'm2', name: '王总', role: 'owner' },
		'王总 changed the tier thresholds',
		'王总修改了层级门槛'
	],
	[
		'the national threshold',
		{ kind: 'settings-changed', setting: 'nationalThreshold' },
		li,
		'李经理 changed the potential national account threshold',
		'李经理修改了潜在全国客户阈值'
	],
	[
		'another setting',
		{ kind: 'settings-changed', setting: 'colour' },
		li,
		'李经理 changed a setting (colour)',
		'李经理修改了一项设置（colour）'
	],
	[
		'an action added, by its title',
		{ kind: 'item-changed', list: 'actions', id: 'a1', action: 'added' },
		li,
		'李经理 added a plan action “Visit Nanjing”',
		'李经理添加了一项行动计划“Visit Nanjing”'
	],
	[
		'a checklist answer, by its question',
		{ kind: 'item-changed', list: 'checklist', id: 'travelPolicy', action: 'changed' },
		li,
		'李经理 changed a checklist answer “Travel policy”',
		'李经理修改了一项检查单内容“差旅政策”'
	],
	[
		'a contact removed (gone, so unnamed), by a member no longer known',
		{ kind: 'item-changed', list: 'contacts', id: 'c1', action: 'removed' },
		{ member: 'm9', name: '', role: 'editor' },
		'A member removed a contact',
		'一位成员删除了一位联系人'
	],
	[
		'more changes',
		{ kind: 'more-changes', count: 1250 },
		li,
		'… and 1250 more changes in the same edit',
		'……同一次编辑中还有 1250 处改动'
	]
];

describe('activity sentences', () => {
	it.each(cases)('%s (en)', (_, change, by, en) => {
		expect(say(change, by, 'en')).toBe(en);
	});
	it.each(cases)('%s (zh-CN)', (_, change, by, _en, zh) => {
		expect(say(change, by, 'zh-CN')).toBe(zh);
	});

	it('covers every kind of change, and names each kind in both languages', () => {
		expect(new Set(cases.map(([, change]) => change.kind))).toEqual(new Set(ACTIVITY_KINDS));
		for (const locale of ['en', 'zh-CN'] as const) {
			useLocale(locale);
			const labels = ACTIVITY_KINDS.map(activityKindLabel);
			expect(new Set(labels).size).toBe(ACTIVITY_KINDS.length);
			for (const label of labels) expect(label).not.toMatch(/-/);
		}
	});
});

const entry = (at: number, by: ActivityBy, change: ActivityChange, seq = at): ActivityEntry => ({
	seq,
	at,
	by,
	change
});

describe('activity days', () => {
	it('heads today, yesterday and older days, newest first, one group per local day', () => {
		useLocale('en');
		const now = new Date(2026, 11, 3, 15, 0).getTime();
		const at = (day: number, hour: number) => new Date(2026, 11, day, hour).getTime();
		const change: ActivityChange = { kind: 'node-removed', node: 'n', name: 'x' };
		const days = activityDays(
			[
				entry(at(3, 14), li, change),
				entry(at(3, 9), li, change),
				entry(at(2, 23), li, change),
				entry(at(1, 10), li, change),
				entry(new Date(2025, 5, 1).getTime(), li, change)
			],
			'en',
			now
		);
		expect(days.map((d) => [d.label, d.entries.length])).toEqual([
			['Today', 2],
			['Yesterday', 1],
			['Tue, Dec 1', 1],
			['Sun, Jun 1, 2025', 1]
		]);
		useLocale('zh-CN');
		expect(activityDays(days[2]!.entries, 'zh-CN', now)[0]!.label).toBe('12月1日周二');
	});

	it('keeps the record order when a time runs against it, heading the day again', () => {
		useLocale('en');
		const now = new Date(2026, 11, 3, 15, 0).getTime();
		const change: ActivityChange = { kind: 'node-removed', node: 'n', name: 'x' };
		// Two instances' clocks around midnight: seq 3 was recorded a moment "before" seq 2.
		const days = activityDays(
			[
				entry(new Date(2026, 11, 3, 0, 0, 1).getTime(), li, change, 3),
				entry(new Date(2026, 11, 2, 23, 59, 59).getTime(), li, change, 2),
				entry(new Date(2026, 11, 3, 0, 0, 0).getTime(), li, change, 1)
			],
			'en',
			now
		);
		expect(days.map((d) => [d.label, d.entries.map((e) => e.seq)])).toEqual([
			['Today', [3]],
			['Yesterday', [2]],
			['Today', [1]]
		]);
		expect(new Set(days.map((d) => d.key)).size).toBe(3);
	});

	it("puts together the entries of one person's one edit (same time, same author)", () => {
		const at = new Date(2026, 11, 3, 10).getTime();
		const change: ActivityChange = { kind: 'node-removed', node: 'n', name: 'x' };
		const [day] = activityDays(
			[
				entry(at + 1, li, change, 6),
				entry(at, li, change, 5),
				entry(at, li, change, 4),
				entry(at, editorLink, change, 3),
				entry(at, li, change, 2),
				entry(at, ownerLink, change, 1)
			],
			'en',
			at
		);
		expect(day!.edits.map((e) => e.entries.map((x) => x.seq))).toEqual([
			[6],
			[5, 4],
			[3],
			[2],
			[1]
		]);
		expect(day!.edits.map((e) => e.key)).toEqual([6, 5, 3, 2, 1]);
	});
});

describe('activity CSV', () => {
	/** The cells of the written CSV, as a spreadsheet reads them. */
	const cells = (text: string) => parseCsv(text.replace(/^\uFEFF/, '')).map((r) => r.fields);

	it('writes time, person, role, kind, node and sentence, with a BOM, quoted and neutralised', () => {
		useLocale('en');
		const at = new Date(2026, 11, 3, 14, 2, 5).getTime();
		const hostile = '=HYPERLINK("http://evil.example","x")';
		const text = activityCsv(
			[
				entry(at, li, {
					kind: 'node-changed',
					node: 'n',
					name: '南京, "分公司"',
					field: 'name',
					from: '南京, "分公司"',
					to: 'line one\nline two'
				}),
				entry(at, editorLink, { kind: 'node-removed', node: 'h', name: hostile }),
				entry(
					at,
					{ member: 'm3', name: '+Mallory', role: 'owner' },
					{
						kind: 'settings-changed',
						setting: 'tiers'
					}
				),
				entry(
					at,
					{ member: 'm4', name: '@王总', role: 'editor' },
					{
						kind: 'node-moved',
						node: 'n',
						name: '-南京',
						from: 'a',
						fromName: '华东',
						parent: 'b',
						parentName: '华南'
					}
				)
			],
			'en'
		);
		expect(text.startsWith('\uFEFF')).toBe(true);
		expect(text).toContain('\r\n');
		const rows = cells(text);
		expect(rows[0]).toEqual(['Time', 'Person', 'Role', 'Kind of change', 'Node', 'What happened']);
		const time = isoLocalTime(at);
		expect(rows[1]).toEqual([
			time,
			'李经理',
			'Can edit',
			'Node details changed',
			'南京, "分公司"',
			'李经理 renamed 南京, "分公司" to line one\nline two'
		]);
		// A cell that a spreadsheet would run as a formula starts with a quote instead.
		expect(rows[2]![4]).toBe(`'${hostile}`);
		expect(rows[2]![1]).toBe('Someone with an editor link');
		expect(rows[3]![1]).toBe("'+Mallory");
		expect(rows[3]![5]).toBe("'+Mallory changed the tier thresholds");
		expect(rows[4]![1]).toBe("'@王总");
		expect(rows[4]![4]).toBe("'-南京");
		expect(rows[4]![5]).toBe("'@王总 moved -南京 under 华南 (was under 华东)");
	});

	it('writes Chinese headers and sentences as UTF-8 text', () => {
		useLocale('zh-CN');
		const at = Date.UTC(2026, 0, 5, 6, 30);
		const rows = cells(
			activityCsv([entry(at, li, { kind: 'node-removed', node: 'n', name: '南京分公司' })], 'zh-CN')
		);
		expect(rows).toEqual([
			['时间', '人员', '角色', '改动类型', '节点', '改动内容'],
			[isoLocalTime(at), '李经理', '可编辑', '删除节点', '南京分公司', '李经理删除了南京分公司']
		]);
	});

	it('writes each time as ISO 8601 local time with its offset, the same instant', () => {
		for (const at of [0, Date.UTC(2026, 11, 3, 6, 2, 5), Date.UTC(2026, 6, 1, 23, 59, 59)]) {
			const iso = isoLocalTime(at);
			expect(iso).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
			expect(Date.parse(iso)).toBe(at);
		}
	});
});
