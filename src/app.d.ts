// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface PageState {
			/** The review cycle's open tab: kept by the router, so a language switch keeps it. */
			reviewTab?: 'setup' | 'dashboard';
		}
	}
	/** True in the end-to-end build only (`vite build --mode e2e`): see `session/test-hooks`. */
	const __PANORAMA_TEST_HOOKS__: boolean;
}

export {};
