// Makes sure the Debian packages a half of the suite runs against are installed before it starts:
// installs them when missing and running as root, else stops with the one command to run.
//   node tests/ensure-debian-packages.js e2e    Chromium, CJK fonts for screenshots, pdftotext
//   node tests/ensure-debian-packages.js unit   PostgreSQL 15 and Redis, started by the tests themselves
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Per suite: a file each package provides, and the package. */
const NEEDS = {
	e2e: [
		['/usr/bin/chromium', 'chromium'],
		['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', 'fonts-noto-cjk'],
		// pdftotext: the review report's print test reads each page of the PDF Chromium makes.
		['/usr/bin/pdftotext', 'poppler-utils']
	],
	unit: [
		['/usr/lib/postgresql/15/bin/initdb', 'postgresql'],
		['/usr/bin/redis-server', 'redis-server']
	]
};

const suite = process.argv[2];
if (!(suite in NEEDS)) {
	console.error(`Usage: node tests/ensure-debian-packages.js ${Object.keys(NEEDS).join('|')}`);
	process.exit(2);
}
const missing = NEEDS[suite].filter(([file]) => !existsSync(file)).map(([, pkg]) => pkg);
if (missing.length > 0) {
	const install = `apt-get update && apt-get install -y ${missing.join(' ')}`;
	const root = typeof process.getuid === 'function' && process.getuid() === 0;
	if (!root) {
		console.error(
			`The ${suite} tests need ${missing.join(', ')}. Install with:\n  sudo sh -c '${install}'`
		);
		process.exit(1);
	}
	console.log(`Installing ${missing.join(', ')}: ${install}`);
	// Debian starts a packaged service on install; the tests start their own throwaway servers.
	execSync(install, {
		stdio: 'inherit',
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive', RUNLEVEL: '1' }
	});
}
