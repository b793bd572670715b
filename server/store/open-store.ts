/** Picks the document store the configuration names: PostgreSQL when a URL is set, else SQLite. */
import { join } from 'node:path';
import type { ServerConfig } from '../config.ts';
import type { DocStore } from './doc-store.ts';
import type { TeamStore } from '../teams/team-store.ts';
import type { ActivityStore } from '../activity/activity-store.ts';
import { openPostgresStore } from './postgres-store.ts';
import { openSqliteStore } from './sqlite-store.ts';

export interface OpenedStore {
	store: DocStore;
	/** A workspace's people, in the same database. */
	teams: TeamStore;
	/** What was done to each account plan, by whom. */
	activity: ActivityStore;
	/** Resolves once the store can serve (PostgreSQL: schema migrated); rejects if it cannot. */
	ready: Promise<void>;
}

export function openDocStore(config: ServerConfig): OpenedStore {
	if (config.databaseUrl) {
		const store = openPostgresStore(config.databaseUrl);
		return { store, teams: store.teams, activity: store.activity, ready: store.ready };
	}
	const store = openSqliteStore(join(config.dataDir, 'panorama.db'), config);
	return { store, teams: store.teams, activity: store.activity, ready: Promise.resolve() };
}
