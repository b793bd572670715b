/**
 * Where a relay's CPU goes, thread by thread, ours and the baseline in turn:
 *
 *   npm run bench:relay-threads                       # (a) and (b), 3 rounds, edits spread out
 *   npm run bench:relay-threads -- --scenario b --rounds 5 --align 50
 *
 * The same clients, rates and window as `bench:relay`'s (a) 1 document × 50 clients × 2 edits/s and
 * (b) 200 documents × 3 clients × 1 edit/s: stock providers in worker threads, a 2 s warm-up, then
 * 8 s of edits until every edit has arrived. Each thread's user+system CPU over that window comes
 * from /proc/<pid>/task/<tid>/stat (10 ms ticks): the main thread (event loop), our SQLite thread
 * (durable commits) and the rest (V8's garbage-collection and compiler helpers, libuv's pool).
 *
 * `--align MS` puts every edit on a multiple of MS instead of a random phase, so they arrive in
 * bursts: fewer, larger group commits. This benchmark's first version edited on a shared 50 ms
 * tick, which is why it once showed ours much nearer the baseline than `bench:relay` did.
 *
 * `--ref DIR` adds our relay as another checkout has it (e.g. a worktree of the previous commit)
 * as a third server, 'ref', alternating with the other two: a change's effect within one run.
 *
 * `--profile DIR` writes a CPU profile of each server's main thread over the window to DIR (it
 * costs CPU itself: compare profiles with profiles); `tests/bench/profile-top.ts` summarises one.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ClientThreads } from './edit-clients.ts';
import {
	ServerProcess,
	median,
	now,
	quantile,
	sleep,
	threadCpu,
	waitFor,
	type ServerKind,
	type ThreadGroup
} from './harness.ts';

const { values: args } = parseArgs({
	options: {
		scenario: { type: 'string', default: 'a,b' },
		rounds: { type: 'string', default: '3' },
		kind: { type: 'string' },
		align: { type: 'string' },
		seconds: { type: 'string', default: '8' },
		profile: { type: 'string' },
		'commit-window': { type: 'string' },
		warmup: { type: 'string', default: '2' },
		ref: { type: 'string' }
	}
});
const SCENARIOS = {
	a: { title: '(a) 1 document × 50 clients × 2 edits/s', docs: 1, perDoc: 50, periodMs: 500 },
	b: { title: '(b) 200 documents × 3 clients × 1 edit/s', docs: 200, perDoc: 3, periodMs: 1000 }
} as const;
type ScenarioId = keyof typeof SCENARIOS;
const scenarios = (args.scenario ?? 'a,b').split(',').map((s) => {
	if (!(s in SCENARIOS)) throw new Error(`unknown scenario "${s}" (a, b)`);
	return s as ScenarioId;
});
const rounds = Number(args.rounds);
const alignMs = args.align ? Number(args.align) : undefined;
const windowMs = Number(args.seconds) * 1000;
/** 'ref' is our relay from another checkout (`--ref DIR`), to compare two versions in one run. */
type Kind = ServerKind | 'ref';
const kinds: Kind[] =
	args.kind === 'ours' || args.kind === 'baseline' ? [args.kind] : ['ours', 'baseline'];
if (args.ref) kinds.splice(1, 0, 'ref');
/** Editing before the window; longer lets V8 finish optimising (its compiler threads count as 'other'). */
const WARMUP_MS = Number(args.warmup) * 1000;

type Row = Record<ThreadGroup | 'total' | 'ackP50' | 'ackP99', number>;

async function run(kind: Kind, id: ScenarioId, round: number): Promise<Row> {
	const spec = SCENARIOS[id];
	const window = args['commit-window'];
	const server = await ServerProcess.start(
		kind === 'ref' ? 'ours' : kind,
		window ? { PANORAMA_COMMIT_WINDOW_MS: window } : {},
		kind === 'ref' ? resolve(args.ref!, 'tests/bench/servers/ours.ts') : undefined
	);
	const threads = await ClientThreads.start(2);
	try {
		const targets = await server.createDocs(spec.docs);
		await threads.connect(targets, spec.perDoc);
		await server.settle();
		await threads.startEditing(spec.periodMs, alignMs);
		await sleep(WARMUP_MS);
		if (args.profile) await server.startProfile();
		const before = threadCpu(server.pid);
		const from = now();
		await sleep(windowMs);
		const to = now();
		const expected = await threads.stopEditing();
		await waitFor('every edit delivered', async () => (await threads.delivered()) >= expected, {
			timeoutMs: 30_000,
			intervalMs: 50
		});
		const after = threadCpu(server.pid);
		if (args.profile) {
			mkdirSync(args.profile, { recursive: true });
			await server.stopProfile(join(args.profile, `${kind}-${id}-${round + 1}.cpuprofile`));
		}
		const main = after.main - before.main;
		const sqlite = after.sqlite - before.sqlite;
		const other = after.other - before.other;
		const { ackLatency } = await threads.collect(from, to);
		return {
			main,
			sqlite,
			other,
			total: main + sqlite + other,
			ackP50: quantile(ackLatency, 0.5),
			ackP99: quantile(ackLatency, 0.99)
		};
	} finally {
		await threads.close();
		await server.stop();
	}
}

const results: Array<{ id: ScenarioId; kind: Kind; row: Row }> = [];
for (let round = 0; round < rounds; round++) {
	for (const id of scenarios) {
		// Alternate who goes first, so a drift in the machine's load does not favour one.
		const order = round % 2 === 0 ? kinds : [...kinds].reverse();
		for (const kind of order) {
			const row = await run(kind, id, round);
			results.push({ id, kind, row });
			console.log(
				`round ${round + 1}/${rounds} (${id}) ${kind.padEnd(8)} main ${row.main} ms, sqlite ${row.sqlite} ms, other ${row.other} ms, total ${row.total} ms` +
					(kind !== 'baseline'
						? `; edit→saved p50 ${row.ackP50.toFixed(1)} ms, p99 ${row.ackP99.toFixed(1)} ms`
						: '')
			);
		}
	}
}

const groups = ['main', 'sqlite', 'other', 'total', 'ackP50', 'ackP99'] as const;
console.log(
	`\nCPU ms over ${windowMs / 1000} s of edits${alignMs ? `, edits aligned to ${alignMs} ms` : ''}${args['commit-window'] ? `, commit window ${args['commit-window']} ms` : ''}: median [range] of ${rounds} run(s)`
);
for (const id of scenarios) {
	console.log(SCENARIOS[id].title);
	for (const group of groups) {
		const ack = group.startsWith('ack');
		const cells = kinds.map((kind) => {
			const values = results
				.filter((r) => r.id === id && r.kind === kind)
				.map((r) => r.row[group])
				.filter((v) => Number.isFinite(v));
			const show = (v: number) => (ack ? v.toFixed(1) : String(v));
			return {
				median: median(values),
				text:
					values.length === 0
						? '—'
						: `${show(median(values))} [${show(Math.min(...values))}–${show(Math.max(...values))}]`
			};
		});
		// Each of ours (and ref) against the baseline, the last column.
		const base = cells.length > 1 ? cells.at(-1)!.median : NaN;
		const ratio =
			!ack && base > 0
				? cells
						.slice(0, -1)
						.map((c) => `${(c.median / base).toFixed(2)}×`)
						.join(' ')
				: '';
		console.log(
			`  ${group.padEnd(7)} ${cells.map((c, i) => `${kinds[i]} ${c.text}`.padEnd(30)).join('')}${ratio}`
		);
	}
}
process.exit(0);
