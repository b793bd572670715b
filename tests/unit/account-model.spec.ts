import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { shareOf } from '../../src/lib/domain/account/rollup';
import { AccountTree, ROOT, TRASH } from '../../src/lib/model/account';
import { createUndoManager } from '../../src/lib/model/undo';

/** Replicas that exchange updates only when told to, like devices behind a relay. */
function replicas(count: number) {
	const docs = Array.from({ length: count }, () => new Y.Doc());
	const trees = docs.map((doc) => new AccountTree(doc));
	const sync = () => {
		for (const a of docs)
			for (const b of docs) if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
	};
	return { docs, trees, sync };
}

/** The visible tree: each live node with its parent and name, in display order. */
function shape(tree: AccountTree): string {
	return tree
		.liveNodes()
		.map((id) => `${tree.tree.parentOf(id)}>${id}:${tree.node(id)?.name}`)
		.join('|');
}

describe('account tree in Yjs', () => {
	it('two people move A under B and B under A at once: both see the same tree, no cycle', () => {
		const { trees, sync } = replicas(2);
		const [alice, bob] = trees as [AccountTree, AccountTree];
		const a = alice.addNode(ROOT, { name: 'A' });
		const b = alice.addNode(ROOT, { name: 'B' }, { after: a });
		sync();
		expect(alice.move(a, b, 0)).toBe(true);
		expect(bob.move(b, a, 0)).toBe(true);
		sync();
		expect(shape(alice)).toBe(shape(bob));
		const parents = new Set([alice.tree.parentOf(a), alice.tree.parentOf(b)]);
		expect(parents.has(ROOT)).toBe(true);
		expect(alice.move(a, a, 0)).toBe(false);
	});

	it('a rename, an agreement and a spend edit reach the other replica’s roll-ups', () => {
		const { trees, sync } = replicas(2);
		const [alice, bob] = trees as [AccountTree, AccountTree];
		const group = alice.addNode(ROOT, { name: '中国某集团', kind: 'group' });
		const sub = alice.addNode(group, { name: '华东公司', spend: 10_000_000, ours: 9_000_000 });
		const branch = alice.addNode(sub, { name: '江苏分公司', spend: 1_000_000, ours: 100_000 });
		sync();
		expect(bob.node(sub)?.kind).toBe('subsidiary');
		expect(bob.node(branch)?.kind).toBe('branch');
		expect(shareOf(bob.rollups.totals(group))).toBeCloseTo(9.1 / 11, 10);

		bob.setField(sub, 'name', '华东有限公司');
		bob.putAgreement(branch, {
			type: 'regional',
			status: 'signed',
			number: 'R-1',
			start: '',
			end: '',
			terms: ''
		});
		bob.setField(branch, 'ours', 400_000);
		sync();
		expect(alice.node(sub)?.name).toBe('华东有限公司');
		expect(alice.rollups.totals(group).agreements.regional).toBe(1);
		expect(alice.rollups.totals(group).ours).toBe(9_400_000);

		alice.trash(sub);
		sync();
		expect(bob.rollups.totals(group).spend).toBe(0);
		expect(bob.tree.trashed()).toEqual([sub]);
		bob.restore(sub, group);
		sync();
		expect(alice.rollups.totals(group).spend).toBe(11_000_000);
	});

	it('undo takes back my move, not the other person’s', () => {
		const { docs, trees, sync } = replicas(2);
		const [alice, bob] = trees as [AccountTree, AccountTree];
		const a = alice.addNode(ROOT, { name: 'A' });
		const b = alice.addNode(ROOT, { name: 'B' });
		const c = alice.addNode(ROOT, { name: 'C' });
		sync();
		const undo = createUndoManager(docs[0]!);
		alice.move(a, b, 0);
		bob.move(c, b, 0);
		sync();
		undo.undo();
		sync();
		for (const tree of trees) {
			expect(tree.tree.parentOf(a)).toBe(ROOT);
			expect(tree.tree.parentOf(c)).toBe(b);
		}
		undo.redo();
		sync();
		expect(bob.tree.parentOf(a)).toBe(b);
	});

	it('converges for random concurrent histories of add, move, delete, edit and undo', () => {
		const act = fc.record({
			replica: fc.nat(4),
			kind: fc.constantFrom('add', 'move', 'trash', 'restore', 'edit', 'undo', 'sync'),
			a: fc.nat(),
			b: fc.nat(),
			value: fc.nat(1_000_000)
		});
		fc.assert(
			fc.property(
				fc.array(act, { maxLength: 40 }),
				fc.array(fc.nat(), { minLength: 5, maxLength: 5 }),
				(steps, order) => {
					const docs = Array.from({ length: 5 }, () => new Y.Doc());
					const trees = docs.map((doc) => new AccountTree(doc));
					const undos = docs.map((doc) => createUndoManager(doc));
					const pending: Uint8Array[][] = docs.map(() => []);
					docs.forEach((doc, i) =>
						doc.on('update', (update: Uint8Array, origin: unknown) => {
							if (origin === 'remote') return;
							for (let r = 0; r < 5; r++) if (r !== i) pending[r]!.push(update);
						})
					);
					for (const s of steps) {
						const tree = trees[s.replica]!;
						const live = tree.liveNodes();
						const pick = (i: number) => live[i % live.length];
						undos[s.replica]!.stopCapturing();
						if (s.kind === 'add') tree.addNode(pick(s.a) ?? ROOT, { name: `n${s.value}` });
						else if (s.kind === 'move' && live.length)
							tree.move(pick(s.a)!, pick(s.b) ?? ROOT, s.b % 3);
						else if (s.kind === 'trash' && live.length) tree.trash(pick(s.a)!);
						else if (s.kind === 'restore') {
							const trashed = tree.tree.trashed();
							if (trashed.length) tree.restore(trashed[s.a % trashed.length]!);
						} else if (s.kind === 'edit' && live.length)
							tree.setField(pick(s.a)!, 'spend', s.value);
						else if (s.kind === 'undo') undos[s.replica]!.undo();
						else if (s.kind === 'sync') {
							// Deliver this replica's inbox, newest first: Yjs must cope with any order.
							const inbox = pending[s.replica]!.splice(0).reverse();
							for (const update of inbox) Y.applyUpdate(docs[s.replica]!, update, 'remote');
						}
					}
					docs.forEach((doc, r) => {
						const inbox = pending[r]!.splice(0);
						const rotate = order[r]! % (inbox.length || 1);
						for (const update of [...inbox.slice(rotate), ...inbox.slice(0, rotate)]) {
							Y.applyUpdate(doc, update, 'remote');
						}
					});
					const expected = shape(trees[0]!);
					for (const tree of trees) {
						expect(shape(tree)).toBe(expected);
						expect(tree.rollups.totals(ROOT).spend).toBe(trees[0]!.rollups.totals(ROOT).spend);
					}
					// Incremental replay agrees with a replica opened from scratch.
					const fresh = new AccountTree(docs[0]!);
					expect(shape(fresh)).toBe(expected);
					expect(fresh.rollups.totals(ROOT)).toEqual(trees[0]!.rollups.totals(ROOT));
					const everything = new Set([...fresh.liveNodes()]);
					const walk = (id: string) => {
						everything.add(id);
						for (const child of fresh.children(id)) walk(child);
					};
					for (const top of fresh.tree.trashed()) walk(top);
					expect([...everything].sort()).toEqual([...fresh.tree.nodes()].sort());
					expect(fresh.children(TRASH).every((id) => !fresh.isLive(id))).toBe(true);
				}
			),
			{ numRuns: 1000 }
		);
	});
});
