/**
 * Who is in a document, from y-websocket's awareness: each client shares `{user: {name, color},
 * selection}`. Viewers share presence too. Later views put what a person is on in `selection`.
 */
import { createSubscriber } from 'svelte/reactivity';
import type { Awareness } from 'y-protocols/awareness';
import type { Profile } from '../device/profile.svelte';

export interface Presence {
	clientId: number;
	name: string;
	color: string;
	self: boolean;
	/** What this person has selected (a node id, a touchpoint…), if anything. */
	selection: unknown;
}

export class PresenceView {
	#subscribe: () => void;

	constructor(private readonly awareness: Awareness) {
		this.#subscribe = createSubscriber((update) => {
			awareness.on('change', update);
			return () => awareness.off('change', update);
		});
	}

	/** Everyone present, this person first. */
	get people(): Presence[] {
		this.#subscribe();
		const self = this.awareness.clientID;
		const people: Presence[] = [];
		for (const [clientId, state] of this.awareness.getStates()) {
			const user = (state as { user?: Partial<Profile> }).user;
			if (!user) continue;
			people.push({
				clientId,
				name: typeof user.name === 'string' ? user.name : '',
				color: typeof user.color === 'string' ? user.color : '#000000',
				self: clientId === self,
				selection: (state as { selection?: unknown }).selection ?? null
			});
		}
		return people.sort((a, b) => Number(b.self) - Number(a.self) || a.clientId - b.clientId);
	}

	/** Shares this person's name and colour. */
	announce(user: Profile): void {
		this.awareness.setLocalStateField('user', user);
	}

	/** Shares what this person has selected. */
	select(selection: unknown): void {
		this.awareness.setLocalStateField('selection', selection);
	}
}
