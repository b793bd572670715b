/** Plan versions on the server: who may list, read and take them, and quarter-end versions. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { DocRecord, DocStore } from '../../server/store/doc-store.ts';
import { openSqliteStore } from '../../server/store/sqlite-store.ts';
import {
	createPlanVersions,
	quarterVersionId,
	type WatchedRoom
} from '../../server/versions/plan-versions.ts';
import { CloseCode } from '../../src/lib/transport/protocol.ts';
import { apiCaller } from './helpers/api-call.ts';
import { connectClient, startTestServer, type TestServer } from './helpers/relay-harness.ts';

let server: TestServer;
beforeAll(async () => {
	// Taking a version counts against the creation limits; these tests take many.
	server = await startTestServer({ createBurst: 1000, createPerMinute: 1000 });
});
afterAll(() => server.stop());
const call = apiCaller(() => server.url);

/** An account whose owner wrote `text` into it through the relay, stored. */
async function accountWith(text: string) {
	const { id, token } = await server.createDoc('account');
	const client = connectClient(server.wsUrl, id, token);
	client.doc.getMap('checklist').set('hq', text);
	await vi.waitFor(() => expect(client.acks.length).toBeGreaterThan(0));
	return { id, token, client };
}

const versionsOf = (account: string, token?: string) =>
	call(`/api/docs/${account}/versions`, { token });
const take = (account: string, token: string | undefined, name: unknown) =>
	call(`/api/docs/${account}/versions`, { token, body: { name } });
const read = (account: string, version: string, token?: string) =>
	call(`/api/docs/${account}/versions/${version}`, { token });

function stateText(body: Record<string, unknown>): string | undefined {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, Buffer.from(body.state as string, 'base64'));
	return doc.getMap('checklist').get('hq') as string | undefined;
}

describe('plan versions through the API', () => {
	it('an editor takes a named version of what the relay holds; later edits do not reach it', async () => {
		const { id, token, client } = await accountWith('Beijing');
		const editor = await server.link(id, token, 'editor');
		const taken = await take(id, editor, '  Q3 review ');
		expect(taken.status).toBe(201);
		const version = taken.body.version as { id: string; name: string; takenAt: number };
		expect(version).toMatchObject({ name: 'Q3 review' });

		client.doc.getMap('checklist').set('hq', 'Shanghai');
		await vi.waitFor(() => expect(client.acks.length).toBeGreaterThan(1));

		const listed = await versionsOf(id, editor);
		expect(listed.body.versions).toEqual([version]);
		const opened = await read(id, version.id, editor);
		expect(opened.status).toBe(200);
		expect(stateText(opened.body)).toBe('Beijing');
		client.destroy();
	});

	it('a viewer lists and reads versions but cannot take one', async () => {
		const { id, token, client } = await accountWith('Beijing');
		const version = (await take(id, token, 'Before the viewer')).body.version as { id: string };
		const viewer = await server.link(id, token, 'viewer');
		expect((await versionsOf(id, viewer)).status).toBe(200);
		expect(stateText((await read(id, version.id, viewer)).body)).toBe('Beijing');
		const refused = await take(id, viewer, 'Mine');
		expect(refused).toMatchObject({ status: 403, body: { reason: 'read-only' } });
		expect((await versionsOf(id, viewer)).body.versions).toHaveLength(1);
		client.destroy();
	});

	it('refuses a version to anyone without read rights on its account', async () => {
		const { id, token, client } = await accountWith('secret plan');
		const version = (await take(id, token, 'Q3')).body.version as { id: string };
		const other = await server.createDoc('account');

		// No token, a forged one, another account's token on this account's path.
		expect((await read(id, version.id)).status).toBe(401);
		expect((await read(id, version.id, 'not.a.token')).status).toBe(401);
		const forged = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
		expect((await read(id, version.id, forged)).status).toBe(401);
		const wrongDoc = await read(id, version.id, other.token);
		expect(wrongDoc).toMatchObject({ status: 401, body: { reason: 'token-wrong-document' } });
		// Another account's own token, asking for this version under its own account: not its child.
		const elsewhere = await read(other.id, version.id, other.token);
		expect(elsewhere).toMatchObject({ status: 404, body: { reason: 'no-version' } });
		expect(JSON.stringify(elsewhere.body)).not.toContain('secret');
		// The version's id in place of the account's: a version is no account.
		expect((await versionsOf(version.id, token)).status).toBe(404);
		expect((await read(version.id, version.id, token)).status).toBe(404);

		// Rotating the account's links ends the old owner token's access to its versions too.
		const viewer = await server.link(id, token, 'viewer');
		const fresh = await server.rotate(id, token);
		expect((await read(id, version.id, viewer)).status).toBe(401);
		expect((await read(id, version.id, fresh)).status).toBe(200);
		client.destroy();
	});

	it('no token opens a version through the relay, not even the account owner’s', async () => {
		const { id, token, client } = await accountWith('Beijing');
		const version = (await take(id, token, 'Q3')).body.version as { id: string };
		const closed = await new Promise<{ code: number; gotData: boolean }>((resolve) => {
			const ws = new WebSocket(`${server.wsUrl}/${version.id}?token=${token}`);
			let gotData = false;
			ws.on('message', () => (gotData = true));
			ws.on('close', (code) => resolve({ code, gotData }));
		});
		expect(closed.gotData).toBe(false);
		expect([CloseCode.tokenInvalid, CloseCode.tokenWrongDocument]).toContain(closed.code);
		client.destroy();
	});

	it('refuses names that are empty or too long, and kinds other than accounts', async () => {
		const { id, token, client } = await accountWith('x');
		for (const name of ['', '   ', 'x'.repeat(101), 42, undefined]) {
			expect((await take(id, token, name)).body).toMatchObject({ reason: 'bad-version-name' });
		}
		const journey = await server.createDoc('journey');
		expect((await take(journey.id, journey.token, 'Q3')).status).toBe(404);
		expect((await versionsOf(id, token)).body.versions).toEqual([]);
		client.destroy();
	});
});

describe('quarter-end versions', () => {
	let dir: string;
	let store: DocStore;
	const DAY = 86_400_000;
	// 2026 Q3 ends at 2026-10-01 00:00 in Beijing, 2026-09-30 16:00 UTC.
	const boundary = Date.UTC(2026, 8, 30, 16);
	const account: DocRecord = {
		id: 'acct',
		kind: 'account',
		title: '',
		createdAt: boundary - 200 * DAY,
		tokenEpoch: 0
	};

	beforeEach(async () => {
		dir = mkdtempSync(join(tmpdir(), 'panorama-versions-'));
		store = openSqliteStore(join(dir, 'panorama.db'));
		await store.create(account);
	});
	afterEach(async () => {
		await store.close();
		rmSync(dir, { recursive: true, force: true });
	});

	/** A room as the relay has it: a doc, its id and kind. */
	function room(text: string): WatchedRoom {
		const doc = new Y.Doc();
		doc.getMap('checklist').set('hq', text);
		return {
			id: account.id,
			kind: 'account',
			doc,
			fullState: () => Y.encodeStateAsUpdate(doc)
		};
	}

	async function storedText(versionId: string) {
		const doc = new Y.Doc();
		for (const part of await store.load(versionId)) Y.applyUpdate(doc, part);
		return doc.getMap('checklist').get('hq');
	}

	it('two servers opening the account after the boundary take one "2026 Q3 end" version', async () => {
		const at = boundary + DAY;
		const one = createPlanVersions(store, { now: () => at });
		const two = createPlanVersions(store, { now: () => at });
		const results = await Promise.all([
			one.takeQuarterEnd(account, () => Y.encodeStateAsUpdate(room('first').doc), at),
			two.takeQuarterEnd(account, () => Y.encodeStateAsUpdate(room('second').doc), at),
			one.takeQuarterEnd(account, () => Y.encodeStateAsUpdate(room('third').doc), at)
		]);
		expect(results.filter((r) => r === 'taken')).toHaveLength(1);
		const versions = await one.list(account.id);
		expect(versions).toEqual([
			{ id: expect.any(String), name: '', quarter: '2026-Q3', takenAt: at }
		]);
		expect(versions[0]!.id).toBe(quarterVersionId(account.id, { year: 2026, quarter: 3 }));
		expect(['first', 'second', 'third']).toContain(await storedText(versions[0]!.id));
		// Later in the quarter, on a restarted server: nothing more.
		const three = createPlanVersions(store);
		expect(await three.takeQuarterEnd(account, () => new Uint8Array(), at + 10 * DAY)).toBe(
			'exists'
		);
		expect(await three.list(account.id)).toHaveLength(1);
	});

	it('takes nothing for an account younger than the quarter that ended', async () => {
		const young = { ...account, id: 'young', createdAt: boundary + 1000 };
		await store.create(young);
		const versions = createPlanVersions(store);
		expect(await versions.takeQuarterEnd(young, () => new Uint8Array(), boundary + DAY)).toBe(
			'not-due'
		);
		expect(await versions.list('young')).toEqual([]);
	});

	it('a room open across the boundary versions the state just before the first edit after it', async () => {
		let now = boundary - 60_000;
		const versions = createPlanVersions(store, { now: () => now });
		const watched = room('Q3 plan');
		versions.watch(watched, account);
		// Opened in Q3: the version due is Q2's, taken from the state at load.
		await vi.waitFor(async () => expect(await versions.list(account.id)).toHaveLength(1));
		expect((await versions.list(account.id))[0]).toMatchObject({ quarter: '2026-Q2' });

		watched.doc.getMap('checklist').set('hq', 'still Q3');
		now = boundary + 5_000;
		watched.doc.getMap('checklist').set('hq', 'first Q4 edit');
		watched.doc.getMap('checklist').set('hq', 'second Q4 edit');
		await vi.waitFor(async () => expect(await versions.list(account.id)).toHaveLength(2));
		const q3 = (await versions.list(account.id)).find((v) => v.quarter === '2026-Q3')!;
		expect(await storedText(q3.id)).toBe('still Q3');
	});
});
