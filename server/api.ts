/**
 * The JSON API under `/api/`. Errors answer `{error, reason}`: `error` for people reading logs,
 * `reason` a stable code the UI translates.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as Y from 'yjs';
import { DocKind, MAX_TITLE_LENGTH, Role, isDocKind } from '../src/lib/domain/documents.ts';
import { initMeta } from '../src/lib/model/meta.ts';
import { seedJourney } from './journey-seed.ts';
import type { DocStore } from './store/doc-store.ts';
import { HttpError, readJson, sendJson, type Route } from './http.ts';
import { TokenError, type TokenIssuer } from './tokens.ts';

const MAX_LINK_DAYS = 3650;

export interface ApiOptions {
	store: DocStore;
	tokens: TokenIssuer;
	/** Called after a rotation so open connections with older tokens are closed. */
	onRotate(docId: string, epoch: number): void;
	/** Routes of features that live in their own files (workshop, reviews), tried after these. */
	routes?: Route[];
}

/** Returns a handler that answers `/api/*` requests and returns false for anything else. */
export function createApi({ store, tokens, onRotate, routes: extra = [] }: ApiOptions) {
	async function ownerOf(request: IncomingMessage, docId: string) {
		const record = await store.get(docId);
		if (!record) throw new HttpError(404, 'not-found', 'no such document');
		const header = request.headers.authorization ?? '';
		const token = header.startsWith('Bearer ') ? header.slice(7) : null;
		try {
			const capability = await tokens.verify(token, docId, record.tokenEpoch);
			if (capability.role !== Role.owner) {
				throw new HttpError(403, 'not-owner', 'only the owner can do this');
			}
			return record;
		} catch (error) {
			if (error instanceof TokenError) {
				throw new HttpError(401, `token-${error.reason}`, `token ${error.reason}`);
			}
			throw error;
		}
	}

	const routes: Route[] = [
		{
			method: 'POST',
			pattern: /^\/api\/docs$/,
			async run(request) {
				const body = await readJson(request);
				if (!isDocKind(body.kind)) throw new HttpError(400, 'bad-kind', 'unknown document kind');
				const title = body.title ?? '';
				if (typeof title !== 'string' || title.length > MAX_TITLE_LENGTH) {
					throw new HttpError(
						400,
						'bad-title',
						`title must be a string of at most ${MAX_TITLE_LENGTH}`
					);
				}
				const id = randomBytes(16).toString('base64url');
				const createdAt = Date.now();
				// The document starts with its `meta`, so whoever opens it first (not only its creator,
				// and even if the creator never does) finds its kind and title; a journey also starts
				// with its template.
				const doc = new Y.Doc();
				initMeta(doc, { kind: body.kind, title, createdAt });
				if (body.kind === DocKind.journey) {
					const problem = seedJourney(doc, body.template, body.locale);
					if (problem) throw new HttpError(400, problem, 'unknown template or locale');
				}
				await store.create({ id, kind: body.kind, title, createdAt, tokenEpoch: 0 });
				await store.append([{ docId: id, update: Y.encodeStateAsUpdate(doc) }]);
				doc.destroy();
				const token = await tokens.sign({ docId: id, kind: body.kind, role: Role.owner, epoch: 0 });
				return [201, { id, token }];
			}
		},
		{
			method: 'POST',
			pattern: /^\/api\/docs\/([A-Za-z0-9_-]{1,64})\/links$/,
			async run(request, [docId]) {
				const record = await ownerOf(request, docId!);
				const body = await readJson(request);
				if (body.role !== Role.editor && body.role !== Role.viewer) {
					throw new HttpError(400, 'bad-role', 'role must be "editor" or "viewer"');
				}
				const days = body.expiresInDays;
				if (
					days !== undefined &&
					(typeof days !== 'number' || !(days > 0) || days > MAX_LINK_DAYS)
				) {
					throw new HttpError(400, 'bad-expiry', `expiresInDays must be in (0, ${MAX_LINK_DAYS}]`);
				}
				const token = await tokens.sign(
					{ docId: record.id, kind: record.kind, role: body.role, epoch: record.tokenEpoch },
					days
				);
				return [201, { token }];
			}
		},
		{
			method: 'POST',
			pattern: /^\/api\/docs\/([A-Za-z0-9_-]{1,64})\/rotate$/,
			async run(request, [docId]) {
				const record = await ownerOf(request, docId!);
				const epoch = await store.bumpTokenEpoch(record.id);
				onRotate(record.id, epoch);
				const token = await tokens.sign({
					docId: record.id,
					kind: record.kind,
					role: Role.owner,
					epoch
				});
				return [200, { token }];
			}
		}
	];

	return async function handleApi(request: IncomingMessage, response: ServerResponse) {
		const path = new URL(request.url ?? '/', 'http://api').pathname;
		if (!path.startsWith('/api/')) return false;
		try {
			// One path may answer several methods (a list to GET, an entry to POST).
			const matching = [...routes, ...extra].filter((r) => r.pattern.test(path));
			const route = matching.find((r) => r.method === request.method);
			if (matching.length === 0) throw new HttpError(404, 'not-found', 'no such endpoint');
			if (!route) {
				throw new HttpError(405, 'method-not-allowed', `use ${matching[0]!.method}`);
			}
			const params = route.pattern.exec(path)!.slice(1);
			const [status, body] = await route.run(request, params);
			sendJson(response, status, body);
		} catch (error) {
			if (error instanceof HttpError) {
				sendJson(response, error.status, {
					error: error.message,
					reason: error.reason,
					...(error.details === undefined ? {} : { details: error.details })
				});
			} else {
				sendJson(response, 500, { error: 'internal error', reason: 'internal' });
				throw error;
			}
		}
		return true;
	};
}
