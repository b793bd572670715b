/**
 * The one way the browser calls the HTTP API: `request(endpoint, …)` answers the endpoint's
 * response type from `contract.ts`, or throws an {@link ApiError} with the server's reason (and
 * its details, e.g. every problem of a refused submission). `reason: 'offline'` means the
 * request never reached the server and may be retried.
 */
import { pathOf, type Endpoint, type RequestOf, type ResponseOf } from './contract';

export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly reason: string,
		/** Sent along by the server for some refusals. */
		readonly details?: unknown
	) {
		super(reason);
	}
}

export interface RequestOptions<E> {
	/** The path's `:name` parts, in order. */
	params?: readonly string[];
	body?: RequestOf<E>;
	/** Sent as the URL's query; unset values are left out. */
	query?: Record<string, string | number | undefined>;
	/** Sent as a bearer token. */
	token?: string;
	headers?: Record<string, string>;
}

export async function request<E extends Endpoint<unknown, unknown>>(
	endpoint: E,
	{ params = [], query = {}, body, token, headers = {} }: RequestOptions<E> = {}
): Promise<ResponseOf<E>> {
	const sendsBody = endpoint.method !== 'GET';
	const search = new URLSearchParams();
	for (const [name, value] of Object.entries(query)) {
		if (value !== undefined) search.set(name, String(value));
	}
	const queryText = search.toString();
	const path = pathOf(endpoint, params) + (queryText ? `?${queryText}` : '');
	let response: Response;
	try {
		response = await fetch(path, {
			method: endpoint.method,
			headers: {
				...headers,
				...(sendsBody ? { 'content-type': 'application/json' } : {}),
				...(token ? { authorization: `Bearer ${token}` } : {})
			},
			body: sendsBody ? JSON.stringify(body ?? {}) : undefined
		});
	} catch {
		throw new ApiError(0, 'offline');
	}
	const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
	if (!response.ok) {
		throw new ApiError(response.status, String(json.reason ?? response.status), json.details);
	}
	return json as ResponseOf<E>;
}
