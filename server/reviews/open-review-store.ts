import { join } from 'node:path';
import { openPostgresReviewStore } from './postgres-review-store.ts';
import type { ReviewStore } from './review-store.ts';
import { openSqliteReviewStore } from './sqlite-review-store.ts';

/** Opens the review store the configuration names: PostgreSQL when a URL is set, else SQLite. */
export function openReviewStore(config: {
	dataDir: string;
	databaseUrl?: string;
	acceptDataLoss?: boolean;
}): ReviewStore & { ready: Promise<void> } {
	if (config.databaseUrl) return openPostgresReviewStore(config.databaseUrl);
	const store = openSqliteReviewStore(join(config.dataDir, 'reviews.db'), config);
	return Object.assign(store, { ready: Promise.resolve() });
}
