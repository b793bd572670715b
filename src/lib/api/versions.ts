/** Versions of an account plan, through the API contract (`contract.ts`). */
import { request } from './client';
import { endpoints } from './contract';

export type { PlanVersion } from './contract';

/** The account's versions, oldest first; any token that reads the account. */
export function listVersions(docId: string, token: string) {
	return request(endpoints.listVersions, { params: [docId], token });
}

/** Takes a version of what the server holds now; needs a token that writes the account. */
export function takeVersion(docId: string, token: string, name: string) {
	return request(endpoints.takeVersion, { params: [docId], body: { name }, token });
}

/** One version and its whole state (a Yjs update); any token that reads the account. */
export async function readVersion(docId: string, token: string, versionId: string) {
	const { version, state } = await request(endpoints.readVersion, {
		params: [docId, versionId],
		token
	});
	return { version, state: Uint8Array.from(atob(state), (c) => c.charCodeAt(0)) };
}
