/**
 * Mounts the relay and API on the Vite dev server, so `npm run dev` is one command. The server is
 * loaded through Vite's own module loader when the dev server starts, not imported by
 * `vite.config.ts`: the config (also read by `vite build` and Vitest) stays free of the server's
 * dependencies, and the server's imports of `src/` resolve as the app's own do.
 */
import type { Plugin } from 'vite';

export function panoramaDevServer(): Plugin {
	return {
		name: 'panorama-dev-server',
		apply: 'serve',
		async configureServer(server) {
			// Vitest runs Vite in serve mode too; tests start their own servers.
			if (process.env.VITEST) return;
			const [{ createServices }, { configFromEnv }] = (await Promise.all([
				server.ssrLoadModule('/server/app.ts'),
				server.ssrLoadModule('/server/config.ts')
			])) as [typeof import('./app.ts'), typeof import('./config.ts')];
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
