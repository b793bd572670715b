/**
 * Facilitator-only state inside a shared document: a journey's workshop phase, silent and
 * anonymous modes, lock, timer, focus, voting rules and reveal marks live in the journey map,
 * which its editors also write. Only the owner may change them, so an editor's update is tried on
 * a scratch copy first and refused when it would change any of them.
 *
 * Cost: a scratch copy per update from a non-owner writer of a journey, built from the room's
 * cached full encoding (O(document size) — a journey map is tens of KiB). Owners, other kinds and
 * read-only sockets pay nothing. A refused update closes its socket with a terminal code: the
 * client's later updates would depend on it, so dropping it alone would only loop into resyncs.
 */
import * as Y from 'yjs';
import { DocKind, Role } from '../../src/lib/domain/documents.ts';
import { facilitatorStateKey } from '../../src/lib/model/journey.ts';
import type { Capability } from '../tokens.ts';

/** True when updates from `capability` to a document of `kind` must be checked. */
export function guardsFacilitatorState(kind: DocKind, capability: Capability): boolean {
	return kind === DocKind.journey && capability.role !== Role.owner;
}

/** True when applying `update` to the document whose full state is `state` changes owner-only state. */
export function changesFacilitatorState(state: Uint8Array, update: Uint8Array): boolean {
	const scratch = new Y.Doc();
	try {
		Y.applyUpdate(scratch, state);
		const before = facilitatorStateKey(scratch);
		Y.applyUpdate(scratch, update);
		return facilitatorStateKey(scratch) !== before;
	} finally {
		scratch.destroy();
	}
}
