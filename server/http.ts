/** HTTP plumbing shared by the API's route files: typed errors with a reason, JSON in and out. */
import type { IncomingMessage, ServerResponse } from 'node:http';

const MAX_BODY_BYTES = 64 * 1024;

/** One API endpoint: `run` answers `[status, body]` or throws an {@link HttpError}. */
export interface Route {
	method: string;
	pattern: RegExp;
	run(request: IncomingMessage, params: string[]): Promise<[number, unknown]>;
}

/** An expected failure: `reason` is a stable code the UI translates. */
export class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly reason: string,
		message: string,
		/** Sent along when set, e.g. every problem found in a refused submission. */
		readonly details?: unknown
	) {
		super(message);
	}
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
	const text = JSON.stringify(body);
	response.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'cache-control': 'no-store',
		'content-length': Buffer.byteLength(text)
	});
	response.end(text);
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
