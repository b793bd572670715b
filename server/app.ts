/** Wires the store, tokens, relay, API and static files into one HTTP server on one port. */
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { createAccess } from './access.ts';
import { createApi } from './api.ts';
import type { Bus } from './bus/bus.ts';
import { withDroppableRecordCache } from './bus/fresh-records.ts';
import { watchRegistryTitle } from './store/registry-title.ts';
import { openRedisBus } from './bus/redis-bus.ts';
import type { ServerConfig } from './config.ts';
import { openSharedLimits } from './bus/shared-limits.ts';
import { createCreationGuard } from './creation-guard.ts';
import { answerHealth } from './health.ts';
import { log } from './log.ts';
import { createRelay, type Relay } from './relay/relay.ts';
import { applySecurityHeaders } from './security-headers.ts';
import { loadSecret } from './secret.ts';
import type { DocStore } from './store/doc-store.ts';
import { withRecordCache } from './store/record-cache.ts';
import { openDocStore } from './store/open-store.ts';
import { createNominationRoutes } from './reviews/nomination-api.ts';
import { createReviewRoutes } from './reviews/review-api.ts';
import { openReviewStore } from './reviews/open-review-store.ts';
import { createTokenIssuer } from './tokens.ts';
import { memberAdmission } from './teams/member-access.ts';
import { teamRoutes } from './teams/team-api.ts';
import { activityRoutes } from './activity/activity-api.ts';
import { createActivityRecorder } from './activity/recorder.ts';
import type { TeamStore } from './teams/team-store.ts';
import { CloseCode } from '../src/lib/transport/protocol.ts';
import { seatAdmission, workshopRoutes } from './workshop-api.ts';
import { createPlanVersions } from './versions/plan-versions.ts';
import { versionRoutes } from './versions/version-api.ts';

export interface PanoramaServices {
	store: DocStore;
	/** Resolves once the store can serve (its schema migrated); the server listens after it. */
	ready: Promise<void>;
	relay: Relay;
	/** The bus to other instances, when `redisUrl` is set. */
	bus: Bus | undefined;
	/** Answers `/healthz` and `/api/*`; returns false for anything else. */
	handle(request: IncomingMessage, response: ServerResponse): Promise<boolean>;
	close(): Promise<void>;
}

/** Parts made elsewhere instead of from the configuration (tests run instances on one store). */
export interface ServiceParts {
	/** A document store shared with other instances; the caller closes it. */
	store?: DocStore;
	/** The team store beside `store` (without it, workspaces have no members on this instance). */
	teams?: TeamStore;
}

/** The relay and API without an HTTP server of their own (the Vite dev server mounts them). */
export function createServices(config: ServerConfig, parts: ServiceParts = {}): PanoramaServices {
	const bus = config.redisUrl ? openRedisBus(config.redisUrl) : undefined;
	const creationLimits = {
		perAddress: { burst: config.createBurst, perMinute: config.createPerMinute },
		instance: { burst: config.instanceCreateBurst, perMinute: config.instanceCreatePerMinute }
	};
	// With several instances, an address's allowance is counted once for all of them.
	const sharedLimits = config.redisUrl
		? openSharedLimits(config.redisUrl, {
				creation: creationLimits,
				connectionsPerMinute: config.connectionsPerMinute
			})
		: undefined;
	const opened = parts.store
		? { store: parts.store, teams: parts.teams, ready: Promise.resolve() }
		: openDocStore(config);
	const teams = opened.teams;
	const activity = 'activity' in opened ? opened.activity : undefined;
	const recorder = activity && createActivityRecorder(activity);
	const shared = opened.store;
	// Another instance may rotate links: its word over the bus drops what this one cached.
	const records = bus ? withDroppableRecordCache(shared) : undefined;
	const store = records?.store ?? withRecordCache(shared);
	const tokens = createTokenIssuer(loadSecret(config.secret, config.dataDir));
	const access = createAccess(store, tokens, teams);
	const reviews = openReviewStore(config);
	const versions = createPlanVersions(store);
	// A submitted review draft is gone: its content is purged and no link opens it again.
	const relay = createRelay({
		store,
		access,
		...config,
		isGone: (docId) => reviews.isSubmitted(docId),
		allowConnection: sharedLimits?.allowConnection,
		// A removed workshop seat's token opens its board no more (read at call time, after wiring).
		admit: (capability) =>
			seatAdmission(relay, capability) ??
			(teams &&
				memberAdmission(teams, capability).then((refused) =>
					refused ? CloseCode.tokenRevoked : undefined
				)),
		bus,
		onRemoteChange: () => records?.drop(),
		onRoomLoaded: (room, record) => {
			versions.watch(room, record);
			watchRegistryTitle(room, record, store);
			recorder?.watch(room, record);
		}
	});
	const onRotate = (docId: string) => relay.revoke(docId);
	const routes = [
		...workshopRoutes({ store, access, relay, sharedGuesses: sharedLimits?.wrongGuesses }),
		...createReviewRoutes({
			store,
			reviews,
			tokens,
			access,
			onRevoke: onRotate,
			onSubmitted: (draftId) => relay.drop(draftId),
			withDoc: (id, fn) => relay.withDoc(id, fn)
		}),
		...createNominationRoutes({ store, reviews, tokens, access }),
		...versionRoutes({ access, versions, withDoc: (id, fn) => relay.withDoc(id, fn) }),
		...(teams ? teamRoutes({ store, teams, tokens, access, relay }) : []),
		...(activity ? activityRoutes({ access, activity, teams }) : [])
	];
	const guard = createCreationGuard({
		limits: creationLimits,
		createKey: config.createKey,
		shared: sharedLimits?.takeCreation
	});
	const api = createApi({ store, access, onRotate, routes, guard });
	return {
		store,
		ready: Promise.all([opened.ready, reviews.ready]).then(() => {}),
		relay,
		bus,
		async handle(request, response) {
			if (request.url === '/healthz') {
				await answerHealth(response, store, bus);
				return true;
			}
			return api(request, response);
		},
		async close() {
			await relay.close();
			// What the closing rooms' last changes recorded, before the store goes.
			await recorder?.flush();
			await bus?.close();
			await sharedLimits?.close();
			if (!parts.store) await store.close();
			await reviews.closeStore();
		}
	};
}

export interface RunningServer {
	/** `http://host:port` */
	url: string;
	port: number;
	services: PanoramaServices;
	close(): Promise<void>;
}

/** Starts the whole server and resolves once it listens. */
export async function startServer(
	config: ServerConfig,
	parts: ServiceParts = {}
): Promise<RunningServer> {
	const services = createServices(config, parts);
	await services.ready.catch(async (error: unknown) => {
		await services.close().catch(() => {});
		throw error;
	});
	const files =
		config.staticDir && existsSync(config.staticDir)
			? sirv(config.staticDir, {
					single: '200.html',
					etag: true,
					setHeaders(response, pathname) {
						response.setHeader(
							'cache-control',
							pathname.startsWith('/_app/immutable/')
								? 'public, max-age=31536000, immutable'
								: 'no-cache'
						);
					}
				})
			: undefined;

	const server = createServer((request, response) => {
		applySecurityHeaders(response);
		// Every request is answered or failed here, never thrown past: the process keeps serving.
		const fail = (error: unknown) => {
			log.error('request failed', error);
			if (!response.headersSent) response.writeHead(500).end();
			else response.destroy();
		};
		services
			.handle(request, response)
			.then((handled) => {
				if (handled) return;
				const notFound = () => void response.writeHead(404).end();
				if (files) files(request, response, notFound);
				else notFound();
			})
			.catch(fail);
	});
	server.on('upgrade', (request, socket, head) => {
		// A reset before the websocket exists would otherwise be an unhandled 'error' event.
		socket.on('error', () => socket.destroy());
		try {
			if (!services.relay.handleUpgrade(request, socket, head)) socket.destroy();
		} catch (error) {
			log.error('an upgrade failed', error);
			socket.destroy();
		}
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(config.port, config.host, resolve);
	});
	const { port } = server.address() as AddressInfo;
	const host = config.host.includes(':') ? `[${config.host}]` : config.host;
	return {
		url: `http://${host}:${port}`,
		port,
		services,
		async close() {
			await services.close();
			const closed = new Promise<void>((resolve) => server.close(() => resolve()));
			server.closeAllConnections();
			await closed;
		}
	};
}
