/**
 * The one door end-to-end tests have into a page: the open document's connection, so a test can
 * cut it the way a train tunnel would or write what a misbehaving client could. Compiled in only
 * when `__PANORAMA_TEST_HOOKS__` is true (the e2e build, `npm run build:e2e`); in any other build
 * the body is dead code and the bundle carries neither the names nor the assignment.
 */
import type { SyncedDoc } from '../transport/synced-doc';

/** Which of the page's documents: the one the page is about, or a workshop's board. */
export type TestHandle = 'doc' | 'board';

/** Hands `synced` to end-to-end tests as `window.panoramaDoc` / `window.panoramaBoard`. */
export function exposeForTests(handle: TestHandle, synced: SyncedDoc): void {
	if (!__PANORAMA_TEST_HOOKS__) return;
	const name = handle === 'doc' ? 'panoramaDoc' : 'panoramaBoard';
	(globalThis as Record<string, unknown>)[name] = synced;
}
