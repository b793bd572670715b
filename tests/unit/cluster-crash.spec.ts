/**
 * kill -9 of one instance of a cluster (PostgreSQL + Redis, server processes of their own) under
 * load, round after round: the writers on the killed instance move to the survivor, as a load
 * balancer would send them, and every update any acknowledgement covered is there; once all have
 * resynchronised, every copy is the same (nothing lost, nothing applied twice).
 */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { decodeSaved } from '../../src/lib/transport/protocol.ts';
import { testDatabase } from './helpers/postgres.ts';
import { startRedis, type TestRedis } from './helpers/redis.ts';
import { connectClient, stateOf, type TestClient } from './helpers/relay-harness.ts';
import { startServerProcess, type ServerProcess } from './helpers/server-process.ts';

const ROUNDS = 10;
const WAIT = { timeout: 20_000, interval: 50 };

let redis: TestRedis;
let env: Record<string, string>;
const running = new Set<ServerProcess>();

async function instance(): Promise<ServerProcess> {
	const server = await startServerProcess({ ...env, PANORAMA_COMPACT_AFTER: '40' });
	running.add(server);
	return server;
}

beforeAll(async () => {
	redis = await startRedis();
	env = {
		PANORAMA_DATABASE_URL: await testDatabase('cluster_crash'),
		PANORAMA_REDIS_URL: redis.url,
		PANORAMA_SECRET: 'cluster-crash-secret-0123456789abcdef'
	};
});
afterAll(async () => {
	for (const server of running) await server.stop();
	await redis?.stop();
});

/** Seeded pseudo-random numbers, so a failing round can be replayed. */
function random(seed: number): () => number {
	return () => {
		seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
		return seed / 2 ** 31;
	};
}

it(
	`kill -9 of one instance, ${ROUNDS} rounds: acknowledged updates survive, copies converge`,
	{ timeout: 240_000 },
	async () => {
		const next = random(20261205);
		let victim = await instance();
		let survivor = await instance();
		const created = await victim.post('/api/docs', { kind: 'account', title: 'cluster crash' });
		const { id, token } = created.body;
		/** The highest clock per client that any acknowledgement covered, over all rounds. */
		const acknowledged = new Map<number, number>();
		const record = (client: TestClient) => {
			client.provider.messageHandlers[100] = (_encoder, decoder) => {
				const stored = Y.decodeStateVector(decodeSaved(decoder.arr).stateVector);
				for (const [c, clock] of stored) {
					acknowledged.set(c, Math.max(acknowledged.get(c) ?? 0, clock));
				}
				onAck();
			};
		};
		let onAck = () => {};

		for (let round = 0; round < ROUNDS; round++) {
			const onVictim = [0, 1].map(() => connectClient(victim.wsUrl, id, token));
			const onSurvivor = connectClient(survivor.wsUrl, id, token);
			const writers = [...onVictim, onSurvivor];
			for (const writer of writers) record(writer);
			await vi.waitFor(() => expect(writers.every((w) => w.provider.synced)).toBe(true), WAIT);

			const killAfterAcks = 1 + Math.floor(next() * 20);
			let acks = 0;
			const dead = victim;
			const killed = new Promise<void>((resolve) => dead.child.once('exit', () => resolve()));
			onAck = () => {
				// Recorded first, then killed: the record is what the relay promised.
				if (++acks === killAfterAcks) dead.child.kill('SIGKILL');
			};
			const load = setInterval(() => {
				for (const writer of writers) {
					writer.doc.getArray<number>('log').push([round]);
					if (next() < 0.3) writer.doc.getText('text').insert(0, 'x');
				}
			}, 2);
			await killed;
			clearInterval(load);
			running.delete(dead);
			onAck = () => {};

			// The load balancer sends the victim's writers to the survivor, with what they hold.
			const moved = onVictim.map((writer) => {
				writer.provider.destroy();
				const again = connectClient(survivor.wsUrl, id, token, writer.doc);
				record(again);
				return again;
			});
			const reader = connectClient(survivor.wsUrl, id, token);
			await vi.waitFor(() => expect(reader.provider.synced).toBe(true), WAIT);
			const missing = [...acknowledged].filter(
				([client, clock]) => Y.getState(reader.doc.store, client) < clock
			);
			expect(missing, `round ${round}: acknowledged but lost`).toEqual([]);
			// Everyone converges on one state: what the moved writers held arrives once.
			const all = [...moved, onSurvivor, reader];
			await vi.waitFor(() => {
				const states = all.map((c) => stateOf(c.doc));
				expect(new Set(states).size).toBe(1);
			}, WAIT);
			const log = reader.doc.getArray<number>('log').toArray();
			expect(log.filter((r) => r === round).length).toBeGreaterThan(0);
			for (const client of all) client.destroy();
			await dead.stop();

			// A fresh instance takes the place of the dead one; the roles swap.
			victim = survivor;
			survivor = await instance();
		}
		expect(acknowledged.size).toBeGreaterThanOrEqual(3);
	}
);
