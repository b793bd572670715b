import { afterEach, describe, expect, it, vi } from 'vitest';
import { TokenError, createTokenIssuer } from '../../server/tokens.ts';

const issuer = createTokenIssuer('a-test-secret-that-is-long-enough-0123456789');

async function failure(promise: Promise<unknown>): Promise<string> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof TokenError) return error.reason;
		throw error;
	}
	return 'accepted';
}

afterEach(() => vi.useRealTimers());

describe('capability tokens', () => {
	it('sign and verify a document capability', async () => {
		const token = await issuer.sign({ docId: 'doc1', kind: 'account', role: 'editor', epoch: 0 });
		expect(await issuer.verify(token, 'doc1', 0)).toEqual({
			docId: 'doc1',
			kind: 'account',
			role: 'editor',
			epoch: 0
		});
	});

	it('refuse a missing token, another document, another secret and a tampered payload', async () => {
		const token = await issuer.sign({ docId: 'doc1', kind: 'account', role: 'viewer', epoch: 0 });
		expect(await failure(issuer.verify(undefined, 'doc1', 0))).toBe('missing');
		expect(await failure(issuer.verify(token, 'doc2', 0))).toBe('wrong-document');
		const other = createTokenIssuer('another-secret-that-is-long-enough-0123456789');
		expect(await failure(other.verify(token, 'doc1', 0))).toBe('invalid');
		const [header, , signature] = token.split('.');
		const payload = Buffer.from(
			JSON.stringify({ sub: 'doc1', role: 'owner', ep: 0, iss: 'panorama' })
		).toString('base64url');
		expect(await failure(issuer.verify(`${header}.${payload}.${signature}`, 'doc1', 0))).toBe(
			'invalid'
		);
	});

	it('expire after the given number of days', async () => {
		vi.useFakeTimers({ toFake: ['Date'] });
		const token = await issuer.sign(
			{ docId: 'doc1', kind: 'account', role: 'viewer', epoch: 0 },
			7
		);
		vi.setSystemTime(Date.now() + 6 * 24 * 3600 * 1000);
		expect(await failure(issuer.verify(token, 'doc1', 0))).toBe('accepted');
		vi.setSystemTime(Date.now() + 2 * 24 * 3600 * 1000);
		expect(await failure(issuer.verify(token, 'doc1', 0))).toBe('expired');
	});

	it('stop working once the document rotates to a new epoch', async () => {
		const token = await issuer.sign({ docId: 'doc1', kind: 'account', role: 'owner', epoch: 0 });
		expect(await failure(issuer.verify(token, 'doc1', 1))).toBe('revoked');
	});

	it('refuse a short secret', () => {
		expect(() => createTokenIssuer('short')).toThrow(/32 bytes/);
	});
});
