import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readJourney } from '../../src/lib/model/journey.ts';
import { startTestServer, type TestServer } from './helpers/relay-harness.ts';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(() => server.stop());

async function create(body: Record<string, unknown>) {
	const response = await fetch(server.url + '/api/docs', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ kind: 'journey', title: '', ...body })
	});
	return { status: response.status, body: await response.json() };
}

async function stored(id: string) {
	const doc = new Y.Doc();
	for (const update of await server.services.store.load(id)) Y.applyUpdate(doc, update);
	return readJourney(doc);
}

describe('a new journey starts from its template', () => {
	it('seeds the airline template in zh-CN: 5 stages, 36 touchpoints', async () => {
		const { status, body } = await create({ template: 'airline', locale: 'zh-CN' });
		expect(status).toBe(201);
		const journey = await stored(body.id);
		expect(journey.stages.map((s) => s.name)).toEqual([
			'旅行前',
			'飞行前',
			'客舱中',
			'飞行后',
			'旅行后'
		]);
		expect(journey.stages.flatMap((s) => s.touchpoints)).toHaveLength(36);
	});

	it('seeds in English when asked', async () => {
		const { body } = await create({ template: 'hospital', locale: 'en' });
		const journey = await stored(body.id);
		expect(journey.stages[0]!.name).toMatch(/^[A-Za-z]/);
	});

	it('seeds the blank template (three stages) when none is named', async () => {
		const { body } = await create({});
		expect((await stored(body.id)).stages).toHaveLength(3);
	});

	it.each([
		[{ template: 'spaceship' }, 'bad-template'],
		[{ template: 'airline', locale: 'fr' }, 'bad-locale']
	])('refuses %j with 400 and creates nothing', async (seed, reason) => {
		const { status, body } = await create(seed);
		expect(status).toBe(400);
		expect(body.reason).toBe(reason);
	});
});
