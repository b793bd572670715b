/**
 * A relay frame as the websocket carries it: the header of one unmasked binary frame and the
 * payload in one buffer, built once however many sockets it goes to.
 *
 * `ws` builds a header per `send` and hands the socket two buffers under cork/uncork (a `writev`);
 * for an update broadcast to fifty members that was fifty headers and fifty corks for the same
 * bytes. Writing the prepared frame to the socket under the `WebSocket` is exactly what `ws` itself
 * writes for it: this relay's sockets never compress (`perMessageDeflate: false`), send no
 * fragments or blobs, and so `ws` never holds a frame back in a queue of its own that a direct
 * write could overtake. `ws.bufferedAmount` still counts what waits in the socket.
 */
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

/** FIN + binary opcode: a whole binary message in one frame. */
const FIN_BINARY = 0x82;

export class WireFrame {
	#bytes: Buffer | undefined;

	constructor(readonly payload: Uint8Array) {}

	/** Header and payload as one buffer (made on first use, then shared). */
	get bytes(): Buffer {
		this.#bytes ??= encodeWireFrame(this.payload);
		return this.#bytes;
	}
}

/** An unmasked binary websocket frame (RFC 6455 §5.2) holding `payload`, as a server sends it. */
export function encodeWireFrame(payload: Uint8Array): Buffer {
	const length = payload.length;
	const head = length < 126 ? 2 : length < 65_536 ? 4 : 10;
	const out = Buffer.allocUnsafe(head + length);
	out[0] = FIN_BINARY;
	if (head === 2) {
		out[1] = length;
	} else if (head === 4) {
		out[1] = 126;
		out.writeUInt16BE(length, 2);
	} else {
		out[1] = 127;
		out.writeUInt16BE(0, 2);
		out.writeUIntBE(length, 4, 6);
	}
	out.set(payload, head);
	return out;
}

/** Sends `frame` on `ws` (which must be open): straight to its socket when it has one. */
export function sendWire(ws: WebSocket, frame: WireFrame): void {
	const socket = (ws as unknown as { _socket?: Duplex })._socket;
	if (socket && typeof socket.write === 'function') socket.write(frame.bytes);
	else ws.send(frame.payload, { binary: true });
}
