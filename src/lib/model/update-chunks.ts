/**
 * A large Yjs update cut into several smaller ones that, applied in order, give the same document.
 * Opening a big account from a link receives its whole state as one update; integrating it and
 * re-rendering in one go blocks the page for half a second. Applied a piece at a time, with the
 * browser free in between, no single task runs long and the first rows show before the rest.
 *
 * Each piece holds, for every client, the next contiguous run of that client's structs (Yjs needs
 * a client's clocks without gaps); the last piece also carries the delete set. A struct whose
 * origin or parent is another client's struct in a later piece waits in Yjs's pending store until
 * that piece arrives, so any cut is correct; cutting each client's run at the same fraction, and
 * sending small clients first, keeps such waits rare.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** Structs per piece: a few thousand integrate in tens of milliseconds. */
export const STRUCTS_PER_CHUNK = 4_000;

type Struct = Y.Item | Y.GC | Y.Skip;

/**
 * `update` (Yjs update format v1) cut into pieces of about `structsPerChunk` structs each, the
 * last with the deletions. An update that is small, or has gaps (Skip structs), comes back whole.
 */
export function splitUpdate(
	update: Uint8Array,
	structsPerChunk: number = STRUCTS_PER_CHUNK
): Uint8Array[] {
	const { structs, ds } = Y.decodeUpdate(update);
	if (structs.length <= structsPerChunk || structs.some((s) => s instanceof Y.Skip)) {
		return [update];
	}
	const byClient = new Map<number, Struct[]>();
	for (const struct of structs as Struct[]) {
		const list = byClient.get(struct.id.client);
		if (list) list.push(struct);
		else byClient.set(struct.id.client, [struct]);
	}
	const pieces = Math.ceil(structs.length / structsPerChunk);
	const chunks: Uint8Array[] = [];
	for (let piece = 0; piece < pieces; piece++) {
		const runs: Array<[client: number, run: Struct[]]> = [];
		for (const [client, list] of byClient) {
			const [from, to] = cut(list.length, piece, pieces, structsPerChunk);
			if (to > from) runs.push([client, list.slice(from, to)]);
		}
		chunks.push(encodePiece(runs, piece === pieces - 1 ? ds : undefined));
	}
	return chunks;
}

/**
 * Which of a client's `count` structs go in `piece`. A client with few structs (the one who
 * created the document, someone who fixed a typo) goes whole into the first piece: the many
 * structs of others often build on its few, and a struct that waits for a later piece makes Yjs
 * merge its pending store again at every piece.
 */
function cut(count: number, piece: number, pieces: number, perChunk: number): [number, number] {
	if (count <= perChunk / 4) return piece === 0 ? [0, count] : [0, 0];
	return [Math.floor((piece * count) / pieces), Math.floor(((piece + 1) * count) / pieces)];
}

type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];

/** An update with the given runs of structs and delete set (none: empty), as Yjs writes one. */
function encodePiece(runs: Array<[client: number, run: Struct[]]>, ds?: DeleteSet): Uint8Array {
	const encoder = new Y.UpdateEncoderV1();
	encoding.writeVarUint(encoder.restEncoder, runs.length);
	for (const [client, run] of runs) {
		encoding.writeVarUint(encoder.restEncoder, run.length);
		encoder.writeClient(client);
		encoding.writeVarUint(encoder.restEncoder, run[0]!.id.clock);
		for (const struct of run) struct.write(encoder, 0);
	}
	// The delete set, as Yjs's writeDeleteSet writes it (clients in descending order).
	const deletions = ds ? [...ds.clients].sort((a, b) => b[0] - a[0]) : [];
	encoding.writeVarUint(encoder.restEncoder, deletions.length);
	for (const [client, items] of deletions) {
		encoder.resetDsCurVal();
		encoding.writeVarUint(encoder.restEncoder, client);
		encoding.writeVarUint(encoder.restEncoder, items.length);
		for (const item of items) {
			encoder.writeDsClock(item.clock);
			encoder.writeDsLen(item.len);
		}
	}
	return encoder.toUint8Array();
}
