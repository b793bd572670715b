import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { MessageType, SyncStep } from '../../src/lib/transport/protocol.ts';
import { frame } from '../../server/relay/room.ts';

describe('relay frames', () => {
	it('writes sync and awareness frames byte for byte as lib0 would, at every length size', () => {
		for (const size of [0, 1, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152]) {
			const payload = Uint8Array.from({ length: size }, (_, i) => i & 0xff);
			for (const step of [SyncStep.step1, SyncStep.step2, SyncStep.update]) {
				const encoder = encoding.createEncoder();
				encoding.writeVarUint(encoder, MessageType.sync);
				encoding.writeVarUint(encoder, step);
				encoding.writeVarUint8Array(encoder, payload);
				expect(
					Buffer.from(frame(MessageType.sync, step, payload)).equals(encoding.toUint8Array(encoder))
				).toBe(true);
			}
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, MessageType.awareness);
			encoding.writeVarUint8Array(encoder, payload);
			const awareness = frame(MessageType.awareness, undefined, payload);
			expect(Buffer.from(awareness).equals(encoding.toUint8Array(encoder))).toBe(true);
		}
	});
});
