// The suite drives pages through test hooks (`src/lib/session/test-hooks.ts`) that only the e2e
// build carries. A production build (`npm run build`) in ./build is replaced by an e2e one here,
// so `npm run build && npx playwright test` still tests what it built, with the hooks in.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = 'build/_app/immutable';

function carriesHooks(dir) {
	if (!existsSync(dir)) return false;
	return readdirSync(dir, { recursive: true }).some(
		(name) => name.endsWith('.js') && readFileSync(join(dir, name), 'utf8').includes('panoramaDoc')
	);
}

if (!carriesHooks(DIR)) {
	console.log('No e2e build in ./build: building one (vite build --mode e2e).');
	execSync('npx vite build --mode e2e', { stdio: 'inherit' });
}
