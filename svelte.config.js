import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// SPA: documents live in IndexedDB, so every route renders on the client; the server
		// answers unknown paths with this fallback page.
		adapter: adapter({ fallback: '200.html', strict: true })
	}
};

export default config;
