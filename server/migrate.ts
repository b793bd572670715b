/**
 * `npm run migrate -- --to "$PANORAMA_DATABASE_URL" [--from ./data] [--dry-run]`: copies the data
 * folder's document store (SQLite) into PostgreSQL and verifies every document after the copy.
 * Stop the server first: edits made during the copy would stay behind in SQLite.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { copyToPostgres } from './store/copy-to-postgres.ts';
import { redactedUrl } from './store/postgres-store.ts';

const { values } = parseArgs({
	options: {
		to: { type: 'string' },
		from: { type: 'string', default: process.env.PANORAMA_DATA_DIR || './data' },
		'dry-run': { type: 'boolean', default: false }
	}
});
if (!values.to || !/^postgres(ql)?:\/\//.test(values.to)) {
	console.error('usage: npm run migrate -- --to postgres://… [--from ./data] [--dry-run]');
	process.exit(2);
}
const from = resolve(values.from);
const dryRun = values['dry-run'];
try {
	const result = await copyToPostgres({ from, to: values.to, dryRun, report: console.log });
	const target = redactedUrl(values.to);
	const summary = `${result.documents} documents, ${result.links} links, ${result.bytes} bytes`;
	console.log(
		dryRun
			? `dry run: would copy ${summary} from ${from} to ${target}`
			: `copied ${result.copied} and found ${result.alreadyThere} already there (${summary}) ` +
					`from ${from} to ${target}` +
					(result.reviews ? `, and ${result.reviews.submissions} review submissions.` : '.')
	);
} catch (error) {
	console.error(error instanceof Error ? error.message : String(error));
	process.exit(1);
}
