/**
 * The gate every creating route passes (routes marked `creates`, see `http.ts`): the rate limits
 * per address and per instance, then, for routes that create a document out of nothing, the
 * instance's creation key when `PANORAMA_CREATE_KEY` is set. Routes that create under a document
 * need that document's token already, so the key is asked for only where no token is.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { CreationLimiter, type CreationLimits, type CreationVerdict } from './creation-limit.ts';
import { HttpError, type Route } from './http.ts';

/** The request header that carries the creation key. */
export const CREATE_KEY_HEADER = 'x-panorama-create-key';

export interface CreationGuardOptions {
	limits: CreationLimits;
	/** When set, creating a document needs this key in {@link CREATE_KEY_HEADER}. */
	createKey: string | undefined;
	/** The limiter's clock (tests). */
	now?: () => number;
	/**
	 * The buckets shared by every instance (Redis); undefined from it means it cannot answer, and
	 * this instance's own buckets decide.
	 */
	shared?: (address: string | undefined) => Promise<CreationVerdict | undefined>;
}

export interface CreationGuard {
	/** True when creating a document needs the key; the home page asks for it then. */
	readonly keyRequired: boolean;
	/** Rejects with a 429 or 403 {@link HttpError} when `request` may not create through `route`. */
	check(request: IncomingMessage, route: Route): Promise<void>;
}

/** Constant-time comparison: both sides are hashed first, so lengths leak nothing either. */
export function keyMatches(expected: string, given: string | undefined): boolean {
	if (given === undefined) return false;
	const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
	return timingSafeEqual(digest(expected), digest(given));
}

export function createCreationGuard({
	limits,
	createKey,
	now,
	shared
}: CreationGuardOptions): CreationGuard {
	const limiter = new CreationLimiter(limits, now);
	return {
		keyRequired: createKey !== undefined,
		async check(request, route) {
			if (!route.creates) return;
			// Limits first: a wrong key costs a token too, so keys cannot be guessed at speed.
			const address = request.socket.remoteAddress;
			const verdict = (await shared?.(address)) ?? limiter.take(address);
			if (!verdict.ok) {
				throw new HttpError(
					429,
					'rate-limited',
					verdict.scope === 'address'
						? 'too many creations from this address; try again later'
						: 'too many creations on this server; try again later',
					undefined,
					{ 'retry-after': String(verdict.retryAfterSeconds) }
				);
			}
			if (route.creates === 'document' && createKey !== undefined) {
				const header = request.headers[CREATE_KEY_HEADER];
				if (!keyMatches(createKey, typeof header === 'string' ? header : undefined)) {
					throw new HttpError(403, 'create-key', 'this server needs its creation key to create');
				}
			}
		}
	};
}
