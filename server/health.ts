/**
 * `GET /healthz` for a load balancer: whether the store answers and whether the bus to the other
 * instances is up. 200 when every part present is ready, 503 otherwise.
 */
import type { ServerResponse } from 'node:http';
import type { Bus } from './bus/bus.ts';
import type { DocStore } from './store/doc-store.ts';

/** How long the store may take to answer before it counts as down. */
const STORE_TIMEOUT_MS = 2_000;

export interface Health {
	store: 'ready' | 'down';
	bus: 'ready' | 'down' | 'absent';
}

export async function checkHealth(store: DocStore, bus: Bus | undefined): Promise<Health> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<'down'>((resolve) => {
		timer = setTimeout(() => resolve('down'), STORE_TIMEOUT_MS);
	});
	const answered = store.get('healthz').then(
		() => 'ready' as const,
		() => 'down' as const
	);
	const storeState = await Promise.race([answered, timeout]);
	clearTimeout(timer);
	return { store: storeState, bus: bus ? bus.status : 'absent' };
}

export async function answerHealth(
	response: ServerResponse,
	store: DocStore,
	bus: Bus | undefined
): Promise<void> {
	const health = await checkHealth(store, bus);
	const ok = health.store === 'ready' && health.bus !== 'down';
	const body = JSON.stringify(health);
	response.writeHead(ok ? 200 : 503, {
		'content-type': 'application/json; charset=utf-8',
		'cache-control': 'no-store',
		'content-length': Buffer.byteLength(body)
	});
	response.end(body);
}
