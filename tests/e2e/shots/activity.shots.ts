/**
 * Screenshots of an account plan's Activity tab (行动记录) at desk (1440×900) and pocket (390×844)
 * sizes in zh-CN and en: the timeline with entries over several days, the node filter open, a
 * filtered timeline, no match, and the empty state of a new account. Not part of the suite; starts
 * its own server (a throw-away data directory) on the current build:
 *
 *   npm run build:e2e && SHOTS_DIR=/tmp/shots-timeline tsx tests/e2e/shots/activity.shots.ts
 *
 * A team of three named members and an editor link's holder make the changes through the relay
 * today; older days are written into the record through the store while the server is stopped.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect } from '@playwright/test';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { ActivityEntry } from '../../../server/activity/activity-store.ts';
import { openSqliteStore } from '../../../server/store/sqlite-store.ts';
import { AccountTree } from '../../../src/lib/model/account.ts';
import { AccountPlan } from '../../../src/lib/model/account-plan.ts';
import { writeDemoAccount } from '../../../src/lib/model/demo-account.ts';
import { openSyncedDoc, type SyncedDoc } from '../../../src/lib/transport/synced-doc.ts';

const PORT = Number(process.env.SHOTS_PORT ?? 4415);
const BASE = `http://127.0.0.1:${PORT}`;
const OUT = process.env.SHOTS_DIR ?? 'test-results/shots';
const LOCALES = (process.env.SHOTS_LOCALES ?? 'zh-CN,en').split(',') as Array<'zh-CN' | 'en'>;
mkdirSync(OUT, { recursive: true });
const dataDir = mkdtempSync(join(tmpdir(), 'panorama-activity-shots-'));

const sizes = { desk: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } } as const;
const words = {
	'zh-CN': {
		title: '华远集团',
		people: ['王总', '李经理', '张主管'],
		tab: '行动记录',
		search: '南京',
		action: '拜访华东子公司财务总监',
		more: /显示这次编辑的其余/,
		older: '载入更早的记录'
	},
	en: {
		title: 'Huayuan Group',
		people: ['Wang Wei', 'Li Na', 'Zhang Min'],
		tab: 'Activity',
		search: 'Nan',
		action: 'Meet the East China CFO',
		more: /^Show \d+ more changes/,
		older: 'Load older'
	}
} as const;

let server: ChildProcess | undefined;
const startServer = () =>
	spawn('npx', ['tsx', 'server/index.ts'], {
		env: {
			...process.env,
			PORT: String(PORT),
			HOST: '127.0.0.1',
			PANORAMA_DATA_DIR: dataDir,
			PANORAMA_LOG: 'silent'
		},
		stdio: ['ignore', 'ignore', 'inherit'],
		detached: true
	});
async function stopServer() {
	const running = server;
	server = undefined;
	if (!running || running.exitCode !== null) return;
	const exited = new Promise((resolve) => running.once('exit', resolve));
	process.kill(-running.pid!, 'SIGTERM');
	await exited;
}
async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 60_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			const value = await check();
			if (value) return value;
		} catch {
			// reason: not up yet
		}
		if (Date.now() > deadline) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 100));
	}
}
async function api<T>(method: 'GET' | 'POST', path: string, token?: string, body?: unknown) {
	const response = await fetch(BASE + path, {
		method,
		headers: {
			'content-type': 'application/json',
			...(token ? { authorization: `Bearer ${token}` } : {})
		},
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
	return (await response.json()) as T;
}
function connect(docId: string, token: string): Promise<SyncedDoc> {
	const unsaved = new Map<string, number>();
	const synced = openSyncedDoc({
		docId,
		token,
		relayUrl: `ws://127.0.0.1:${PORT}/sync`,
		persist: false,
		WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
		unsavedStore: { get: (d) => unsaved.get(d) ?? 0, set: (d, n) => void unsaved.set(d, n) }
	});
	return waitFor(() => synced.status === 'saved' && synced).then(() => synced);
}
const settle = (synced: SyncedDoc) => waitFor(() => synced.status === 'saved' && !synced.unsaved);

/** An account with a team of three placed on it; the team's credentials and an editor link. */
async function prepare(locale: 'zh-CN' | 'en') {
	const w = words[locale];
	const doc = await api<{ id: string; token: string }>('POST', '/api/docs', undefined, {
		kind: 'account',
		title: w.title
	});
	const workspace = await api<{ id: string; token: string }>('POST', '/api/docs', undefined, {
		kind: 'workspace',
		title: w.title
	});
	const ws = `/api/workspaces/${workspace.id}`;
	type Joined = { credential: string; member: { id: string } };
	const owner = await api<Joined>('POST', `${ws}/team`, workspace.token, { name: w.people[0] });
	const { sectors } = await api<{ sectors: Array<{ id: string }> }>(
		'POST',
		`${ws}/sectors`,
		owner.credential,
		{ name: locale === 'en' ? 'East' : '华东' }
	);
	await api('POST', `${ws}/documents`, owner.credential, {
		doc: doc.id,
		sector: sectors[0]!.id,
		docToken: doc.token
	});
	const members = [owner];
	for (const name of w.people.slice(1)) {
		const invitation = await api<{ token: string }>('POST', `${ws}/invitations`, owner.credential, {
			role: 'member',
			sector: sectors[0]!.id
		});
		members.push(await api<Joined>('POST', `${ws}/members`, invitation.token, { name }));
	}
	const { token: editorLink } = await api<{ token: string }>(
		'POST',
		`/api/docs/${doc.id}/links`,
		doc.token,
		{ role: 'editor' }
	);
	// The plan's nodes, known before anyone edits them (the same seed gives the same names).
	const planned = new Y.Doc();
	writeDemoAccount(planned, { language: locale === 'en' ? 'en' : 'zh', size: 60, bookings: 0 });
	return { doc, members, editorLink, planned };
}

/** The demo plan's nodes: id, name and kind. */
function nodesOf(doc: Y.Doc) {
	return [...doc.getMap<Y.Map<unknown>>('nodes').entries()].map(([node, map]) => ({
		node,
		name: String(map.get('name')),
		kind: String(map.get('kind'))
	}));
}

/** Entries of the past week, written as the recorder would have. */
function olderEntries(
	prepared: Awaited<ReturnType<typeof prepare>>,
	today: number
): ActivityEntry[] {
	const { doc, members } = prepared;
	const nodes = nodesOf(prepared.planned);
	const branch = nodes.filter((n) => n.kind === 'branch');
	const subsidiary = nodes.filter((n) => n.kind === 'subsidiary');
	const at = (daysAgo: number, hour: number, minute: number) => {
		const date = new Date(today);
		date.setDate(date.getDate() - daysAgo);
		date.setHours(hour, minute, 0, 0);
		return date.getTime();
	};
	const by = (i: number) => ({ member: members[i]!.member.id, role: i === 0 ? 'owner' : 'editor' });
	return [
		{
			doc: doc.id,
			at: at(6, 10, 12),
			...by(1),
			change: {
				kind: 'node-changed',
				node: branch[0]!.node,
				name: branch[0]!.name,
				field: 'headcount',
				from: 120,
				to: 135
			}
		},
		{
			doc: doc.id,
			at: at(6, 16, 40),
			...by(0),
			change: { kind: 'settings-changed', setting: 'nationalThreshold' }
		},
		{
			doc: doc.id,
			at: at(1, 9, 5),
			...by(2),
			change: {
				kind: 'node-changed',
				node: branch[1]!.node,
				name: branch[1]!.name,
				field: 'kind',
				from: 'branch',
				to: 'subsidiary'
			}
		},
		{
			doc: doc.id,
			at: at(1, 9, 6),
			...by(2),
			change: {
				kind: 'node-changed',
				node: branch[1]!.node,
				name: branch[1]!.name,
				field: 'kind',
				from: 'subsidiary',
				to: 'branch'
			}
		},
		{
			doc: doc.id,
			at: at(1, 11, 30),
			...by(1),
			change: { kind: 'node-removed', node: 'gone', name: branch[2]!.name }
		},
		{
			doc: doc.id,
			at: at(1, 15, 45),
			role: 'editor',
			change: { kind: 'item-changed', list: 'contacts', id: 'c1', action: 'added' }
		},
		{
			doc: doc.id,
			at: at(1, 17, 2),
			...by(1),
			change: {
				kind: 'node-moved',
				node: branch[3]!.node,
				name: branch[3]!.name,
				from: subsidiary[0]!.node,
				fromName: subsidiary[0]!.name,
				parent: subsidiary[1]!.node,
				parentName: subsidiary[1]!.name
			}
		}
	];
}

try {
	server = startServer();
	await waitFor(async () => (await fetch(`${BASE}/healthz`)).ok);
	const prepared = new Map<string, Awaited<ReturnType<typeof prepare>>>();
	for (const locale of LOCALES) prepared.set(locale, await prepare(locale));
	const empty = await api<{ id: string; token: string }>('POST', '/api/docs', undefined, {
		kind: 'account',
		title: ''
	});
	await stopServer();

	// Earlier days: written into the record while the server is stopped.
	const store = openSqliteStore(join(dataDir, 'panorama.db'));
	for (const p of prepared.values()) {
		await store.activity.addActivity(olderEntries(p, Date.now()));
	}
	await store.close();
	server = startServer();
	await waitFor(async () => (await fetch(`${BASE}/healthz`)).ok);

	// Today, through the relay, each with their own credential.
	for (const locale of LOCALES) {
		const w = words[locale];
		const { doc, members, editorLink, planned } = prepared.get(locale)!;
		const nodes = nodesOf(planned);
		const branch = nodes.filter((n) => n.kind === 'branch');
		const subsidiary = nodes.filter((n) => n.kind === 'subsidiary');
		const [wang, li, zhang] = await Promise.all(
			[members[0]!, members[1]!, members[2]!].map((m) => connect(doc.id, m.credential))
		);
		// The owner loads the demo account: one edit of hundreds of changes.
		Y.applyUpdate(wang!.doc, Y.encodeStateAsUpdate(planned));
		await settle(wang!);
		await waitFor(() => li!.doc.getMap('nodes').size > 0 && zhang!.doc.getMap('nodes').size > 0);
		const guest = await connect(doc.id, editorLink);
		await waitFor(() => guest.doc.getMap('nodes').size > 0);
		new AccountTree(li!.doc).move(branch[4]!.node, subsidiary[1]!.node, 0);
		await settle(li!);
		new AccountTree(zhang!.doc).setField(branch[5]!.node, 'spend', 36_800_000);
		await settle(zhang!);
		new AccountTree(guest.doc).setField(
			branch[6]!.node,
			'name',
			`${branch[6]!.name}${locale === 'en' ? ' Office' : '营业部'}`
		);
		await settle(guest);
		const tree = new AccountTree(wang!.doc);
		tree.setTiers(tree.tiers());
		new AccountPlan(wang!.doc).actions.put({
			title: w.action,
			owner: '',
			due: '',
			status: 'open',
			createdAt: Date.now()
		});
		await settle(wang!);
		new AccountTree(li!.doc).setField(branch[5]!.node, 'ours', 12_500_000);
		await settle(li!);
		for (const c of [wang, li, zhang, guest]) c!.destroy();
	}
	// The recorder writes a second after the change.
	await new Promise((r) => setTimeout(r, 1500));

	const browser = await chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run']
	});
	for (const locale of LOCALES) {
		const w = words[locale];
		const { doc } = prepared.get(locale)!;
		for (const [size, viewport] of Object.entries(sizes)) {
			const context = await browser.newContext({ locale, viewport });
			const page = await context.newPage();
			page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
			await page.goto(`${BASE}/d/${doc.id}#${doc.token}`);
			await expect(page.getByRole('treeitem').first()).toBeVisible();
			await page.getByRole('tab', { name: w.tab }).click();
			await expect(page.getByTestId('activity-entry').first()).toBeVisible();
			await page.screenshot({ path: join(OUT, `activity-${size}-${locale}.png`) });
			await page.getByRole('button', { name: w.older }).click();
			await expect(page.locator('[data-testid=activity] h3')).not.toHaveCount(1);
			await page.locator('[data-testid=activity] h3').last().scrollIntoViewIfNeeded();
			await page.screenshot({ path: join(OUT, `activity-older-${size}-${locale}.png`) });
			await page.getByRole('button', { name: w.more }).first().click();
			await page.screenshot({ path: join(OUT, `activity-edit-open-${size}-${locale}.png`) });
			const filters = page.locator('details.filters');
			if ((await filters.getAttribute('open')) === null) await filters.locator('summary').click();
			await page.getByTestId('activity-node-search').fill(w.search);
			await page.screenshot({ path: join(OUT, `activity-node-picker-${size}-${locale}.png`) });
			await page.getByTestId('activity-node-search').press('Enter');
			await expect(page.getByTestId('activity-node-chosen')).toBeVisible();
			await page.screenshot({ path: join(OUT, `activity-by-node-${size}-${locale}.png`) });
			await page.getByTestId('activity-kind').selectOption('settings-changed');
			await expect(page.getByTestId('activity-empty')).toBeVisible();
			await page.screenshot({ path: join(OUT, `activity-no-match-${size}-${locale}.png`) });
			await page.goto(`${BASE}/d/${empty.id}#${empty.token}`);
			await page.getByRole('tab', { name: w.tab }).click();
			await expect(page.getByTestId('activity-empty')).toBeVisible();
			await page.screenshot({ path: join(OUT, `activity-empty-${size}-${locale}.png`) });
			await context.close();
		}
	}
	await browser.close();
	console.log(`screenshots in ${OUT}`);
} finally {
	await stopServer();
	rmSync(dataDir, { recursive: true, force: true });
}
