import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type { WebsocketProvider } from 'y-websocket';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeDemoAccount } from '../../src/lib/model/demo-account';
import { splitUpdate } from '../../src/lib/model/update-chunks';
import {
	LARGE_UPDATE_BYTES,
	applyLargeUpdatesInPieces
} from '../../src/lib/transport/large-updates';

/**
 * What the wrapper touches of a WebsocketProvider: its handler table (y-websocket's own sync
 * handler in slot 0), its document, its socket and `synced`.
 */
function standIn() {
	const doc = new Y.Doc();
	const provider = {
		doc,
		ws: {} as object | null,
		synced: false,
		messageHandlers: [] as Array<
			(e: encoding.Encoder, d: decoding.Decoder, p: unknown, s: boolean, t: number) => void
		>
	};
	provider.messageHandlers[0] = (encoder, decoder, _p, emitSynced) => {
		encoding.writeVarUint(encoder, 0);
		const type = syncProtocol.readSyncMessage(decoder, encoder, doc, provider);
		if (emitSynced && type === syncProtocol.messageYjsSyncStep2) provider.synced = true;
	};
	return provider;
}

/** Delivers one sync message as y-websocket's readMessage does. */
function deliver(provider: ReturnType<typeof standIn>, type: number, update: Uint8Array) {
	const message = encoding.createEncoder();
	encoding.writeVarUint(message, type);
	encoding.writeVarUint8Array(message, update);
	const decoder = decoding.createDecoder(encoding.toUint8Array(message));
	provider.messageHandlers[0]!(encoding.createEncoder(), decoder, provider, true, 0);
}

function bigAccount(): Uint8Array {
	const source = new Y.Doc();
	writeDemoAccount(source, { language: 'zh', size: 1_500, bookings: 5_000 });
	const update = Y.encodeStateAsUpdate(source);
	expect(update.length).toBeGreaterThan(LARGE_UPDATE_BYTES);
	return update;
}

/** Resolves once `done()` holds, checking between tasks. */
const until = (done: () => boolean) =>
	new Promise<void>((resolve) => {
		const check = () => (done() ? resolve() : setTimeout(check, 5));
		check();
	});
const settle = (provider: ReturnType<typeof standIn>) => until(() => provider.synced);

describe('large sync messages applied in pieces', () => {
	it('applies a large sync answer piece by piece and counts as synced only once all is in', async () => {
		const provider = standIn();
		const split: Uint8Array[][] = [];
		applyLargeUpdatesInPieces(provider as unknown as WebsocketProvider, async (update) => {
			const pieces = splitUpdate(update, 2_000);
			split.push(pieces);
			return pieces;
		});
		const applied: number[] = [];
		provider.doc.on('update', () => applied.push(provider.doc.getMap('nodes').size));
		const update = bigAccount();
		deliver(provider, syncProtocol.messageYjsSyncStep2, update);
		// Nothing yet: the pieces come in later tasks.
		expect(provider.synced).toBe(false);
		expect(provider.doc.getMap('nodes').size).toBe(0);
		await settle(provider);
		expect(split[0]!.length).toBeGreaterThan(2);
		// One update per piece, the tree growing as they arrive.
		expect(applied.length).toBe(split[0]!.length);
		expect(applied[0]!).toBeLessThan(applied.at(-1)!);
		expect(Y.encodeStateAsUpdate(provider.doc)).toEqual(update);
	});

	it('applies a small update at once, and holds one that arrives during the pieces until after them', async () => {
		const provider = standIn();
		applyLargeUpdatesInPieces(provider as unknown as WebsocketProvider, async (update) =>
			splitUpdate(update, 2_000)
		);
		const small = new Y.Doc();
		small.getMap('meta').set('title', 'first');
		deliver(provider, syncProtocol.messageYjsUpdate, Y.encodeStateAsUpdate(small));
		expect(provider.doc.getMap('meta').get('title')).toBe('first');

		const source = new Y.Doc();
		writeDemoAccount(source, { language: 'zh', size: 1_500, bookings: 5_000 });
		deliver(provider, syncProtocol.messageYjsSyncStep2, Y.encodeStateAsUpdate(source));
		// Someone renames a node the big answer holds: it must not be applied before that node.
		const [id] = [...source.getMap<Y.Map<unknown>>('nodes').keys()];
		const before = Y.encodeStateVector(source);
		source.getMap<Y.Map<unknown>>('nodes').get(id!)!.set('name', 'renamed');
		deliver(provider, syncProtocol.messageYjsUpdate, Y.encodeStateAsUpdate(source, before));
		expect(provider.doc.getMap('nodes').size).toBe(0);
		await settle(provider);
		await new Promise((resolve) => setTimeout(resolve, 10));
		const node = provider.doc.getMap<Y.Map<unknown>>('nodes').get(id!);
		expect(node?.get('name')).toBe('renamed');
		expect(provider.doc.store.pendingStructs).toBeNull();
	});

	it('does not call a connection synced when its socket closed while the pieces were applied', async () => {
		const provider = standIn();
		let release: (() => void) | undefined;
		applyLargeUpdatesInPieces(
			provider as unknown as WebsocketProvider,
			(update) => new Promise((resolve) => (release = () => resolve(splitUpdate(update, 2_000))))
		);
		const update = bigAccount();
		deliver(provider, syncProtocol.messageYjsSyncStep2, update);
		provider.ws = {}; // reconnected: a new socket, whose own sync answer is still to come
		await until(() => release !== undefined);
		release!();
		await until(() => Y.encodeStateAsUpdate(provider.doc).length === update.length);
		await new Promise((resolve) => setTimeout(resolve, 10));
		expect(provider.doc.getMap('nodes').size).toBeGreaterThan(1_000);
		expect(provider.synced).toBe(false);
	});

	it('stops applying when the document closes', async () => {
		const provider = standIn();
		const stop = applyLargeUpdatesInPieces(provider as unknown as WebsocketProvider, async (u) =>
			splitUpdate(u, 2_000)
		);
		deliver(provider, syncProtocol.messageYjsSyncStep2, bigAccount());
		stop();
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(provider.doc.getMap('nodes').size).toBe(0);
		expect(provider.synced).toBe(false);
	});
});
