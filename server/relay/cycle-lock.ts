/**
 * A launched review cycle is locked: its questionnaire, weights and thresholds are what raters
 * were asked and what reports are computed with, and its subjects and nominations are whom the
 * server invited. HR's editors (and HR) write the cycle document directly, so once the server has
 * stamped it launched, each update is tried on a scratch copy and refused when it breaks the lock
 * (see `breaksCycleLock`). Before launch nothing is tried: the check reads one key of the room's
 * document. A refused update closes its socket with `cycleLocked`, as facilitator-only state does.
 */
import * as Y from 'yjs';
import { DocKind } from '../../src/lib/domain/documents.ts';
import { breaksCycleLock, lockedCycle } from '../../src/lib/model/review-cycle.ts';

/** True when updates to this room's document must be checked against the lock. */
export function guardsCycleLock(kind: DocKind, doc: Y.Doc): boolean {
	return kind === DocKind.reviewCycle && doc.getMap('cycle').has('launchedAt');
}

/** True when applying `update` to the document whose full state is `state` breaks the lock. */
export function breaksLock(state: Uint8Array, update: Uint8Array): boolean {
	const scratch = new Y.Doc();
	try {
		Y.applyUpdate(scratch, state);
		const before = lockedCycle(scratch);
		Y.applyUpdate(scratch, update);
		return breaksCycleLock(before, lockedCycle(scratch));
	} finally {
		scratch.destroy();
	}
}
