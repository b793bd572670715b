/**
 * Cuts a large Yjs update into pieces off the main thread (decoding a whole account's state takes
 * tens of milliseconds by itself); the page then applies one piece per task.
 */
/// <reference lib="webworker" />
import { splitUpdate } from '../model/update-chunks';
import type { SplitRequest, SplitResponse } from './update-split';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<SplitRequest>) => {
	const { id, update } = event.data;
	let pieces: Uint8Array[];
	try {
		pieces = splitUpdate(update);
	} catch {
		// reason: an update this code cannot cut is applied whole; Yjs reports what is wrong with it.
		pieces = [update];
	}
	const response: SplitResponse = { id, pieces };
	scope.postMessage(
		response,
		pieces.map((piece) => piece.buffer as ArrayBuffer)
	);
};
