/** Mounts the relay and API on the Vite dev server, so `npm run dev` is one command. */
import type { Plugin } from 'vite';
import { createServices } from './app.ts';
import { configFromEnv } from './config.ts';

export function panoramaDevServer(): Plugin {
	return {
		name: 'panorama-dev-server',
		apply: 'serve',
		configureServer(server) {
			// Vitest runs Vite in serve mode too; tests start their own servers.
			if (process.env.VITEST) return;
			const services = createServices({ ...configFromEnv(), staticDir: undefined });
			server.middlewares.use((request, response, next) => {
				services.handle(request, response).then((handled) => handled || next(), next);
			});
			server.httpServer?.on('upgrade', (request, socket, head) => {
				// Vite's own HMR socket shares this server; the relay takes only /sync/ paths.
				services.relay.handleUpgrade(request, socket, head);
			});
			server.httpServer?.on('close', () => void services.close());
		}
	};
}
