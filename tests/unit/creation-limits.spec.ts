/**
 * Creation is limited and every answer carries the security headers: JSON-only bodies (415),
 * per-address and instance-wide rate limits (429 with Retry-After), the optional creation key
 * (403), no CORS, clear 400s for a link's expiry — against real server processes. The limiter's
 * refill is checked with an injected clock, never by waiting.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyMatches } from '../../server/creation-guard.ts';
import { CreationLimiter, addressKey } from '../../server/creation-limit.ts';
import { redact } from '../../server/log.ts';
import { startServerProcess, type ServerProcess } from './helpers/server-process.ts';

const ID = 'AAAAAAAAAAAAAAAAAAAAAA';

/** Every POST under /api; the creating ones first. */
const POSTS = [
	'/api/docs',
	`/api/docs/${ID}/links`,
	`/api/journeys/${ID}/workshop`,
	`/api/reviews/${ID}/launch`,
	`/api/reviews/${ID}/subject-links`,
	`/api/reviews/${ID}/nomination-links`,
	`/api/reviews/${ID}/proposals/${ID}`,
	`/api/docs/${ID}/links/revoke`,
	`/api/docs/${ID}/rotate`,
	`/api/journeys/${ID}/board-access`,
	`/api/journeys/${ID}/phase`,
	`/api/journeys/${ID}/reveal`,
	`/api/boards/${ID}/join`,
	`/api/boards/${ID}/notes`,
	`/api/boards/${ID}/scores`,
	`/api/boards/${ID}/votes`,
	`/api/reviews/${ID}/submit`,
	`/api/reviews/${ID}/reissue`,
	`/api/reviews/${ID}/close`,
	`/api/reviews/${ID}/proposals/${ID}/${ID}`,
	`/api/reviews/${ID}/proposals-imported`
];

const HEADERS = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'no-referrer',
	'x-frame-options': 'DENY'
};

function expectSecurityHeaders(response: Response) {
	for (const [name, value] of Object.entries(HEADERS)) {
		expect(response.headers.get(name), name).toBe(value);
	}
	expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
	expect([...response.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([]);
}

describe('the creation limiter (injected clock)', () => {
	it('allows a burst per address, then refuses with when to retry, and refills with time', () => {
		let now = 1_000_000;
		const limiter = new CreationLimiter(
			{ perAddress: { burst: 20, perMinute: 60 }, instance: { burst: 1000, perMinute: 6000 } },
			() => now
		);
		for (let i = 0; i < 20; i++) expect(limiter.take('10.0.0.1')).toEqual({ ok: true });
		expect(limiter.take('10.0.0.1')).toEqual({
			ok: false,
			scope: 'address',
			retryAfterSeconds: 1
		});
		// Another address has its own bucket.
		expect(limiter.take('10.0.0.2')).toEqual({ ok: true });
		now += 1000;
		expect(limiter.take('10.0.0.1')).toEqual({ ok: true });
		expect(limiter.take('10.0.0.1').ok).toBe(false);
		now += 20_000;
		for (let i = 0; i < 20; i++) expect(limiter.take('10.0.0.1').ok).toBe(true);
		expect(limiter.take('10.0.0.1').ok).toBe(false);
	});

	it('limits the whole instance across addresses, and a refused address costs it nothing', () => {
		let now = 0;
		const limiter = new CreationLimiter(
			{ perAddress: { burst: 2, perMinute: 6 }, instance: { burst: 5, perMinute: 12 } },
			() => now
		);
		const answers = ['a', 'a', 'a', 'b', 'b', 'c', 'c'].map((a) => limiter.take(`10.0.0.${a}`));
		expect(answers.map((a) => a.ok)).toEqual([true, true, false, true, true, true, false]);
		expect(answers[6]).toEqual({ ok: false, scope: 'instance', retryAfterSeconds: 5 });
		now += 5000;
		expect(limiter.take('10.0.0.d').ok).toBe(true);
	});

	it('counts an IPv6 client by its /64 and a mapped IPv4 client by its address', () => {
		expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
		expect(addressKey('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
		expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
		expect(addressKey('::1')).toBe('0:0:0:0::/64');
		expect(addressKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
		expect(addressKey('192.0.2.7')).toBe('192.0.2.7');
		expect(addressKey(undefined)).toBe('unknown');
	});

	it('compares creation keys whatever their lengths', () => {
		expect(keyMatches('s3cret-key', 's3cret-key')).toBe(true);
		expect(keyMatches('s3cret-key', 's3cret-kez')).toBe(false);
		expect(keyMatches('s3cret-key', 's3cret')).toBe(false);
		expect(keyMatches('s3cret-key', undefined)).toBe(false);
	});
});

describe('logs never carry tokens', () => {
	it('redacts JWTs, token and key parameters, bearer headers and the creation key', () => {
		const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
		const text = redact(
			`GET /sync/abc?token=${jwt}&x=1 Authorization: Bearer abc.def x-panorama-create-key: hunter2 ${jwt}`
		);
		expect(text).not.toContain(jwt);
		expect(text).not.toContain('abc.def');
		expect(text).not.toContain('hunter2');
		expect(text).toContain('?token=[redacted]&x=1');
	});
});

describe('a server with the default limits', () => {
	let server: ServerProcess;
	let staticDir: string;

	beforeAll(async () => {
		staticDir = mkdtempSync(join(tmpdir(), 'panorama-static-'));
		mkdirSync(join(staticDir, '_app', 'immutable'), { recursive: true });
		writeFileSync(join(staticDir, '200.html'), '<!doctype html><title>app</title>');
		writeFileSync(join(staticDir, '_app', 'immutable', 'entry.js'), 'export {};');
		server = await startServerProcess({ PANORAMA_STATIC_DIR: staticDir });
	});
	afterAll(async () => {
		await server.stop();
		rmSync(staticDir, { recursive: true, force: true });
	});

	it.each(POSTS)(
		'POST %s takes JSON only: text/plain and no content type answer 415',
		async (path) => {
			for (const headers of [
				{ 'content-type': 'text/plain;charset=UTF-8' },
				{ 'content-type': 'application/x-www-form-urlencoded' },
				{} as Record<string, string>
			]) {
				const response = await fetch(server.url + path, {
					method: 'POST',
					headers,
					body: headers['content-type'] ? '{"kind":"account"}' : undefined
				});
				expect(response.status, JSON.stringify(headers)).toBe(415);
				expect((await response.json()).reason).toBe('json-only');
				expectSecurityHeaders(response);
			}
		}
	);

	it('accepts application/json with a charset', async () => {
		const response = await fetch(server.url + '/api/docs', {
			method: 'POST',
			headers: { 'content-type': 'Application/JSON; charset=utf-8' },
			body: JSON.stringify({ kind: 'account', title: 'ok' })
		});
		expect(response.status).toBe(201);
	});

	it.each([
		['1e-9', 1e-9],
		['-1', -1],
		['0', 0],
		['"x"', 'x'],
		['1e9', 1e9],
		['366.5', 366.5],
		['null', null]
	])('answers expiresInDays %s with 400 bad-expiry, never 500', async (_, expiresInDays) => {
		const { id, token } = await createForExpiry();
		const { status, body } = await server.post<{ reason: string }>(
			`/api/docs/${id}/links`,
			{ role: 'viewer', expiresInDays },
			token
		);
		expect({ status, reason: body.reason }).toEqual({ status: 400, reason: 'bad-expiry' });
	});

	it('answers a NaN expiry (not JSON at all) with 400, and takes one hour and 366 days', async () => {
		const { id, token } = await createForExpiry();
		const response = await fetch(`${server.url}/api/docs/${id}/links`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
			body: '{"role":"viewer","expiresInDays":NaN}'
		});
		expect(response.status).toBe(400);
		for (const expiresInDays of [1 / 24, 366]) {
			const { status } = await server.post(
				`/api/docs/${id}/links`,
				{ role: 'viewer', expiresInDays },
				token
			);
			expect(status).toBe(201);
		}
	});

	/** One document for the expiry tests. */
	let expiryDoc: Promise<{ id: string; token: string }> | undefined;
	function createForExpiry() {
		expiryDoc ??= server
			.post('/api/docs', { kind: 'account', title: 'expiry' })
			.then((r) => r.body);
		return expiryDoc;
	}

	it('sends the security headers on the app, a static file, the API and its 404s', async () => {
		for (const path of [
			'/',
			'/some/page',
			'/_app/immutable/entry.js',
			'/api/instance',
			'/api/nothing',
			'/healthz'
		]) {
			const response = await fetch(server.url + path);
			expect(response.status, path).toBe(path === '/api/nothing' ? 404 : 200);
			expectSecurityHeaders(response);
		}
		const api = await fetch(server.url + '/api/instance');
		expect(api.headers.get('content-security-policy')).toContain("default-src 'none'");
		expect(await api.json()).toEqual({ createKeyRequired: false });
	});

	it('answers a cross-site preflight with no CORS headers, so a JSON POST from elsewhere fails', async () => {
		const response = await fetch(server.url + '/api/docs', {
			method: 'OPTIONS',
			headers: {
				origin: 'https://evil.example',
				'access-control-request-method': 'POST',
				'access-control-request-headers': 'content-type'
			}
		});
		expect(response.ok).toBe(false);
		expect(response.headers.get('access-control-allow-origin')).toBeNull();
		expectSecurityHeaders(response);
	});
});

describe('a server with the default burst', () => {
	let server: ServerProcess;
	beforeAll(async () => {
		// A refill of one a minute: the burst is all this test can spend.
		server = await startServerProcess({ PANORAMA_CREATE_PER_MINUTE: '1' });
	});
	afterAll(() => server.stop());

	it('refuses creations from one address past the burst with 429 and Retry-After', async () => {
		const statuses: number[] = [];
		let refused: Response | undefined;
		for (let i = 0; i < 25 && !refused; i++) {
			const response = await fetch(server.url + '/api/docs', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ kind: 'account', title: `n${i}` })
			});
			statuses.push(response.status);
			if (response.status === 429) refused = response;
		}
		expect(statuses.filter((s) => s === 201)).toHaveLength(20);
		expect(refused!.status).toBe(429);
		const retryAfter = Number(refused!.headers.get('retry-after'));
		expect(retryAfter).toBeGreaterThanOrEqual(1);
		expect(retryAfter).toBeLessThanOrEqual(60);
		expect((await refused!.json()).reason).toBe('rate-limited');
		// Creating a link is limited by the same bucket.
		expect((await server.post('/api/docs', { kind: 'account', title: 'x' })).status).toBe(429);
		// Reading is not.
		expect((await fetch(server.url + '/api/instance')).status).toBe(200);
	});
});

describe('a server with a creation key', () => {
	let server: ServerProcess;
	beforeAll(async () => {
		server = await startServerProcess({ PANORAMA_CREATE_KEY: 'correct horse battery staple' });
	});
	afterAll(() => server.stop());

	async function create(key?: string) {
		const response = await fetch(server.url + '/api/docs', {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				...(key === undefined ? {} : { 'x-panorama-create-key': key })
			},
			body: JSON.stringify({ kind: 'journey', title: 'keyed' })
		});
		return { status: response.status, body: await response.json() };
	}

	it('says so, so the home page can ask for it', async () => {
		expect(await (await fetch(server.url + '/api/instance')).json()).toEqual({
			createKeyRequired: true
		});
	});

	it('refuses to create without the key or with a wrong one (403 create-key), creates with it', async () => {
		expect(await create()).toMatchObject({ status: 403, body: { reason: 'create-key' } });
		expect(await create('correct horse')).toMatchObject({
			status: 403,
			body: { reason: 'create-key' }
		});
		const made = await create('correct horse battery staple');
		expect(made.status).toBe(201);
		// What an owner creates under a document needs its token, not the key.
		const link = await server.post(
			`/api/docs/${made.body.id}/links`,
			{ role: 'editor' },
			made.body.token
		);
		expect(link.status).toBe(201);
		expect(server.output()).not.toContain('correct horse');
	});
});
