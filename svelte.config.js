import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// SPA: documents live in IndexedDB, so every route renders on the client; the server
		// answers unknown paths with this fallback page.
		adapter: adapter({ fallback: '200.html', strict: true }),
		// Prerendered pages carry this policy in a <meta http-equiv> tag, with the hashes of
		// SvelteKit's inline bootstrap script: no inline script runs unless it is that one. What a
		// meta tag cannot say (frame-ancestors) the server sends as a header (server/security-headers.ts).
		// Styles allow 'unsafe-inline': Svelte writes style attributes and transition styles.
		// connect-src 'self' covers the relay's same-origin ws:/wss: socket.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['none'],
				'form-action': ['self']
			}
		}
	}
};

export default config;
