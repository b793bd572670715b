/**
 * A team's document becomes a library entry opened with the member's credential, so the document
 * page, the relay and every API treat it like any link — and the server decides, at every
 * connection, whether the member may still open it — and the account's record names the member.
 * A link this device already holds that opens the document better (an owner link, where the team
 * gives a manager editing) is kept: the person loses nothing they had before joining.
 */
import { Role } from '../domain/documents';
import type { TeamDocuments } from '../api/contract';
import type { LibraryEntry } from '../device/library';
import { teamClaimsOf } from './tokens';

const RANK: Readonly<Record<string, number>> = {
	[Role.owner]: 3,
	[Role.editor]: 2,
	[Role.viewer]: 1
};

/** The entry to keep for `doc`, or undefined when the one known here should stay as it is. */
export function teamDocumentEntry(
	doc: TeamDocuments['documents'][number],
	credential: string,
	known: LibraryEntry | undefined,
	now = Date.now()
): LibraryEntry | undefined {
	const knownIsLink = known !== undefined && teamClaimsOf(known.token)?.member === undefined;
	if (known && knownIsLink && (RANK[known.role] ?? 0) > (RANK[doc.role] ?? 0)) return undefined;
	return {
		id: doc.id,
		kind: doc.kind,
		title: known?.title || doc.title,
		token: credential,
		role: doc.role,
		addedAt: known?.addedAt ?? now,
		lastOpenedAt: now
	};
}
