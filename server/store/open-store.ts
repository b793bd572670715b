/** Picks the document store the configuration names: PostgreSQL when a URL is set, else SQLite. */
import { join } from 'node:path';
import type { ServerConfig } from '../config.ts';
import type { DocStore } from './doc-store.ts';
import type { TeamStore } from '../teams/team-store.ts';
import { openPostgresStore } from './postgres-store.ts';
import { openSqliteStore } from './sqlite-store.ts';

export interface OpenedStore {
	store: DocStore;
	/** A workspace's people, in the same database. */
	teams: TeamStore;
	/** Resolves once the store can serve (PostgreSQL: schema migrated); rejects if it cannot. */
	ready: Promise<void>;
}

export function openDocStore(config: ServerConfig): OpenedStore {
	if (config.databaseUrl) {
		const store = openPostgresStore(config.databaseUrl);
		return { store, teams: store.teams, ready: store.ready };
	}
	const store = openSqliteStore(join(config.dataDir, 'panorama.db'), config);
	return { store, teams: store.teams, ready: Promise.resolve() };
}
