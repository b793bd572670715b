/**
 * One websocket in one room. Frames are decoded through a handler table; a frame that fails to
 * decode closes this connection with {@link CloseCode.protocolError} and nothing else.
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
} from '../../src/lib/sync/protocol.ts';
import type { Capability } from '../tokens.ts';
import type { Batch, GroupCommit } from './group-commit.ts';
import { ownAwarenessEntries, type Room, type RoomMember } from './room.ts';

class ProtocolError extends Error {}

export class Connection implements RoomMember {
	/** Step-2 and update messages received, counting from 1, as the client counts what it sent. */
	#received = 0;
	/** The batch the next acknowledgement waits for, and how far that acknowledgement reaches. */
	#ackBatch: Batch | undefined;
	#ack = { upTo: 0 };
	#awarenessClient: number | undefined;
	#closed = false;
	readonly #writable: boolean;
	/** Whether a frame went out since the last heartbeat; an idle socket gets a keep-alive. */
	#sentSinceHeartbeat = true;
	/** Cleared when a ping goes out, set by its pong; still clear at the next ping → dead. */
	alive = true;

	constructor(
		private readonly ws: WebSocket,
		readonly room: Room,
		readonly capability: Capability,
		private readonly commits: GroupCommit,
		/** The document no longer takes writes from anyone (e.g. a submitted review draft). */
		readOnly = false
	) {
		this.#writable = !readOnly && canWriteDirectly(capability.kind, capability.role);
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
		if (this.#awarenessClient !== undefined) {
			awarenessProtocol.removeAwarenessStates(this.room.awareness, [this.#awarenessClient], this);
		}
	}

	handleSync(decoder: decoding.Decoder): void {
		const step = decoding.readVarUint(decoder);
		const payload = decoding.readVarUint8Array(decoder);
		if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes');
		switch (step) {
			case SyncStep.step1:
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
		// One client id per socket: the first one it announces. Entries for any other id are spoofs.
		if (this.#awarenessClient === undefined) {
			const first = new decoding.Decoder(update);
			if (decoding.readVarUint(first) === 0) return;
			this.#awarenessClient = decoding.readVarUint(first);
		}
		const own = ownAwarenessEntries(update, this.#awarenessClient);
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
		Y.applyUpdate(this.room.doc, update, this);
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
