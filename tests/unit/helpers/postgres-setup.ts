/**
 * Vitest global setup: one throwaway PostgreSQL cluster for the whole run, its admin URL given to
 * the test files (`inject('postgresUrl')`), removed when the run ends.
 */
import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from './postgres-cluster.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const cluster = await startPostgresCluster();
	project.provide('postgresUrl', cluster.url());
	return () => cluster.remove();
}
