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
 *
 * The cut works on the bytes: in Yjs's update format v1 every struct is written in one stream,
 * self-contained, so a run of structs is a run of bytes. The update is scanned only to find where
 * each struct starts and how many clock ticks it takes — no struct or content is built — which
 * makes cutting a fraction of the cost of decoding.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** Structs per piece: a few thousand integrate in tens of milliseconds. */
export const STRUCTS_PER_CHUNK = 4_000;

/** One client's structs in the update: where each starts (and the end), and its clock. */
interface ClientStructs {
	client: number;
	/** Byte offset of each struct, then the offset just past the last one. */
	offsets: number[];
	/** Clock of each struct. */
	clocks: number[];
}

/** The update cannot be cut (a gap, or a format this scanner does not know): apply it whole. */
class Uncuttable extends Error {}

/**
 * `update` (Yjs update format v1) cut into pieces of about `structsPerChunk` structs each, the
 * last with the deletions. An update that is small, has gaps (Skip structs) or cannot be read
 * comes back whole.
 */
export function splitUpdate(
	update: Uint8Array,
	structsPerChunk: number = STRUCTS_PER_CHUNK
): Uint8Array[] {
	let scanned: { clients: ClientStructs[]; deleteSetAt: number };
	try {
		scanned = scanUpdate(update);
	} catch {
		// reason: whatever this scan cannot read, Yjs reads (or reports) when given it whole.
		return [update];
	}
	const { clients, deleteSetAt } = scanned;
	const total = clients.reduce((sum, c) => sum + c.clocks.length, 0);
	if (total <= structsPerChunk) return [update];
	// One more piece than the size asks: the first is a quarter of the others (see `cut`).
	const pieces = Math.ceil(total / structsPerChunk) + 1;
	const deleteSet = update.subarray(deleteSetAt);
	const chunks: Uint8Array[] = [];
	for (let piece = 0; piece < pieces; piece++) {
		const encoder = encoding.createEncoder();
		const runs = clients.flatMap((structs) => {
			const [from, to] = cut(structs.clocks.length, piece, pieces, structsPerChunk);
			return to > from ? [{ structs, from, to }] : [];
		});
		encoding.writeVarUint(encoder, runs.length);
		for (const { structs, from, to } of runs) {
			encoding.writeVarUint(encoder, to - from);
			encoding.writeVarUint(encoder, structs.client);
			encoding.writeVarUint(encoder, structs.clocks[from]!);
			encoding.writeUint8Array(
				encoder,
				update.subarray(structs.offsets[from], structs.offsets[to])
			);
		}
		// Deletions with the last piece, when everything they refer to is in; none before.
		if (piece === pieces - 1) encoding.writeUint8Array(encoder, deleteSet);
		else encoding.writeVarUint(encoder, 0);
		chunks.push(encoding.toUint8Array(encoder));
	}
	return chunks;
}

/**
 * The first piece's size beside the others': it lands with the page's first render of the
 * document (and code not yet optimised), so it is kept small, and the first rows show sooner.
 */
const FIRST_PIECE = 0.25;

/**
 * Which of a client's `count` structs go in `piece`. A client with few structs (the one who
 * created the document, someone who fixed a typo) goes whole into the first piece: the many
 * structs of others often build on its few, and a struct that waits for a later piece makes Yjs
 * merge its pending store again at every piece. Others are cut at the same fractions.
 */
function cut(count: number, piece: number, pieces: number, perChunk: number): [number, number] {
	if (count <= perChunk / 4) return piece === 0 ? [0, count] : [0, 0];
	const boundary = (k: number) =>
		k === 0 ? 0 : Math.floor(((FIRST_PIECE + k - 1) / (FIRST_PIECE + pieces - 1)) * count);
	return [boundary(piece), boundary(piece + 1)];
}

// Yjs's struct info byte: the content kind in the low five bits, then flags.
const CONTENT = 0b11111;
const HAS_PARENT_SUB = 0b0010_0000;
const HAS_RIGHT_ORIGIN = 0b0100_0000;
const HAS_ORIGIN = 0b1000_0000;
const GC = 0;
const SKIP = 10;
// Type refs whose content carries a node name.
const XML_ELEMENT = 3;
const XML_HOOK = 5;

/** Where every struct of every client starts, and where the delete set begins. */
function scanUpdate(update: Uint8Array): { clients: ClientStructs[]; deleteSetAt: number } {
	const decoder = decoding.createDecoder(update);
	const clientCount = decoding.readVarUint(decoder);
	const clients: ClientStructs[] = [];
	for (let c = 0; c < clientCount; c++) {
		const count = decoding.readVarUint(decoder);
		const client = decoding.readVarUint(decoder);
		let clock = decoding.readVarUint(decoder);
		const offsets: number[] = new Array(count + 1);
		const clocks: number[] = new Array(count);
		for (let i = 0; i < count; i++) {
			offsets[i] = decoder.pos;
			clocks[i] = clock;
			clock += skipStruct(decoder);
		}
		offsets[count] = decoder.pos;
		clients.push({ client, offsets, clocks });
	}
	return { clients, deleteSetAt: decoder.pos };
}

/** Reads past one struct; returns its length in clock ticks. */
function skipStruct(decoder: decoding.Decoder): number {
	const info = decoding.readUint8(decoder);
	const kind = info & CONTENT;
	if (kind === GC) return decoding.readVarUint(decoder);
	if (kind === SKIP) throw new Uncuttable('gap');
	if (info & HAS_ORIGIN) skipVarUints(decoder, 2);
	if (info & HAS_RIGHT_ORIGIN) skipVarUints(decoder, 2);
	if ((info & (HAS_ORIGIN | HAS_RIGHT_ORIGIN)) === 0) {
		// The parent: a top-level type's name, or the id of the item holding the type.
		if (decoding.readVarUint(decoder) === 1) skipString(decoder);
		else skipVarUints(decoder, 2);
		if (info & HAS_PARENT_SUB) skipString(decoder);
	}
	switch (kind) {
		case 1: // deleted content: its length
			return decoding.readVarUint(decoder);
		case 2: {
			// JSON: one string per entry
			const length = decoding.readVarUint(decoder);
			for (let i = 0; i < length; i++) skipString(decoder);
			return length;
		}
		case 3: // binary
			skipString(decoder);
			return 1;
		case 4: // string: as many ticks as UTF-16 code units
			return utf16Length(decoding.readVarUint8Array(decoder));
		case 5: // embed
			skipString(decoder);
			return 1;
		case 6: // format: key and value
			skipString(decoder);
			skipString(decoder);
			return 1;
		case 7: {
			// a nested type
			const ref = decoding.readVarUint(decoder);
			if (ref === XML_ELEMENT || ref === XML_HOOK) skipString(decoder);
			return 1;
		}
		case 8: {
			// any: one value per entry
			const length = decoding.readVarUint(decoder);
			for (let i = 0; i < length; i++) skipAny(decoder);
			return length;
		}
		case 9: // a sub-document: its guid and options
			skipString(decoder);
			skipAny(decoder);
			return 1;
		default:
			throw new Uncuttable(`content ${kind}`);
	}
}

function skipVarUints(decoder: decoding.Decoder, count: number): void {
	for (let i = 0; i < count; i++) decoding.readVarUint(decoder);
}

/** A length-prefixed run of bytes (strings, binary). */
function skipString(decoder: decoding.Decoder): void {
	const length = decoding.readVarUint(decoder);
	decoder.pos += length;
	if (decoder.pos > decoder.arr.length) throw new Uncuttable('past the end');
}

/** One value in lib0's `any` encoding (its type tag is 127 minus the first byte). */
function skipAny(decoder: decoding.Decoder): void {
	const tag = 127 - decoding.readUint8(decoder);
	switch (tag) {
		case 0: // undefined
		case 1: // null
		case 6: // false
		case 7: // true
			return;
		case 2: // integer (signed varint: same bytes as a varuint to skip)
			decoding.readVarUint(decoder);
			return;
		case 3: // float32
			decoder.pos += 4;
			return;
		case 4: // float64
		case 5: // bigint64
			decoder.pos += 8;
			return;
		case 8: // string
		case 11: // Uint8Array
			skipString(decoder);
			return;
		case 9: {
			// object: key, value pairs
			const length = decoding.readVarUint(decoder);
			for (let i = 0; i < length; i++) {
				skipString(decoder);
				skipAny(decoder);
			}
			return;
		}
		case 10: {
			// array
			const length = decoding.readVarUint(decoder);
			for (let i = 0; i < length; i++) skipAny(decoder);
			return;
		}
		default:
			throw new Uncuttable(`any ${tag}`);
	}
}

/** UTF-16 code units of UTF-8 bytes: one per code point, two for those beyond the BMP. */
function utf16Length(bytes: Uint8Array): number {
	let units = 0;
	for (const byte of bytes) {
		if ((byte & 0xc0) !== 0x80) units += byte >= 0xf0 ? 2 : 1;
	}
	return units;
}
