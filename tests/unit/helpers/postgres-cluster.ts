/**
 * A throwaway PostgreSQL cluster: `initdb` into a temporary folder, started on a free port, removed
 * at the end. Needs the server binaries (Debian's `postgresql`); without them it fails with an
 * install hint rather than letting PostgreSQL tests pass unrun. No vitest import: the global setup
 * runs it in vitest's main process.
 */
import { execFile, execFileSync } from 'node:child_process';
import {
	chmodSync,
	chownSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	rmSync
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export interface PostgresCluster {
	port: number;
	/** `postgres://postgres@127.0.0.1:port/<database>` (trust authentication). */
	url(database?: string): string;
	/** Creates an empty database and answers its URL. */
	createDatabase(prefix?: string): Promise<string>;
	/** `pg_ctl stop -m fast`: every connection is cut. */
	stopServer(): Promise<void>;
	/** Starts the stopped server again on the same port and data. */
	startServer(): Promise<void>;
	/** Stops the server and removes its folder. */
	remove(): Promise<void>;
}

/** The folder holding `initdb` and `pg_ctl`: PANORAMA_PG_BIN, or the newest Debian install. */
function binaries(): string {
	const configured = process.env.PANORAMA_PG_BIN;
	if (configured) return configured;
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root)
		? readdirSync(root)
				.filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (versions.length === 0) {
		throw new Error(
			'PostgreSQL server binaries not found (no /usr/lib/postgresql/*/bin/initdb). The store ' +
				'tests run against a real PostgreSQL: install it with `apt-get install -y postgresql` ' +
				'(Debian 12 has version 15), or set PANORAMA_PG_BIN to the folder holding initdb and pg_ctl.'
		);
	}
	return join(root, versions[0]!, 'bin');
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

/** initdb refuses root: as root, the cluster runs as the `postgres` user. */
const asRoot = process.getuid?.() === 0;

function owner(): { uid: number; gid: number } | undefined {
	if (!asRoot) return undefined;
	const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
	return { uid: id('-u'), gid: id('-g') };
}

function command(bin: string, tool: string, args: string[]): [string, string[]] {
	return asRoot
		? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]]
		: [join(bin, tool), args];
}

let databases = 0;

/** Creates an empty database in the cluster at `adminUrl` and answers its URL. */
export async function createDatabase(adminUrl: string, prefix = 'test'): Promise<string> {
	const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${databases++}`;
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	try {
		await admin.query(`CREATE DATABASE ${name}`);
	} finally {
		await admin.end();
	}
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return url.toString();
}

export async function startPostgresCluster(): Promise<PostgresCluster> {
	const bin = binaries();
	const base = mkdtempSync(join(tmpdir(), 'panorama-pg-'));
	// The postgres user must reach the folders inside without reading the temp folder's listing.
	chmodSync(base, 0o711);
	const data = join(base, 'data');
	const sockets = join(base, 'run');
	const user = owner();
	for (const dir of [data, sockets]) {
		mkdirSync(dir, { mode: 0o700 });
		if (user) chownSync(dir, user.uid, user.gid);
	}
	const logFile = join(sockets, 'server.log');
	const port = await freePort();
	const pgCtl = async (args: string[]) => {
		const [file, argv] = command(bin, 'pg_ctl', ['-D', data, ...args]);
		await run(file, argv);
	};
	const serverOptions = `-p ${port} -k ${sockets} -c listen_addresses=127.0.0.1 -c max_connections=300`;

	const [initFile, initArgs] = command(bin, 'initdb', [
		'-D',
		data,
		'-A',
		'trust',
		'-U',
		'postgres',
		'--no-sync',
		'-E',
		'UTF8'
	]);
	await run(initFile, initArgs);
	const start = () => pgCtl(['-l', logFile, '-w', '-o', serverOptions, 'start']);
	await start();

	let removed = false;
	// A run cut short (Ctrl-C, a crash) still stops the server it started.
	const onExit = () => {
		if (removed) return;
		try {
			const [file, argv] = command(bin, 'pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
			execFileSync(file, argv, { stdio: 'ignore' });
		} catch {
			// reason: best effort on the way out; the folder goes either way.
		}
		rmSync(base, { recursive: true, force: true });
	};
	process.once('exit', onExit);

	const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
	return {
		port,
		url,
		createDatabase: (prefix) => createDatabase(url(), prefix),
		stopServer: () => pgCtl(['-m', 'fast', '-w', 'stop']),
		startServer: start,
		async remove() {
			if (removed) return;
			await pgCtl(['-m', 'immediate', 'stop']).catch(() => {});
			removed = true;
			process.removeListener('exit', onExit);
			rmSync(base, { recursive: true, force: true });
		}
	};
}
