/**
 * Rate limits behind a load balancer: three instances and Redis. An address's creations and
 * connections are counted once for the service, whichever instance each request lands on; with
 * Redis frozen, each instance falls back to its own limits instead of refusing or hanging.
 */
import Redis from 'ioredis';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CloseCode } from '../../src/lib/transport/protocol.ts';
import { startRedis, type TestRedis } from './helpers/redis.ts';
import { startTestServer, type TestServer } from './helpers/relay-harness.ts';
import type { DocStore } from '../../server/store/doc-store.ts';
import { openSqliteStore } from '../../server/store/sqlite-store.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.PANORAMA_LOG = 'silent';

const CREATE_BURST = 4;
const CONNECTIONS = 5;

let redis: TestRedis;
let servers: [TestServer, TestServer, TestServer];
let storeDir: string;
let store: DocStore;

beforeAll(async () => {
	redis = await startRedis();
	// One document store for the three, as behind a load balancer.
	storeDir = mkdtempSync(join(tmpdir(), 'panorama-limits-'));
	store = openSqliteStore(join(storeDir, 'panorama.db'));
	const config = {
		redisUrl: redis.url,
		secret: 'cluster-limits-secret-0123456789abcdef',
		createBurst: CREATE_BURST,
		// No refill during the test: what is refused stays refused.
		createPerMinute: 0,
		instanceCreateBurst: 100,
		connectionsPerMinute: CONNECTIONS
	};
	servers = [
		await startTestServer(config, { store }),
		await startTestServer(config, { store }),
		await startTestServer(config, { store })
	];
});
afterAll(async () => {
	for (const server of servers ?? []) await server.stop();
	await store?.close();
	rmSync(storeDir, { recursive: true, force: true });
	await redis?.stop();
});

async function create(server: TestServer) {
	const response = await fetch(server.url + '/api/docs', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ kind: 'account', title: 'limits' })
	});
	const body = (await response.json()) as { id?: string; token?: string; reason?: string };
	return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
}

/** Opens a socket: "admitted" once the relay speaks to it, else the code it was closed with. */
function attempt(server: TestServer, docId: string, token: string): Promise<string | number> {
	return new Promise((resolve) => {
		const ws = new WebSocket(`${server.wsUrl}/${docId}?token=${token}`);
		ws.once('message', () => {
			resolve('admitted');
			ws.close();
		});
		ws.once('close', (code) => resolve(code));
	});
}

describe('limits shared by three instances', () => {
	it("counts an address's creations once across instances, and falls back while Redis is frozen", async () => {
		const outcomes = [];
		for (let i = 0; i < CREATE_BURST + 2; i++) outcomes.push(await create(servers[i % 3]!));
		expect(outcomes.slice(0, CREATE_BURST).map((o) => o.status)).toEqual(
			Array(CREATE_BURST).fill(201)
		);
		for (const refused of outcomes.slice(CREATE_BURST)) {
			expect(refused).toMatchObject({ status: 429, body: { reason: 'rate-limited' } });
			expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
		}

		// Redis frozen: each instance's own bucket answers (untouched so far, so it has room).
		redis.pause();
		try {
			const fallback = await create(servers[1]);
			expect(fallback.status).toBe(201);
		} finally {
			redis.resume();
		}
		// Back on Redis, the shared bucket still refuses.
		await vi.waitFor(async () => expect((await create(servers[2])).status).toBe(429), {
			timeout: 10_000,
			interval: 100
		});
	});

	it("counts an address's connections once across instances", async () => {
		// A fixed one-minute window on Redis's clock: start well inside one.
		const clock = new Redis(redis.url);
		try {
			await vi.waitFor(
				async () => {
					const [seconds] = await clock.time();
					expect(Number(seconds) % 60).toBeLessThan(40);
				},
				{ timeout: 30_000, interval: 500 }
			);
			await clock.flushall();
		} finally {
			clock.disconnect();
		}
		// Flushed, the shared buckets are full again; making the document opens no socket.
		const { id, token } = await servers[0].createDoc();
		const results = [];
		for (let i = 0; i < CONNECTIONS + 3; i++) {
			results.push(await attempt(servers[i % 3]!, id, token));
		}
		expect(results.slice(0, CONNECTIONS)).toEqual(Array(CONNECTIONS).fill('admitted'));
		expect(results.slice(CONNECTIONS)).toEqual(Array(3).fill(CloseCode.rateLimited));
	});

	it("counts an address's wrong join codes once across instances", async () => {
		// Fixed one-minute windows on Redis's clock: start well inside one.
		const clock = new Redis(redis.url);
		try {
			await vi.waitFor(
				async () => {
					const [seconds] = await clock.time();
					expect(Number(seconds) % 60).toBeLessThan(40);
				},
				{ timeout: 30_000, interval: 500 }
			);
		} finally {
			clock.disconnect();
		}
		const guess = async (server: TestServer, code: string) =>
			(
				await fetch(`${server.url}/api/join-codes/${code}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: '{}'
				})
			).status;
		const statuses = [];
		// Ten wrong codes in all, spread over the three: each instance alone saw three or four.
		for (let i = 0; i < 10; i++) statuses.push(await guess(servers[i % 3]!, `WRONG${i}`));
		expect(statuses.slice(0, 9)).toEqual(Array(9).fill(404));
		expect(statuses[9]).toBe(429);
		// Every instance now refuses that address, before looking at the code.
		for (const server of servers) expect(await guess(server, 'ANYONE')).toBe(429);
	});
});
