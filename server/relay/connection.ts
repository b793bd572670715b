/**
 * One websocket in one room. Frames are decoded through a handler table; a frame that fails to
 * decode closes this connection with {@link CloseCode.protocolError} and nothing else.
 *
 * Every resource a socket can make the relay spend is bounded here: what waits unsent in its
 * socket (a client that stops reading is closed, not buffered for), how often it may ask for a
 * sync or announce presence, how large a presence state may be, and how large the document may
 * grow.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { WebSocket } from 'ws';
import { canWriteDirectly } from '../../src/lib/domain/documents.ts';
import {
	CloseCode,
	DeniedReason,
	KEEPALIVE_FRAME,
	MessageType,
	SyncStep,
	encodeSaved
} from '../../src/lib/transport/protocol.ts';
import type { Capability } from '../tokens.ts';
import { breaksLock, guardsCycleLock } from './cycle-lock.ts';
import { changesFacilitatorState, guardsFacilitatorState } from './facilitator-only.ts';
import type { Batch, GroupCommit } from './group-commit.ts';
import { TokenBucket } from './rate-limit.ts';
import { ownAwarenessEntries, type Room, type RoomMember } from './room.ts';

class ProtocolError extends Error {}

/** Bounds on what one connection may make the relay hold or do. */
export interface ConnectionLimits {
	/** Bytes waiting unsent in the socket past which the client counts as not reading. */
	maxBufferedBytes: number;
	/** Size budget of a document, in bytes of stored updates; writes past it are refused. */
	maxDocumentBytes: number;
}

/** Largest presence state accepted, in UTF-8 bytes of its JSON (a name, a colour, a cursor). */
export const MAX_AWARENESS_STATE_BYTES = 8 * 1024;
/** Sync step 1s a socket may send at once, and per second after that. */
const SYNC_REQUESTS = { burst: 8, perSecond: 0.5 };
/** Awareness messages a socket may send at once, and per second after that. */
const AWARENESS_MESSAGES = { burst: 60, perSecond: 20 };

export class Connection implements RoomMember {
	/** Step-2 and update messages received, counting from 1, as the client counts what it sent. */
	#received = 0;
	/** The batch the next acknowledgement waits for, and how far that acknowledgement reaches. */
	#ackBatch: Batch | undefined;
	#ack = { upTo: 0 };
	#awarenessClient: number | undefined;
	#closed = false;
	readonly #writable: boolean;
	/** Its updates are tried first: they must not change facilitator-only state. */
	readonly #guarded: boolean;
	/** Whether a frame went out since the last heartbeat; an idle socket gets a keep-alive. */
	#sentSinceHeartbeat = true;
	readonly #syncRequests = new TokenBucket(SYNC_REQUESTS.burst, SYNC_REQUESTS.perSecond);
	readonly #awarenessMessages = new TokenBucket(
		AWARENESS_MESSAGES.burst,
		AWARENESS_MESSAGES.perSecond
	);
	/** Cleared when a ping goes out, set by its pong; still clear at the next ping → dead. */
	alive = true;

	constructor(
		private readonly ws: WebSocket,
		readonly room: Room,
		readonly capability: Capability,
		/**
		 * The token this socket opened with. Two sockets with the same one are the same person (a
		 * reconnect before the old socket timed out), which may take over a presence id.
		 */
		readonly credential: string,
		private readonly commits: GroupCommit,
		private readonly limits: ConnectionLimits,
		/** The document no longer takes writes from anyone (e.g. a submitted review draft). */
		readOnly = false
	) {
		// The registry's kind, not only the token's: the relay checked they agree before this.
		this.#writable = !readOnly && canWriteDirectly(room.kind, capability.role);
		this.#guarded = this.#writable && guardsFacilitatorState(room.kind, capability);
	}

	/** Whether this connection's updates are applied. */
	get writable(): boolean {
		return this.#writable;
	}

	/** Sends the greeting: the room's state vector and everyone's presence. */
	start(): void {
		this.send(this.room.syncStep1());
		const presence = this.room.awarenessFrame();
		if (presence) this.send(presence);
	}

	send(frame: Uint8Array): void {
		if (this.#closed || this.ws.readyState !== this.ws.OPEN) return;
		// Checked before sending, so one large frame (a whole document to a new reader) still goes
		// out to an empty socket, while a reader that stopped reading cannot grow the heap.
		if (this.ws.bufferedAmount > this.limits.maxBufferedBytes) {
			this.#closed = true;
			// Its close frame would queue behind what it is not reading: end the socket now.
			this.ws.terminate();
			return;
		}
		this.ws.send(frame, { binary: true });
		this.#sentSinceHeartbeat = true;
	}

	/** Pings the socket; terminates it if the previous ping went unanswered. */
	heartbeat(): void {
		if (!this.alive) return void this.ws.terminate();
		this.alive = false;
		this.ws.ping();
		if (!this.#sentSinceHeartbeat) this.send(KEEPALIVE_FRAME);
		this.#sentSinceHeartbeat = false;
	}

	close(code: CloseCode, reason = ''): void {
		if (this.#closed) return;
		this.#closed = true;
		this.ws.close(code, reason);
	}

	/** Handles one frame; any decoding failure closes this connection only. */
	receive(frame: Uint8Array): void {
		if (this.#closed) return;
		try {
			const decoder = decoding.createDecoder(frame);
			const type = decoding.readVarUint(decoder);
			const handler = handlers[type];
			if (!handler) throw new ProtocolError(`unknown message type ${type}`);
			handler(this, decoder);
		} catch (error) {
			this.close(
				CloseCode.protocolError,
				error instanceof ProtocolError ? error.message : 'malformed frame'
			);
		}
	}

	/** Releases presence when the socket has closed. */
	dispose(): void {
		this.#closed = true;
		const client = this.#awarenessClient;
		// Only the id this socket still holds: one taken over by a reconnect stays present.
		if (client !== undefined && this.room.presenceOwners.get(client) === this) {
			this.room.presenceOwners.delete(client);
			awarenessProtocol.removeAwarenessStates(this.room.awareness, [client], this);
		}
	}

	handleSync(decoder: decoding.Decoder): void {
		const step = decoding.readVarUint(decoder);
		const payload = decoding.readVarUint8Array(decoder);
		if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes');
		switch (step) {
			case SyncStep.step1:
				// Each answer may be the whole document: a socket asking again and again is cut off.
				if (!this.#syncRequests.take()) {
					this.close(CloseCode.rateLimited, 'too many sync requests');
					return;
				}
				Y.decodeStateVector(payload); // validates before we answer
				this.send(this.room.syncStep2For(payload));
				return;
			case SyncStep.step2:
			case SyncStep.update:
				this.#receiveUpdate(payload);
				return;
			default:
				throw new ProtocolError(`unknown sync step ${step}`);
		}
	}

	handleAwareness(decoder: decoding.Decoder): void {
		const update = decoding.readVarUint8Array(decoder);
		if (!this.#awarenessMessages.take()) {
			this.close(CloseCode.rateLimited, 'too many presence messages');
			return;
		}
		// One client id per socket: the first one it announces, and only while no other live socket
		// holds it — else a viewer could overwrite someone's presence, and remove it on leaving.
		if (this.#awarenessClient === undefined) {
			const first = new decoding.Decoder(update);
			if (decoding.readVarUint(first) === 0) return;
			const client = decoding.readVarUint(first);
			const holder = this.room.presenceOwners.get(client);
			if (holder && holder !== this && holder.credential !== this.credential) return;
			this.room.presenceOwners.set(client, this);
			this.#awarenessClient = client;
		}
		if (this.room.presenceOwners.get(this.#awarenessClient) !== this) return;
		const own = ownAwarenessEntries(update, this.#awarenessClient, MAX_AWARENESS_STATE_BYTES);
		if (own === 'too-large') throw new ProtocolError('presence state too large');
		if (own) awarenessProtocol.applyAwarenessUpdate(this.room.awareness, own, this);
	}

	handleQueryAwareness(): void {
		const presence = this.room.awarenessFrame();
		if (presence) this.send(presence);
	}

	#receiveUpdate(update: Uint8Array): void {
		const seq = ++this.#received;
		if (!this.#writable) {
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, MessageType.auth);
			authProtocol.writePermissionDenied(encoder, DeniedReason.readOnly);
			this.send(encoding.toUint8Array(encoder));
			return;
		}
		if (this.room.bytes + update.length > this.limits.maxDocumentBytes) {
			this.close(CloseCode.documentTooLarge, 'document too large');
			return;
		}
		if (this.#guarded && changesFacilitatorState(this.room.fullState(), update)) {
			this.close(CloseCode.facilitatorOnly, 'facilitator-only state');
			return;
		}
		if (
			guardsCycleLock(this.room.kind, this.room.doc) &&
			breaksLock(this.room.fullState(), update)
		) {
			this.close(CloseCode.cycleLocked, 'the cycle is launched');
			return;
		}
		Y.applyUpdate(this.room.doc, update, this);
		if (this.room.dropPending()) {
			// Part of it waits for changes the relay never got: it is not stored, so it must not be
			// acknowledged. The client's next sync step 2 carries the missing changes and this again.
			this.close(CloseCode.needsResync, 'missing dependencies');
			return;
		}
		// The update (if it changed anything) joined the current batch; acknowledge once it commits.
		const batch = this.commits.current;
		if (batch !== this.#ackBatch) {
			this.#ackBatch = batch;
			const ack = { upTo: seq };
			this.#ack = ack;
			batch.onCommit((error) => this.#acknowledge(error, ack.upTo));
		} else {
			this.#ack.upTo = seq;
		}
	}

	#acknowledge(error: unknown, upTo: number): void {
		if (error !== undefined) {
			// Nothing was stored: the client keeps its changes and resends them after reconnecting.
			this.close(CloseCode.storeFailure, 'store failure');
			return;
		}
		this.send(
			encodeSaved({
				stateVector: this.room.committedStateVector(),
				storedMessages: upTo
			})
		);
	}
}

type Handler = (connection: Connection, decoder: decoding.Decoder) => void;

const handlers: Partial<Record<number, Handler>> = {
	[MessageType.sync]: (c, d) => c.handleSync(d),
	[MessageType.awareness]: (c, d) => c.handleAwareness(d),
	[MessageType.queryAwareness]: (c) => c.handleQueryAwareness(),
	// Clients have nothing to say on the auth channel; tolerate it like y-websocket's server does.
	[MessageType.auth]: () => {}
};
