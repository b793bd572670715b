/**
 * Plan versions benchmark on a 3,000-node account.
 *
 *   npm run bench:versions               # (a) compare, (b) pure diff, (c) restore
 *   npm run bench:versions -- --runs 40  # more repetitions
 *
 * A version is taken (the account's whole state), then 600 changes are made: 100 moves, 100
 * renames, 200 spend edits, 50 nodes deleted, 50 added, 20 plan actions changed.
 * (a) compare two versions as the versions tab does: both states decoded from their bytes into
 *     documents, each replayed into a tree with roll-ups, plain state extracted, diffed — median;
 * (b) the pure diff of two extracted states alone — median;
 * (c) restoring the version into the changed live document (one transaction) — median.
 * Prints numbers; asserts nothing.
 */
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { changeCount, diffPlans } from '../../src/lib/domain/account/plan-diff.ts';
import { AccountTree, ROOT } from '../../src/lib/model/account.ts';
import { AccountPlan } from '../../src/lib/model/account-plan.ts';
import {
	diffDocs,
	planStateOfDoc,
	restoreVersion,
	versionDoc
} from '../../src/lib/model/account-version.ts';
import { writeDemoAccount } from '../../src/lib/model/demo-account.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '20' } } });
const runs = Number(values.runs);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

const doc = new Y.Doc();
writeDemoAccount(doc, { language: 'zh', size: 3_120, bookings: 0 });
const tree = new AccountTree(doc);
const plan = new AccountPlan(doc);
for (let i = 0; i < 40; i++) {
	plan.actions.put({ title: `行动 ${i}`, owner: '', due: '', status: 'open', createdAt: i });
}
const before = Y.encodeStateAsUpdate(doc);

const live = tree.liveNodes();
const parents = live.filter((id) => tree.children(id).length > 0);
const leaves = live.filter((id) => tree.children(id).length === 0);
for (let i = 0; i < 100; i++) {
	tree.move(leaves[(i * 7919) % leaves.length]!, parents[(i * 104729) % parents.length]!, i % 4);
}
for (let i = 0; i < 100; i++) tree.setField(live[(i * 31) % live.length]!, 'name', `新名称 ${i}`);
for (let i = 0; i < 200; i++) {
	tree.setField(live[(i * 53 + 7) % live.length]!, 'spend', 10_000 * ((i * 13) % 997));
}
for (let i = 0; i < 50; i++) tree.trash(leaves[(i * 211 + 3) % leaves.length]!);
for (let i = 0; i < 50; i++) tree.addNode(parents[i % parents.length]!, { name: `新分公司 ${i}` });
for (const action of plan.actions.all().slice(0, 20)) {
	plan.actions.update(action.id, { status: 'done' });
}
const after = Y.encodeStateAsUpdate(doc);
console.log(
	`account: ${tree.rollups.totals(ROOT).nodes} live nodes, version ${(before.length / 1024).toFixed(0)} KiB, now ${(after.length / 1024).toFixed(0)} KiB`
);

// (a) two versions from their bytes to a diff.
{
	const times: number[] = [];
	let count = 0;
	for (let i = 0; i < runs + 2; i++) {
		const start = performance.now();
		const diff = diffDocs(versionDoc(before), versionDoc(after));
		const took = performance.now() - start;
		if (i >= 2) times.push(took); // two warm-up runs
		count = changeCount(diff);
	}
	console.log(
		`(a) compare two versions of a 3,000-node plan (decode, replay, extract, diff): median ${ms(median(times))}, ${count} changes found (goal ≤ 500 ms)`
	);
}

// (b) the pure diff alone.
{
	const a = planStateOfDoc(versionDoc(before));
	const b = planStateOfDoc(versionDoc(after));
	const times: number[] = [];
	for (let i = 0; i < runs + 2; i++) {
		const start = performance.now();
		diffPlans(a, b);
		if (i >= 2) times.push(performance.now() - start);
	}
	console.log(`(b) pure diff of two extracted states: median ${ms(median(times))}`);
}

// (c) restore the version into the changed document.
{
	const times: number[] = [];
	for (let i = 0; i < Math.max(3, Math.floor(runs / 4)); i++) {
		const target = versionDoc(after);
		const targetTree = new AccountTree(target);
		const version = versionDoc(before);
		const start = performance.now();
		restoreVersion(targetTree, version);
		times.push(performance.now() - start);
		if (changeCount(diffDocs(version, target)) !== 0) throw new Error('restore incomplete');
		targetTree.destroy();
	}
	console.log(`(c) restore the version as one change: median ${ms(median(times))}`);
}
