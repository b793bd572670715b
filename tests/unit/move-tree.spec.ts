import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MoveTree, ROOT, TRASH, type MoveOp } from '../../src/lib/domain/tree/move-tree';

const REPLICAS = 5;

/** A local action, resolved against the acting replica's current view of the tree. */
type Action = {
	kind: 'add' | 'move' | 'delete' | 'restore' | 'undo';
	a: number;
	b: number;
	order: string;
};
/** What travels between replicas: an op, or the removal of one (an undo). */
type Message = { op: MoveOp; removed: boolean };
type Step =
	| { replica: number; deliver: number }
	| { replica: number; deliverAll: true }
	| { replica: number; action: Action };

const action = fc.record({
	kind: fc.constantFrom('add', 'add', 'move', 'move', 'delete', 'restore', 'undo'),
	a: fc.nat(),
	b: fc.nat(),
	order: fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'V', 'z'), minLength: 1, maxLength: 3 })
}) as fc.Arbitrary<Action>;

const step: fc.Arbitrary<Step> = fc.oneof(
	fc.record({ replica: fc.nat(REPLICAS - 1), action }),
	fc.record({ replica: fc.nat(REPLICAS - 1), deliver: fc.nat() }),
	fc.record({ replica: fc.nat(REPLICAS - 1), deliverAll: fc.constant(true as const) })
);

function assertNoCycle(tree: MoveTree): void {
	for (const node of tree.nodes()) {
		const seen = new Set<string>([node]);
		let current = tree.parentOf(node);
		while (current !== undefined) {
			expect(seen.has(current), `cycle through ${node}`).toBe(false);
			seen.add(current);
			current = tree.parentOf(current);
		}
	}
}

function snapshot(tree: MoveTree): string {
	const rows = [...tree.nodes()].sort().map((n) => `${n}<${tree.parentOf(n)}`);
	const order = [ROOT, TRASH, ...[...tree.nodes()].sort()].map(
		(n) => `${n}:${tree.children(n).join(',')}`
	);
	return rows.join(' ') + ' | ' + order.join(' ');
}

/** Runs a history: each replica acts on its own view and receives others' ops in any order. */
function run(steps: Step[], finalOrder: number[]) {
	const trees = Array.from({ length: REPLICAS }, () => new MoveTree());
	const inbox: Message[][] = Array.from({ length: REPLICAS }, () => []);
	const own: MoveOp[][] = Array.from({ length: REPLICAS }, () => []);
	let created = 0;
	const receive = (tree: MoveTree, message: Message) =>
		message.removed ? tree.remove(message.op) : tree.apply(message.op);
	const broadcast = (from: number, op: MoveOp) => {
		trees[from]!.apply(op);
		own[from]!.push(op);
		for (let r = 0; r < REPLICAS; r++) if (r !== from) inbox[r]!.push({ op, removed: false });
	};
	/** An undo deletes the op; where it has not arrived yet, it never will (as in Yjs). */
	const retract = (from: number, op: MoveOp) => {
		trees[from]!.remove(op);
		for (let r = 0; r < REPLICAS; r++) {
			if (r === from) continue;
			const pending = inbox[r]!.findIndex((m) => m.op === op && !m.removed);
			if (pending >= 0) inbox[r]!.splice(pending, 1);
			else inbox[r]!.push({ op, removed: true });
		}
	};
	for (const s of steps) {
		const tree = trees[s.replica]!;
		if ('deliverAll' in s) {
			// A whole inbox at once, as after a long offline session: one batched replay.
			const messages = inbox[s.replica]!.splice(0);
			tree.applyAll(messages.filter((m) => !m.removed).map((m) => m.op));
			for (const m of messages) if (m.removed) tree.remove(m.op);
			assertNoCycle(tree);
			continue;
		}
		if ('deliver' in s) {
			const pending = inbox[s.replica]!;
			if (pending.length === 0) continue;
			const [message] = pending.splice(s.deliver % pending.length, 1);
			receive(tree, message!);
			assertNoCycle(tree);
			continue;
		}
		const live = [...tree.nodes()].filter((n) => tree.rootOf(n) === ROOT).sort();
		const trashed = [...tree.nodes()].filter((n) => tree.parentOf(n) === TRASH).sort();
		const pick = (list: string[], i: number) => list[i % list.length];
		const { kind, a, b, order } = s.action;
		const ts = tree.nextTimestamp();
		const op = (node: string, parent: string): MoveOp => ({
			ts,
			client: s.replica,
			node,
			parent,
			order
		});
		if (kind === 'add') {
			broadcast(s.replica, op(`n${created++}`, pick(live, a) ?? ROOT));
		} else if (kind === 'move' && live.length > 0) {
			broadcast(s.replica, op(pick(live, a)!, pick([ROOT, ...live], b)!));
		} else if (kind === 'delete' && live.length > 0) {
			broadcast(s.replica, op(pick(live, a)!, TRASH));
		} else if (kind === 'undo' && own[s.replica]!.length > 0) {
			const [op] = own[s.replica]!.splice(a % own[s.replica]!.length, 1);
			retract(s.replica, op!);
		} else if (kind === 'restore' && trashed.length > 0) {
			broadcast(s.replica, op(pick(trashed, a)!, pick([ROOT, ...live], b)!));
		}
		assertNoCycle(tree);
	}
	// Everything still in flight arrives, in an order of its own per replica.
	for (let r = 0; r < REPLICAS; r++) {
		const pending = inbox[r]!;
		let k = 0;
		while (pending.length > 0) {
			const [message] = pending.splice(
				(finalOrder[k++ % finalOrder.length] ?? 0) % pending.length,
				1
			);
			receive(trees[r]!, message!);
		}
		assertNoCycle(trees[r]!);
	}
	return trees;
}

describe('replicated move tree', () => {
	it('converges without cycles for random concurrent histories in random delivery orders', () => {
		fc.assert(
			fc.property(
				fc.array(step, { minLength: 1, maxLength: 80 }),
				fc.array(fc.nat(), { minLength: 1, maxLength: 20 }),
				(steps, finalOrder) => {
					const trees = run(steps, finalOrder);
					const first = snapshot(trees[0]!);
					for (const tree of trees) {
						expect(snapshot(tree)).toBe(first);
						// Every node is in sight: under the root, or in the trash view.
						const visible = new Set<string>();
						const walk = (n: string) => {
							visible.add(n);
							for (const child of tree.children(n)) walk(child);
						};
						for (const child of tree.children(ROOT)) walk(child);
						for (const top of tree.trashed()) walk(top);
						expect([...visible].sort()).toEqual([...tree.nodes()].sort());
					}
				}
			),
			{ numRuns: 1000 }
		);
	});

	it('skips the later of two moves that would make a cycle, on both sides', () => {
		const alice = new MoveTree();
		const bob = new MoveTree();
		const setup: MoveOp[] = [
			{ ts: 1, client: 1, node: 'A', parent: ROOT, order: 'a' },
			{ ts: 2, client: 1, node: 'B', parent: ROOT, order: 'b' }
		];
		for (const op of setup) {
			alice.apply(op);
			bob.apply(op);
		}
		// At the same time: Alice moves A under B, Bob moves B under A.
		const aUnderB: MoveOp = { ts: 3, client: 1, node: 'A', parent: 'B', order: 'a' };
		const bUnderA: MoveOp = { ts: 3, client: 2, node: 'B', parent: 'A', order: 'a' };
		alice.apply(aUnderB);
		bob.apply(bUnderA);
		alice.apply(bUnderA);
		bob.apply(aUnderB);
		// (3, client 1) comes first; Bob's move would then make a cycle and is skipped.
		for (const tree of [alice, bob]) {
			expect(tree.parentOf('A')).toBe('B');
			expect(tree.parentOf('B')).toBe(ROOT);
		}
	});

	it('undoes and redoes only the ops an older op overtakes', () => {
		const moves: Array<[string, string]> = [];
		const tree = new MoveTree({
			moved: (node, _from, to) => moves.push([node, to?.parent ?? '-'])
		});
		tree.apply({ ts: 1, client: 1, node: 'A', parent: ROOT, order: 'a' });
		tree.apply({ ts: 3, client: 1, node: 'B', parent: 'A', order: 'a' });
		moves.length = 0;
		tree.apply({ ts: 2, client: 2, node: 'C', parent: ROOT, order: 'b' });
		expect(moves).toEqual([
			['B', '-'],
			['C', ROOT],
			['B', 'A']
		]);
		expect(tree.children(ROOT)).toEqual(['A', 'C']);
		expect(tree.nextTimestamp()).toBe(4);
	});

	it('removing an op leaves the tree as if it had never been made', () => {
		const ops: MoveOp[] = [
			{ ts: 1, client: 1, node: 'A', parent: ROOT, order: 'a' },
			{ ts: 2, client: 1, node: 'B', parent: ROOT, order: 'b' },
			{ ts: 3, client: 2, node: 'A', parent: 'B', order: 'a' },
			{ ts: 4, client: 1, node: 'B', parent: 'A', order: 'a' }
		];
		const tree = new MoveTree();
		tree.applyAll(ops);
		// B under A would be a cycle while A is under B: skipped.
		expect(tree.parentOf('B')).toBe(ROOT);
		tree.remove(ops[2]!);
		expect(tree.parentOf('A')).toBe(ROOT);
		expect(tree.parentOf('B')).toBe('A');
		const fresh = new MoveTree();
		fresh.applyAll([ops[0]!, ops[1]!, ops[3]!]);
		expect(snapshot(tree)).toBe(snapshot(fresh));
		tree.apply(ops[2]!);
		expect(tree.parentOf('B')).toBe(ROOT);
	});

	it('ignores an op delivered twice and orders siblings by index, then id', () => {
		const tree = new MoveTree();
		const op: MoveOp = { ts: 1, client: 1, node: 'x', parent: ROOT, order: 'm' };
		tree.apply(op);
		tree.apply(op);
		tree.apply({ ts: 2, client: 1, node: 'b', parent: ROOT, order: 'a' });
		tree.apply({ ts: 3, client: 2, node: 'a', parent: ROOT, order: 'm' });
		expect(tree.size).toBe(3);
		expect(tree.children(ROOT)).toEqual(['b', 'a', 'x']);
	});
});
