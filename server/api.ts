/**
 * The JSON API under `/api/`. Errors answer `{error, reason}`: `error` for people reading logs,
 * `reason` a stable code the UI translates.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as Y from 'yjs';
import { DocKind, MAX_TITLE_LENGTH, Role, isCreatableKind } from '../src/lib/domain/documents.ts';
import { initMeta } from '../src/lib/model/meta.ts';
import type { Access } from './access.ts';
import { seedJourney } from './journey-seed.ts';
import type { DocStore } from './store/doc-store.ts';
import { HttpError, readJson, sendJson, type Route } from './http.ts';
import { parseTarget } from './request-target.ts';

const MAX_LINK_DAYS = 3650;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface ApiOptions {
	store: DocStore;
	access: Access;
	/** Called after a rotation so open connections with older tokens are closed. */
	onRotate(docId: string): Promise<void>;
	/** Routes of features that live in their own files (workshop, reviews), tried after these. */
	routes?: Route[];
}

/** Returns a handler that answers `/api/*` requests and returns false for anything else. */
export function createApi({ store, access, onRotate, routes: extra = [] }: ApiOptions) {
	const ownerOf = async (request: IncomingMessage, docId: string) =>
		(
			await access.authorize(request, docId, {
				roles: [Role.owner],
				refusal: ['not-owner', 'only the owner can do this']
			})
		).record;

	async function activeLinks(docId: string) {
		const now = await access.resolve(docId);
		if (!now) return [];
		const links = await store.links(docId);
		return links
			.filter(
				(link) =>
					link.docEpoch === now.epoch &&
					link.roleEpoch === (now.record.roleEpochs?.[link.role] ?? 0) &&
					(link.expiresAt === undefined || link.expiresAt > Date.now())
			)
			.map(({ id, role, createdAt, expiresAt }) => ({ id, role, createdAt, expiresAt }));
	}

	const routes: Route[] = [
		{
			method: 'POST',
			pattern: /^\/api\/docs$/,
			async run(request) {
				const body = await readJson(request);
				// Boards, drafts and their kin are made by the server for a parent it checked.
				if (!isCreatableKind(body.kind)) {
					throw new HttpError(400, 'bad-kind', 'unknown document kind');
				}
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
				const record = { id, kind: body.kind, title, createdAt, tokenEpoch: 0 };
				await store.create(record);
				await store.append([{ docId: id, update: Y.encodeStateAsUpdate(doc) }]);
				doc.destroy();
				return [201, { id, token: await access.grant(record, Role.owner) }];
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
				const token = await access.grant(record, body.role, { expiresInDays: days });
				const now = await access.resolve(record.id);
				await store.addLink({
					id: randomBytes(9).toString('base64url'),
					docId: record.id,
					role: body.role,
					createdAt: Date.now(),
					...(days === undefined ? {} : { expiresAt: Date.now() + days * DAY_MS }),
					docEpoch: now?.epoch ?? record.tokenEpoch,
					roleEpoch: now?.record.roleEpochs?.[body.role] ?? 0
				});
				return [201, { token }];
			}
		},
		{
			// The links still working, by role, for the share dialog. Tokens are never stored, so
			// this lists when and for what each was issued, not the links themselves.
			method: 'GET',
			pattern: /^\/api\/docs\/([A-Za-z0-9_-]{1,64})\/links$/,
			async run(request, [docId]) {
				await ownerOf(request, docId!);
				return [200, { links: await activeLinks(docId!) }];
			}
		},
		{
			method: 'POST',
			pattern: /^\/api\/docs\/([A-Za-z0-9_-]{1,64})\/links\/revoke$/,
			async run(request, [docId]) {
				const record = await ownerOf(request, docId!);
				const body = await readJson(request);
				if (body.role !== Role.editor && body.role !== Role.viewer) {
					throw new HttpError(400, 'bad-role', 'role must be "editor" or "viewer"');
				}
				await store.bumpRoleEpoch(record.id, body.role);
				await onRotate(record.id);
				return [200, { links: await activeLinks(record.id) }];
			}
		},
		{
			method: 'POST',
			pattern: /^\/api\/docs\/([A-Za-z0-9_-]{1,64})\/rotate$/,
			async run(request, [docId]) {
				const record = await ownerOf(request, docId!);
				await store.bumpTokenEpoch(record.id);
				await onRotate(record.id);
				return [200, { token: await access.grant(record, Role.owner) }];
			}
		}
	];

	return async function handleApi(request: IncomingMessage, response: ServerResponse) {
		const target = parseTarget(request.url);
		if (!target) {
			sendJson(response, 400, { error: 'bad request target', reason: 'bad-target' });
			return true;
		}
		const { path } = target;
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
