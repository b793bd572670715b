/**
 * Structure-tree benchmark on a 10,000-node account.
 *
 *   npm run bench:tree               # (a) open, (b) remote move, (c) offline merge
 *   npm run bench:tree -- --runs 40  # more repetitions
 *
 * (a) opening from the document's bytes to the computed tree with roll-ups, as a ratio to a bare
 *     `Y.applyUpdate` of the same bytes, measured alternately in the same run;
 * (b) one remote move arriving (Yjs update applied, tree replayed, roll-ups updated), median;
 * (c) two replicas each make 5,000 offline ops (moves and edits), then merge both ways.
 * First paint in Chromium is measured by `npm run bench:tree-paint`.
 * Prints numbers; asserts nothing.
 */
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { AccountTree, ROOT } from '../../src/lib/model/account.ts';
import { writeDemoAccount } from '../../src/lib/model/demo-account.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '20' } } });
const runs = Number(values.runs);

const median = (xs: number[]) => {
	const sorted = [...xs].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)]!;
};
const ms = (x: number) => `${x.toFixed(x < 1 ? 4 : 1)} ms`;

function buildAccount(): Uint8Array {
	const doc = new Y.Doc();
	writeDemoAccount(doc, { language: 'zh', size: 10_430, regionalAgreements: 400, bookings: 0 });
	return Y.encodeStateAsUpdate(doc);
}

const bytes = buildAccount();
const probe = new Y.Doc();
Y.applyUpdate(probe, bytes);
const nodeCount = probe.getMap('nodes').size;
console.log(`account: ${nodeCount} nodes, ${(bytes.length / 1024).toFixed(0)} KiB of Yjs state`);

// (a) open: bare applyUpdate vs applyUpdate + tree + roll-ups, alternating.
{
	const bare: number[] = [];
	const full: number[] = [];
	for (let i = 0; i < 3; i++) new AccountTree(loaded()); // warm-up
	for (let i = 0; i < runs; i++) {
		const order = i % 2 === 0 ? ['bare', 'full'] : ['full', 'bare'];
		for (const kind of order) {
			const start = performance.now();
			const doc = loaded();
			if (kind === 'full') {
				const tree = new AccountTree(doc);
				if (tree.rollups.totals(ROOT).nodes !== nodeCount) throw new Error('incomplete tree');
				full.push(performance.now() - start);
			} else {
				bare.push(performance.now() - start);
			}
		}
	}
	const ratio = median(full) / median(bare);
	console.log(
		`(a) open: applyUpdate ${ms(median(bare))}, to tree with roll-ups ${ms(median(full))} → ${ratio.toFixed(2)}× (goal ≤ 1.3×)`
	);
}

function loaded(): Y.Doc {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, bytes);
	return doc;
}

// (b) a remote move: Bob moves a branch; Alice's replica applies the update.
{
	const aliceDoc = loaded();
	const bobDoc = loaded();
	const alice = new AccountTree(aliceDoc);
	const bob = new AccountTree(bobDoc);
	const live = bob.liveNodes();
	const branches = live.filter(
		(id) => bob.node(id)?.kind === 'branch' && bob.children(id).length === 0
	);
	const parents = live.filter(
		(id) => bob.node(id)?.kind !== 'branch' || bob.children(id).length > 0
	);
	const updates: Uint8Array[] = [];
	bobDoc.on('update', (update: Uint8Array) => updates.push(update));
	const samples = 2000;
	for (let i = 0; i < samples; i++) {
		bob.move(
			branches[(i * 7919) % branches.length]!,
			parents[(i * 104729) % parents.length]!,
			i % 5
		);
	}
	const times: number[] = [];
	for (const update of updates) {
		const start = performance.now();
		Y.applyUpdate(aliceDoc, update);
		times.push(performance.now() - start);
	}
	if (alice.rollups.totals(ROOT).spend !== bob.rollups.totals(ROOT).spend)
		throw new Error('diverged');
	console.log(
		`(b) remote move applied with roll-ups: median ${ms(median(times))}, p95 ${ms(
			[...times].sort((a, b) => a - b)[Math.floor(times.length * 0.95)]!
		)} over ${samples} moves (goal ≤ 0.1 ms median)`
	);
}

// (c) two replicas, 5,000 offline ops each, then merge.
{
	const results: number[] = [];
	for (let r = 0; r < Math.max(3, Math.floor(runs / 4)); r++) {
		const aDoc = loaded();
		const bDoc = loaded();
		const a = new AccountTree(aDoc);
		const b = new AccountTree(bDoc);
		for (const [tree, salt] of [
			[a, 1],
			[b, 2]
		] as const) {
			const live = tree.liveNodes();
			for (let i = 0; i < 5000; i++) {
				const node = live[(i * 7919 * salt + r) % live.length]!;
				if (i % 2 === 0) {
					tree.move(node, live[(i * 104729 + salt) % live.length]!, i % 3);
				} else {
					tree.setField(node, 'spend', 1000 * ((i * salt) % 997));
				}
			}
		}
		const fromA = Y.encodeStateAsUpdate(aDoc, Y.encodeStateVector(bDoc));
		const fromB = Y.encodeStateAsUpdate(bDoc, Y.encodeStateVector(aDoc));
		const start = performance.now();
		Y.applyUpdate(aDoc, fromB);
		Y.applyUpdate(bDoc, fromA);
		results.push(performance.now() - start);
		const shape = (t: AccountTree) => t.liveNodes().join();
		if (shape(a) !== shape(b)) throw new Error('replicas diverged after merge');
	}
	console.log(
		`(c) 2 × 5,000 offline ops merged both ways: median ${ms(median(results))} (goal ≤ 200 ms)`
	);
}
