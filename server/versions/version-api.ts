/**
 * The versions API of account plans. Every route names the account and is authorized with a
 * token for that account, checked against the registry (`access.authorize`): listing and reading
 * need any role that reads the account, taking one needs a role that writes it. A version id
 * alone opens nothing: it is served only under the account the registry says it belongs to.
 */
import * as Y from 'yjs';
import { endpoints } from '../../src/lib/api/contract.ts';
import { DocKind, Role } from '../../src/lib/domain/documents.ts';
import type { Access } from '../access.ts';
import { endpointRoute, HttpError, readJson, type Route } from '../http.ts';
import { MAX_VERSION_NAME, VersionLimit, type PlanVersions } from './plan-versions.ts';

export interface VersionApiOptions {
	access: Access;
	versions: PlanVersions;
	/** Runs `fn` over the account's live document (the relay's room, loaded if needed). */
	withDoc<T>(docId: string, fn: (doc: Y.Doc) => T): Promise<T>;
}

const READERS = [Role.owner, Role.editor, Role.viewer] as const;
const WRITERS = [Role.owner, Role.editor] as const;

export function versionRoutes({ access, versions, withDoc }: VersionApiOptions): Route[] {
	const authorize = (
		request: Parameters<Access['authorize']>[0],
		account: string,
		write: boolean
	) =>
		access.authorize(request, account, {
			roles: write ? WRITERS : READERS,
			kind: DocKind.account,
			refusal: ['read-only', 'this link cannot take versions']
		});

	return [
		endpointRoute(endpoints.listVersions, {
			async run(request, [account]) {
				await authorize(request, account!, false);
				return [200, { versions: await versions.list(account!) }];
			}
		}),
		endpointRoute(endpoints.takeVersion, {
			creates: 'child',
			async run(request, [account]) {
				await authorize(request, account!, true);
				const body = await readJson(request);
				const name = typeof body.name === 'string' ? body.name.trim() : undefined;
				if (!name || name.length > MAX_VERSION_NAME) {
					throw new HttpError(
						400,
						'bad-version-name',
						`name must be a string of 1 to ${MAX_VERSION_NAME} characters`
					);
				}
				// What the relay holds now: every change it accepted, stored or about to be.
				const state = await withDoc(account!, (doc) => Y.encodeStateAsUpdate(doc));
				try {
					return [201, { version: await versions.take(account!, name, state) }];
				} catch (error) {
					if (error instanceof VersionLimit) {
						throw new HttpError(409, 'too-many-versions', error.message);
					}
					throw error;
				}
			}
		}),
		endpointRoute(endpoints.readVersion, {
			async run(request, [account, versionId]) {
				await authorize(request, account!, false);
				const found = await versions.read(account!, versionId!);
				if (!found) throw new HttpError(404, 'no-version', 'no such version of this account');
				return [
					200,
					{ version: found.version, state: Buffer.from(found.state).toString('base64') }
				];
			}
		})
	];
}
