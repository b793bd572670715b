/**
 * Keeps the registry's title of each loaded document in step with its content (`meta.title`), so
 * a team's listing, which never opens documents, names them as their people last did. A document
 * is created before its creator names it, and renamed at any time after: without this the
 * registry would keep the title it had at creation. Written a moment after the last change, once
 * per burst of typing; a write lost at shutdown is made good the next time the document loads.
 */
import type * as Y from 'yjs';
import { DocKind, MAX_TITLE_LENGTH } from '../../src/lib/domain/documents.ts';
import { metaMap, readMeta } from '../../src/lib/model/meta.ts';
import { log } from '../log.ts';
import type { DocRecord, DocStore } from './doc-store.ts';

const SETTLE_MS = 1000;

/**
 * The kinds people name. Others keep the title the server gave them: a review draft's is its
 * subject's name, a version's its name, and a rater or a board's participant renames nothing.
 */
const NAMED_KINDS: ReadonlySet<string> = new Set([
	DocKind.account,
	DocKind.journey,
	DocKind.reviewCycle,
	DocKind.workspace,
	DocKind.developmentPlan
]);

/** The title as the registry keeps it: a client may write any length into its document. */
const titleOf = (doc: Y.Doc) => readMeta(doc).title.slice(0, MAX_TITLE_LENGTH);

export function watchRegistryTitle(
	room: { readonly id: string; readonly doc: Y.Doc },
	record: DocRecord,
	store: Pick<DocStore, 'rename'>,
	settleMs = SETTLE_MS
): void {
	if (!NAMED_KINDS.has(record.kind)) return;
	/** What the registry holds, as far as this instance knows; undefined after a failed write. */
	let written: string | undefined = record.title;
	let timer: ReturnType<typeof setTimeout> | undefined;

	function write() {
		timer = undefined;
		const title = titleOf(room.doc);
		if (title === written) return;
		written = title;
		store.rename(room.id, title).catch((error: unknown) => {
			written = undefined;
			log.warn(`the title of ${room.id} could not be recorded: ${String(error)}`);
		});
	}
	function settle() {
		if (timer) clearTimeout(timer);
		timer = setTimeout(write, settleMs);
		// A rename waiting to be written never keeps the process alive.
		timer.unref?.();
	}

	if (titleOf(room.doc) !== written) settle();
	metaMap(room.doc).observe((event) => {
		if (event.keysChanged.has('title')) settle();
	});
}
