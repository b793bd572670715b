/**
 * The cluster mode of the relay benchmark: `npm run bench:relay -- --cluster 3`.
 *
 * Same clients, same load, four set-ups in one run (alternating, `--rounds` times):
 *   0. the reference relay, `@y/websocket-server` (no storage, no acknowledgements),
 *   1. one instance on SQLite (the embedded default),
 *   2. one instance on PostgreSQL,
 *   3. N instances on PostgreSQL and Redis, each document's writers and readers on different
 *      instances, so every delivery crosses the bus.
 * PostgreSQL and Redis are throwaway servers started here (Debian's `postgresql`, `redis-server`).
 *
 * Printed per set-up (medians over rounds): edit → remote latency p50/p99 (a writer's update
 * until a reader on another socket has it), acknowledgement latency p50/p99 (a writer's update
 * until a `saved` covering it), and relay CPU per 1,000 delivered updates (all instances).
 */
import * as Y from 'yjs';
import { MessageType, readSaved } from '../../src/lib/transport/protocol.ts';
import { startPostgresCluster } from '../unit/helpers/postgres-cluster.ts';
import { startRedis } from '../unit/helpers/redis.ts';
import {
	ServerProcess,
	connectClient,
	cpuSeconds,
	median,
	now,
	quantile,
	sleep,
	whenSynced,
	type BenchClient,
	type DocTarget,
	type ServerStats
} from './harness.ts';

export interface ClusterOptions {
	instances: number;
	seconds: number;
	rounds: number;
	docs: number;
	/** Writes per writer per second. */
	rate: number;
}

interface Result {
	remote: number[];
	acks: number[];
	delivered: number;
	cpu: number;
}

/** One set-up: its server processes, started on demand and stopped after the run. */
interface Setup {
	name: string;
	start(): Promise<ServerProcess[]>;
}

/** A writer's update ids (its clock after each write) with the time they were made. */
function trackAcks(client: BenchClient, latencies: number[]): (clock: number, at: number) => void {
	const pending: Array<{ clock: number; at: number }> = [];
	const id = client.doc.clientID;
	client.provider.messageHandlers[MessageType.saved] = (_encoder, decoder) => {
		const ack = readSaved(decoder);
		const stored = Y.decodeStateVector(ack.stateVector).get(id) ?? 0;
		const t = now();
		while (pending.length > 0 && pending[0]!.clock <= stored)
			latencies.push(t - pending.shift()!.at);
	};
	return (clock, at) => pending.push({ clock, at });
}

async function runOnce(servers: ServerProcess[], options: ClusterOptions): Promise<Result> {
	const targets: DocTarget[] = [];
	for (let d = 0; d < options.docs; d++) {
		const created = await servers[d % servers.length]!.createDoc();
		targets.push(created);
	}
	/** The same document through another instance (same token, another port). */
	const via = (target: DocTarget, server: ServerProcess): DocTarget => ({
		...target,
		serverUrl: target.serverUrl.replace(/:\d+\/sync$/, `:${server.port}/sync`)
	});
	const result: Result = { remote: [], acks: [], delivered: 0, cpu: 0 };
	const clients: BenchClient[] = [];
	const writers: Array<{ client: BenchClient; sent: (clock: number, at: number) => void }> = [];
	for (const [d, target] of targets.entries()) {
		const home = servers[d % servers.length]!;
		const away = servers[(d + 1) % servers.length]!;
		for (let w = 0; w < 2; w++) {
			const client = connectClient(via(target, home));
			clients.push(client);
			writers.push({ client, sent: trackAcks(client, result.acks) });
		}
		for (let r = 0; r < 2; r++) {
			const reader = connectClient(via(target, away));
			clients.push(reader);
			reader.doc.getMap<number>('t').observe((event) => {
				if (event.transaction.local) return;
				const t = now();
				for (const key of event.keysChanged) {
					const at = reader.doc.getMap<number>('t').get(key);
					if (at !== undefined) {
						result.remote.push(t - at);
						result.delivered++;
					}
				}
			});
		}
	}
	await Promise.all(clients.map((c) => whenSynced(c)));
	await sleep(500);
	const before: ServerStats[] = await Promise.all(servers.map((s) => s.stats()));
	const interval = 1000 / options.rate;
	let sequence = 0;
	const timer = setInterval(() => {
		for (const { client, sent } of writers) {
			const at = now();
			client.doc.getMap<number>('t').set(`${client.doc.clientID}:${sequence}`, at);
			sent(Y.getState(client.doc.store, client.doc.clientID), at);
		}
		sequence++;
	}, interval);
	await sleep(options.seconds * 1000);
	clearInterval(timer);
	await sleep(1000);
	const after: ServerStats[] = await Promise.all(servers.map((s) => s.stats()));
	result.cpu = before.reduce((sum, b, i) => sum + cpuSeconds(b, after[i]!), 0);
	for (const client of clients) client.destroy();
	return result;
}

export async function runCluster(options: ClusterOptions): Promise<void> {
	console.log(
		`cluster mode: ${options.instances} instances, ${options.docs} documents × (2 writers + 2 ` +
			`readers), ${options.rate} writes/s per writer, ${options.seconds} s, ${options.rounds} rounds`
	);
	const postgres = await startPostgresCluster();
	const redis = await startRedis();
	let database = 0;
	const env = async () => ({
		PANORAMA_DATABASE_URL: await postgres.createDatabase(`bench${++database}`),
		PANORAMA_SECRET: 'bench-cluster-secret-0123456789abcdef'
	});
	const setups: Setup[] = [
		// The reference relay keeps nothing and sends no acknowledgements: its ack columns stay empty.
		{ name: '@y/websocket-server', start: async () => [await ServerProcess.start('baseline')] },
		{ name: '1 × SQLite', start: async () => [await ServerProcess.start('ours')] },
		{
			name: '1 × PostgreSQL',
			start: async () => [await ServerProcess.start('ours', await env())]
		},
		{
			name: `${options.instances} × PostgreSQL + Redis`,
			async start() {
				const shared = { ...(await env()), PANORAMA_REDIS_URL: redis.url };
				const servers = [];
				for (let i = 0; i < options.instances; i++) {
					servers.push(await ServerProcess.start('ours', shared));
				}
				return servers;
			}
		}
	];
	const results = new Map<string, Result[]>(setups.map((s) => [s.name, []]));
	try {
		for (let round = 0; round < options.rounds; round++) {
			const order = round % 2 === 0 ? setups : [...setups].reverse();
			for (const setup of order) {
				const servers = await setup.start();
				try {
					results.get(setup.name)!.push(await runOnce(servers, options));
				} finally {
					for (const server of servers) await server.stop();
				}
			}
		}
	} finally {
		await redis.stop();
		await postgres.remove();
	}
	const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '—').padStart(8);
	console.log(
		'\nset-up                        remote p50   p99 │   ack p50   p99 │ CPU ms / 1k delivered'
	);
	for (const setup of setups) {
		const runs = results.get(setup.name)!;
		const m = (pick: (r: Result) => number) => median(runs.map(pick));
		console.log(
			`${setup.name.padEnd(28)} ${ms(m((r) => quantile(r.remote, 0.5)))} ${ms(
				m((r) => quantile(r.remote, 0.99))
			)} │ ${ms(m((r) => quantile(r.acks, 0.5)))} ${ms(m((r) => quantile(r.acks, 0.99)))} │ ${ms(
				m((r) => (r.cpu * 1000 * 1000) / Math.max(1, r.delivered))
			)}   (${m((r) => r.delivered)} delivered, ${m((r) => r.acks.length)} acks)`
		);
	}
}
