/** A throwaway `redis-server` on a free port, with nothing saved, for tests of the bus. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface TestRedis {
	url: string;
	child: ChildProcess;
	/** Freezes the process (SIGSTOP): its sockets stay open and nothing is answered. */
	pause(): void;
	/** Thaws it (SIGCONT). */
	resume(): void;
	stop(): Promise<void>;
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

export async function startRedis(): Promise<TestRedis> {
	const port = await freePort();
	const child = spawn(
		'redis-server',
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
		{ stdio: ['ignore', 'pipe', 'pipe'] }
	);
	let printed = '';
	await new Promise<void>((resolve, reject) => {
		child.once('error', reject);
		child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${printed}`)));
		child.stdout!.on('data', (chunk: Buffer) => {
			printed += chunk.toString();
			if (printed.includes('Ready to accept connections')) resolve();
		});
	});
	child.removeAllListeners('exit');
	return {
		url: `redis://127.0.0.1:${port}`,
		child,
		pause: () => void child.kill('SIGSTOP'),
		resume: () => void child.kill('SIGCONT'),
		async stop() {
			if (child.exitCode !== null) return;
			const exited = new Promise((resolve) => child.once('exit', resolve));
			// A frozen process does not act on SIGKILL's wake-up otherwise.
			child.kill('SIGCONT');
			child.kill('SIGKILL');
			await exited;
		}
	};
}
