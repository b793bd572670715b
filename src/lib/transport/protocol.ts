/**
 * The Panorama sync protocol: the y-websocket protocol unchanged, plus one message.
 *
 * Handshake, as y-websocket does it:
 *  1. The client opens `ws(s)://host/sync/<docId>?token=<capability token>`. The relay checks the
 *     token before it sends anything; a bad token closes the socket with one of the
 *     {@link CloseCode}s below and no document data.
 *  2. The relay sends sync step 1 (its state vector) and, if anyone is present, an awareness update.
 *     The client answers with sync step 2 (what the relay lacks) and sends its own step 1.
 *  3. The relay answers with step 2 (what the client lacks), served from a cached encoding of the
 *     document. From then on both sides exchange `update` and `awareness` messages.
 *  4. After the relay has durably committed updates that came from a connection (SQLite, full
 *     fsync), it sends that connection {@link MessageType.saved}: the state vector of the stored
 *     document, then the number of that connection's update-bearing messages (sync step 2 and
 *     update) now stored. The count exists because a delete-only update does not move a state
 *     vector; a stock y-websocket client ignores the whole message.
 *
 * A viewer's step 2 and update messages are dropped (not applied, stored or forwarded) and answered
 * with an `auth` permission-denied message; its awareness is relayed like anyone's.
 */
import * as decoding from 'lib0/decoding';

/** Bumped when a change would make an older client misread the relay. */
export const PROTOCOL_VERSION = 1;

/** The first varuint of every frame. 0–3 are y-websocket's; 100+ are Panorama's. */
export const MessageType = {
	sync: 0,
	awareness: 1,
	auth: 2,
	queryAwareness: 3,
	/** Durable acknowledgement: state vector of the stored doc + count of stored messages. */
	saved: 100
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/** Sub-types of a {@link MessageType.sync} message, as in y-protocols/sync. */
export const SyncStep = { step1: 0, step2: 1, update: 2 } as const;

/** Reason strings carried by an `auth` permission-denied message. */
export const DeniedReason = {
	/** The connection's token is read-only; its writes were dropped. */
	readOnly: 'read-only'
} as const;

/**
 * WebSocket close codes the relay uses. Following y-websocket's convention, 4400–4499 mean "the
 * server decided; reconnecting cannot help" (a stock client stops retrying), and 4500–4599 mean
 * "try again later".
 */
export const CloseCode = {
	/** A frame was larger than the relay's maximum message size (RFC 6455 "message too big"). */
	messageTooLarge: 1009,
	/** A frame could not be decoded (bad varint, truncated, unknown type, trailing bytes). */
	protocolError: 4400,
	/** No `?token=` on the URL. */
	tokenMissing: 4401,
	/** Signature, issuer or claims did not verify, or the document does not exist. */
	tokenInvalid: 4402,
	/** The token's `exp` has passed. */
	tokenExpired: 4403,
	/** The token is valid but names another document. */
	tokenWrongDocument: 4404,
	/** The document's links were rotated after this token was issued. */
	tokenRevoked: 4405,
	/** The document id in the path is not one the relay accepts. */
	badDocumentId: 4406,
	/**
	 * The workshop's facilitator removed this device's seat: its token opens nothing any more, and
	 * the same device cannot join again. The phone says so instead of reconnecting.
	 */
	seatRemoved: 4407,
	/**
	 * The update changed facilitator-only state (a journey's workshop phase, modes, lock, timer or
	 * reveal marks) with a token that is not the owner's. Nothing of it was applied or stored;
	 * reconnecting would only send it again.
	 */
	facilitatorOnly: 4408,
	/**
	 * The review draft was submitted: the server deleted its stored copy and keeps only the
	 * anonymous submission. There is nothing left to open; the rater's device shows "submitted".
	 */
	submitted: 4410,
	/**
	 * The review cycle is launched and the update changed what the lock keeps (settings, or a
	 * subject or nomination already invited). Nothing of it was applied or stored.
	 */
	cycleLocked: 4411,
	/**
	 * The document has reached the relay's size budget: this write was refused and not stored.
	 * Reconnecting would only send it again.
	 */
	documentTooLarge: 4413,
	/** The store failed to commit; nothing was acknowledged, so reconnecting resends it. */
	storeFailure: 4500,
	/** The relay is shutting down. */
	shuttingDown: 4503,
	/**
	 * The client stopped reading: more than the relay's limit waited in its socket. Reconnecting
	 * starts again from a fresh sync.
	 */
	slowConsumer: 4508,
	/**
	 * The document has just become read-only: reconnecting opens it again to read, and the relay
	 * refuses writes from then on. (A submitted review draft closes with {@link CloseCode.submitted}
	 * instead, since nothing of it is kept to read.)
	 */
	nowReadOnly: 4509,
	/**
	 * An update depended on changes the relay never received, so it could not be stored or
	 * acknowledged. Reconnecting syncs in full: the client's sync step 2 carries what was missing.
	 */
	needsResync: 4510,
	/** Too many connection attempts from this address, or too many messages on one socket. */
	rateLimited: 4529
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** True for close codes after which reconnecting with the same token is pointless. */
export function isFatalClose(code: number): boolean {
	return code >= 4400 && code < 4500;
}

/** An empty awareness update: keeps an idle socket inside y-websocket's 30 s silence limit. */
export const KEEPALIVE_FRAME = new Uint8Array([MessageType.awareness, 1, 0]);

/** Document ids: 1–64 characters of URL-safe base64 alphabet. */
export const DOC_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** The acknowledgement carried by a {@link MessageType.saved} message. */
export interface SavedAck {
	/** Encoded Yjs state vector of the durably stored document. */
	stateVector: Uint8Array;
	/** How many of this connection's step-2 and update messages are now stored, counting from 1. */
	storedMessages: number;
}

/**
 * Encodes a `saved` message: the type, the state vector with its length, the count, each as
 * lib0 writes them. Written straight into one array of the exact size, because the relay sends one
 * per writer per commit and an encoder's scratch buffers were most of its garbage.
 */
export function encodeSaved(ack: SavedAck): Uint8Array {
	const vector = ack.stateVector;
	const frame = new Uint8Array(
		varUintSize(MessageType.saved) +
			varUintSize(vector.length) +
			vector.length +
			varUintSize(ack.storedMessages)
	);
	let at = writeVarUintAt(frame, 0, MessageType.saved);
	at = writeVarUintAt(frame, at, vector.length);
	frame.set(vector, at);
	writeVarUintAt(frame, at + vector.length, ack.storedMessages);
	return frame;
}

function varUintSize(value: number): number {
	let size = 1;
	while (value > 0x7f) {
		value = Math.floor(value / 128);
		size++;
	}
	return size;
}

/** Writes `value` as lib0's `writeVarUint` does, at `at`; returns the offset after it. */
function writeVarUintAt(target: Uint8Array, at: number, value: number): number {
	while (value > 0x7f) {
		target[at++] = 0x80 | (value & 0x7f);
		value = Math.floor(value / 128);
	}
	target[at++] = value;
	return at;
}

/** Reads a `saved` payload; the decoder must be positioned after the message type. */
export function readSaved(decoder: decoding.Decoder): SavedAck {
	const stateVector = decoding.readVarUint8Array(decoder);
	// A relay from before the count existed sends only the state vector.
	const storedMessages = decoding.hasContent(decoder) ? decoding.readVarUint(decoder) : 0;
	return { stateVector, storedMessages };
}

/** Decodes a whole `saved` frame, type included. */
export function decodeSaved(frame: Uint8Array): SavedAck {
	const decoder = decoding.createDecoder(frame);
	const type = decoding.readVarUint(decoder);
	if (type !== MessageType.saved) throw new Error(`not a saved message: ${type}`);
	return readSaved(decoder);
}

/**
 * What kind of document-changing frame this is: a sync step 2 (everything the peer lacked) or a
 * single update; undefined for any other frame. The client counts these as it sends them, to match
 * the relay's `storedMessages`.
 */
export function updateBearingKind(frame: Uint8Array): 'step2' | 'update' | undefined {
	if (frame.length < 2 || frame[0] !== MessageType.sync) return undefined;
	if (frame[1] === SyncStep.step2) return 'step2';
	if (frame[1] === SyncStep.update) return 'update';
	return undefined;
}
