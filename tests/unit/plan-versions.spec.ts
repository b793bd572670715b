import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { changeCount, diffPlans, TOP } from '../../src/lib/domain/account/plan-diff';
import {
	nextQuarter,
	parseQuarterKey,
	previousQuarter,
	quarterAt,
	quarterKey,
	quarterStart
} from '../../src/lib/domain/account/quarter';
import { AccountTree, ROOT, TRASH } from '../../src/lib/model/account';
import { AccountPlan } from '../../src/lib/model/account-plan';
import {
	diffDocs,
	planState,
	planStateOfDoc,
	restoreVersion,
	versionDoc
} from '../../src/lib/model/account-version';
import { DocKind } from '../../src/lib/domain/documents';
import { KINDS } from '../../src/lib/model/kinds';
import { createUndoManager } from '../../src/lib/model/undo';

/**
 * A small group: 集团 with two subsidiaries, 华东 (with 南京 and 上海 branches) and 华南, plus a
 * goal, two plan actions and a checklist answer.
 */
function fixture() {
	const doc = new Y.Doc();
	const tree = new AccountTree(doc);
	const plan = new AccountPlan(doc);
	const group = tree.addNode(ROOT, { name: '集团', spend: 1_000_000, ours: 100_000 });
	const east = tree.addNode(group, { name: '华东子公司', spend: 2_000_000, ours: 200_000 });
	const south = tree.addNode(group, { name: '华南子公司', spend: 500_000 }, { after: east });
	const nanjing = tree.addNode(east, { name: '南京分公司', spend: 300_000, ours: 90_000 });
	const shanghai = tree.addNode(east, { name: '上海分公司' }, { after: nanjing });
	plan.setChecklist('segment', 'soe');
	const goal = plan.goals.put({ text: 'Win the group agreement', createdAt: 1 });
	const call = plan.actions.put({
		title: 'Call the CFO',
		owner: '',
		due: '2026-07-01',
		status: 'open',
		createdAt: 1
	});
	const visit = plan.actions.put({
		title: 'Visit Nanjing',
		owner: '',
		due: '',
		status: 'open',
		createdAt: 2
	});
	return { doc, tree, plan, group, east, south, nanjing, shanghai, goal, call, visit };
}

/** The same document as a version the server would keep: a copy of its whole state. */
const snapshotOf = (doc: Y.Doc) => versionDoc(Y.encodeStateAsUpdate(doc));

/** The visible tree as `parent>name` lines, for comparing two documents. */
function shape(doc: Y.Doc): string {
	const tree = new AccountTree(doc);
	const lines = tree.liveNodes().map((id) => {
		const node = tree.node(id)!;
		const parent = tree.tree.parentOf(id)!;
		return `${parent === ROOT ? '/' : tree.node(parent)?.name}>${node.name}:${node.spend}:${node.ours}`;
	});
	tree.destroy();
	return lines.join('|');
}

describe('quarters', () => {
	it('names, parses and steps quarters', () => {
		expect(quarterKey({ year: 2026, quarter: 3 })).toBe('2026-Q3');
		expect(parseQuarterKey('2026-Q3')).toEqual({ year: 2026, quarter: 3 });
		expect(parseQuarterKey('2026-Q5')).toBeUndefined();
		expect(previousQuarter({ year: 2026, quarter: 1 })).toEqual({ year: 2025, quarter: 4 });
		expect(nextQuarter({ year: 2026, quarter: 4 })).toEqual({ year: 2027, quarter: 1 });
	});

	it('starts a quarter at local midnight in the named zone, not at UTC midnight', () => {
		const q4 = { year: 2026, quarter: 4 };
		// Beijing is UTC+8 all year: 1 October 00:00 there is 30 September 16:00 UTC.
		expect(quarterStart(q4, 'Asia/Shanghai')).toBe(Date.UTC(2026, 8, 30, 16));
		expect(quarterStart(q4, 'UTC')).toBe(Date.UTC(2026, 9, 1));
		// New York is on summer time (UTC−4) on 1 October.
		expect(quarterStart(q4, 'America/New_York')).toBe(Date.UTC(2026, 9, 1, 4));
		const justBefore = Date.UTC(2026, 8, 30, 15, 59, 59);
		expect(quarterAt(justBefore, 'Asia/Shanghai')).toEqual({ year: 2026, quarter: 3 });
		expect(quarterAt(justBefore + 1000, 'Asia/Shanghai')).toEqual(q4);
	});
});

describe('comparing two versions of a plan', () => {
	it('lists moves, renames, spend, share and tier changes, removals, additions and plan items', () => {
		const f = fixture();
		const before = snapshotOf(f.doc);

		f.tree.move(f.nanjing, f.south, 0); // 南京 moves from 华东 to 华南
		f.tree.setField(f.east, 'name', '华东区域公司'); // renamed
		f.tree.setField(f.nanjing, 'spend', 700_000); // 30% → 93% share, tier 3 → 4
		f.tree.setField(f.nanjing, 'ours', 650_000);
		f.tree.trash(f.shanghai);
		const wuhan = f.tree.addNode(f.group, { name: '武汉分公司' });
		f.plan.actions.update(f.call, { status: 'done' });
		f.plan.actions.remove(f.visit);
		const newAction = f.plan.actions.put({
			title: 'Send the offer',
			owner: '',
			due: '',
			status: 'open',
			createdAt: 3
		});
		f.plan.setChecklist('hq', 'Beijing');
		f.plan.goals.update(f.goal, { text: 'Win the national agreement' });

		const diff = diffDocs(before, f.doc);
		expect(diff.moved).toEqual([
			{
				id: f.nanjing,
				name: '南京分公司',
				from: expect.objectContaining({ parent: f.east, parentName: '华东子公司' }),
				to: expect.objectContaining({ parent: f.south, parentName: '华南子公司' })
			}
		]);
		expect(diff.renamed).toEqual([{ id: f.east, from: '华东子公司', to: '华东区域公司' }]);
		expect(diff.spend).toEqual([
			{
				id: f.nanjing,
				name: '南京分公司',
				spend: { from: 300_000, to: 700_000 },
				ours: { from: 90_000, to: 650_000 }
			}
		]);
		// 南京's own share rose; 华东 lost it (and its ours) and 华南 gained it; the group sums all.
		const shares = Object.fromEntries(diff.share.map((s) => [s.name, [s.from, s.to]]));
		expect(shares).toEqual({
			南京分公司: [0.3, 650 / 700],
			华东区域公司: [290 / 2300, 0.1],
			华南子公司: [0, 650 / 1200],
			集团: [390 / 3800, 950 / 4200]
		});
		const tiers = Object.fromEntries(diff.tier.map((t) => [t.name, [t.from, t.to]]));
		expect(tiers).toEqual({ 南京分公司: [3, 4], 华南子公司: [1, 5], 集团: [3, 4] });
		// One table row per node, in the tree's order: the group first, then its subsidiaries.
		expect(diff.figures.map((row) => row.name)).toEqual([
			'集团',
			'华东区域公司',
			'华南子公司',
			'南京分公司'
		]);
		expect(diff.figures[3]).toMatchObject({
			spend: { from: 300_000, to: 700_000 },
			tier: { from: 3, to: 4 }
		});
		expect(diff.figures[0]!.spend).toBeUndefined();
		expect(diff.removed.map((n) => [n.name, n.parentName])).toEqual([['上海分公司', '华东子公司']]);
		expect(diff.added).toEqual([
			{ id: wuhan, name: '武汉分公司', parent: f.group, parentName: '集团', descendants: 0 }
		]);
		expect(diff.actions.added.map((a) => a.id)).toEqual([newAction]);
		expect(diff.actions.removed.map((a) => a.title)).toEqual(['Visit Nanjing']);
		expect(diff.actions.changed).toEqual([
			{ id: f.call, title: 'Call the CFO', fields: [{ field: 'status', from: 'open', to: 'done' }] }
		]);
		expect(diff.checklist).toEqual([{ field: 'hq', from: '', to: 'Beijing' }]);
		expect(diff.goals.changed).toEqual([
			{ id: f.goal, from: 'Win the group agreement', to: 'Win the national agreement' }
		]);
		expect(diff.thresholds).toBeUndefined();
	});

	it('finds nothing between a plan and its own copy, and counts what it finds otherwise', () => {
		const f = fixture();
		const copy = snapshotOf(f.doc);
		expect(changeCount(diffDocs(copy, f.doc))).toBe(0);
		f.tree.setTiers({
			minOurs: [0, 1e5, 3e5, 3.5e5, 1e6, 2e6, 5e6, 1e7, 3e7, 1e8],
			minShare: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
		});
		const diff = diffDocs(copy, f.doc);
		expect(diff.thresholds?.to.minOurs[3]).toBe(3.5e5);
		// A lower tier 4 threshold lifts the group (¥390k of ours), and nobody else.
		expect(diff.tier).toEqual([{ id: f.group, name: '集团', from: 3, to: 4 }]);
		expect(changeCount(diff)).toBe(1 + diff.tier.length);
	});

	it('reads the live tree the same as a copy of its document', () => {
		const f = fixture();
		const live = planState(f.tree, f.plan);
		const copy = planStateOfDoc(snapshotOf(f.doc));
		expect(changeCount(diffPlans(live, copy))).toBe(0);
		expect(live.nodes.get(f.group)?.parent).toBe(TOP);
	});

	it('lists a deleted or added subtree once, counting what went with it', () => {
		const f = fixture();
		const before = snapshotOf(f.doc);
		const wuhan = f.tree.addNode(f.group, { name: '武汉分公司' });
		f.tree.addNode(wuhan, { name: '汉口营业部' });
		f.tree.addNode(wuhan, { name: '武昌营业部' });
		// 华东 goes, but 南京 is kept (moved up first): only 上海 went with 华东.
		f.tree.move(f.nanjing, f.group, 0);
		f.tree.trash(f.east);
		const diff = diffDocs(before, f.doc);
		expect(diff.added.map((n) => [n.name, n.descendants])).toEqual([['武汉分公司', 2]]);
		expect(diff.removed.map((n) => [n.name, n.descendants])).toEqual([['华东子公司', 1]]);
		expect(diff.moved.map((n) => n.name)).toEqual(['南京分公司']);
	});
});

describe('restoring a version', () => {
	function restored() {
		const f = fixture();
		const undo = createUndoManager(f.doc, KINDS[DocKind.account].undo);
		const version = snapshotOf(f.doc);
		const expected = shape(f.doc);
		// Swap parent and child (a naive restore would be skipped as a cycle), rename, edit, trash.
		undo.stopCapturing();
		f.tree.move(f.east, f.nanjing, 0);
		undo.stopCapturing();
		f.tree.move(f.nanjing, f.group, 0);
		undo.stopCapturing();
		f.tree.setField(f.south, 'name', '华南新公司');
		undo.stopCapturing();
		f.tree.setField(f.group, 'spend', 9_000_000);
		undo.stopCapturing();
		f.tree.trash(f.shanghai);
		undo.stopCapturing();
		const added = f.tree.addNode(f.south, { name: '深圳分公司' });
		undo.stopCapturing();
		f.plan.actions.remove(f.visit);
		undo.stopCapturing();
		const changed = shape(f.doc);
		return { f, undo, version, expected, changed, added };
	}

	it('makes the plan what the version shows, in one change that one undo takes back', () => {
		const { f, undo, version, expected, changed, added } = restored();
		const steps = undo.undoStack.length;
		const updates: Uint8Array[] = [];
		f.doc.on('update', (u: Uint8Array) => updates.push(u));
		restoreVersion(f.tree, version);
		undo.stopCapturing();

		expect(updates).toHaveLength(1);
		expect(shape(f.doc)).toBe(expected);
		expect(f.tree.tree.parentOf(added)).toBe(TRASH);
		expect(f.plan.actions.all().map((a) => a.title)).toContain('Visit Nanjing');
		expect(changeCount(diffDocs(version, f.doc))).toBe(0);
		expect(undo.undoStack.length).toBe(steps + 1);

		undo.undo();
		expect(shape(f.doc)).toBe(changed);
		expect(f.plan.actions.all().map((a) => a.title)).not.toContain('Visit Nanjing');
		undo.redo();
		expect(shape(f.doc)).toBe(expected);
	});

	it('reaches another replica as an ordinary update', () => {
		const { f, version, expected } = restored();
		const other = new Y.Doc();
		Y.applyUpdate(other, Y.encodeStateAsUpdate(f.doc));
		const before = Y.encodeStateVector(f.doc);
		restoreVersion(f.tree, version);
		Y.applyUpdate(other, Y.encodeStateAsUpdate(f.doc, before));
		expect(shape(other)).toBe(expected);
	});

	it('writes nothing when the plan already is the version', () => {
		const f = fixture();
		const updates: Uint8Array[] = [];
		f.doc.on('update', (u: Uint8Array) => updates.push(u));
		expect(restoreVersion(f.tree, snapshotOf(f.doc))).toBe(0);
		expect(updates).toHaveLength(0);
	});
});
