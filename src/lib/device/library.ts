/**
 * The documents this browser holds, with the capability token for each, in IndexedDB next to
 * the documents themselves (y-indexeddb keeps each Y.Doc in `panorama:<id>`); and, apart, the
 * secrets other links brought (a workshop's join tokens, a projector's, a nomination's), keyed
 * by the link's path. `session/capability` is the one writer of both from a link.
 */
import { Role, type DocKind } from '../domain/documents';

/** One document this person has. */
export interface LibraryEntry {
	id: string;
	kind: DocKind;
	/** Last title seen in the document's `meta` (a copy for the home page, not the truth). */
	title: string;
	token: string;
	role: Role;
	/** Milliseconds since the epoch. */
	addedAt: number;
	lastOpenedAt: number;
}

/** The entry for a document this person just created (or copied, or imported): they own it. */
export function ownerEntry(
	fields: Pick<LibraryEntry, 'id' | 'kind' | 'title' | 'token'>,
	now = Date.now()
): LibraryEntry {
	return { ...fields, role: Role.owner, addedAt: now, lastOpenedAt: now };
}

const DB_NAME = 'panorama-library';
const STORE = 'docs';
const LINKS = 'links';

function request<T>(req: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
}

let opening: Promise<IDBDatabase> | undefined;

function database(): Promise<IDBDatabase> {
	opening ??= new Promise((resolve, reject) => {
		const open = indexedDB.open(DB_NAME, 2);
		open.onupgradeneeded = (event) => {
			if (event.oldVersion < 1) open.result.createObjectStore(STORE, { keyPath: 'id' });
			if (event.oldVersion < 2) open.result.createObjectStore(LINKS, { keyPath: 'path' });
		};
		open.onsuccess = () => {
			// A newer version of the app, in another tab, upgrades the library: let it, reopen later.
			open.result.onversionchange = () => {
				open.result.close();
				opening = undefined;
			};
			resolve(open.result);
		};
		open.onerror = () => {
			opening = undefined;
			reject(open.error);
		};
	});
	return opening;
}

async function store(mode: IDBTransactionMode, name = STORE): Promise<IDBObjectStore> {
	return (await database()).transaction(name, mode).objectStore(name);
}

/** Every entry, most recently opened first. */
export async function listDocuments(): Promise<LibraryEntry[]> {
	const all = await request((await store('readonly')).getAll() as IDBRequest<LibraryEntry[]>);
	return all.sort((a, b) => b.lastOpenedAt - a.lastOpenedAt);
}

export async function getDocument(id: string): Promise<LibraryEntry | undefined> {
	return request((await store('readonly')).get(id) as IDBRequest<LibraryEntry | undefined>);
}

/** Adds or replaces an entry. */
export async function putDocument(entry: LibraryEntry): Promise<void> {
	await request((await store('readwrite')).put(entry));
}

/** Changes some fields of an entry; does nothing for an unknown id. */
export async function updateDocument(
	id: string,
	patch: Partial<Omit<LibraryEntry, 'id'>>
): Promise<void> {
	const entry = await getDocument(id);
	if (entry) await putDocument({ ...entry, ...patch });
}

/** Forgets a document on this device: its entry, its token and its local copy. */
export async function removeDocument(id: string): Promise<void> {
	await request((await store('readwrite')).delete(id));
	const deletion = indexedDB.deleteDatabase(`panorama:${id}`);
	// A tab that still has the document open delays the deletion until it closes it; do not wait.
	await new Promise<void>((resolve, reject) => {
		deletion.onsuccess = () => resolve();
		deletion.onblocked = () => resolve();
		deletion.onerror = () => reject(deletion.error);
	});
}

/** What a link that opens no library document left on this device. */
export interface KeptLink {
	/** The link's path, e.g. `/w/<journey>`: one secret per page. */
	path: string;
	/** The link's fragment as it came: a token, or tokens the page knows how to split. */
	secret: string;
	/** Milliseconds since the epoch. */
	keptAt: number;
}

/** Keeps the secret a link to `path` brought, replacing an earlier one. */
export async function keepLink(path: string, secret: string, now = Date.now()): Promise<void> {
	const link: KeptLink = { path, secret, keptAt: now };
	await request((await store('readwrite', LINKS)).put(link));
}

/** The secret kept for `path`, if a link to it was opened here. */
export async function keptLink(path: string): Promise<string | undefined> {
	const link = (await request((await store('readonly', LINKS)).get(path))) as KeptLink | undefined;
	return link?.secret;
}
