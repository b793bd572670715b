/**
 * The open document, for the page's whole tree: the page that opens a document provides its
 * session once, and any component under it reads it from context instead of through props.
 */
import { createContext } from 'svelte';
import type { DocSession } from './doc-session.svelte';

interface Held {
	readonly current: DocSession | undefined;
}

const [getHeld, setHeld] = createContext<Held>();

/** Provides the page's session to its tree; call during the page's initialisation. */
export function provideDocSession(held: Held): void {
	setHeld(held);
}

/**
 * The page's open document, read reactively through `.current`; call during a component's
 * initialisation. Components that use it render only while the page's document is open.
 */
export function useDocSession(): { readonly current: DocSession } {
	const held = getHeld();
	return {
		get current() {
			const session = held.current;
			if (!session) throw new Error('useDocSession() is read under a page whose document is open');
			return session;
		}
	};
}
