/** Drives threads of editing clients (`client-worker.ts`) from the benchmark's main thread. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker, WorkerClientSpec } from './client-worker.ts';
import { withTimeout, type DocTarget } from './harness.ts';

const workerFile = join(dirname(fileURLToPath(import.meta.url)), 'client-worker.ts');
// Worker threads of Node 20 do not inherit tsx's module hooks: register them, then load the file.
const bootstrap = `
import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))};
import { pathToFileURL } from 'node:url';
register();
await import(pathToFileURL(${JSON.stringify(workerFile)}).href);
`;

type Reply<T extends FromWorker['type']> = Extract<FromWorker, { type: T }>;

class ClientThread {
	#queue: Array<{ resolve(reply: FromWorker): void; reject(error: Error): void }> = [];
	#failure: Error | undefined;

	constructor(readonly worker: Worker) {
		worker.on('message', (reply: FromWorker) => {
			const waiter = this.#queue.shift();
			if (!waiter) return;
			if (reply.type === 'error') waiter.reject(new Error(`client thread: ${reply.message}`));
			else waiter.resolve(reply);
		});
		const fail = (error: Error) => {
			this.#failure = error;
			for (const waiter of this.#queue.splice(0)) waiter.reject(error);
		};
		worker.on('error', fail);
		worker.on('exit', (code) => fail(new Error(`client thread exited (${code})`)));
	}

	/** Sends one command and waits for its reply (a thread answers its commands in order). */
	request<T extends FromWorker['type']>(
		message: ToWorker,
		expect: T,
		timeoutMs = 120_000
	): Promise<Reply<T>> {
		if (this.#failure) return Promise.reject(this.#failure);
		const reply = new Promise<FromWorker>((resolve, reject) => {
			this.#queue.push({ resolve, reject });
			this.worker.postMessage(message);
		}).then((r) => {
			if (r.type !== expect) throw new Error(`client thread answered ${r.type}, not ${expect}`);
			return r as Reply<T>;
		});
		return withTimeout(reply, timeoutMs, `client thread ${message.type}`);
	}
}

export interface EditSamples {
	/** Edit→remote latencies (ms) of edits sent within the window. */
	latency: number[];
	/** Edit → `saved` latencies (ms) of those edits; empty with the baseline. */
	ackLatency: number[];
	delivered: number;
	disconnects: number;
	/** Worst event-loop delay p99 (ms) and highest utilisation (0..1) among the client threads. */
	loopDelayP99: number;
	utilization: number;
}

/** `count` worker threads of clients; client `j` lives in thread `j % count`. */
export class ClientThreads {
	private constructor(private readonly threads: ClientThread[]) {}

	static async start(count: number): Promise<ClientThreads> {
		const threads = Array.from(
			{ length: count },
			() =>
				new ClientThread(
					new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`))
				)
		);
		return new ClientThreads(threads);
	}

	#all<T extends FromWorker['type']>(message: ToWorker, expect: T, timeoutMs?: number) {
		return Promise.all(this.threads.map((t) => t.request(message, expect, timeoutMs)));
	}

	/** Connects `clientsPerDoc` clients to every target and waits until all have synced. */
	async connect(targets: readonly DocTarget[], clientsPerDoc: number): Promise<void> {
		const perThread: WorkerClientSpec[][] = this.threads.map(() => []);
		let j = 0;
		for (const target of targets) {
			for (let k = 0; k < clientsPerDoc; k++, j++) {
				perThread[j % this.threads.length]!.push({
					target,
					key: `c${k}`,
					peers: clientsPerDoc - 1
				});
			}
		}
		await Promise.all(
			this.threads.map((t, i) =>
				t.request({ type: 'connect', clients: perThread[i]! }, 'connected')
			)
		);
	}

	/** Every client edits once per `periodMs`; with `alignMs`, only on multiples of it (bursts). */
	async startEditing(periodMs: number, alignMs?: number): Promise<void> {
		await this.#all({ type: 'start', periodMs, alignMs }, 'started');
	}

	/** Marks the start of the measured window (resets the threads' loop-delay histograms). */
	async openWindow(): Promise<void> {
		await this.#all({ type: 'window' }, 'window');
	}

	/** Stops editing; resolves with how many deliveries the edits made should cause. */
	async stopEditing(): Promise<number> {
		const replies = await this.#all({ type: 'stop' }, 'stopped');
		return replies.reduce((sum, r) => sum + r.expected, 0);
	}

	async delivered(): Promise<number> {
		const replies = await this.#all({ type: 'progress' }, 'progress');
		return replies.reduce((sum, r) => sum + r.delivered, 0);
	}

	async collect(from: number, to: number): Promise<EditSamples> {
		const replies = await this.#all({ type: 'collect', from, to }, 'collected');
		return {
			latency: replies.flatMap((r) => Array.from(r.latency)),
			ackLatency: replies.flatMap((r) => Array.from(r.ackLatency)),
			delivered: replies.reduce((sum, r) => sum + r.delivered, 0),
			disconnects: replies.reduce((sum, r) => sum + r.disconnects, 0),
			loopDelayP99: Math.max(...replies.map((r) => r.loopDelayP99)),
			utilization: Math.max(...replies.map((r) => r.utilization))
		};
	}

	/** Every client leaves; then the threads end. */
	async close(): Promise<void> {
		await this.#all({ type: 'leave' }, 'left', 30_000).catch(() => {});
		await Promise.all(this.threads.map((t) => t.worker.terminate()));
	}
}
