import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AccountTree, ROOT } from '../../src/lib/model/account';
import {
	MAX_CHANGES_PER_TRANSACTION,
	watchAccountActivity,
	type ActivityChange
} from '../../src/lib/model/account-activity';
import { DEFAULT_TIERS } from '../../src/lib/domain/account/tiers';

/** A group with 华东子公司 and 南京分公司 under it, and a watcher recording what it sees. */
function plan() {
	const doc = new Y.Doc();
	const tree = new AccountTree(doc);
	const group = tree.addNode(ROOT, { name: '华远集团', kind: 'group' });
	const east = tree.addNode(group, { name: '华东子公司', kind: 'subsidiary' });
	const nanjing = tree.addNode(group, { name: '南京分公司', kind: 'branch', spend: 200_000 });
	const seen: Array<{ origin: unknown; changes: ActivityChange[] }> = [];
	watchAccountActivity(doc, (origin, changes) => seen.push({ origin, changes }));
	return { doc, tree, group, east, nanjing, seen };
}

describe('account activity', () => {
	it('says what a move, a rename and a figure change did, with the names as they were', () => {
		const { tree, group, east, nanjing, seen } = plan();
		tree.move(nanjing, east, 0);
		tree.setField(nanjing, 'name', '南京营业部');
		tree.setField(nanjing, 'spend', 250_000);
		expect(seen.map((s) => s.changes)).toEqual([
			[
				{
					kind: 'node-moved',
					node: nanjing,
					name: '南京分公司',
					from: group,
					fromName: '华远集团',
					parent: east,
					parentName: '华东子公司'
				}
			],
			[
				{
					kind: 'node-changed',
					node: nanjing,
					name: '南京分公司',
					field: 'name',
					from: '南京分公司',
					to: '南京营业部'
				}
			],
			[
				{
					kind: 'node-changed',
					node: nanjing,
					name: '南京营业部',
					field: 'spend',
					from: 200_000,
					to: 250_000
				}
			]
		]);
	});

	it('tells adding, removing to the trash and restoring apart', () => {
		const { tree, east, seen } = plan();
		const suzhou = tree.addNode(east, { name: '苏州分公司' });
		tree.trash(suzhou);
		tree.restore(suzhou, east);
		expect(seen.map((s) => s.changes[0]!.kind)).toEqual([
			'node-added',
			'node-removed',
			'node-restored'
		]);
		expect(seen[0]!.changes[0]).toMatchObject({ name: '苏州分公司', parentName: '华东子公司' });
		expect(seen[1]!.changes[0]).toEqual({ kind: 'node-removed', node: suzhou, name: '苏州分公司' });
	});

	it('records the tier thresholds and the plan lists by what changed, with the origin', () => {
		const { doc, tree, seen } = plan();
		tree.setTiers({ ...DEFAULT_TIERS });
		const origin = { connection: 'li' };
		doc.transact(
			() => doc.getMap('goals').set('g1', { id: 'g1', text: '拿下华东', createdAt: 1 }),
			origin
		);
		doc.transact(
			() => doc.getMap('goals').set('g1', { id: 'g1', text: '拿下华东全境', createdAt: 1 }),
			origin
		);
		doc.transact(() => doc.getMap('goals').delete('g1'), origin);
		expect(seen[0]!.changes).toEqual([{ kind: 'settings-changed', setting: 'tiers' }]);
		expect(seen.slice(1).map((s) => [s.origin, s.changes])).toEqual([
			[origin, [{ kind: 'item-changed', list: 'goals', id: 'g1', action: 'added' }]],
			[origin, [{ kind: 'item-changed', list: 'goals', id: 'g1', action: 'changed' }]],
			[origin, [{ kind: 'item-changed', list: 'goals', id: 'g1', action: 'removed' }]]
		]);
	});

	it('reads what a writer sent defensively and never throws into the transaction', () => {
		// The relay's document: no model on it, only the watcher, as on the server.
		const doc = new Y.Doc();
		const seen: ActivityChange[][] = [];
		const errors: unknown[] = [];
		watchAccountActivity(
			doc,
			(_origin, changes) => seen.push(changes),
			(e) => errors.push(e)
		);
		// Not a node map, not a move op: skipped, and the transaction (a relay's applyUpdate) goes on.
		expect(() =>
			doc.transact(() => {
				doc.getMap('nodes').set('junk', 'a string where a map belongs');
				doc.getMap('moves').set('9:9', { node: 42 });
			}, 'a writer')
		).not.toThrow();
		const node = new Y.Map<unknown>();
		doc.transact(() => {
			node.set('name', '苏州分公司');
			node.set('headcount', 'not a number');
			doc.getMap('nodes').set('suzhou', node);
		}, 'a writer');
		expect(seen).toEqual([
			[{ kind: 'node-added', node: 'suzhou', name: '苏州分公司', parent: ROOT, parentName: '' }]
		]);
		expect(errors).toEqual([]);
	});

	it('counts what one transaction did past the cap instead of listing it', () => {
		const { doc, tree, east, seen } = plan();
		doc.transact(() => {
			for (let i = 0; i < MAX_CHANGES_PER_TRANSACTION + 50; i++) {
				tree.addNode(east, { name: `分部 ${i}` });
			}
		});
		const [only] = seen;
		expect(seen).toHaveLength(1);
		expect(only!.changes).toHaveLength(MAX_CHANGES_PER_TRANSACTION + 1);
		expect(only!.changes.at(-1)).toEqual({ kind: 'more-changes', count: 50 });
	});

	it("hands on a remote peer's changes too, as they arrive (offline edits synced later)", () => {
		const { doc, nanjing, seen } = plan();
		const offline = new Y.Doc();
		Y.applyUpdate(offline, Y.encodeStateAsUpdate(doc));
		const theirs = new AccountTree(offline);
		theirs.setField(nanjing, 'headcount', 120);
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(offline, Y.encodeStateVector(doc)), 'their socket');
		expect(seen).toEqual([
			{
				origin: 'their socket',
				changes: [
					{
						kind: 'node-changed',
						node: nanjing,
						name: '南京分公司',
						field: 'headcount',
						from: 0,
						to: 120
					}
				]
			}
		]);
	});
});
