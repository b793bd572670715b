// `npm start` serves the existing client build when it is current and builds only when it is not:
// a build is current when this script made it (a test build may carry test hooks) and no source
// file changed since. Pass --force to rebuild anyway.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const BUILD = 'build';
const ENTRY = join(BUILD, '200.html');
const MARKER = join(BUILD, '.production-build.json');
const SOURCES = [
	'src',
	'static',
	'svelte.config.js',
	'vite.config.ts',
	'package-lock.json',
	'package.json'
];
// Generated during the build itself (Paraglide compiles the catalogue), so never newer than it.
const SKIPPED = new Set(['node_modules', '.svelte-kit', 'paraglide']);

/** The newest modification time under `path`, in milliseconds. */
function newestChange(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const entry of readdirSync(path)) {
		if (SKIPPED.has(entry)) continue;
		newest = Math.max(newest, newestChange(join(path, entry)));
	}
	return newest;
}

function reasonToBuild() {
	if (process.argv.includes('--force')) return 'asked to';
	if (!existsSync(ENTRY) || !existsSync(MARKER)) return 'no production build yet';
	let marker;
	try {
		marker = JSON.parse(readFileSync(MARKER, 'utf8'));
	} catch {
		return 'the build marker is unreadable';
	}
	// Another build (the e2e suite's) rewrote the entry page since this script's last build.
	if (marker.entryMtimeMs !== statSync(ENTRY).mtimeMs) return 'the build was replaced';
	const newest = Math.max(...SOURCES.map(newestChange));
	if (newest > marker.builtAtMs) return 'sources changed since the last build';
	return undefined;
}

const reason = reasonToBuild();
if (reason === undefined) {
	console.log('Client build is current; serving it (npm run build:force to rebuild).');
} else {
	console.log(`Building the client: ${reason}.`);
	const startedAt = Date.now();
	execSync('npx vite build', { stdio: 'inherit' });
	writeFileSync(
		MARKER,
		JSON.stringify({ builtAtMs: startedAt, entryMtimeMs: statSync(ENTRY).mtimeMs })
	);
}
