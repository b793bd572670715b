/** Entry point: `npm start` builds the client, then runs this. */
import { startServer } from './app.ts';
import { configFromEnv } from './config.ts';
import { log } from './log.ts';

const config = configFromEnv();
const server = await startServer(config);
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
