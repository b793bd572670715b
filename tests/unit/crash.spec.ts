/**
 * Durability under kill -9: the server process is killed the moment a client receives a `saved`
 * acknowledgement, while clients keep writing. After each restart, everything any acknowledgement
 * covered must be in the store.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { decodeSaved } from '../../src/lib/transport/protocol.ts';
import { connectClient, type TestClient } from './helpers/relay-harness.ts';

const ROUNDS = 20;
const WRITERS = 3;

const dataDir = mkdtempSync(join(tmpdir(), 'panorama-crash-'));
const children = new Set<ChildProcess>();
/** Everything the server processes printed, to check that no token leaks into logs. */
let output = '';

afterAll(() => {
	for (const child of children) child.kill('SIGKILL');
	rmSync(dataDir, { recursive: true, force: true });
});

/** Starts `server/index.ts` in its own process and resolves with its URL once it listens. */
function startChild(): Promise<{ child: ChildProcess; url: string }> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
		env: {
			...process.env,
			PORT: '0',
			PANORAMA_DATA_DIR: dataDir,
			PANORAMA_STATIC_DIR: join(dataDir, 'no-static'),
			PANORAMA_CONNECTIONS_PER_MINUTE: '100000',
			// Compact often, so kills also land during compactions.
			PANORAMA_COMPACT_AFTER: '40',
			PANORAMA_LOG: ''
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	children.add(child);
	child.on('exit', () => children.delete(child));
	return new Promise((resolve, reject) => {
		const lines = createInterface({ input: child.stdout! });
		lines.on('line', (line) => {
			output += line + '\n';
			const match = /listening on (http:\/\/\S+)/.exec(line);
			if (match) resolve({ child, url: match[1]! });
		});
		child.on('exit', (code) => reject(new Error(`server exited early with ${code}`)));
	});
}

/** Seeded pseudo-random numbers, so a failing round can be replayed. */
function random(seed: number): () => number {
	return () => {
		seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
		return seed / 2 ** 31;
	};
}

it(
	`every acknowledged update survives kill -9, ${ROUNDS} times at random moments under load`,
	{ timeout: 180_000 },
	async () => {
		const next = random(20261127);
		let server = await startChild();
		const created = await fetch(`${server.url}/api/docs`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ kind: 'account', title: 'crash' })
		});
		const { id, token } = (await created.json()) as { id: string; token: string };
		/** The highest clock per client that any acknowledgement has covered, over all rounds. */
		const acknowledged = new Map<number, number>();

		for (let round = 0; round < ROUNDS; round++) {
			const wsUrl = server.url.replace(/^http/, 'ws') + '/sync';
			const writers: TestClient[] = [];
			for (let w = 0; w < WRITERS; w++) writers.push(connectClient(wsUrl, id, token));
			await vi.waitFor(() => expect(writers.every((w) => w.provider.synced)).toBe(true), {
				timeout: 10_000
			});

			const killAfterAcks = 1 + Math.floor(next() * 25);
			let acks = 0;
			const victim = server.child;
			const killed = new Promise<void>((resolve) => victim.once('exit', () => resolve()));
			for (const writer of writers) {
				writer.provider.messageHandlers[100] = (_encoder, decoder) => {
					// Record first, then kill: the record is what the relay promised.
					const stored = Y.decodeStateVector(decodeSaved(decoder.arr).stateVector);
					for (const [client, clock] of stored) {
						acknowledged.set(client, Math.max(acknowledged.get(client) ?? 0, clock));
					}
					if (++acks === killAfterAcks) victim.kill('SIGKILL');
				};
			}
			const load = setInterval(() => {
				for (const writer of writers) {
					writer.doc.getArray<number>('log').push([round]);
					if (next() < 0.3) writer.doc.getText('text').insert(0, 'x');
				}
			}, 1);
			await killed;
			clearInterval(load);
			for (const writer of writers) writer.destroy();

			server = await startChild();
			const reader = connectClient(server.url.replace(/^http/, 'ws') + '/sync', id, token);
			await vi.waitFor(() => expect(reader.provider.synced).toBe(true), { timeout: 10_000 });
			const missing = [...acknowledged].filter(
				([client, clock]) => Y.getState(reader.doc.store, client) < clock
			);
			expect(missing, `round ${round}: acknowledged but lost`).toEqual([]);
			reader.destroy();
		}
		server.child.kill('SIGKILL');
		expect(acknowledged.size).toBeGreaterThanOrEqual(WRITERS);
		expect(output).toContain('listening on');
		expect(output).not.toContain(token);
		expect(output).not.toContain(token.split('.')[2]);
	}
);
