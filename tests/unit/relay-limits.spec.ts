/**
 * Every resource one socket can make the relay spend is bounded: a reader that stops reading, a
 * stream sent before (or instead of) a valid token, oversized or spoofed presence, a document
 * past its size budget, an update that can never integrate. Memory is read from `/proc` of a real
 * server process.
 */
import * as encoding from 'lib0/encoding';
import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { CloseCode, MessageType, SyncStep } from '../../src/lib/transport/protocol.ts';
import { connectClient, startTestServer, type TestClient } from './helpers/relay-harness.ts';
import { startServerProcess, type ServerProcess } from './helpers/server-process.ts';

const MB = 1024 * 1024;

function syncFrame(step: number, payload: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.sync);
	encoding.writeVarUint(encoder, step);
	encoding.writeVarUint8Array(encoder, payload);
	return encoding.toUint8Array(encoder);
}

function awarenessFrame(entries: Array<{ client: number; clock: number; state: unknown }>) {
	const update = encoding.createEncoder();
	encoding.writeVarUint(update, entries.length);
	for (const { client, clock, state } of entries) {
		encoding.writeVarUint(update, client);
		encoding.writeVarUint(update, clock);
		encoding.writeVarString(update, JSON.stringify(state));
	}
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.awareness);
	encoding.writeVarUint8Array(encoder, encoding.toUint8Array(update));
	return encoding.toUint8Array(encoder);
}

/** A raw socket with its close code, once closed. */
function rawSocket(url: string) {
	const ws = new WebSocket(url);
	const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
	ws.on('error', () => {});
	const opened = new Promise<void>((resolve) => ws.on('open', () => resolve()));
	// The relay speaks first once the socket is attached to its room (its sync step 1).
	const ready = new Promise<void>((resolve) => ws.once('message', () => resolve()));
	return { ws, closed, opened, ready };
}

describe('bounded per socket, measured on a server process', () => {
	let server: ServerProcess;
	const clients: TestClient[] = [];
	beforeAll(async () => {
		server = await startServerProcess();
	});
	afterAll(() => server.stop());
	afterEach(() => clients.splice(0).forEach((c) => c.destroy()));

	async function documentOf(megabytes: number) {
		const { body } = await server.post('/api/docs', { kind: 'account', title: 'big' });
		const writer = connectClient(server.wsUrl, body.id, body.token);
		clients.push(writer);
		await vi.waitFor(() => expect(writer.provider.synced).toBe(true));
		// Random text: it does not compress into a few bytes of Yjs runs.
		const text = Array.from({ length: megabytes * 1024 }, (_, i) =>
			(i * 2654435761).toString(36).padEnd(1024, 'x').slice(0, 1024)
		).join('');
		writer.doc.getText('t').insert(0, text);
		await vi.waitFor(() => expect(writer.acks.length).toBeGreaterThan(0), { timeout: 20_000 });
		return body as { id: string; token: string };
	}

	it(
		'a reader that stops reading and floods sync requests is cut off; the heap stays bounded and other documents keep their pace',
		{ timeout: 60_000 },
		async () => {
			const big = await documentOf(5);
			const viewer = (await server.post(`/api/docs/${big.id}/links`, { role: 'viewer' }, big.token))
				.body.token as string;
			const other = (await server.post('/api/docs', { kind: 'account', title: 'other' })).body;
			const a = connectClient(server.wsUrl, other.id, other.token);
			const b = connectClient(server.wsUrl, other.id, other.token);
			clients.push(a, b);
			await vi.waitFor(() => expect(a.provider.synced && b.provider.synced).toBe(true));

			const before = server.rss();
			const { ws, closed, ready } = rawSocket(`${server.wsUrl}/${big.id}?token=${viewer}`);
			// Past the small pre-authentication allowance, so the flood reaches the room.
			await ready;
			ws.pause(); // stops reading: everything the relay sends stays in its socket
			// Eight-byte sync step 1s naming a client the relay never saw: each answer is the whole
			// document, encoded afresh.
			const vector = Y.encodeStateVector(new Map([[123456, 1]]));
			for (let i = 0; i < 200; i++) ws.send(syncFrame(SyncStep.step1, vector));

			const started = performance.now();
			a.doc.getText('ping').insert(0, 'pong');
			await vi.waitFor(() => expect(b.doc.getText('ping').toString()).toBe('pong'), {
				timeout: 10_000
			});
			const roundTrip = performance.now() - started;
			ws.resume();
			expect([CloseCode.rateLimited, 1006]).toContain(await closed);
			const growth = server.peakRss() - before;
			console.log(
				`slow reader: peak RSS growth ${(growth / MB).toFixed(0)} MB, other round trip ${roundTrip.toFixed(0)} ms`
			);
			expect(growth).toBeLessThan(300 * MB);
			expect(roundTrip).toBeLessThan(2000);
			expect(server.alive()).toBe(true);
		}
	);

	it(
		'a stream sent with a refused token is neither kept nor read for long',
		{ timeout: 60_000 },
		async () => {
			const { body } = await server.post('/api/docs', { kind: 'account', title: 'x' });
			const before = server.rss();
			const sent = await flood(`/sync/${body.id}?token=bogus`, 300);
			const growth = server.peakRss() - before;
			console.log(
				`refused stream: ${sent} MB sent, peak RSS growth ${(growth / MB).toFixed(0)} MB`
			);
			expect(sent).toBeLessThan(300);
			expect(growth).toBeLessThan(100 * MB);
			expect(server.alive()).toBe(true);
		}
	);

	/**
	 * An attacker's client on a bare TCP socket: it asks for the upgrade and sends 1 MB frames at
	 * once and without end, never reading a byte (not the handshake, not the close frame). Resolves
	 * with the megabytes it got to send before the server cut the connection, at most `limit`.
	 */
	function flood(target: string, limit: number): Promise<number> {
		const { port } = new URL(server.url);
		const payload = new Uint8Array(MB).fill(7);
		// A masked binary frame with an all-zero mask: the payload travels as it is.
		const head = Buffer.alloc(14);
		head[0] = 0x82;
		head[1] = 0x80 | 127;
		head.writeBigUInt64BE(BigInt(MB), 2);
		const frame = Buffer.concat([head, payload]);
		return new Promise((resolve) => {
			const socket = connect(Number(port), '127.0.0.1');
			socket.pause();
			let sent = 0;
			let over = false;
			const finish = () => {
				if (over) return;
				over = true;
				socket.destroy();
				resolve(sent);
			};
			socket.on('error', finish);
			socket.on('close', finish);
			const pump = () => {
				while (!over && sent < limit) {
					sent++;
					if (!socket.write(frame)) return void socket.once('drain', pump);
				}
				if (sent >= limit) finish();
			};
			socket.write(
				`GET ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\n` +
					`Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n` +
					`Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`
			);
			pump();
		});
	}
});

describe('bounded per socket and per document', () => {
	it('presence: a state over 8 KiB closes its socket; another live socket’s id cannot be taken or removed', async () => {
		const server = await startTestServer();
		try {
			const { id, token } = await server.createDoc();
			const viewer = await server.link(id, token, 'viewer');
			const alice = connectClient(server.wsUrl, id, token);
			const observer = connectClient(server.wsUrl, id, token);
			alice.provider.awareness.setLocalState({ name: 'Alice' });
			const aliceId = alice.doc.clientID;
			await vi.waitFor(() =>
				expect(observer.provider.awareness.getStates().get(aliceId)).toEqual({ name: 'Alice' })
			);

			const spoofer = rawSocket(`${server.wsUrl}/${id}?token=${viewer}`);
			await spoofer.opened;
			spoofer.ws.send(
				awarenessFrame([{ client: aliceId, clock: 999, state: { name: 'Mallory' } }])
			);
			// A frame of its own afterwards shows the spoof was processed (in order) and dropped.
			spoofer.ws.send(awarenessFrame([{ client: 4242, clock: 1, state: { name: 'Mallory' } }]));
			await vi.waitFor(() =>
				expect(observer.provider.awareness.getStates().get(4242)).toEqual({ name: 'Mallory' })
			);
			expect(observer.provider.awareness.getStates().get(aliceId)).toEqual({ name: 'Alice' });
			spoofer.ws.close();
			await spoofer.closed;
			await vi.waitFor(() => expect(observer.provider.awareness.getStates().has(4242)).toBe(false));
			expect(observer.provider.awareness.getStates().get(aliceId)).toEqual({ name: 'Alice' });

			const big = rawSocket(`${server.wsUrl}/${id}?token=${viewer}`);
			await big.opened;
			big.ws.send(awarenessFrame([{ client: 777, clock: 1, state: { pad: 'x'.repeat(20_000) } }]));
			expect(await big.closed).toBe(CloseCode.protocolError);
			expect(observer.provider.awareness.getStates().has(777)).toBe(false);
			alice.destroy();
			observer.destroy();
		} finally {
			await server.stop();
		}
	});

	it('a document past its size budget refuses the write with a terminal code and stores none of it', async () => {
		const server = await startTestServer({ maxDocumentBytes: 1 * MB });
		try {
			const { id, token } = await server.createDoc();
			const writer = connectClient(server.wsUrl, id, token);
			await vi.waitFor(() => expect(writer.provider.synced).toBe(true));
			writer.doc.getText('a').insert(0, 'a'.repeat(600 * 1024));
			await vi.waitFor(() => expect(writer.acks.length).toBeGreaterThan(0));
			writer.doc.getText('b').insert(0, 'b'.repeat(600 * 1024));
			await vi.waitFor(() => expect(writer.closes).toContain(CloseCode.documentTooLarge));
			writer.destroy();
			const stored = new Y.Doc();
			for (const part of await server.services.store.load(id)) Y.applyUpdate(stored, part);
			expect(stored.getText('a').length).toBe(600 * 1024);
			expect(stored.getText('b').length).toBe(0);
		} finally {
			await server.stop();
		}
	});

	it('an update whose dependencies never arrived is not acknowledged; its sender is told to resync', async () => {
		const server = await startTestServer();
		try {
			const { id, token } = await server.createDoc();
			const source = new Y.Doc();
			source.getText('t').insert(0, 'first');
			const afterFirst = Y.encodeStateVector(source);
			source.getText('t').insert(5, ' second');
			const onlySecond = Y.encodeStateAsUpdate(source, afterFirst);

			const socket = rawSocket(`${server.wsUrl}/${id}?token=${token}`);
			const frames: Uint8Array[] = [];
			socket.ws.on('message', (data: Buffer) => frames.push(new Uint8Array(data)));
			await socket.opened;
			socket.ws.send(syncFrame(SyncStep.update, onlySecond));
			expect(await socket.closed).toBe(CloseCode.needsResync);
			expect(frames.some((frame) => frame[0] === MessageType.saved)).toBe(false);
			// Nothing of it sits in the stored document, and a full sync then stores both.
			const client = connectClient(server.wsUrl, id, token, source);
			await vi.waitFor(() => expect(client.acks.length).toBeGreaterThan(0));
			client.destroy();
			const stored = new Y.Doc();
			for (const part of await server.services.store.load(id)) Y.applyUpdate(stored, part);
			expect(stored.getText('t').toString()).toBe('first second');
		} finally {
			await server.stop();
		}
	});

	it('a socket that keeps asking for sync is cut off, as is one that floods presence', async () => {
		const server = await startTestServer();
		try {
			const { id, token } = await server.createDoc();
			const asker = rawSocket(`${server.wsUrl}/${id}?token=${token}`);
			await asker.opened;
			for (let i = 0; i < 50; i++) asker.ws.send(syncFrame(SyncStep.step1, new Uint8Array([0])));
			expect(await asker.closed).toBe(CloseCode.rateLimited);

			const chatty = rawSocket(`${server.wsUrl}/${id}?token=${token}`);
			await chatty.opened;
			for (let clock = 1; clock <= 500; clock++) {
				chatty.ws.send(awarenessFrame([{ client: 99, clock, state: { at: clock } }]));
			}
			expect(await chatty.closed).toBe(CloseCode.rateLimited);
		} finally {
			await server.stop();
		}
	});
});
