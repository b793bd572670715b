/**
 * Where a document gets opened. A `DocSession` is one open document: its synced Y.Doc (IndexedDB
 * + relay), save status, presence, meta, the per-person undo its kind allows, and its kind's
 * reactive view (`model/kinds`), all released by `destroy()`. Pages and components never call
 * `openSyncedDoc` themselves: they hold a session through {@link openSession}, which opens it for
 * as long as the component lives and reopens it when what it names changes.
 */
import { untrack } from 'svelte';
import { canWrite, Role } from '../domain/documents';
import { KINDS, type OpenableKind, type ViewOf } from '../model/kinds';
import { initMeta } from '../model/meta';
import { MetaView } from '../model/meta-view.svelte';
import { createUndoManager } from '../model/undo';
import { UndoView } from '../model/undo-view.svelte';
import { PresenceView } from './presence.svelte';
import { openSyncedDoc, type SyncedDoc } from '../transport/synced-doc';
import { SyncedDocView } from '../transport/synced-doc-view.svelte';
import { claimsOf, relayUrl } from './tokens';
import { exposeForTests, type TestHandle } from './test-hooks';

export interface DocSessionOptions<K extends OpenableKind> {
	docId: string;
	kind: K;
	token: string;
	/** What the token lets this device do; read from the token when not given. */
	role?: Role;
	/**
	 * For a document this person just created: the meta it starts with, written once it has
	 * synced (nobody else has it yet, so nothing is overwritten).
	 */
	created?: { title: string; createdAt: number };
	/** Unseals a sealed kind's view (a review draft's key). Never leaves this device. */
	key?: string;
	/** What to wait for before the view is made; by default the local copy (IndexedDB). */
	ready?: (synced: SyncedDoc) => Promise<void>;
	/** Hands the connection to end-to-end tests (in the e2e build only). */
	testHandle?: TestHandle;
	/** Relay base URL; the page's own origin by default. */
	relayUrl?: string;
}

export class DocSession<K extends OpenableKind = OpenableKind> {
	readonly docId: string;
	readonly kind: K;
	readonly role: Role;
	readonly writable: boolean;
	readonly synced: SyncedDoc;
	/** Save status for the status chip. */
	readonly status: SyncedDocView;
	readonly presence: PresenceView;
	readonly meta: MetaView;
	/** This person's undo over what their kind lets them take back; undefined where none. */
	readonly undo: UndoView | undefined;
	/** The current token (an owner may rotate it). */
	token = $state('');
	#view = $state<ViewOf<K>>();
	#destroyed = false;

	constructor(options: DocSessionOptions<K>) {
		const { docId, kind, token } = options;
		const role = options.role ?? claimsOf(token)?.role ?? Role.viewer;
		this.docId = docId;
		this.kind = kind;
		this.role = role;
		this.token = token;
		this.writable = canWrite(role);
		const synced = openSyncedDoc({
			docId,
			token,
			relayUrl: options.relayUrl ?? relayUrl(location)
		});
		this.synced = synced;
		this.status = new SyncedDocView(synced);
		this.presence = new PresenceView(synced.provider.awareness);
		this.meta = new MetaView(synced.doc);
		const spec = KINDS[kind];
		this.undo =
			'undo' in spec && this.writable
				? new UndoView(createUndoManager(synced.doc, spec.undo))
				: undefined;
		const created = options.created;
		if (created) synced.provider.once('sync', () => initMeta(synced.doc, { kind, ...created }));
		if (options.testHandle) exposeForTests(options.testHandle, synced);
		// The view starts from the local copy in one pass, not update by update.
		const ready = options.ready?.(synced) ?? synced.loaded;
		void Promise.all([ready, spec.view()]).then(([, make]) => {
			if (this.#destroyed) return;
			this.#view = (make as (doc: typeof synced.doc, key?: string) => ViewOf<K>)(
				synced.doc,
				options.key
			);
		});
	}

	get doc() {
		return this.synced.doc;
	}

	/** The kind's view once loaded (a chunk of its own), else undefined. */
	get view(): ViewOf<K> | undefined {
		return this.#view;
	}

	/** Continues with a new token after the owner rotated the links. */
	setToken(token: string): void {
		this.token = token;
		this.synced.setToken(token);
	}

	destroy(): void {
		this.#destroyed = true;
		this.undo?.destroy();
		const view = this.#view as { destroy?: () => void } | undefined;
		view?.destroy?.();
		this.#view = undefined;
		this.synced.destroy();
	}
}

/** Narrows a session to kind `K` when it is one. */
export function isKind<K extends OpenableKind>(
	session: DocSession | undefined,
	kind: K
): session is DocSession<K> {
	return session?.kind === kind;
}

/** A session held by a component: `current` is undefined until open and after close. */
export interface HeldSession<K extends OpenableKind> {
	readonly current: DocSession<K> | undefined;
}

/**
 * Opens the document `options()` names for as long as the calling component lives, and again
 * whenever that changes (undefined: nothing to open yet). Call during component initialisation.
 */
export function openSession<K extends OpenableKind>(
	options: () => DocSessionOptions<K> | undefined
): HeldSession<K> {
	let current = $state<DocSession<K>>();
	$effect(() => {
		const wanted = options();
		if (!wanted) return;
		// Opening reads nothing reactive: only `options()` decides when to reopen.
		const session = untrack(() => new DocSession(wanted));
		current = session;
		return () => {
			session.destroy();
			current = undefined;
		};
	});
	return {
		get current() {
			return current;
		}
	};
}
