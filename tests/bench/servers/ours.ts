/** Our relay (the whole Panorama server without static files) as a benchmark child process. */
import { startServer } from '../../../server/app.ts';
import { configFromEnv } from '../../../server/config.ts';
import { serveBenchChild } from './child.ts';

const server = await startServer({ ...configFromEnv(), port: 0, staticDir: undefined });
serveBenchChild(
	server.port,
	() => ({ loadedRooms: server.services.relay.loadedRooms }),
	() => server.close()
);
