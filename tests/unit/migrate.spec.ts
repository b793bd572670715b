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
import { openPostgresReviewStore } from '../../server/reviews/postgres-review-store.ts';
import { openSqliteReviewStore } from '../../server/reviews/sqlite-review-store.ts';
import { testDatabase } from './helpers/postgres.ts';

process.env.PANORAMA_LOG = 'silent';

let dataDir: string;
/** What the team's two members share. */
const member = { workspace: 'ws', sectors: [], joinedAt: 6, activeAt: 7 };
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
	// A team: an owner and a removed member, a sector, an invitation claimed, the plan placed.
	await sqlite.teams.addMember({ ...member, id: 'm1', name: '赵总', role: 'owner' });
	await sqlite.teams.addSector({ id: 's1', workspace: 'ws', name: '华东', createdAt: 6 });
	await sqlite.teams.addInvitation({
		id: 'i1',
		workspace: 'ws',
		role: 'member',
		sector: 's1',
		invitedBy: 'm1',
		createdAt: 6,
		expiresAt: 99
	});
	await sqlite.teams.claimInvitation('i1', {
		...member,
		id: 'm2',
		name: '李经理',
		role: 'member',
		sectors: [{ sector: 's1', head: false }]
	});
	await sqlite.teams.changeMember('m2', { removedAt: 8 });
	await sqlite.teams.place({ doc: 'plan', workspace: 'ws', sector: 's1' });
	await sqlite.close();

	// Review records: a claimed rater, two drafts (one submitted), a proposal, audit, a closed cycle.
	const reviews = openSqliteReviewStore(join(dataDir, 'reviews.db'));
	await reviews.addRater({ id: 'r1', cycleId: 'c', person: 'p1@example.com', name: '王芳' });
	await reviews.claimInvitation('r1', 0);
	for (const id of ['d1', 'd2']) {
		await reviews.addDraft({ id, cycleId: 'c', raterId: 'r1', subject: id, group: 'peer' });
	}
	const answer = { q1: { score: 5 } } as unknown as Parameters<typeof reviews.submit>[2]['answers'];
	await reviews.submit(
		{ id: 'd1', cycleId: 'c', raterId: 'r1', subject: 'd1', group: 'peer' },
		'key-1',
		{ subject: 'd1', group: 'peer', answers: answer, comments: { c1: '认真负责' } }
	);
	await reviews.addProposal({
		id: 'p1',
		cycleId: 'c',
		subject: 'd2',
		rater: 'p2@example.com',
		raterName: '赵强',
		group: 'peer',
		status: 'approved'
	});
	await reviews.audit('c', 'launch', '{"raters":1}');
	await reviews.close('c', [{ subject: 'd1' }], []);
	await reviews.closeStore();
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
	expect(lines).toContain('verified 3 documents: state vectors match');
	expect(lines.at(-1)).toMatch(
		/^copied review records: 1 raters, 2 drafts, 1 completions, 1 submissions, 1 cycles, 1 proposals, 1 audit$/
	);
	expect(lines).toContain(
		'copied team records: 2 members, 1 invitations, 1 sectors, 1 placements, 0 access_requests'
	);

	const store = openPostgresStore(url);
	try {
		expect(await store.teams.members('ws')).toEqual([
			{ ...member, id: 'm1', name: '赵总', role: 'owner' },
			{
				...member,
				id: 'm2',
				name: '李经理',
				role: 'member',
				sectors: [{ sector: 's1', head: false }],
				removedAt: 8
			}
		]);
		expect(await store.teams.invitation('i1')).toMatchObject({ claimedBy: 'm2', sector: 's1' });
		expect(await store.teams.placements('ws')).toEqual([
			{ doc: 'plan', workspace: 'ws', sector: 's1' }
		]);
		// Placing after the copy continues the workspace's order instead of colliding with it.
		await store.teams.place({ doc: 'board', workspace: 'ws', sector: 's1' });
		expect((await store.teams.placements('ws')).map((p) => p.doc)).toEqual(['plan', 'board']);
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

	const reviews = openPostgresReviewStore(url);
	try {
		expect(await reviews.rater('r1')).toMatchObject({ name: '王芳', epoch: 0 });
		expect((await reviews.rater('r1'))?.claimedAt).toBeTypeOf('number');
		expect(await reviews.completedDrafts('c')).toEqual(new Set(['d1']));
		expect(await reviews.submissions('c')).toEqual([
			{ subject: 'd1', group: 'peer', answers: { q1: { score: 5 } }, comments: { c1: '认真负责' } }
		]);
		expect(
			await reviews.submit(
				{ id: 'd1', cycleId: 'c', raterId: 'r1', subject: 'd1', group: 'peer' },
				'key-1',
				{ subject: 'd1', group: 'peer', answers: {}, comments: {} }
			)
		).toBe('repeated');
		expect(await reviews.proposal('p1')).toMatchObject({ status: 'approved', imported: false });
		expect((await reviews.auditLog('c')).map((e) => e.action)).toEqual(['launch']);
		expect(await reviews.isClosed('c')).toBe(true);
		expect(await reviews.reports('c')).toEqual([{ subject: 'd1' }]);
	} finally {
		await reviews.closeStore();
	}

	const again = await copyToPostgres({ from: dataDir, to: url });
	expect(again).toMatchObject({ documents: 3, copied: 0, alreadyThere: 3 });
	// The second run finds the review records there: nothing doubled.
	const check = openPostgresReviewStore(url);
	try {
		expect(await check.submissions('c')).toHaveLength(1);
		expect(await check.auditLog('c')).toHaveLength(1);
	} finally {
		await check.closeStore();
	}
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
