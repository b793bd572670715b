/** Entry point: `npm start` builds the client, then runs this. */
import { startServer } from './app.ts';
import { configFromEnv } from './config.ts';
import { log } from './log.ts';
import { StoreIntegrityError } from './store/integrity.js';

const config = configFromEnv();
const server = await startServer(config).catch((error: unknown) => {
	// A store that lost acknowledged data refuses to start: say what was found, without a stack.
	if (!(error instanceof StoreIntegrityError)) throw error;
	log.error(error.message);
	process.exit(1);
});
log.info(`listening on ${server.url} (data in ${config.dataDir})`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => {
		if (stopping) process.exit(1);
		stopping = true;
		log.info('stopping: storing pending changes');
		void server.close().then(() => process.exit(0));
	});
}
