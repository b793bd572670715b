/**
 * A 360° cycle run through three instances on one PostgreSQL database and Redis: whichever
 * instance a request or socket lands on, an invitation is claimed once, a draft submitted on one
 * is closed and refused on the others, HR's dashboard counts it, and the cycle closes once.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
	addNomination,
	addSubject,
	readCycleConfig,
	startCycle
} from '../../src/lib/model/review-cycle.ts';
import { CloseCode } from '../../src/lib/transport/protocol.ts';
import { testDatabase } from './helpers/postgres.ts';
import { startRedis, type TestRedis } from './helpers/redis.ts';
import { connectClient, startTestServer, type TestServer } from './helpers/relay-harness.ts';

process.env.PANORAMA_LOG = 'silent';

const SECRET = 'cluster-reviews-secret-0123456789abcdef';
const WAIT = { timeout: 15_000, interval: 50 };

let redis: TestRedis;
let servers: [TestServer, TestServer, TestServer];

beforeAll(async () => {
	redis = await startRedis();
	const databaseUrl = await testDatabase('cluster_reviews');
	const config = {
		databaseUrl,
		redisUrl: redis.url,
		secret: SECRET,
		createBurst: 1000,
		instanceCreateBurst: 1000
	};
	servers = [
		await startTestServer(config),
		await startTestServer(config),
		await startTestServer(config)
	];
});
afterAll(async () => {
	for (const server of servers ?? []) await server.stop();
	await redis?.stop();
});

async function call(server: TestServer, path: string, token: string, body?: unknown) {
	const response = await fetch(server.url + path, {
		method: body === undefined ? 'GET' : 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
		...(body === undefined ? {} : { body: JSON.stringify(body) })
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('a review cycle across three instances', () => {
	it('claims once, closes a submitted draft everywhere, counts it and closes the cycle once', async () => {
		const [s0, s1, s2] = servers;
		const { id: cycleId, token: hr } = await s0.createDoc('review-cycle');
		const doc = new Y.Doc();
		startCycle(doc, 'frontline');
		const subject = addSubject(doc, '李雷', 'boss@example.com')!;
		addNomination(doc, { subject, rater: 'p1@example.com', raterName: 'p1', group: 'peer' });
		await s0.services.store.append([{ docId: cycleId, update: Y.encodeStateAsUpdate(doc) }]);
		const config = readCycleConfig(doc)!;
		const items = config.questionnaire.competencies.flatMap((c) => c.items.map((i) => i.id));

		const launch = await call(s1, `/api/reviews/${cycleId}/launch`, hr, {});
		expect(launch.status).toBe(200);
		const issued = launch.body.issued as Array<{ raterId: string; person: string; token: string }>;
		const invitation = issued.find((r) => r.person === 'p1@example.com')!;

		// Two devices race for the invitation, each through another instance: one wins.
		const claims = await Promise.all(
			servers.map((s) =>
				call(s, `/api/reviews/raters/${invitation.raterId}/claim`, invitation.token, {})
			)
		);
		expect(claims.filter((c) => c.status === 200)).toHaveLength(1);
		const credential = claims.find((c) => c.status === 200)!.body.token as string;

		const mine = await call(s2, `/api/reviews/raters/${invitation.raterId}`, credential);
		const [assignment] = mine.body.assignments as Array<{ draft: string; token: string }>;
		const rater = connectClient(s0.wsUrl, assignment!.draft, assignment!.token);
		try {
			await vi.waitFor(() => expect(rater.provider.synced).toBe(true), WAIT);
			const submit = await call(s1, `/api/reviews/${cycleId}/submit`, assignment!.token, {
				draft: assignment!.draft,
				idempotencyKey: 'cluster-key',
				answers: Object.fromEntries(items.map((item) => [item, 4]))
			});
			expect(submit.status).toBe(201);
			// Submitted through s1: the rater's socket on s0 is closed, and s2 opens it to no one.
			await vi.waitFor(() => expect(rater.closes).toContain(CloseCode.submitted), WAIT);
			const again = connectClient(s2.wsUrl, assignment!.draft, assignment!.token);
			await vi.waitFor(() => expect(again.closes).toContain(CloseCode.submitted), WAIT);
			again.destroy();
			expect(await s2.services.store.load(assignment!.draft)).toEqual([]);
		} finally {
			rater.destroy();
		}
		// A second submit through another instance is the same submission, not a second one.
		const repeat = await call(s2, `/api/reviews/${cycleId}/submit`, assignment!.token, {
			draft: assignment!.draft,
			idempotencyKey: 'another-key',
			answers: Object.fromEntries(items.map((item) => [item, 1]))
		});
		expect(repeat).toMatchObject({ status: 409, body: { reason: 'already-submitted' } });

		const dashboard = await call(s2, `/api/reviews/${cycleId}/dashboard`, hr);
		expect(dashboard.status).toBe(200);
		expect(dashboard.body.progress).toMatchObject({ submitted: 1 });

		const closes = await Promise.all(
			servers.map((s) => call(s, `/api/reviews/${cycleId}/close`, hr, {}))
		);
		expect(closes.filter((c) => c.status === 200)).toHaveLength(1);
		expect(closes.filter((c) => c.status === 409)).toHaveLength(2);
		const after = await call(s0, `/api/reviews/${cycleId}/dashboard`, hr);
		expect(after.body.closed).toBe(true);
	});
});
