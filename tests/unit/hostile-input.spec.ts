/**
 * No request stops the server: malformed upgrade targets, raw request lines, absolute forms, long
 * paths and a seeded set of random targets go to a real server process, which must answer
 * `/healthz` after every one of them — and a stock y-websocket client must still sync at the end.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { connectClient } from './helpers/relay-harness.ts';
import { startServerProcess, type ServerProcess } from './helpers/server-process.ts';

let server: ServerProcess;

beforeAll(async () => {
	server = await startServerProcess();
	// Static files too, so the static handler meets the same targets as the API and the relay.
	const build = join(server.dataDir, 'no-static');
	mkdirSync(build, { recursive: true });
	writeFileSync(join(build, '200.html'), '<!doctype html><title>app</title>');
});
afterAll(() => server.stop());

/** Sends raw bytes, resolves with what came back before the server closed or answered in full. */
function raw(request: string | Buffer, { hangUp = false } = {}): Promise<string> {
	const { port } = new URL(server.url);
	return new Promise((resolve) => {
		const socket = connect(Number(port), '127.0.0.1');
		let answer = '';
		const done = () => {
			socket.destroy();
			resolve(answer);
		};
		socket.on('data', (chunk) => {
			answer += chunk.toString('latin1');
			// A full response head is all these tests read.
			if (answer.includes('\r\n\r\n')) done();
		});
		socket.on('close', done);
		socket.on('error', done);
		// A request cut off mid-way is answered by nobody: hang up after it instead of waiting.
		if (hangUp) socket.end(request);
		else socket.write(request);
	});
}

const upgrade = (target: string) =>
	`GET ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
	`Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`;
const plain = (target: string, method = 'GET') =>
	`${method} ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`;

async function stillServing(): Promise<void> {
	expect(server.alive()).toBe(true);
	const response = await fetch(server.url + '/healthz');
	expect(response.status).toBe(200);
}

/** Seeded pseudo-random numbers, so a failing target can be replayed. */
function random(seed: number): () => number {
	return () => {
		seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
		return seed / 2 ** 31;
	};
}

function fuzzedTargets(count: number): string[] {
	const next = random(20261203);
	const pieces = [
		'/sync/',
		'/api/',
		'/',
		'%',
		'%E0',
		'%A4%A',
		'%zz',
		'%00',
		'?token=',
		'#',
		'..',
		'//'
	];
	const targets: string[] = [];
	for (let i = 0; i < count; i++) {
		let target = next() < 0.8 ? '/' : '';
		const length = 1 + Math.floor(next() * 12);
		for (let j = 0; j < length; j++) {
			target +=
				next() < 0.5
					? pieces[Math.floor(next() * pieces.length)]!
					: String.fromCharCode(0x21 + Math.floor(next() * 0x5e));
		}
		targets.push(target);
	}
	return targets;
}

describe('hostile input', () => {
	const known = [
		'/sync/%E0%A4%A',
		'http://[',
		'http://[/sync/x',
		'/sync/%',
		'/sync/..%2f..%2fetc%2fpasswd',
		'//sync/abc',
		'/sync/abc?token=%E0%A4%A',
		'/sync/' + 'a'.repeat(100),
		'/api/%E0%A4%A',
		'*',
		'/sync/abc/../../x'
	];

	it.each(known)('an upgrade to %s leaves the server serving', async (target) => {
		await raw(upgrade(target));
		await stillServing();
	});

	it.each(known)('a plain request for %s leaves the server serving', async (target) => {
		await raw(plain(target));
		await raw(plain(target, 'POST'));
		await stillServing();
	});

	it('answers a malformed upgrade target with 400 and a foreign id with a close code', async () => {
		expect(await raw(upgrade('/sync/%E0%A4%A'))).toMatch(/^HTTP\/1\.1 101/);
		expect(await raw(upgrade('http://[/sync/x'))).toMatch(/^HTTP\/1\.1 400/);
		const code = await new Promise<number>((resolve) => {
			const ws = new WebSocket(server.wsUrl + '/%E0%A4%A');
			ws.on('close', (closeCode) => resolve(closeCode));
			ws.on('error', () => {});
		});
		expect(code).toBe(4406);
	});

	it('survives 20 KB paths, raw garbage, a half-sent upgrade and an upgrade without a key', async () => {
		await raw(upgrade('/sync/' + 'x'.repeat(20_000)));
		await raw(plain('/' + 'y'.repeat(20_000)));
		await raw(Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03]));
		await raw('GET /sync/abc HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n', {
			hangUp: true
		});
		await raw(
			'GET /sync/abc HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n'
		);
		await raw('CONNECT localhost:443 HTTP/1.1\r\nHost: localhost:443\r\n\r\n');
		await stillServing();
	});

	it('survives 300 random targets, as upgrades and as requests', { timeout: 120_000 }, async () => {
		for (const target of fuzzedTargets(150)) {
			await raw(upgrade(target));
			await raw(plain(target));
		}
		await stillServing();
	});

	it('a stock y-websocket client still syncs after all of that', async () => {
		const { body } = await server.post('/api/docs', { kind: 'account', title: 'after' });
		const a = connectClient(server.wsUrl, body.id, body.token);
		const b = connectClient(server.wsUrl, body.id, body.token);
		a.doc.getText('t').insert(0, 'still here');
		await vi.waitFor(() => expect(b.doc.getText('t').toString()).toBe('still here'), {
			timeout: 5000
		});
		a.destroy();
		b.destroy();
		// Tokens never reach the log, whatever was sent.
		expect(server.output()).not.toContain(body.token);
	});
});
