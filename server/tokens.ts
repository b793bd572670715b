/**
 * Capability tokens: HS256 JWTs naming one document, a role and the document's link epoch.
 * Rotating a document's links bumps its epoch, so every token minted earlier stops verifying.
 */
import { createSecretKey } from 'node:crypto';
import { SignJWT, errors, jwtVerify } from 'jose';
import { isDocKind, isRole, type DocKind, type Role } from '../src/lib/domain/documents.ts';

const ISSUER = 'panorama';
const ALGORITHM = 'HS256';

/** What a verified token grants. */
export interface Capability {
	docId: string;
	/** Carried so a browser opening a link knows what it opens before the document syncs. */
	kind: DocKind;
	role: Role;
	/** The document's link epoch when the token was minted. */
	epoch: number;
	/**
	 * A workshop participant's id, made by the server when they joined; notes and votes are
	 * counted by it, so a participant cannot claim someone else's votes or invent extra voters
	 * by sending another id.
	 */
	participant?: string;
	/**
	 * A workspace member's id: the token is that person's credential for the workspace named by
	 * `docId`. What it opens, and with which role, is read from the team store at every use
	 * (`domain/teams/access.ts`), never from the token: a removal or a role change holds at once.
	 */
	member?: string;
	/**
	 * Set by the server on a member's capability for a document: the workspace their credential
	 * names (never signed into a token; `docId` is then the document).
	 */
	workspace?: string;
	/** An invitation's id: the token claims it once (see `teams/team-api.ts`) and opens nothing. */
	invitation?: string;
	/**
	 * The role's link epoch when the token was minted (see `DocRecord.roleEpochs`); absent means 0.
	 * Lets an owner revoke one role's links and keep the other's.
	 */
	roleEpoch?: number;
}

/** Why a token was refused; each maps to a close code and an HTTP status. */
export type TokenFailure = 'missing' | 'invalid' | 'expired' | 'wrong-document' | 'revoked';

export class TokenError extends Error {
	constructor(readonly reason: TokenFailure) {
		super(`token ${reason}`);
	}
}

export interface TokenIssuer {
	/** Signs a token; `expiresInDays` omitted → no expiry. */
	sign(capability: Capability, expiresInDays?: number): Promise<string>;
	/**
	 * Verifies a token for `docId` against the document's current epoch. Throws a
	 * {@link TokenError} whose reason says what was wrong.
	 */
	verify(
		token: string | null | undefined,
		docId: string,
		currentEpoch: number
	): Promise<Capability>;
	/**
	 * Checks only the signature and expiry and says what the token claims: for a credential that
	 * names something other than the document it is used on (a member's names their workspace).
	 */
	inspect(token: string | null | undefined): Promise<Capability>;
}

/** Verified tokens remembered, so a reconnecting client costs no HMAC. */
const VERIFIED_CACHE_SIZE = 10_000;

/** Creates an issuer with an HMAC secret of at least 32 bytes. */
export function createTokenIssuer(secret: string): TokenIssuer {
	const bytes = new TextEncoder().encode(secret);
	if (bytes.length < 32) throw new Error('the token secret must be at least 32 bytes');
	// A KeyObject is imported once; passing raw bytes would re-import the key on every call.
	const key = createSecretKey(bytes);
	/** Claims of tokens whose signature verified, with their expiry in seconds (if any). */
	const verified = new Map<string, { capability: Capability; exp: number | undefined }>();

	async function verifySignature(token: string) {
		let payload;
		try {
			({ payload } = await jwtVerify(token, key, { issuer: ISSUER, algorithms: [ALGORITHM] }));
		} catch (error) {
			if (error instanceof errors.JWTExpired) throw new TokenError('expired');
			throw new TokenError('invalid');
		}
		const { sub, kind, role, ep, exp, pt, rep, mb, inv } = payload;
		if (typeof sub !== 'string' || !isDocKind(kind) || !isRole(role) || typeof ep !== 'number') {
			throw new TokenError('invalid');
		}
		if (pt !== undefined && typeof pt !== 'string') throw new TokenError('invalid');
		if (rep !== undefined && typeof rep !== 'number') throw new TokenError('invalid');
		if (mb !== undefined && typeof mb !== 'string') throw new TokenError('invalid');
		if (inv !== undefined && typeof inv !== 'string') throw new TokenError('invalid');
		const capability: Capability = { docId: sub, kind, role, epoch: ep };
		if (pt !== undefined) capability.participant = pt;
		if (rep !== undefined) capability.roleEpoch = rep;
		if (mb !== undefined) capability.member = mb;
		if (inv !== undefined) capability.invitation = inv;
		return { capability, exp };
	}

	async function inspect(token: string | null | undefined): Promise<Capability> {
		if (!token) throw new TokenError('missing');
		let entry = verified.get(token);
		if (entry && entry.exp !== undefined && entry.exp * 1000 <= Date.now()) {
			verified.delete(token);
			entry = undefined;
		}
		if (!entry) {
			entry = await verifySignature(token);
			if (verified.size >= VERIFIED_CACHE_SIZE) verified.clear();
			verified.set(token, entry);
		}
		return { ...entry.capability };
	}

	return {
		async sign(
			{ docId, kind, role, epoch, participant, roleEpoch, member, invitation },
			expiresInDays
		) {
			const jwt = new SignJWT({
				kind,
				role,
				ep: epoch,
				...(participant ? { pt: participant } : {}),
				...(member ? { mb: member } : {}),
				...(invitation ? { inv: invitation } : {}),
				...(roleEpoch ? { rep: roleEpoch } : {})
			})
				.setProtectedHeader({ alg: ALGORITHM })
				.setIssuer(ISSUER)
				.setSubject(docId)
				.setIssuedAt();
			// Seconds since the epoch, not a `"…h"` string: jose refuses strings like "2.4e-8h".
			if (expiresInDays !== undefined) {
				jwt.setExpirationTime(Math.floor(Date.now() / 1000) + Math.round(expiresInDays * 86_400));
			}
			return jwt.sign(key);
		},

		async verify(token, docId, currentEpoch) {
			const capability = await inspect(token);
			if (capability.docId !== docId) throw new TokenError('wrong-document');
			if (capability.epoch !== currentEpoch) throw new TokenError('revoked');
			return capability;
		},
		inspect
	};
}
