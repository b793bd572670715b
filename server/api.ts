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
import type { CreationGuard } from './creation-guard.ts';
import { endpoints, type IssuedShareLink } from '../src/lib/api/contract.ts';
import { endpointRoute, HttpError, readJson, requireJson, sendJson, type Route } from './http.ts';
import { parseTarget } from './request-target.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Shortest link lifetime, in days: one hour. */
export const MIN_LINK_DAYS = 1 / 24;
/** Longest link lifetime, in days: a year and a day. Links meant for longer simply don't expire. */
export const MAX_LINK_DAYS = 366;

/**
 * A link's `expiresInDays` as sent: undefined (no expiry) or a finite number of days in
 * [{@link MIN_LINK_DAYS}, {@link MAX_LINK_DAYS}]; anything else is a 400 `bad-expiry`.
 */
export function linkExpiryDays(value: unknown): number | undefined {
	if (value === undefined) return undefined;
	if (
		typeof value !== 'number' ||
		!Number.isFinite(value) ||
		value < MIN_LINK_DAYS ||
		value > MAX_LINK_DAYS
	) {
		throw new HttpError(
			400,
			'bad-expiry',
			`expiresInDays must be a number from ${MIN_LINK_DAYS.toFixed(4)} (one hour) to ${MAX_LINK_DAYS}`
		);
	}
	return value;
}

export interface ApiOptions {
	store: DocStore;
	access: Access;
	/** Called after a rotation so open connections with older tokens are closed. */
	onRotate(docId: string): Promise<void>;
	/** Routes of features that live in their own files (workshop, reviews), tried after these. */
	routes?: Route[];
	/** Rate limits and the creation key for routes marked `creates`. */
	guard: CreationGuard;
}

/** Returns a handler that answers `/api/*` requests and returns false for anything else. */
export function createApi({ store, access, onRotate, routes: extra = [], guard }: ApiOptions) {
	const ownerOf = async (request: IncomingMessage, docId: string) =>
		(
			await access.authorize(request, docId, {
				roles: [Role.owner],
				refusal: ['not-owner', 'only the owner can do this']
			})
		).record;

	async function activeLinks(docId: string): Promise<IssuedShareLink[]> {
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
			.flatMap(({ id, role, createdAt, expiresAt }) =>
				role === Role.editor || role === Role.viewer
					? [{ id, role, createdAt, ...(expiresAt === undefined ? {} : { expiresAt }) }]
					: []
			);
	}

	const routes: Route[] = [
		endpointRoute(endpoints.instance, {
			// What the home page needs to know before creating: whether to ask for the key.
			async run() {
				return [200, { createKeyRequired: guard.keyRequired }];
			}
		}),
		endpointRoute(endpoints.createDoc, {
			creates: 'document',
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
		}),
		endpointRoute(endpoints.createLink, {
			creates: 'child',
			async run(request, [docId]) {
				const record = await ownerOf(request, docId!);
				const body = await readJson(request);
				if (body.role !== Role.editor && body.role !== Role.viewer) {
					throw new HttpError(400, 'bad-role', 'role must be "editor" or "viewer"');
				}
				const days = linkExpiryDays(body.expiresInDays);
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
		}),
		endpointRoute(endpoints.listLinks, {
			// The links still working, by role, for the share dialog. Tokens are never stored, so
			// this lists when and for what each was issued, not the links themselves.
			async run(request, [docId]) {
				await ownerOf(request, docId!);
				return [200, { links: await activeLinks(docId!) }];
			}
		}),
		endpointRoute(endpoints.revokeRoleLinks, {
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
		}),
		endpointRoute(endpoints.rotate, {
			async run(request, [docId]) {
				const record = await ownerOf(request, docId!);
				await store.bumpTokenEpoch(record.id);
				await onRotate(record.id);
				return [200, { token: await access.grant(record, Role.owner) }];
			}
		})
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
			if (matching.length === 0) throw new HttpError(404, 'no-endpoint', 'no such endpoint');
			if (!route) {
				throw new HttpError(405, 'method-not-allowed', `use ${matching[0]!.method}`);
			}
			requireJson(request);
			await guard.check(request, route);
			const params = route.pattern.exec(path)!.slice(1);
			const [status, body] = await route.run(request, params);
			sendJson(response, status, body);
		} catch (error) {
			if (error instanceof HttpError) {
				sendJson(
					response,
					error.status,
					{
						error: error.message,
						reason: error.reason,
						...(error.details === undefined ? {} : { details: error.details })
					},
					error.headers
				);
			} else {
				sendJson(response, 500, { error: 'internal error', reason: 'internal' });
				throw error;
			}
		}
		return true;
	};
}
