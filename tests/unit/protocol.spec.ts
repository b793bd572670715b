import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	CloseCode,
	MessageType,
	decodeSaved,
	encodeSaved,
	isFatalClose,
	readSaved,
	updateBearingKind
} from '../../src/lib/transport/protocol.ts';

describe('protocol', () => {
	it('round-trips a saved acknowledgement', () => {
		const doc = new Y.Doc();
		doc.getText('t').insert(0, 'abc');
		const stateVector = Y.encodeStateVector(doc);
		const frame = encodeSaved({ stateVector, storedMessages: 300 });
		expect(frame[0]).toBe(MessageType.saved);
		expect(decodeSaved(frame)).toEqual({ stateVector, storedMessages: 300 });
	});

	it('writes saved frames byte for byte as lib0 would, at every varint length', () => {
		const counts = [0, 1, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152, 2 ** 31, 2 ** 40 + 3];
		const vectors = [127, 128, 300].map((size) => Uint8Array.from({ length: size }, (_, i) => i));
		for (const storedMessages of counts) {
			for (const stateVector of vectors) {
				const encoder = encoding.createEncoder();
				encoding.writeVarUint(encoder, MessageType.saved);
				encoding.writeVarUint8Array(encoder, stateVector);
				encoding.writeVarUint(encoder, storedMessages);
				expect(encodeSaved({ stateVector, storedMessages })).toEqual(
					encoding.toUint8Array(encoder)
				);
			}
		}
	});

	it('reads a saved message that carries only a state vector as zero stored messages', () => {
		const frame = new Uint8Array([MessageType.saved, 1, 0]);
		const decoder = decoding.createDecoder(frame);
		decoding.readVarUint(decoder);
		expect(readSaved(decoder)).toEqual({ stateVector: new Uint8Array([0]), storedMessages: 0 });
	});

	it('rejects a frame of another type as a saved message', () => {
		expect(() => decodeSaved(new Uint8Array([0, 0, 1, 0]))).toThrow(/not a saved message/);
	});

	it('tells step 2 and update frames from everything else', () => {
		expect(updateBearingKind(new Uint8Array([0, 1, 2, 0, 0]))).toBe('step2');
		expect(updateBearingKind(new Uint8Array([0, 2, 2, 0, 0]))).toBe('update');
		expect(updateBearingKind(new Uint8Array([0, 0, 1, 0]))).toBeUndefined();
		expect(updateBearingKind(new Uint8Array([1, 1, 0]))).toBeUndefined();
		expect(updateBearingKind(new Uint8Array([0]))).toBeUndefined();
	});

	it('treats token refusals as final and transient failures as retryable', () => {
		expect(isFatalClose(CloseCode.tokenRevoked)).toBe(true);
		expect(isFatalClose(CloseCode.tokenExpired)).toBe(true);
		expect(isFatalClose(CloseCode.storeFailure)).toBe(false);
		expect(isFatalClose(CloseCode.rateLimited)).toBe(false);
		expect(isFatalClose(1006)).toBe(false);
	});

	it('uses distinct close codes', () => {
		const codes = Object.values(CloseCode);
		expect(new Set(codes).size).toBe(codes.length);
	});
});
