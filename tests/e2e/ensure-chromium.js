// Makes sure Debian's Chromium (and CJK fonts for screenshots) is installed before the e2e suite:
// installs it when missing and running as root, else stops with the one command to run.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';
const INSTALL = 'apt-get update && apt-get install -y chromium fonts-noto-cjk';

if (!existsSync(CHROMIUM)) {
	const root = typeof process.getuid === 'function' && process.getuid() === 0;
	if (!root) {
		console.error(
			`The e2e tests need Debian's Chromium at ${CHROMIUM}. Install it with:\n  sudo sh -c '${INSTALL}'`
		);
		process.exit(1);
	}
	console.log(`Installing Chromium: ${INSTALL}`);
	execSync(INSTALL, {
		stdio: 'inherit',
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
	});
}
