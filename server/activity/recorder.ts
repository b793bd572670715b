/**
 * Keeps the activity record of account plans: each loaded account room is watched
 * (`model/account-activity.ts`), and every change is attributed to the connection that delivered
 * it — the member whose credential it holds, or the role of the share link — never to a name the
 * client wrote. What another instance accepted arrives with the REMOTE origin and is recorded there,
 * not here. Entries are written in small batches, a second apart.
 */
import { DocKind } from '../../src/lib/domain/documents.ts';
import { watchAccountActivity } from '../../src/lib/model/account-activity.ts';
import { log } from '../log.ts';
import type { DocRecord } from '../store/doc-store.ts';
import type { ActivityEntry, ActivityStore } from './activity-store.ts';
import type * as Y from 'yjs';

/** How long entries wait to be written together. */
const FLUSH_MS = 1000;
/** Entries waiting at most before they are written without waiting for the second. */
const MAX_PENDING = 2000;

/** What the recorder needs of a room and of the connection that made a change. */
interface WatchedRoom {
	readonly id: string;
	readonly doc: Y.Doc;
}
interface Author {
	capability: { role: string; member?: string };
}

function authorOf(origin: unknown): Author | undefined {
	if (typeof origin !== 'object' || origin === null || !('capability' in origin)) return undefined;
	const { capability } = origin as Author;
	return typeof capability?.role === 'string' ? (origin as Author) : undefined;
}

export interface ActivityRecorder {
	watch(room: WatchedRoom, record: DocRecord): void;
	/** Writes what is waiting (at shutdown, and in tests). */
	flush(): Promise<void>;
}

export function createActivityRecorder(
	store: ActivityStore,
	now: () => number = Date.now
): ActivityRecorder {
	let pending: ActivityEntry[] = [];
	let timer: ReturnType<typeof setTimeout> | undefined;
	let writing: Promise<void> = Promise.resolve();

	function flush(): Promise<void> {
		if (timer) clearTimeout(timer);
		timer = undefined;
		const batch = pending;
		pending = [];
		if (batch.length > 0) {
			writing = writing
				.then(() => store.addActivity(batch))
				.catch((error: unknown) => log.error('the activity record could not be written', error));
		}
		return writing;
	}

	return {
		watch(room, record) {
			if (record.kind !== DocKind.account) return;
			watchAccountActivity(
				room.doc,
				(origin, changes) => {
					const author = authorOf(origin);
					if (!author) return;
					const at = now();
					for (const change of changes) {
						pending.push({
							doc: room.id,
							at,
							...(author.capability.member ? { member: author.capability.member } : {}),
							role: author.capability.role,
							change
						});
					}
					// A burst goes out at once rather than piling up for the second to pass.
					if (pending.length >= MAX_PENDING) void flush();
					else timer ??= setTimeout(() => void flush(), FLUSH_MS);
				},
				(error) =>
					log.warn(`an account change could not be read for the activity record: ${String(error)}`)
			);
		},
		flush
	};
}
