import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { panoramaDevServer } from './server/vite-plugin.ts';

export default defineConfig({
	plugins: [sveltekit(), panoramaDevServer()],
	test: {
		include: ['tests/unit/**/*.spec.ts'],
		environment: 'node',
		testTimeout: 30_000,
		hookTimeout: 30_000
	}
});
