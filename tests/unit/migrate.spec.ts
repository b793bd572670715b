/** `npm run migrate`: a data folder's SQLite document store copied into PostgreSQL. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocStore } from '../../server/store/doc-store.ts';
import { copyToPostgres } from '../../server/store/copy-to-postgres.ts';
import { openPostgresStore } from '../../server/store/postgres-store.ts';
import { openSqliteStore } from '../../server/store/sqlite-store.ts';
import { testDatabase } from './helpers/postgres.ts';

process.env.PANORAMA_LOG = 'silent';

let dataDir: string;
const states = new Map<string, Uint8Array>();

async function stateOf(store: DocStore, docId: string): Promise<Uint8Array> {
	const doc = new Y.Doc();
	for (const part of await store.load(docId)) Y.applyUpdate(doc, part);
	return Y.encodeStateAsUpdate(doc);
}

beforeAll(async () => {
	dataDir = mkdtempSync(join(tmpdir(), 'panorama-migrate-'));
	const sqlite = openSqliteStore(join(dataDir, 'panorama.db'));
	await sqlite.create({ id: 'plan', kind: 'account', title: 'Plan', createdAt: 1, tokenEpoch: 2 });
	await sqlite.create({
		id: 'board',
		kind: 'journey',
		title: 'Board',
		createdAt: 2,
		tokenEpoch: 0,
		parent: 'plan'
	});
	await sqlite.create({ id: 'empty', kind: 'account', title: '', createdAt: 3, tokenEpoch: 0 });
	await sqlite.bumpRoleEpoch('plan', 'viewer');
	await sqlite.addLink({
		id: 'l1',
		docId: 'plan',
		role: 'viewer',
		createdAt: 5,
		expiresAt: 99,
		docEpoch: 2,
		roleEpoch: 1
	});
	// Content in a snapshot and in the log after it, with deletions.
	for (const id of ['plan', 'board']) {
		const doc = new Y.Doc();
		doc.on('update', (update: Uint8Array) => void sqlite.append([{ docId: id, update }]));
		doc.getText('t').insert(0, `hello ${id}`);
		doc.getText('t').delete(0, 2);
		await sqlite.compact(id);
		doc.getMap('m').set('k', id);
		doc.getText('t').insert(0, '!');
		states.set(id, await stateOf(sqlite, id));
	}
	await sqlite.close();
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

it('copies registry, links and content, verifies them, and a second run finds them there', async () => {
	const url = await testDatabase('migrate');
	const lines: string[] = [];
	const dry = await copyToPostgres({
		from: dataDir,
		to: url,
		dryRun: true,
		report: (l) => lines.push(l)
	});
	expect(dry).toMatchObject({ documents: 3, copied: 0, links: 1 });
	expect(lines.filter((line) => line.startsWith('would copy'))).toHaveLength(3);
	// A dry run leaves the target untouched: not even the schema is created.
	const target = new pg.Client({ connectionString: url });
	await target.connect();
	const { rows } = await target.query("SELECT to_regclass('panorama_schema') AS t");
	await target.end();
	expect(rows).toEqual([{ t: null }]);

	const result = await copyToPostgres({ from: dataDir, to: url, report: (l) => lines.push(l) });
	expect(result).toMatchObject({ documents: 3, copied: 3, alreadyThere: 0, links: 1 });
	expect(lines.at(-1)).toMatch(/verified 3 documents/);

	const store = openPostgresStore(url);
	try {
		expect(await store.get('plan')).toEqual({
			id: 'plan',
			kind: 'account',
			title: 'Plan',
			createdAt: 1,
			tokenEpoch: 2,
			roleEpochs: { viewer: 1 }
		});
		expect((await store.children('plan')).map((r) => r.id)).toEqual(['board']);
		expect(await store.links('plan')).toEqual([
			{
				id: 'l1',
				docId: 'plan',
				role: 'viewer',
				createdAt: 5,
				expiresAt: 99,
				docEpoch: 2,
				roleEpoch: 1
			}
		]);
		for (const [id, state] of states) {
			expect(Buffer.from(await stateOf(store, id))).toEqual(Buffer.from(state));
			// One merged update per document.
			expect(await store.load(id)).toHaveLength(1);
		}
		expect(await store.load('empty')).toEqual([]);
		await store.bumpRoleEpoch('plan', 'viewer');
	} finally {
		await store.close();
	}

	const again = await copyToPostgres({ from: dataDir, to: url });
	expect(again).toMatchObject({ documents: 3, copied: 0, alreadyThere: 3 });
});

it('runs as npm run migrate, and refuses a target whose copy was edited since', async () => {
	const url = await testDatabase('migrate_cli');
	const run = (...args: string[]) =>
		promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/migrate.ts', ...args]);
	const dry = await run('--to', url, '--from', dataDir, '--dry-run');
	expect(dry.stdout).toMatch(/dry run: would copy 3 documents, 1 links/);
	const real = await run('--to', url, '--from', dataDir);
	expect(real.stdout).toMatch(/copied 3 and found 0 already there/);

	const store = openPostgresStore(url);
	const edit = new Y.Doc();
	edit.getText('t').insert(0, 'new');
	await store.append([{ docId: 'plan', update: Y.encodeStateAsUpdate(edit) }]);
	await store.close();
	await expect(run('--to', url, '--from', dataDir)).rejects.toMatchObject({
		code: 1,
		stderr: expect.stringMatching(/1 documents differ.*plan/)
	});
}, 60_000);
