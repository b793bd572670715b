/**
 * The child side of a benchmark server process: reports its port over the IPC channel, tracks its
 * own peak RSS, and answers `stats` requests from the benchmark (the parent).
 */

/** Counters a server adds to its stats (rooms loaded, connections…). */
export type Gauges = Record<string, number>;

export interface ServerStats {
	rss: number;
	/** Highest RSS sampled (every 20 ms) since start or the last `resetPeak`. */
	peakRss: number;
	heapUsed: number;
	/** process.cpuUsage(), in microseconds. */
	cpuUser: number;
	cpuSystem: number;
	gauges: Gauges;
}

export type ParentMessage =
	| { type: 'stats'; id: number; gc?: boolean }
	| { type: 'resetPeak'; id: number }
	| { type: 'shutdown' };

export type ChildMessage =
	| { type: 'ready'; port: number; pid: number }
	| { type: 'stats'; id: number; stats: ServerStats }
	| { type: 'resetPeak'; id: number };

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
	process.on('message', (message: ParentMessage) => {
		switch (message.type) {
			case 'stats': {
				if (message.gc && gc) {
					gc();
					gc();
				}
				const memory = process.memoryUsage();
				const cpu = process.cpuUsage();
				peakRss = Math.max(peakRss, memory.rss);
				reply({
					type: 'stats',
					id: message.id,
					stats: {
						rss: memory.rss,
						peakRss,
						heapUsed: memory.heapUsed,
						cpuUser: cpu.user,
						cpuSystem: cpu.system,
						gauges: gauges()
					}
				});
				return;
			}
			case 'resetPeak':
				peakRss = process.memoryUsage.rss();
				reply({ type: 'resetPeak', id: message.id });
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
