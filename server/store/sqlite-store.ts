/**
 * The default store: one SQLite file in WAL mode with `synchronous=FULL`, run on its own thread
 * (`sqlite-worker.js`), so `append` resolves once the transaction is on disk without the relay's
 * event loop ever waiting for an fsync. It checks itself before it opens: see `integrity.js`.
 */
import { Worker } from 'node:worker_threads';
import { isDocKind } from '../../src/lib/domain/documents.ts';
import { log } from '../log.ts';
import type { DocRecord, DocStore, PendingUpdate } from './doc-store.ts';
import { verifyDatabase } from './integrity.js';
import type { TeamStore } from '../teams/team-store.ts';
import type { ActivityStore } from '../activity/activity-store.ts';

interface Reply {
	id: number;
	result?: unknown;
	error?: string;
}

export interface SqliteStoreOptions {
	/** Start even when acknowledged changes are missing or the file fails its check (logged). */
	acceptDataLoss?: boolean;
	/** Pages of write-ahead log before SQLite checkpoints it; 0 never does (tests). */
	walAutocheckpoint?: number;
}

/**
 * Opens (creating if needed) the SQLite store at `file`. Throws a `StoreIntegrityError` when the
 * file fails SQLite's quick_check or has lost changes that were acknowledged, unless
 * `acceptDataLoss`.
 */
export function openSqliteStore(
	file: string,
	options: SqliteStoreOptions = {}
): DocStore & { teams: TeamStore; activity: ActivityStore } {
	verifyDatabase(file, {
		name: 'document store',
		acceptDataLoss: options.acceptDataLoss,
		warn: (message) => log.error(message)
	});
	const worker = new Worker(new URL('./sqlite-worker.js', import.meta.url), {
		workerData: { file, options: { walAutocheckpoint: options.walAutocheckpoint } },
		// Plain JavaScript: no TypeScript loader needed in the thread.
		execArgv: [],
		// The thread only passes small buffers through; a small young generation keeps its memory
		// from staying tens of megabytes above idle after a burst.
		resourceLimits: { maxYoungGenerationSizeMb: 4 }
	});
	const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
	let nextId = 0;
	let failure: Error | undefined;

	worker.on('message', ({ id, result, error }: Reply) => {
		const request = pending.get(id);
		if (!request) return;
		pending.delete(id);
		if (error === undefined) request.resolve(result);
		else request.reject(new Error(error));
	});
	worker.on('error', (error) => {
		failure = error;
		for (const request of pending.values()) request.reject(error);
		pending.clear();
	});

	function call<T>(op: string, ...args: unknown[]): Promise<T> {
		return callTransferring(op, args, []);
	}

	function callTransferring<T>(op: string, args: unknown[], transfer: ArrayBuffer[]): Promise<T> {
		if (failure) return Promise.reject(failure);
		return new Promise<T>((resolve, reject) => {
			const id = nextId++;
			pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
			worker.postMessage({ id, op, args }, transfer);
		});
	}

	/**
	 * A batch goes to the thread as one buffer it takes over, not as an object per update: cloning
	 * each update and its wrapper cost the relay's thread more than the write itself.
	 */
	function append(updates: readonly PendingUpdate[]): Promise<void> {
		if (updates.length === 0) return Promise.resolve();
		const docIds = new Array<string>(updates.length);
		const ends = new Uint32Array(updates.length);
		let size = 0;
		for (let i = 0; i < updates.length; i++) {
			size += updates[i]!.update.length;
			ends[i] = size;
		}
		const bytes = new Uint8Array(size);
		for (let i = 0; i < updates.length; i++) {
			const { docId, update } = updates[i]!;
			docIds[i] = docId;
			bytes.set(update, i === 0 ? 0 : ends[i - 1]);
		}
		return callTransferring('append', [docIds, ends, bytes], [ends.buffer, bytes.buffer]);
	}

	// The thread's operations carry the team store's method names and arguments as they are.
	const team = <K extends keyof TeamStore>(op: K) =>
		((...args: unknown[]) => call(op, ...args)) as TeamStore[K];
	const teams: TeamStore = {
		members: team('members'),
		member: team('member'),
		addMember: team('addMember'),
		changeMember: team('changeMember'),
		touchMember: team('touchMember'),
		addInvitation: team('addInvitation'),
		invitation: team('invitation'),
		invitations: team('invitations'),
		claimInvitation: team('claimInvitation'),
		sectors: team('sectors'),
		addSector: team('addSector'),
		renameSector: team('renameSector'),
		place: team('place'),
		placement: team('placement'),
		placements: team('placements'),
		addRequest: team('addRequest'),
		request: team('request'),
		requests: team('requests'),
		decideRequest: team('decideRequest'),
		revokeRequest: team('revokeRequest')
	};

	const activity: ActivityStore = {
		addActivity: (entries) => call('addActivity', entries),
		activity: (doc, query) => call('activity', doc, query),
		activityPeople: (doc) => call('activityPeople', doc)
	};

	return {
		teams,
		activity,
		create: (record, content) => call('create', record, content),
		async get(docId) {
			const row = await call<DocRecord | undefined>('get', docId);
			return row && isDocKind(row.kind) ? row : undefined;
		},
		async children(parentId) {
			const rows = await call<DocRecord[]>('children', parentId);
			return rows.filter((row) => isDocKind(row.kind));
		},
		bumpTokenEpoch: (docId) => call('bumpTokenEpoch', docId),
		rename: (docId, title) => call('rename', docId, title),
		bumpRoleEpoch: (docId, role) => call('bumpRoleEpoch', docId, role),
		addLink: (link) => call('addLink', link),
		links: (docId) => call('links', docId),
		load: (docId) => call('load', docId),
		append,
		logLength: (docId) => call('logLength', docId),
		compact: (docId, snapshot) => call('compact', docId, snapshot),
		purge: (docId) => call('purge', docId),
		release: () => call('release'),
		async close() {
			await call('close');
			await worker.terminate();
		}
	};
}
