/** HTTP plumbing shared by the API's route files: typed errors with a reason, JSON in and out. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Endpoint, ResponseOf } from '../src/lib/api/contract.ts';
import { API_CSP } from './security-headers.ts';

const MAX_BODY_BYTES = 64 * 1024;

/** One API endpoint: `run` answers `[status, body]` or throws an {@link HttpError}. */
export interface Route {
	method: string;
	pattern: RegExp;
	/**
	 * Set when the route stores something new, so it takes the creation limits (see
	 * `creation-guard.ts`): `document` creates a document with no token at all (it also takes the
	 * instance's creation key, when one is set); `child` creates under a document whose token the
	 * caller holds (a link, a board, a review's drafts or proposals).
	 */
	creates?: 'document' | 'child';
	run(request: IncomingMessage, params: string[]): Promise<[number, unknown]>;
}

/** One id in a path: what `:name` in a contract path stands for. */
const PATH_ID = '([A-Za-z0-9_-]{1,64})';

/**
 * A route for one endpoint of the API contract (`src/lib/api/contract.ts`): its method and path
 * come from there, and `run` must answer the endpoint's response type, so the server and the
 * browser cannot drift apart without `tsc` saying so.
 */
export function endpointRoute<E extends Endpoint<unknown, unknown>>(
	endpoint: E,
	handler: {
		creates?: Route['creates'];
		run(request: IncomingMessage, params: string[]): Promise<[number, ResponseOf<E>]>;
	}
): Route {
	const source = endpoint.path
		.split(/:[a-z]+/)
		.map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
		.join(PATH_ID);
	return {
		method: endpoint.method,
		pattern: new RegExp(`^${source}$`),
		...(handler.creates ? { creates: handler.creates } : {}),
		run: handler.run
	};
}

/** An expected failure: `reason` is a stable code the UI translates. */
export class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly reason: string,
		message: string,
		/** Sent along when set, e.g. every problem found in a refused submission. */
		readonly details?: unknown,
		/** Extra response headers, e.g. `retry-after`. */
		readonly headers?: Record<string, string>
	) {
		super(message);
	}
}

export function sendJson(
	response: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {}
): void {
	const text = JSON.stringify(body);
	response.writeHead(status, {
		...headers,
		'content-type': 'application/json; charset=utf-8',
		'cache-control': 'no-store',
		'content-security-policy': API_CSP,
		'content-length': Buffer.byteLength(text)
	});
	response.end(text);
}

/** Methods whose body the API reads; each must come as JSON (see {@link requireJson}). */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Refuses a request with a body unless it says `content-type: application/json` (parameters such
 * as `; charset=utf-8` allowed) with a 415. A cross-site page can send `text/plain` without a
 * preflight, and the body used to be parsed whatever its type; JSON forces the preflight, which
 * the API never answers with CORS headers.
 */
export function requireJson(request: IncomingMessage): void {
	if (!BODY_METHODS.has(request.method ?? '')) return;
	const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
	if (type !== 'application/json') {
		throw new HttpError(415, 'json-only', 'send the body as content-type: application/json');
	}
}

export async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of request as AsyncIterable<Buffer>) {
		size += chunk.length;
		if (size > MAX_BODY_BYTES) throw new HttpError(413, 'too-large', 'request body too large');
		chunks.push(chunk);
	}
	const text = Buffer.concat(chunks).toString('utf8');
	if (text === '') return {};
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		throw new HttpError(400, 'bad-json', 'request body is not JSON');
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new HttpError(400, 'bad-json', 'request body must be a JSON object');
	}
	return value as Record<string, unknown>;
}
