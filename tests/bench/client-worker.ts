/**
 * A thread of benchmark clients for the editing scenarios: stock y-websocket providers that each
 * set their own key of a Y.Map to `{t: send time}` at a fixed rate, and record how long every
 * remote edit took to arrive. Driven by {@link ClientThreads} in `edit-clients.ts`.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { connectMany, now, type BenchClient, type DocTarget } from './harness.ts';

export interface WorkerClientSpec {
	target: DocTarget;
	/** The Y.Map key this client edits (unique per document). */
	key: string;
	/** Other clients in the same document: each edit should reach this many. */
	peers: number;
}

export type ToWorker =
	| { type: 'connect'; clients: WorkerClientSpec[] }
	| {
			type: 'start';
			periodMs: number;
			/** Edits fall on multiples of this (ms) instead of a random phase: bursts, for comparison. */
			alignMs?: number;
	  }
	| { type: 'window' }
	| { type: 'stop' }
	| { type: 'progress' }
	| { type: 'collect'; from: number; to: number }
	| { type: 'leave' };

export type FromWorker =
	| { type: 'connected' }
	| { type: 'started' }
	| { type: 'window' }
	| { type: 'stopped'; expected: number }
	| { type: 'progress'; delivered: number }
	| {
			type: 'collected';
			/** Latencies (ms) of edits sent within [from, to]. */
			latency: Float64Array;
			/** Edit → `saved` acknowledgement (ms) of those edits (our relay only; empty otherwise). */
			ackLatency: Float64Array;
			delivered: number;
			disconnects: number;
			/** Event-loop delay p99 (ms) and utilisation (0..1) of this thread since `window`. */
			loopDelayP99: number;
			utilization: number;
	  }
	| { type: 'left' }
	| { type: 'error'; message: string };

const port = parentPort;
// Every WebsocketProvider adds a process 'exit' listener.
process.setMaxListeners(0);
if (!port) throw new Error('client-worker.ts runs as a worker thread');

let clients: BenchClient[] = [];
let specs: WorkerClientSpec[] = [];
const sentAt: number[] = [];
const latencies: number[] = [];
/** Per client: edits waiting for their acknowledgement, as [frame number, send time]. */
let unacked: Array<Array<[number, number]>> = [];
const ackSentAt: number[] = [];
const ackLatencies: number[] = [];
let delivered = 0;
let expected = 0;
let editing = false;
let seq = 0;
const timers: ReturnType<typeof setTimeout>[] = [];
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
let utilizationStart = performance.eventLoopUtilization();

function observe(client: BenchClient): void {
	const map = client.doc.getMap<{ t: number }>('m');
	map.observe((event) => {
		if (event.transaction.local) return;
		const received = now();
		for (const key of event.keysChanged) {
			const value = map.get(key);
			if (!value) continue;
			delivered++;
			sentAt.push(value.t);
			latencies.push(received - value.t);
		}
	});
}

function edit(index: number): void {
	if (!editing) return;
	const spec = specs[index]!;
	const client = clients[index]!;
	const t = now();
	client.doc.getMap('m').set(spec.key, { t, s: ++seq });
	// The provider sent the update synchronously: it is this socket's frame number sentUpdates.
	unacked[index]!.push([client.sentUpdates, t]);
	expected += spec.peers;
}

async function handle(message: ToWorker): Promise<FromWorker> {
	switch (message.type) {
		case 'connect':
			specs = message.clients;
			clients = await connectMany(
				specs.map((s) => s.target),
				50,
				120_000,
				{ trackSent: true }
			);
			clients.forEach(observe);
			unacked = clients.map(() => []);
			clients.forEach((client, index) => {
				client.onSaved = (stored) => {
					const waiting = unacked[index]!;
					const received = now();
					while (waiting.length > 0 && waiting[0]![0] <= stored) {
						const [, t] = waiting.shift()!;
						ackSentAt.push(t);
						ackLatencies.push(received - t);
					}
				};
			});
			return { type: 'connected' };
		case 'start':
			editing = true;
			clients.forEach((_, index) => {
				// Random phase, so the edits spread over each period (or bunch on the aligned ticks).
				const { periodMs, alignMs } = message;
				let phase = Math.random() * periodMs;
				if (alignMs) phase = Math.floor(phase / alignMs) * alignMs + alignMs - (now() % alignMs);
				timers.push(
					setTimeout(() => {
						edit(index);
						timers.push(setInterval(() => edit(index), periodMs));
					}, phase)
				);
			});
			return { type: 'started' };
		case 'window':
			loopDelay.reset();
			loopDelay.enable();
			utilizationStart = performance.eventLoopUtilization();
			return { type: 'window' };
		case 'stop':
			editing = false;
			for (const timer of timers.splice(0)) clearInterval(timer);
			return { type: 'stopped', expected };
		case 'progress':
			return { type: 'progress', delivered };
		case 'collect': {
			loopDelay.disable();
			const inWindow = latencies.filter(
				(_, i) => sentAt[i]! >= message.from && sentAt[i]! <= message.to
			);
			const acksInWindow = ackLatencies.filter(
				(_, i) => ackSentAt[i]! >= message.from && ackSentAt[i]! <= message.to
			);
			return {
				type: 'collected',
				latency: Float64Array.from(inWindow),
				ackLatency: Float64Array.from(acksInWindow),
				delivered,
				disconnects: clients.reduce((sum, c) => sum + c.disconnects, 0),
				loopDelayP99: loopDelay.count > 0 ? loopDelay.percentile(99) / 1e6 : NaN,
				utilization: performance.eventLoopUtilization(utilizationStart).utilization
			};
		}
		case 'leave':
			editing = false;
			for (const timer of timers.splice(0)) clearInterval(timer);
			for (const client of clients) client.destroy();
			clients = [];
			return { type: 'left' };
	}
}

port.on('message', (message: ToWorker) => {
	handle(message).then(
		(reply) => port.postMessage(reply),
		(error: unknown) =>
			port.postMessage({
				type: 'error',
				message: error instanceof Error ? error.message : String(error)
			} satisfies FromWorker)
	);
});
