/** Calls the API of a test server as a client does: JSON in, JSON out, a bearer token if given. */
export interface ApiAnswer {
	status: number;
	body: Record<string, unknown>;
}

export interface CallOptions {
	body?: unknown;
	token?: string;
	/** Defaults to POST with a body, GET without. */
	method?: string;
}

export function apiCaller(baseUrl: () => string) {
	return async function call(path: string, init: CallOptions = {}): Promise<ApiAnswer> {
		const response = await fetch(baseUrl() + path, {
			method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
			headers: {
				'content-type': 'application/json',
				...(init.token ? { authorization: `Bearer ${init.token}` } : {})
			},
			body: init.body === undefined ? undefined : JSON.stringify(init.body)
		});
		return { status: response.status, body: (await response.json()) as Record<string, unknown> };
	};
}
