/**
 * Who may do what with a document, decided in one place from the server's own registry: its kind,
 * its parent and their link epochs. Nothing a client can write — a field inside a document, a
 * claim it chose — takes part, except the signed token itself.
 *
 * A child document whose kind inherits its parent's links (a workshop board) is checked against
 * the sum of both epochs. Epochs only ever go up, so a bump of either one leaves every earlier
 * token below the sum: rotating a journey revokes its board links and seats with no list of them.
 */
import type { IncomingMessage } from 'node:http';
import {
	DocKind,
	inheritsParentLinks,
	opensByLink,
	type Role
} from '../src/lib/domain/documents.ts';
import { HttpError } from './http.ts';
import type { DocRecord, DocStore } from './store/doc-store.ts';
import { memberDocumentRole } from './teams/member-access.ts';
import type { TeamStore } from './teams/team-store.ts';
import { TokenError, type Capability, type TokenFailure, type TokenIssuer } from './tokens.ts';

/** A verified capability together with the registry's view of its document. */
export interface Granted {
	capability: Capability;
	record: DocRecord;
	/** The link epoch tokens for this document carry now (see the header). */
	epoch: number;
}

export interface Access {
	/** The record and its current link epoch; undefined for an unknown id. */
	resolve(docId: string): Promise<{ record: DocRecord; epoch: number } | undefined>;
	/**
	 * Verifies `token` for `docId`: signature, expiry, document, the registry's kind and the
	 * current epoch. Throws a {@link TokenError}; an unknown document reads as an invalid token,
	 * so a probe learns nothing about which ids exist.
	 */
	check(token: string | null | undefined, docId: string): Promise<Granted>;
	/**
	 * False when a capability verified earlier is no longer current for `found` (the document's
	 * record now): its links were rotated, or its role's links revoked.
	 */
	current(capability: Capability, found: { record: DocRecord; epoch: number } | undefined): boolean;
	/** Signs a token for `record` at its current epochs. */
	grant(
		record: DocRecord,
		role: Role,
		options?: { participant?: string; expiresInDays?: number }
	): Promise<string>;
	/**
	 * The HTTP form of {@link check}: reads the bearer token, answers 404 for an unknown document
	 * (or one of another kind than `kind`), 401 for a bad token and 403 when the role is not in
	 * `roles`.
	 */
	authorize(
		request: IncomingMessage,
		docId: string,
		options: { roles: readonly Role[]; kind?: DocRecord['kind']; refusal?: [string, string] }
	): Promise<Granted>;
}

/** The bearer token of a request, or null. */
export function bearerToken(request: IncomingMessage): string | null {
	const header = request.headers.authorization ?? '';
	return header.startsWith('Bearer ') ? header.slice(7).trim() || null : null;
}

/** The one mapping from a refused token to an HTTP answer. */
export function tokenHttpError(reason: TokenFailure): HttpError {
	return new HttpError(401, `token-${reason}`, `token ${reason}`);
}

/**
 * `teams`, when given, lets a member's credential open the documents of their workspace that
 * their role and sectors allow (`teams/member-access.ts`); without it only links open anything.
 */
export function createAccess(store: DocStore, tokens: TokenIssuer, teams?: TeamStore): Access {
	async function resolve(docId: string) {
		const record = await store.get(docId);
		if (!record) return undefined;
		let epoch = record.tokenEpoch;
		if (record.parent !== undefined && inheritsParentLinks(record.kind)) {
			const parent = await store.get(record.parent);
			// A child whose parent is gone opens for nobody.
			if (!parent) return undefined;
			epoch += parent.tokenEpoch;
		}
		return { record, epoch };
	}

	async function check(token: string | null | undefined, docId: string): Promise<Granted> {
		if (!token) throw new TokenError('missing');
		const found = await resolve(docId);
		if (!found || !opensByLink(found.record.kind)) throw new TokenError('invalid');
		const claimed = await tokens.inspect(token);
		// An invitation only claims a membership (teams/team-api.ts); it opens nothing.
		if (claimed.invitation !== undefined) throw new TokenError('invalid');
		if (claimed.member !== undefined) return checkMember(claimed, found);
		const capability = await tokens.verify(token, docId, found.epoch);
		// Kinds are signed, but a token minted for the wrong kind must still open nothing.
		if (capability.kind !== found.record.kind) throw new TokenError('wrong-document');
		if (!current(capability, found)) throw new TokenError('revoked');
		return { capability, ...found };
	}

	/**
	 * A member's credential names the workspace and the person; the role on `found` is whatever
	 * the team store says now. A document they may not open reads as an invalid token, like an
	 * unknown one: a member learns nothing of other sectors' documents.
	 */
	async function checkMember(
		claimed: Capability,
		found: { record: DocRecord; epoch: number }
	): Promise<Granted> {
		const workspace = await store.get(claimed.docId);
		if (!teams || !workspace || workspace.kind !== DocKind.workspace) {
			throw new TokenError('invalid');
		}
		const role = await memberDocumentRole(
			teams,
			claimed.member!,
			workspace.id,
			found.record.id,
			found.record.kind
		);
		if (role === undefined) throw new TokenError('invalid');
		const capability: Capability = {
			docId: found.record.id,
			kind: found.record.kind,
			role,
			epoch: found.epoch,
			member: claimed.member!,
			workspace: workspace.id
		};
		return { capability, ...found };
	}

	function current(
		capability: Capability,
		found: { record: DocRecord; epoch: number } | undefined
	) {
		// A member's standing is the team store's, re-read by the relay's admission on every
		// revocation (see `memberAdmission`); link rotations are not about them.
		if (capability.member !== undefined) return found !== undefined;
		if (!found || capability.epoch < found.epoch) return false;
		// A workshop seat's token answers to its seat (checked by the workshop API and the relay's
		// `admit`), not to the join link that bought it: rotating the join link (the board's editor
		// role epoch) refuses the link and keeps every seat.
		if (capability.participant !== undefined) return true;
		const roleEpoch = found.record.roleEpochs?.[capability.role] ?? 0;
		return (capability.roleEpoch ?? 0) >= roleEpoch;
	}

	return {
		resolve,
		check,
		current,
		async grant(record, role, options = {}) {
			const found = await resolve(record.id);
			if (!found) throw new HttpError(404, 'not-found', 'no such document');
			return tokens.sign(
				{
					docId: record.id,
					kind: record.kind,
					role,
					epoch: found.epoch,
					roleEpoch: found.record.roleEpochs?.[role] ?? 0,
					...(options.participant ? { participant: options.participant } : {})
				},
				options.expiresInDays
			);
		},
		async authorize(request, docId, { roles, kind, refusal }) {
			const found = await resolve(docId);
			if (!found || (kind !== undefined && found.record.kind !== kind)) {
				throw new HttpError(404, 'not-found', 'no such document');
			}
			let granted: Granted;
			try {
				granted = await check(bearerToken(request), docId);
			} catch (error) {
				if (error instanceof TokenError) throw tokenHttpError(error.reason);
				throw error;
			}
			if (!roles.includes(granted.capability.role)) {
				const [reason, message] = refusal ?? ['not-allowed', 'this link cannot do this'];
				throw new HttpError(403, reason, message);
			}
			return granted;
		}
	};
}
