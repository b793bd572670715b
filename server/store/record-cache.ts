/**
 * Keeps document records in memory in front of a store. Every API request and every socket
 * checks a token against its document's record; asking the store each time queues that check
 * behind whatever the store's thread is doing — during a workshop burst, behind the group commit's
 * fsync — which put tens of milliseconds on a note's way to the projector.
 *
 * Records never change except their link epochs and title, and those go through `bumpTokenEpoch`,
 * `bumpRoleEpoch` and `rename` of this wrapper in this process (the same assumption the relay's epoch check makes), so a cached record
 * is current. Unknown ids are not remembered: a document may be created by another caller.
 */
import type { DocRecord, DocStore } from './doc-store.ts';

/** Records kept; past this the memory starts over (a record is ~100 bytes). */
const RECORD_CACHE_SIZE = 100_000;

export function withRecordCache(store: DocStore, limit = RECORD_CACHE_SIZE): DocStore {
	const records = new Map<string, DocRecord>();
	const remember = (record: DocRecord) => {
		if (records.size >= limit) records.clear();
		records.set(record.id, record);
	};
	return {
		load: (docId) => store.load(docId),
		append: (updates) => store.append(updates),
		logLength: (docId) => store.logLength(docId),
		compact: (docId, snapshot) => store.compact(docId, snapshot),
		purge: (docId) => store.purge(docId),
		release: () => store.release(),
		close: () => store.close(),
		children: (parentId) => store.children(parentId),
		addLink: (link) => store.addLink(link),
		links: (docId) => store.links(docId),
		async bumpRoleEpoch(docId, role) {
			const epoch = await store.bumpRoleEpoch(docId, role);
			const cached = records.get(docId);
			if (cached) {
				records.set(docId, { ...cached, roleEpochs: { ...cached.roleEpochs, [role]: epoch } });
			}
			return epoch;
		},
		async create(record, content) {
			await store.create(record, content);
			remember({ ...record });
		},
		async get(docId) {
			const cached = records.get(docId);
			if (cached) return { ...cached };
			const record = await store.get(docId);
			if (record) remember({ ...record });
			return record;
		},
		async rename(docId, title) {
			await store.rename(docId, title);
			const cached = records.get(docId);
			if (cached) records.set(docId, { ...cached, title });
		},
		async bumpTokenEpoch(docId) {
			const epoch = await store.bumpTokenEpoch(docId);
			const cached = records.get(docId);
			if (cached) records.set(docId, { ...cached, tokenEpoch: epoch });
			return epoch;
		}
	};
}
