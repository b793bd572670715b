/**
 * The child side of a benchmark server process: reports its port over the IPC channel, tracks its
 * own peak RSS, and answers `stats` requests from the benchmark (the parent).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

/** Counters a server adds to its stats (rooms loaded, connections…). */
export type Gauges = Record<string, number>;

export interface ServerStats {
	rss: number;
	/** Highest RSS sampled (every 20 ms) since start. */
	peakRss: number;
	heapUsed: number;
	heapTotal: number;
	/** Memory outside the V8 heap that V8 knows of (Buffers, typed arrays…). */
	external: number;
	/** process.cpuUsage(), in microseconds. */
	cpuUser: number;
	cpuSystem: number;
	gauges: Gauges;
}

export type ParentMessage =
	| { type: 'stats'; id: number; gc?: boolean }
	| { type: 'shutdown' }
	/** Starts a CPU profile of the main thread; `profile-stop` writes it to `file`. */
	| { type: 'profile-start'; id: number }
	| { type: 'profile-stop'; id: number; file: string };

export type ChildMessage =
	| { type: 'ready'; port: number; pid: number }
	| { type: 'stats'; id: number; stats: ServerStats }
	| { type: 'profiled'; id: number };

const PEAK_SAMPLE_MS = 20;

export function serveBenchChild(port: number, gauges: () => Gauges, close: () => Promise<void>) {
	const send = process.send?.bind(process);
	if (!send) throw new Error('a benchmark server must be started with an IPC channel');
	const gc = (globalThis as { gc?: () => void }).gc;
	let peakRss = process.memoryUsage.rss();
	setInterval(() => {
		peakRss = Math.max(peakRss, process.memoryUsage.rss());
	}, PEAK_SAMPLE_MS).unref();

	const reply = (message: ChildMessage) => send(message);
	// Profiles of a chosen window (the edits), not of start-up and connecting.
	const profiler = new Session();
	const reportStats = (id: number) => {
		const memory = process.memoryUsage();
		const cpu = process.cpuUsage();
		peakRss = Math.max(peakRss, memory.rss);
		reply({
			type: 'stats',
			id,
			stats: {
				rss: memory.rss,
				peakRss,
				heapUsed: memory.heapUsed,
				heapTotal: memory.heapTotal,
				external: memory.external,
				cpuUser: cpu.user,
				cpuSystem: cpu.system,
				gauges: gauges()
			}
		});
	};
	process.on('message', (message: ParentMessage) => {
		switch (message.type) {
			case 'stats': {
				if (message.gc && gc) {
					void collectGarbage(gc).then(() => reportStats(message.id));
				} else {
					reportStats(message.id);
				}
				return;
			}
			case 'profile-start':
				profiler.connect();
				profiler.post('Profiler.enable', () =>
					profiler.post('Profiler.start', () => reply({ type: 'profiled', id: message.id }))
				);
				return;
			case 'profile-stop':
				profiler.post('Profiler.stop', (error, result) => {
					if (!error) writeFileSync(message.file, JSON.stringify(result.profile));
					profiler.disconnect();
					reply({ type: 'profiled', id: message.id });
				});
				return;
			case 'shutdown':
				close().then(
					() => process.exit(0),
					() => process.exit(1)
				);
				return;
		}
	});
	// The benchmark went away: do not linger.
	process.on('disconnect', () => process.exit(0));
	reply({ type: 'ready', port, pid: process.pid });
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/**
 * Full collections every 500 ms for at least 5.5 s, until RSS has stopped falling for 1.5 s (at
 * most 10 s). V8 shrinks a grown young generation only in a collection that sees a low allocation
 * rate over the last 5 s, and returns freed pages to the OS from a background thread; without this
 * the same process reads 20–30 MB apart depending on when it last allocated much.
 */
async function collectGarbage(gc: () => void): Promise<void> {
	const samples: number[] = [];
	for (let round = 0; round < 20; round++) {
		gc();
		gc();
		await sleep(500);
		samples.push(process.memoryUsage.rss());
		const recent = samples.slice(-4);
		if (round >= 10 && recent[0]! - Math.min(...recent) < 256 * 1024) return;
	}
}
