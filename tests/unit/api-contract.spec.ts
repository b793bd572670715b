/**
 * The API contract (`src/lib/api/contract.ts`) and the server agree: every endpoint the browser
 * may call is served at its method and path (types are checked by `tsc`; this checks the wiring),
 * and a path's id parts take ids only.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { endpoints, pathOf } from '../../src/lib/api/contract.ts';
import { endpointRoute } from '../../server/http.ts';
import { startTestServer, type TestServer } from './helpers/relay-harness.ts';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer({ createBurst: 1000, instanceCreateBurst: 1000 });
});
afterAll(() => server.stop());

const ids = (path: string) => (path.match(/:[a-z]+/g) ?? []).map((_, i) => `id${i}`);

it('serves every endpoint of the contract at its method and path', async () => {
	const unserved: string[] = [];
	for (const [name, endpoint] of Object.entries(endpoints)) {
		const response = await fetch(server.url + pathOf(endpoint, ids(endpoint.path)), {
			method: endpoint.method,
			headers: { 'content-type': 'application/json' },
			...(endpoint.method === 'GET' ? {} : { body: '{}' })
		});
		const body = (await response.json()) as { reason?: string };
		// Refused for want of a token or a document is fine: "no such endpoint" is not.
		if (body.reason === 'no-endpoint' || body.reason === 'method-not-allowed') unserved.push(name);
	}
	expect(unserved).toEqual([]);
});

it('matches a path only with ids in its id parts', () => {
	for (const endpoint of Object.values(endpoints)) {
		const route = endpointRoute(endpoint, { run: async () => [200, undefined as never] });
		const params = ids(endpoint.path);
		expect(route.pattern.test(pathOf(endpoint, params))).toBe(true);
		expect(route.method).toBe(endpoint.method);
		if (params.length === 0) continue;
		expect(route.pattern.test(endpoint.path.replace(/:[a-z]+/g, 'a.b'))).toBe(false);
		expect(route.pattern.test(pathOf(endpoint, params) + '/more')).toBe(false);
	}
});
