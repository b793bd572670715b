/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Keeps the app shell on the device, so Panorama opens with no network after one visit; the
 * documents themselves come from IndexedDB. Document data never goes through this cache.
 */
import { build, files, version } from '$service-worker';

const worker = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `panorama-shell-${version}`;
/** The SPA fallback page answers every navigation while offline (absent in dev builds). */
const FALLBACK = '/200.html';
const SHELL = [...build, ...files, ...(build.length > 0 ? [FALLBACK] : [])];
const cached = new Set(SHELL);

worker.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(CACHE)
			.then((cache) => cache.addAll(SHELL))
			.then(() => worker.skipWaiting())
	);
});

worker.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
			.then(() => worker.clients.claim())
	);
});

worker.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== worker.location.origin) return;

	if (request.mode === 'navigate') {
		// Network first, so a new deployment shows at once; the cached shell when offline.
		event.respondWith(
			fetch(request).catch(async () => (await caches.match(FALLBACK)) ?? Response.error())
		);
		return;
	}
	if (cached.has(url.pathname)) {
		event.respondWith(caches.match(request).then((response) => response ?? fetch(request)));
	}
});
