/** The token secret: from the environment, else generated once into the data folder. */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Returns `configured` if set, else the secret stored in `dataDir`, creating it on first use. */
export function loadSecret(configured: string | undefined, dataDir: string): string {
	if (configured) return configured;
	const file = join(dataDir, 'secret');
	try {
		return readFileSync(file, 'utf8').trim();
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
	}
	mkdirSync(dataDir, { recursive: true });
	const secret = randomBytes(32).toString('base64url');
	// 'wx' fails if another process created it meanwhile; then read theirs.
	try {
		writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
		return secret;
	} catch {
		return readFileSync(file, 'utf8').trim();
	}
}
