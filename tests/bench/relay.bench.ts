/**
 * Relay benchmark: our relay against the stock `@y/websocket-server` relay, same run, same clients.
 *
 *   npm run bench:relay                                  # everything (~6 min on 2 cores)
 *   npm run bench:relay -- --scenario a --seconds 5      # a subset, shorter
 *   npm run bench:relay -- --help
 *
 * Every run of a scenario gets a fresh server in a child process, so the server's CPU and RSS are
 * its own; ours and the baseline alternate (ours first in one scenario, baseline first in the next,
 * the other way round in the next round). The clients are stock y-websocket `WebsocketProvider`s
 * in this process (in worker threads for the editing scenarios); their load and event-loop delay
 * are reported, so saturated clients show. `--help` lists the options; the report explains each
 * number.
 */
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { messageYjsSyncStep2 } from 'y-protocols/sync';
import * as Y from 'yjs';
import { MessageType } from '../../src/lib/transport/protocol.ts';
import {
	MB,
	ServerProcess,
	connectClient,
	connectMany,
	cpuSeconds,
	fence,
	median,
	now,
	quantile,
	sleep,
	threadCpu,
	waitFor,
	whenSynced,
	clientGc,
	type BenchClient,
	type DocTarget,
	type ServerKind,
	type ServerStats
} from './harness.ts';
import { ClientThreads } from './edit-clients.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

// ---------------------------------------------------------------------------------------------
// Options

const env = process.env;
const { values: args } = parseArgs({
	options: {
		scenario: { type: 'string', default: env.BENCH_SCENARIO ?? 'a,b,c,d' },
		seconds: { type: 'string', default: env.BENCH_SECONDS ?? '10' },
		rounds: { type: 'string', default: env.BENCH_ROUNDS ?? '2' },
		history: { type: 'string', default: env.BENCH_HISTORY ?? '20000' },
		'late-docs': { type: 'string', default: env.BENCH_LATE_DOCS ?? '3' },
		'idle-clients': { type: 'string', default: env.BENCH_IDLE_CLIENTS ?? '2000' },
		'idle-docs': { type: 'string', default: env.BENCH_IDLE_DOCS ?? '500' },
		'client-threads': { type: 'string', default: env.BENCH_CLIENT_THREADS ?? '2' },
		json: { type: 'string', default: env.BENCH_JSON },
		cluster: { type: 'string', default: env.BENCH_CLUSTER },
		help: { type: 'boolean', default: false }
	}
});

if (args.help) {
	console.log(`Usage: npm run bench:relay -- [options]   (or the BENCH_* environment variables)
  --scenario a,b,c,d   scenarios to run (BENCH_SCENARIO)                     default a,b,c,d
  --seconds N          editing time of (a) and (b), warm-up included (BENCH_SECONDS) default 10
  --rounds N           runs per server and scenario; medians are reported (BENCH_ROUNDS) default 2
  --history N          updates in the late joiner's document, (d) (BENCH_HISTORY) default 20000
  --late-docs N        documents (= first joins) per run of (d) (BENCH_LATE_DOCS)  default 3
  --idle-clients N     idle connections in (c) (BENCH_IDLE_CLIENTS)                default 2000
  --idle-docs N        documents they spread over in (c) (BENCH_IDLE_DOCS)        default 500
  --client-threads N   worker threads the clients of (a)/(b) spread over (BENCH_CLIENT_THREADS) default 2
  --json FILE          also write every run's raw metrics to FILE (BENCH_JSON)
  --cluster N          instead: 1 instance on SQLite, 1 on PostgreSQL and N on PostgreSQL + Redis,
                       edit → remote and acknowledgement latency, CPU (BENCH_CLUSTER)`);
	process.exit(0);
}

function positiveInt(name: string, raw: string | undefined): number {
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 1)
		throw new Error(`--${name} must be a positive integer`);
	return value;
}

const SCENARIOS = ['a', 'b', 'c', 'd'] as const;
type ScenarioId = (typeof SCENARIOS)[number];
const selected = (args.scenario ?? '')
	.split(',')
	.map((s) => s.trim().toLowerCase())
	.filter(Boolean);
for (const s of selected) {
	if (!SCENARIOS.includes(s as ScenarioId)) throw new Error(`unknown scenario "${s}" (a, b, c, d)`);
}
const scenarios = SCENARIOS.filter((s) => selected.includes(s));
const seconds = positiveInt('seconds', args.seconds);
const rounds = positiveInt('rounds', args.rounds);
const history = positiveInt('history', args.history);
const lateDocs = positiveInt('late-docs', args['late-docs']);
const idleClients = positiveInt('idle-clients', args['idle-clients']);
const idleDocs = positiveInt('idle-docs', args['idle-docs']);
const clientThreads = positiveInt('client-threads', args['client-threads']);

if (args.cluster !== undefined) {
	const { runCluster } = await import('./cluster.bench.ts');
	await runCluster({
		instances: positiveInt('cluster', args.cluster),
		seconds,
		rounds,
		docs: 10,
		rate: 20
	});
	process.exit(0);
}

// Every WebsocketProvider adds a process 'exit' listener; thousands of them are expected here.
process.setMaxListeners(0);

// ---------------------------------------------------------------------------------------------
// Metrics and goals

type Metrics = Record<string, number>;

interface MetricSpec {
	key: string;
	label: string;
	digits: number;
	/** ours/baseline must be at most this. */
	maxRatio?: number;
	/** ours' own value must be at most this (RSS left over, MB). */
	maxOurs?: number;
	/** A ratio would mislead (differences that may be negative or near zero). */
	noRatio?: boolean;
	goal?: string;
}

const leftRss: MetricSpec = {
	key: 'leftRssMB',
	label: 'RSS after all left (ours: rooms unloaded) − idle, MB',
	digits: 1,
	maxOurs: 10,
	goal: 'ours ≤ +10 MB'
};
const commonMemory: MetricSpec[] = [
	{ key: 'idleRssMB', label: 'idle RSS right after start, MB', digits: 1 },
	{ key: 'peakRssMB', label: 'peak RSS, MB', digits: 1 },
	leftRss,
	{
		key: 'leftHeapTotalMB',
		label: 'of which V8 heap committed (heapTotal), MB',
		digits: 1,
		noRatio: true
	},
	{ key: 'leftHeapMB', label: 'of which V8 heap in use (heapUsed), MB', digits: 1, noRatio: true }
];
const editMetrics = (reference: number): MetricSpec[] => [
	{ key: 'p50', label: 'edit→remote latency p50, ms', digits: 1 },
	{
		key: 'p99',
		label: 'edit→remote latency p99, ms',
		digits: 1,
		maxRatio: 1,
		goal: `≤ 1.0× (ref. baseline ${reference} ms)`
	},
	{ key: 'ackP50', label: "edit→'saved' acknowledgement p50 (ours only), ms", digits: 1 },
	{ key: 'ackP99', label: "edit→'saved' acknowledgement p99 (ours only), ms", digits: 1 },
	{ key: 'deliveredPerSec', label: 'delivered updates/s', digits: 0 },
	{ key: 'missing', label: 'updates not delivered', digits: 0 },
	{ key: 'cpu', label: 'relay CPU user+sys over edits, s', digits: 2, maxRatio: 1, goal: '≤ 1.0×' },
	{ key: 'cpuMain', label: '  of which main thread (event loop), s', digits: 2 },
	{ key: 'cpuSqlite', label: '  of which SQLite thread (ours: durable commits), s', digits: 2 },
	{ key: 'cpuOther', label: '  of which other threads (V8 GC and compilers, libuv), s', digits: 2 },
	...commonMemory,
	{ key: 'clientCpuPct', label: 'bench process CPU, % of one core', digits: 0 },
	{ key: 'clientBusyPct', label: 'busiest client thread event-loop utilisation, %', digits: 0 },
	{ key: 'clientLagP99', label: 'client threads event-loop delay p99 (worst), ms', digits: 1 }
];

const SCENARIO_INFO: Record<ScenarioId, { title: string; metrics: MetricSpec[] }> = {
	a: {
		title: '(a) 1 document × 50 clients × 2 edits/s',
		metrics: editMetrics(18)
	},
	b: {
		title: '(b) 200 documents × 3 clients × 1 edit/s',
		metrics: editMetrics(9)
	},
	c: {
		title: `(c) ${idleClients} idle connections over ${idleDocs} documents`,
		metrics: [
			{ key: 'connectSec', label: 'connect + sync everyone, s', digits: 2 },
			{
				key: 'cpu',
				label: 'relay CPU user+sys for connect + sync, s',
				digits: 2,
				maxRatio: 1,
				goal: '≤ 1.0×'
			},
			{ key: 'connectedRssMB', label: 'RSS with everyone connected, MB', digits: 1 },
			{
				key: 'perClientKB',
				label: 'RSS per idle client, KB',
				digits: 1,
				maxRatio: 1,
				goal: '≤ 1.0× (ref. baseline 25 KB)'
			},
			{
				key: 'perClientPreKB',
				label: 'RSS per idle client vs. RSS just before connecting, KB',
				digits: 1
			},
			{ key: 'perClientHeapKB', label: 'V8 heap in use per idle client, KB', digits: 1 },
			{ key: 'perClientNoGcKB', label: 'RSS per client right after sync, no GC, KB', digits: 1 },
			...commonMemory
		]
	},
	d: {
		title: `(d) late joiner, document with ${history} updates in its history`,
		metrics: [
			{
				key: 'firstJoinMs',
				label: 'first join: new provider → sync, ms',
				digits: 1,
				maxRatio: 0.5,
				goal: '≤ 0.5× (ref. baseline 173 ms)'
			},
			{
				key: 'firstArrivedMs',
				label: 'first join until the full state arrived (not yet applied), ms',
				digits: 1
			},
			{ key: 'secondJoinMs', label: 'second join, ms', digits: 1 },
			{ key: 'coldJoinMs', label: 'join after all left (ours: reload from store), ms', digits: 1 },
			{ key: 'clientApplyMs', label: 'client-side applyUpdate of that state alone, ms', digits: 1 },
			{ key: 'ingestSec', label: `server takes the ${history} updates, s`, digits: 2 },
			{
				key: 'cpu',
				label: `relay CPU user+sys taking ${history} updates, s`,
				digits: 2,
				maxRatio: 1,
				goal: '≤ 1.0×'
			},
			...commonMemory
		]
	}
};

// ---------------------------------------------------------------------------------------------
// Scenarios

const mb = (bytes: number) => bytes / MB;

/** The server's RSS once quiet after its start (gc first). */
async function idleStats(server: ServerProcess): Promise<ServerStats> {
	await server.settle();
	return server.stats(true);
}

/** Everyone leaves; measures RSS once the server is empty (ours: rooms unloaded) and quiet. */
async function leaveAndMeasure(
	server: ServerProcess,
	clients: BenchClient[],
	idle: ServerStats,
	metrics: Metrics
): Promise<void> {
	for (const client of clients) client.destroy();
	clients.length = 0;
	await server.whenEmpty();
	await server.settle();
	const left = await server.stats(true);
	metrics.idleRssMB = mb(idle.rss);
	metrics.peakRssMB = mb(left.peakRss);
	metrics.leftRssMB = mb(left.rss - idle.rss);
	metrics.leftHeapMB = mb(left.heapUsed - idle.heapUsed);
	metrics.leftHeapTotalMB = mb(left.heapTotal - idle.heapTotal);
	metrics.leftExternalMB = mb(left.external - idle.external);
}

/** (a) and (b): every client edits its own key of a Y.Map at a fixed rate; others time it. */
async function editScenario(
	server: ServerProcess,
	spec: { docs: number; clientsPerDoc: number; editsPerSec: number }
): Promise<Metrics> {
	const metrics: Metrics = {};
	const idle = await idleStats(server);
	const targets = await server.createDocs(spec.docs);
	const threads = await ClientThreads.start(clientThreads);
	try {
		await threads.connect(targets, spec.clientsPerDoc);
		await server.settle();

		const warmupMs = Math.min(2000, seconds * 200);
		await threads.startEditing(1000 / spec.editsPerSec);
		await sleep(warmupMs);
		await threads.openWindow();
		const windowStart = now();
		const before = await server.stats();
		const threadsBefore = threadCpu(server.pid);
		const clientCpu = process.cpuUsage();
		await sleep(seconds * 1000 - warmupMs);
		const windowEnd = now();
		const expected = await threads.stopEditing();
		await waitFor(
			'every edit to reach every other client',
			async () => (await threads.delivered()) >= expected,
			{ timeoutMs: 30_000, intervalMs: 50 }
		).catch(() => {});
		const after = await server.stats();
		const threadsAfter = threadCpu(server.pid);
		const drained = now();
		const clientUsed = process.cpuUsage(clientCpu);
		const samples = await threads.collect(windowStart, windowEnd);

		metrics.p50 = quantile(samples.latency, 0.5);
		metrics.p99 = quantile(samples.latency, 0.99);
		if (samples.ackLatency.length > 0) {
			metrics.ackP50 = quantile(samples.ackLatency, 0.5);
			metrics.ackP99 = quantile(samples.ackLatency, 0.99);
		}
		metrics.deliveredPerSec = samples.latency.length / ((windowEnd - windowStart) / 1000);
		metrics.missing = expected - samples.delivered;
		metrics.cpu = cpuSeconds(before, after);
		metrics.cpuMain = (threadsAfter.main - threadsBefore.main) / 1000;
		metrics.cpuSqlite = (threadsAfter.sqlite - threadsBefore.sqlite) / 1000;
		metrics.cpuOther = (threadsAfter.other - threadsBefore.other) / 1000;
		metrics.clientCpuPct =
			((clientUsed.user + clientUsed.system) / 1000 / (drained - windowStart)) * 100;
		metrics.clientBusyPct = samples.utilization * 100;
		metrics.clientLagP99 = samples.loopDelayP99;
		metrics.disconnects = samples.disconnects;
	} finally {
		await threads.close();
		await leaveAndMeasure(server, [], idle, metrics);
	}
	return metrics;
}

/** (c): idle connections; what each one costs the server. */
async function idleScenario(server: ServerProcess): Promise<Metrics> {
	const metrics: Metrics = {};
	const idle = await idleStats(server);
	const targets = await server.createDocs(idleDocs);
	await server.settle();
	const preconnect = await server.stats(true);
	const before = await server.stats();
	const started = now();
	const clients = await connectMany(
		Array.from({ length: idleClients }, (_, i) => targets[i % targets.length]!),
		200
	);
	try {
		const synced = now();
		const after = await server.stats();
		metrics.connectSec = (synced - started) / 1000;
		metrics.cpu = cpuSeconds(before, after);
		await server.settle();
		const connected = await server.stats(true);
		metrics.connectedRssMB = mb(connected.rss);
		metrics.perClientKB = (connected.rss - idle.rss) / idleClients / 1024;
		metrics.perClientPreKB = (connected.rss - preconnect.rss) / idleClients / 1024;
		metrics.perClientHeapKB = (connected.heapUsed - preconnect.heapUsed) / idleClients / 1024;
		metrics.perClientNoGcKB = (after.rss - idle.rss) / idleClients / 1024;
		metrics.disconnects = clients.reduce((sum, c) => sum + c.disconnects, 0);
	} finally {
		await leaveAndMeasure(server, clients, idle, metrics);
	}
	return metrics;
}

/**
 * Times one new client from `new WebsocketProvider` to `sync`, checking it got everything; also
 * when the relay's sync step 2 (the full state) arrived, before the client applied it.
 */
async function timeJoin(
	server: ServerProcess,
	target: DocTarget,
	entries: number
): Promise<{ total: number; arrived: number }> {
	clientGc();
	const started = now();
	const joiner = connectClient(target);
	let arrived = NaN;
	const { messageHandlers } = joiner.provider;
	const handleSync = messageHandlers[MessageType.sync]!;
	messageHandlers[MessageType.sync] = (encoder, decoder, provider, emitSynced, type) => {
		// The decoder is past the message type; the next byte is the sync step.
		if (Number.isNaN(arrived) && decoder.arr[decoder.pos] === messageYjsSyncStep2) {
			arrived = now();
		}
		handleSync(encoder, decoder, provider, emitSynced, type);
	};
	try {
		const synced = await whenSynced(joiner, 60_000);
		const size = joiner.doc.getMap('m').size;
		if (size !== entries) throw new Error(`late joiner got ${size} of ${entries} entries`);
		return { total: synced - started, arrived: arrived - started };
	} finally {
		joiner.destroy();
		await server.settle();
	}
}

/**
 * A new document whose writer made `count` one-transaction updates; resolves once the server has
 * applied them all (ours: and durably acknowledged them), with the writer still connected.
 */
async function writeHistory(server: ServerProcess, count: number) {
	const target = await server.createDoc();
	const writer = connectClient(target, { trackSent: true });
	await whenSynced(writer);
	await server.settle();
	const before = await server.stats();
	const started = now();
	const map = writer.doc.getMap<number>('m');
	for (let i = 0; i < count; i++) {
		map.set(`k${i}`, i); // one transaction, one update message
		if (i % 1000 === 999) await new Promise((done) => setImmediate(done));
	}
	await fence(writer);
	if (server.kind === 'ours') {
		await waitFor(
			'the durable acknowledgement of every update',
			() => writer.savedMessages >= writer.sentUpdates,
			{ timeoutMs: 60_000 }
		);
	}
	const ingestSec = (now() - started) / 1000;
	const cpu = cpuSeconds(before, await server.stats());
	await server.settle();
	return { target, writer, ingestSec, cpu };
}

/** (d): a writer makes `history` one-transaction updates; then new clients join. */
async function lateJoinScenario(server: ServerProcess): Promise<Metrics> {
	const metrics: Metrics = {};
	const idle = await idleStats(server);
	const first: number[] = [];
	const firstArrived: number[] = [];
	const second: number[] = [];
	const cold: number[] = [];
	const apply: number[] = [];
	const ingest: number[] = [];
	const cpu: number[] = [];
	const clients: BenchClient[] = [];
	try {
		// Warm-up (not measured): the same code paths on a smaller document, so the first measured
		// join is not also the first time either process runs them.
		const warmupSize = Math.max(1, Math.ceil(history / 10));
		const warm = await writeHistory(server, warmupSize);
		clients.push(warm.writer);
		await timeJoin(server, warm.target, warmupSize);
		await timeJoin(server, warm.target, warmupSize);
		warm.writer.destroy();

		for (let d = 0; d < lateDocs; d++) {
			const { target, writer, ingestSec, cpu: used } = await writeHistory(server, history);
			clients.push(writer);
			ingest.push(ingestSec);
			cpu.push(used);
			// What any join costs the client alone: applying the full state to an empty doc.
			const state = Y.encodeStateAsUpdate(writer.doc);
			clientGc();
			const applyStarted = now();
			Y.applyUpdate(new Y.Doc(), state);
			apply.push(now() - applyStarted);

			const firstJoin = await timeJoin(server, target, history);
			first.push(firstJoin.total);
			firstArrived.push(firstJoin.arrived);
			second.push((await timeJoin(server, target, history)).total);
			writer.destroy();
			await server.whenEmpty();
			await server.settle();
			cold.push((await timeJoin(server, target, history)).total);
		}
		metrics.firstJoinMs = median(first);
		metrics.firstArrivedMs = median(firstArrived);
		metrics.secondJoinMs = median(second);
		metrics.coldJoinMs = median(cold);
		metrics.clientApplyMs = median(apply);
		metrics.ingestSec = median(ingest);
		metrics.cpu = median(cpu);
		metrics.disconnects = clients.reduce((sum, c) => sum + c.disconnects, 0);
	} finally {
		await leaveAndMeasure(server, clients, idle, metrics);
	}
	return metrics;
}

function runScenario(id: ScenarioId, server: ServerProcess): Promise<Metrics> {
	switch (id) {
		case 'a':
			return editScenario(server, { docs: 1, clientsPerDoc: 50, editsPerSec: 2 });
		case 'b':
			return editScenario(server, { docs: 200, clientsPerDoc: 3, editsPerSec: 1 });
		case 'c':
			return idleScenario(server);
		case 'd':
			return lateJoinScenario(server);
	}
}

// ---------------------------------------------------------------------------------------------
// Run

interface RunResult {
	scenario: ScenarioId;
	kind: ServerKind;
	round: number;
	metrics?: Metrics;
	error?: string;
}

const fmt = (value: number | undefined, digits: number) =>
	value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);

function describeRun(id: ScenarioId, metrics: Metrics): string {
	const specs = SCENARIO_INFO[id].metrics;
	const parts = specs
		.filter((s) => metrics[s.key] !== undefined)
		.map((s) => `${s.key}=${fmt(metrics[s.key], s.digits)}`);
	for (const extra of ['disconnects', 'leftExternalMB']) {
		if (metrics[extra] !== undefined && !specs.some((s) => s.key === extra)) {
			parts.push(`${extra}=${fmt(metrics[extra], 1)}`);
		}
	}
	return parts.join(' ');
}

/** The revision measured, so a printed table can be traced back to the code it describes. */
function revision(): string {
	try {
		const git = (...a: string[]) =>
			execFileSync('git', a, {
				cwd: repoRoot,
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'ignore']
			}).trim();
		const dirty = git('status', '--porcelain', '--', 'server', 'src/lib/transport');
		return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' + uncommitted changes in server/ or src/lib/transport/' : ''}`;
	} catch {
		return 'unknown revision';
	}
}

const cpu = cpus();
console.log(
	`relay benchmark: ours vs @y/websocket-server@0.1.1 — node ${process.version}, ` +
		`${cpu.length} × ${cpu[0]?.model.trim() ?? 'cpu'}, code at ${revision()}`
);
console.log(
	`scenarios ${scenarios.join(',')}, ${rounds} round(s), ${seconds} s of edits in (a)/(b), ` +
		`${idleClients} clients/${idleDocs} docs in (c), ${history} updates × ${lateDocs} docs in (d)\n`
);

const results: RunResult[] = [];
const benchStarted = performance.now();
for (let round = 0; round < rounds; round++) {
	for (const [index, id] of scenarios.entries()) {
		const kinds: ServerKind[] =
			(round + index) % 2 === 0 ? ['ours', 'baseline'] : ['baseline', 'ours'];
		for (const kind of kinds) {
			const label = `round ${round + 1}/${rounds} (${id}) ${kind.padEnd(8)}`;
			const runStarted = performance.now();
			let server: ServerProcess | undefined;
			try {
				server = await ServerProcess.start(kind);
				const metrics = await runScenario(id, server);
				results.push({ scenario: id, kind, round, metrics });
				const took = ((performance.now() - runStarted) / 1000).toFixed(0);
				console.log(`${label} ${took.padStart(3)} s  ${describeRun(id, metrics)}`);
			} catch (error) {
				const message = error instanceof Error ? error.message : String(error);
				results.push({ scenario: id, kind, round, error: message });
				console.log(`${label} FAILED: ${message}`);
			} finally {
				await server?.stop();
			}
		}
	}
}

// ---------------------------------------------------------------------------------------------
// Report

const medianOf = (id: ScenarioId, kind: ServerKind, key: string) =>
	median(
		results
			.filter((r) => r.scenario === id && r.kind === kind && r.metrics?.[key] !== undefined)
			.map((r) => r.metrics![key]!)
	);

const header = ['metric', 'ours', 'baseline', 'ours/base', 'goal', ''];
const rows: string[][] = [];
const sections: number[] = [];
let missed = 0;
for (const id of scenarios) {
	sections.push(rows.length);
	rows.push([SCENARIO_INFO[id].title, '', '', '', '', '']);
	for (const spec of SCENARIO_INFO[id].metrics) {
		const ours = medianOf(id, 'ours', spec.key);
		const base = medianOf(id, 'baseline', spec.key);
		const ratio = ours / base;
		let verdict = '';
		if (spec.maxRatio !== undefined) {
			if (!Number.isFinite(ratio)) verdict = '?';
			else verdict = ratio <= spec.maxRatio ? 'met' : 'MISSED';
		} else if (spec.maxOurs !== undefined) {
			if (!Number.isFinite(ours)) verdict = '?';
			else verdict = ours <= spec.maxOurs ? 'met' : 'MISSED';
		}
		if (verdict === 'MISSED') missed++;
		rows.push([
			`  ${spec.label}`,
			fmt(ours, spec.digits),
			fmt(base, spec.digits),
			Number.isFinite(ratio) && spec.maxOurs === undefined && !spec.noRatio
				? `${ratio.toFixed(2)}×`
				: '',
			spec.goal ?? '',
			verdict
		]);
	}
}
const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
const line = (cells: string[]) =>
	cells
		.map((cell, c) => (c === 0 || c >= 4 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
		.join('  ')
		.trimEnd();
const rule = widths.map((w) => '─'.repeat(w)).join('──');
console.log(
	`\nMedians over ${rounds} run(s) per server and scenario, each on a fresh server process`
);
console.log(rule);
console.log(line(header));
for (const [i, row] of rows.entries()) {
	if (sections.includes(i)) console.log(rule);
	console.log(sections.includes(i) ? row[0] : line(row));
}
console.log(rule);

const failures = results.filter((r) => r.error);
console.log(
	`\n${missed} goal(s) missed, ${failures.length} failed run(s); ` +
		`total ${((performance.now() - benchStarted) / 1000).toFixed(0)} s.`
);
console.log(
	`How it is measured:
  latency   (a)/(b): each client sets its own key of a Y.Map to {t: send time} at the given rate
            (random phase); every other client of the document records observation time − t,
            both read from performance.timeOrigin + performance.now(). p50/p99 over the edits
            sent after a warm-up of WARMUP s; delivered updates/s = those observations per second
            of the window; "not delivered" counts edits that never arrived (should be 0).
  CPU       process.cpuUsage() (user+system) of the server process, sampled over IPC before and
            after: (a)/(b) warm-up end → every edit delivered; (c) first connect → everyone synced;
            (d) first update written → server confirmed it has all of them (a sync round trip
            on the writer's socket; ours also: 'saved' acknowledged every message). No window
            holds connecting, token checks or room loads, except (c), which measures just that.
            "of which" rows: the same window from /proc/<pid>/task/*/stat (10 ms ticks) — the
            event loop, our SQLite thread (transactions, WAL and marker fsyncs) and the rest.
  RSS       process.memoryUsage().rss of the server process. Idle = after start, once quiet;
            peak = highest value sampled every 20 ms inside the server; "after all left" = every
            client gone, ours' rooms unloaded (PANORAMA_ROOM_IDLE_MS=1000), CPU quiet. Before each
            of these readings the server runs gc() every 0.5 s for ≥ 5.5 s until RSS stops falling
            (V8 shrinks its young generation only after 5 s of little allocation). (c) RSS per idle
            client = (RSS with everyone connected − idle RSS) / CLIENTS, same procedure; the
            "vs. just before connecting" and heap rows use a reading taken after the documents
            were created instead of idle (less exposed to start-up leftovers). Both servers run
            under tsx (about 90 MB idle RSS, which alone varies by ±5 MB between processes, so a
            small negative "after all left" only means start-up leftovers were freed). Heap rows
            are the main thread's V8 heap; other threads (e.g. a SQLite worker) count in RSS only.
  joins     (d) after a warm-up document of a tenth the size: time from new WebsocketProvider() to
            its 'sync' event, its Y.Map checked complete; first = first join after the writes,
            second = right after it, cold = after the writer left (ours unloads the room and
            reloads it from SQLite; the baseline keeps every document in memory). Median over
            LATE document(s) per run. "until the full state arrived" stops the clock when the
            relay's sync step 2 reaches the client's handler, before Yjs applies it; "client-side
            applyUpdate alone" = the same full state applied to an empty Y.Doc in the bench process:
            the part of a join no server can remove.
  clients   Stock y-websocket providers (ws polyfill, disableBc). In (a)/(b) they are spread over
            THREADS worker thread(s) (round-robin, so peers of a document sit in different threads);
            (c)/(d) run in the main thread. If a client thread's utilisation nears 100 % or its
            event-loop delay p99 nears the latency p99, the clients are the bottleneck and the
            latencies are upper bounds for both servers. Each run gets a fresh server process.`
		.replace('WARMUP', (Math.min(2000, seconds * 200) / 1000).toFixed(1))
		.replace('CLIENTS', String(idleClients))
		.replace('LATE', String(lateDocs))
		.replace('THREADS', String(clientThreads))
);

if (args.json) {
	writeFileSync(args.json, JSON.stringify({ args, results }, null, '\t'));
	console.log(`\nraw results: ${args.json}`);
}
process.exit(failures.length > 0 ? 1 : 0);
