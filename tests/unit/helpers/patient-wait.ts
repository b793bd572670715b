/**
 * `vi.waitFor` gives up after one second by default. The suites wait on real servers, sockets
 * and fsyncs, and a CI machine running them in parallel can be slower than that without anything
 * being wrong; a test that waits for a state should fail because the state never comes, not
 * because the machine was busy. So the default becomes ten seconds; a call that names its own
 * timeout keeps it.
 */
import { vi } from 'vitest';

const PATIENT_MS = 10_000;
const waitFor = vi.waitFor.bind(vi);

vi.waitFor = ((callback, options) =>
	waitFor(
		callback,
		typeof options === 'number' ? options : { timeout: PATIENT_MS, ...options }
	)) as typeof vi.waitFor;
