/**
 * The baseline: `@y/websocket-server`'s stock relay (as its bin does it, without persistence) as a
 * benchmark child process. Documents are named by the URL path: `ws://127.0.0.1:<port>/<name>`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { docs, setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';
import { serveBenchChild } from './child.ts';

const wss = new WebSocketServer({ noServer: true });
const server = createServer((_request, response) => {
	response.writeHead(200, { 'content-type': 'text/plain' }).end('okay');
});
server.on('upgrade', (request, socket, head) => {
	wss.handleUpgrade(request, socket, head, (ws) => {
		const docName = new URL(request.url ?? '/', 'http://relay').pathname.slice(1);
		setupWSConnection(ws, request, { docName, gc: true });
	});
});
await new Promise<void>((resolve, reject) => {
	server.once('error', reject);
	server.listen(0, '127.0.0.1', resolve);
});

serveBenchChild(
	(server.address() as AddressInfo).port,
	() => {
		let conns = 0;
		for (const doc of docs.values()) conns += doc.conns.size;
		return { docs: docs.size, conns };
	},
	async () => {
		for (const ws of wss.clients) ws.terminate();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	}
);
