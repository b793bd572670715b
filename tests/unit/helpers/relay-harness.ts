/** A real server on port 0 with a temporary data folder, and real y-websocket clients for it. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as authProtocol from 'y-protocols/auth';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { startServer, type RunningServer, type ServiceParts } from '../../../server/app.ts';
import { configFromEnv, type ServerConfig } from '../../../server/config.ts';
import { MessageType, decodeSaved, type SavedAck } from '../../../src/lib/transport/protocol.ts';

process.env.PANORAMA_LOG = 'silent';

export interface TestServer extends RunningServer {
	dataDir: string;
	wsUrl: string;
	createDoc(kind?: string): Promise<{ id: string; token: string }>;
	link(id: string, owner: string, role: string, expiresInDays?: number): Promise<string>;
	rotate(id: string, owner: string): Promise<string>;
	stop(): Promise<void>;
}

/** `parts.store` runs it on a store shared with other instances (see `ServiceParts`). */
export async function startTestServer(
	overrides: Partial<ServerConfig> = {},
	parts: ServiceParts = {}
): Promise<TestServer> {
	const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), 'panorama-test-'));
	const server = await startServer(
		{
			...configFromEnv({}),
			port: 0,
			dataDir,
			staticDir: undefined,
			connectionsPerMinute: 100_000,
			roomIdleMs: 50,
			...overrides
		},
		parts
	);
	const post = async (path: string, body: unknown, token?: string) => {
		const response = await fetch(server.url + path, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				...(token ? { authorization: `Bearer ${token}` } : {})
			},
			body: JSON.stringify(body)
		});
		return { status: response.status, body: (await response.json()) as Record<string, string> };
	};
	return {
		...server,
		dataDir,
		wsUrl: server.url.replace(/^http/, 'ws') + '/sync',
		async createDoc(kind = 'account') {
			const { status, body } = await post('/api/docs', { kind, title: 'test' });
			if (status !== 201) throw new Error(`create failed: ${status}`);
			return { id: body.id!, token: body.token! };
		},
		async link(id, owner, role, expiresInDays) {
			const { status, body } = await post(`/api/docs/${id}/links`, { role, expiresInDays }, owner);
			if (status !== 201) throw new Error(`link failed: ${status}`);
			return body.token!;
		},
		async rotate(id, owner) {
			const { status, body } = await post(`/api/docs/${id}/rotate`, {}, owner);
			if (status !== 200) throw new Error(`rotate failed: ${status}`);
			return body.token!;
		},
		async stop() {
			await server.close();
			if (!overrides.dataDir) rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

export interface TestClient {
	doc: Y.Doc;
	provider: WebsocketProvider;
	/** Every `saved` acknowledgement received, in order. */
	acks: SavedAck[];
	/** Permission-denied reasons received on the auth channel. */
	denials: string[];
	/** Close codes the relay sent. */
	closes: number[];
	destroy(): void;
}

/** A stock y-websocket client (plus recording of Panorama's extra messages). */
export function connectClient(
	wsUrl: string,
	docId: string,
	token: string | undefined,
	doc = new Y.Doc()
): TestClient {
	const provider = new WebsocketProvider(wsUrl, docId, doc, {
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		params: token === undefined ? {} : { token },
		maxBackoffTime: 200
	});
	const acks: SavedAck[] = [];
	const denials: string[] = [];
	const closes: number[] = [];
	provider.messageHandlers[MessageType.saved] = (_encoder, decoder) => {
		acks.push(decodeSaved(new Uint8Array(decoder.arr)));
	};
	provider.messageHandlers[MessageType.auth] = (_encoder, decoder) => {
		authProtocol.readAuthMessage(decoder, doc, (_doc, reason) => denials.push(reason));
	};
	provider.on('connection-close', (event) => {
		if (event) closes.push(event.code);
	});
	return {
		doc,
		provider,
		acks,
		denials,
		closes,
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

/** Encoded Yjs state of `doc`, to compare replicas. */
export function stateOf(doc: Y.Doc): string {
	return Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64');
}
