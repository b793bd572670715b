/** Reads a `review-cycle` document from the store, as the relay last saved it. */
import * as Y from 'yjs';
import { DocKind } from '../../src/lib/domain/documents.ts';
import type { CycleConfig } from '../../src/lib/domain/review/cycle.ts';
import { readMeta } from '../../src/lib/model/meta.ts';
import {
	readCycleConfig,
	readNominations,
	type CycleNomination
} from '../../src/lib/model/review-cycle.ts';
import type { DocStore } from '../store/doc-store.ts';

export interface LoadedCycle {
	title: string;
	config: CycleConfig;
	nominations: CycleNomination[];
}

/**
 * The cycle's configuration and nominations; undefined when the document is not a started cycle.
 * The store holds exactly what the relay acknowledged as saved, so HR's "saved" chip means the
 * server launches and validates against what HR saw.
 */
export async function loadCycle(
	store: DocStore,
	cycleId: string
): Promise<LoadedCycle | undefined> {
	const record = await store.get(cycleId);
	if (!record || record.kind !== DocKind.reviewCycle) return undefined;
	const doc = new Y.Doc();
	try {
		for (const update of await store.load(cycleId)) Y.applyUpdate(doc, update);
		return cycleFromDoc(doc);
	} finally {
		doc.destroy();
	}
}

/** The cycle held by `doc` (e.g. the relay's live room); undefined when it is not started. */
export function cycleFromDoc(doc: Y.Doc): LoadedCycle | undefined {
	const config = readCycleConfig(doc);
	if (!config) return undefined;
	return { title: readMeta(doc).title, config, nominations: readNominations(doc) };
}
