/**
 * PostgreSQL for the unit suite. The global setup (`postgres-setup.ts`) runs one cluster per
 * vitest run; `testDatabase()` gives a test file an empty database of its own in it. A test that
 * stops or restarts the server starts its own cluster with `startPostgresCluster()`, so it cannot
 * disturb files running in parallel.
 */
import { inject } from 'vitest';
import { createDatabase } from './postgres-cluster.ts';

export { createDatabase, startPostgresCluster, type PostgresCluster } from './postgres-cluster.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		/** Admin URL of the run's PostgreSQL cluster (database `postgres`). */
		postgresUrl: string;
	}
}

/** Creates an empty database in the run's cluster and answers its URL. */
export function testDatabase(prefix = 'test'): Promise<string> {
	return createDatabase(inject('postgresUrl'), prefix);
}
