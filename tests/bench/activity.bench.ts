/**
 * The account timeline (行动记录) of an account with 50,000 recorded changes.
 *
 *   npm run bench:activity                          # builds, then (a) and (b)
 *   npm run bench:activity -- --requests 60 --runs 15 --entries 100000
 *
 * Set-up: the real server (port 4397 unless --port, throw-away data directory) gets a 600-node
 * account through the relay and a team of five named members placed on it; then the server stops
 * and 50,000 entries are written straight into its SQLite file through the activity store — a mix
 * like a busy year: mostly figures and names changed, moves, additions, deletions, plan items, a
 * few settings and large edits; by five members and by editor- and owner-link holders; on nodes
 * picked with a skew (some nodes are edited far more than others) — and the server starts again.
 *
 * (a) the first page (100 entries) of `GET /api/docs/:doc/activity`, unfiltered and under each
 *     filter, and `…/activity/people`: p50 / p99 over --requests requests, timed twice — the
 *     store's own query (in this process, on the same file) and the HTTP round trip on loopback
 *     (token check, store, names, JSON);
 * (b) in Chromium (Debian's), from clicking the Activity tab to the first entry painted (a
 *     requestAnimationFrame after it exists): the first opening after a page load (the tab's code
 *     is fetched then) and re-openings. Goal: ≤ 300 ms;
 * (c) exporting the whole record as the tab does: every page of 500, then the CSV text.
 *
 * Prints numbers; asserts nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import WebSocket from 'ws';
import type { ActivityEntry, ActivityQuery } from '../../server/activity/activity-store.ts';
import { openSqliteStore } from '../../server/store/sqlite-store.ts';
import { seededRandom } from '../../src/lib/domain/review/random.ts';
import type { ActivityChange } from '../../src/lib/model/account-activity.ts';
import { writeDemoAccount } from '../../src/lib/model/demo-account.ts';
import { openSyncedDoc } from '../../src/lib/transport/synced-doc.ts';
import type { ActivityPage } from '../../src/lib/api/contract.ts';
import { activityCsv } from '../../src/lib/ui/account/activity-text.ts';

const { values } = parseArgs({
	options: {
		entries: { type: 'string', default: '50000' },
		requests: { type: 'string', default: '30' },
		runs: { type: 'string', default: '10' },
		port: { type: 'string', default: '4397' }
	}
});
const ENTRIES = Number(values.entries);
const REQUESTS = Number(values.requests);
const RUNS = Number(values.runs);
const PORT = Number(values.port);
const base = `http://127.0.0.1:${PORT}`;
const dataDir = mkdtempSync(join(tmpdir(), 'panorama-activity-'));
process.env.PANORAMA_LOG = 'silent';

let server: ChildProcess | undefined;

function startServer(): ChildProcess {
	return spawn('npx', ['tsx', 'server/index.ts'], {
		env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', PANORAMA_DATA_DIR: dataDir },
		stdio: ['ignore', 'ignore', 'inherit'],
		// Its own process group, so stopping it stops tsx and node under npx too.
		detached: true
	});
}

async function stopServer(): Promise<void> {
	const running = server;
	server = undefined;
	if (!running || running.exitCode !== null) return;
	const exited = new Promise((resolve) => running.once('exit', resolve));
	try {
		process.kill(-running.pid!, 'SIGTERM');
	} catch {
		// reason: already gone
	}
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
	const response = await fetch(base + path, {
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

const quantile = (xs: number[], q: number) =>
	[...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))]!;
const p50p99 = (xs: number[]) =>
	`p50 ${quantile(xs, 0.5).toFixed(1).padStart(6)} ms   p99 ${quantile(xs, 0.99).toFixed(1).padStart(6)} ms`;

/** A 600-node account stored through the relay, as a client would; its nodes' ids and names. */
async function storeAccount() {
	const { id, token } = await api<{ id: string; token: string }>('POST', '/api/docs', undefined, {
		kind: 'account',
		title: '华远集团'
	});
	const unsaved = new Map<string, number>();
	const synced = openSyncedDoc({
		docId: id,
		token,
		relayUrl: `ws://127.0.0.1:${PORT}/sync`,
		persist: false,
		WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
		unsavedStore: { get: (d) => unsaved.get(d) ?? 0, set: (d, n) => void unsaved.set(d, n) }
	});
	await waitFor(() => synced.status === 'saved');
	synced.doc.getMap('meta').set('kind', 'account');
	synced.doc.getMap('meta').set('title', '华远集团');
	writeDemoAccount(synced.doc, { language: 'zh', size: 600, bookings: 0 });
	await waitFor(() => synced.status === 'saved' && synced.unsaved === 0, 120_000);
	const nodes = [...synced.doc.getMap<{ get(k: string): unknown }>('nodes').entries()].map(
		([node, map]) => ({ node, name: String(map.get('name') ?? '') })
	);
	synced.destroy();
	return { id, token, nodes };
}

/** A workspace team of five named members, with the account placed in their sector. */
async function storeTeam(doc: { id: string; token: string }) {
	const workspace = await api<{ id: string; token: string }>('POST', '/api/docs', undefined, {
		kind: 'workspace',
		title: '大客户部'
	});
	const ws = `/api/workspaces/${workspace.id}`;
	type Joined = { credential: string; member: { id: string } };
	const owner = await api<Joined>('POST', `${ws}/team`, workspace.token, { name: '王总' });
	const { sectors } = await api<{ sectors: Array<{ id: string }> }>(
		'POST',
		`${ws}/sectors`,
		owner.credential,
		{ name: '华东' }
	);
	const sector = sectors[0]!.id;
	await api('POST', `${ws}/documents`, owner.credential, {
		doc: doc.id,
		sector,
		docToken: doc.token
	});
	const members = [owner.member.id];
	for (const name of ['李经理', '张主管', '陈专员', '刘助理']) {
		const invitation = await api<{ token: string }>('POST', `${ws}/invitations`, owner.credential, {
			role: 'member',
			sector
		});
		const joined = await api<Joined>('POST', `${ws}/members`, invitation.token, { name });
		members.push(joined.member.id);
	}
	return members;
}

/** `count` entries over the last year, oldest first, in a busy plan's mix. */
function makeEntries(
	doc: string,
	nodes: Array<{ node: string; name: string }>,
	members: string[],
	count: number
): ActivityEntry[] {
	const random = seededRandom(20_261_203);
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
	// Skewed: the first nodes of a shuffled order are edited far more often than the rest.
	const order = [...nodes].sort(() => random() - 0.5);
	const skewed = () => order[Math.floor(order.length * random() ** 3)]!;
	const authors: Array<Pick<ActivityEntry, 'member' | 'role'>> = [
		...members.map((member, i) => ({ member, role: i === 0 ? 'owner' : 'editor' })),
		{ role: 'editor' },
		{ role: 'owner' }
	];
	const authorWeights = [0.1, 0.3, 0.2, 0.15, 0.1, 0.12, 0.03];
	const author = () => {
		let r = random();
		for (let i = 0; i < authors.length; i++) if ((r -= authorWeights[i]!) < 0) return authors[i]!;
		return authors[0]!;
	};
	const fields = [
		'spend',
		'spend',
		'ours',
		'ours',
		'headcount',
		'name',
		'region',
		'owner'
	] as const;
	const lists = ['actions', 'goals', 'checklist', 'contacts', 'agreements', 'team', 'feedback'];
	const change = (): ActivityChange => {
		const r = random();
		const { node, name } = skewed();
		const other = pick(order);
		if (r < 0.55) {
			const field = pick(fields);
			const money = () => Math.round(random() * 5e7);
			return {
				kind: 'node-changed',
				node,
				name,
				field,
				from: field === 'name' ? name : field === 'region' || field === 'owner' ? '' : money(),
				to: field === 'name' ? `${name}（新）` : field === 'region' ? '上海' : money()
			};
		}
		if (r < 0.65) {
			return {
				kind: 'node-moved',
				node,
				name,
				from: other.node,
				fromName: other.name,
				parent: pick(order).node,
				parentName: pick(order).name
			};
		}
		if (r < 0.77) {
			return { kind: 'node-added', node, name, parent: other.node, parentName: other.name };
		}
		if (r < 0.82) return { kind: 'node-removed', node, name };
		if (r < 0.83) {
			return { kind: 'node-restored', node, name, parent: other.node, parentName: other.name };
		}
		if (r < 0.985) {
			const action = pick(['added', 'changed', 'changed', 'removed'] as const);
			return {
				kind: 'item-changed',
				list: pick(lists),
				id: `item${Math.floor(random() * 500)}`,
				action
			};
		}
		if (r < 0.995)
			return { kind: 'settings-changed', setting: random() < 0.7 ? 'tiers' : 'nationalThreshold' };
		return { kind: 'more-changes', count: 1 + Math.floor(random() * 3000) };
	};
	const start = Date.now() - 365 * 86_400_000;
	const step = (365 * 86_400_000) / count;
	return Array.from({ length: count }, (_, i) => ({
		doc,
		at: Math.round(start + i * step),
		...author(),
		change: change()
	}));
}

const MARK = `
	window.firstEntryPaint = undefined;
	window.watchEntry = () => {
		window.firstEntryPaint = undefined;
		const poll = () => {
			if (document.querySelector('[data-testid=activity-entry]')) {
				requestAnimationFrame(() => (window.firstEntryPaint = performance.now()));
				return;
			}
			requestAnimationFrame(poll);
		};
		requestAnimationFrame(poll);
	};
`;
type Marked = { firstEntryPaint?: number; watchEntry(): void };

try {
	server = startServer();
	await waitFor(async () => (await fetch(`${base}/healthz`)).ok);
	const account = await storeAccount();
	const members = await storeTeam(account);
	await stopServer();

	// Written straight into the server's file through the store, in the batches the recorder uses.
	const store = openSqliteStore(join(dataDir, 'panorama.db'));
	const entries = makeEntries(account.id, account.nodes, members, ENTRIES);
	const writeStart = performance.now();
	for (let i = 0; i < entries.length; i += 2000) {
		await store.activity.addActivity(entries.slice(i, i + 2000));
	}
	console.log(
		`account: ${account.nodes.length} nodes, ${members.length} members; ` +
			`${ENTRIES.toLocaleString('en')} entries written in ${((performance.now() - writeStart) / 1000).toFixed(1)} s`
	);

	const counts = new Map<string, number>();
	for (const e of entries) {
		for (const key of [
			`node:${'node' in e.change ? e.change.node : ''}`,
			`kind:${e.change.kind}`
		]) {
			counts.set(key, (counts.get(key) ?? 0) + 1);
		}
	}
	const byCount = account.nodes
		.map(({ node }) => ({ node, n: counts.get(`node:${node}`) ?? 0 }))
		.filter((x) => x.n > 0)
		.sort((a, b) => b.n - a.n);
	const busiest = byCount[0]!;
	const quiet = byCount.at(-1)!;
	const filters: Array<[string, Partial<ActivityQuery>]> = [
		['unfiltered', {}],
		['member (30% of entries)', { member: members[1]! }],
		['member (10% of entries)', { member: members[4]! }],
		['editor-link holders (12%)', { link: 'editor' }],
		[`busiest node (${busiest.n} entries)`, { node: busiest.node }],
		[`quiet node (${quiet.n} entries)`, { node: quiet.node }],
		[`kind node-changed (${counts.get('kind:node-changed')})`, { kind: 'node-changed' }],
		[
			`kind settings-changed (${counts.get('kind:settings-changed')})`,
			{ kind: 'settings-changed' }
		],
		[`kind more-changes (${counts.get('kind:more-changes')})`, { kind: 'more-changes' }],
		['member + kind settings-changed', { member: members[1]!, kind: 'settings-changed' }],
		['node that has none', { node: 'no-such-node' }]
	];

	console.log(
		`\n(a) first page of 100, ${REQUESTS} requests each     store query              HTTP round trip`
	);
	const storeTimes = new Map<string, number[]>();
	for (const [label, query] of filters) {
		const times: number[] = [];
		for (let i = 0; i < REQUESTS; i++) {
			const t = performance.now();
			await store.activity.activity(account.id, { limit: 100, ...query });
			times.push(performance.now() - t);
		}
		storeTimes.set(label, times);
	}
	const peopleTimes: number[] = [];
	for (let i = 0; i < REQUESTS; i++) {
		const t = performance.now();
		await store.activity.activityPeople(account.id);
		peopleTimes.push(performance.now() - t);
	}
	await store.close();

	server = startServer();
	await waitFor(async () => (await fetch(`${base}/healthz`)).ok);
	const path = `/api/docs/${account.id}/activity`;
	const timeHttp = async (url: string) => {
		const times: number[] = [];
		await api('GET', url, account.token); // the first one warms the token check and caches
		for (let i = 0; i < REQUESTS; i++) {
			const t = performance.now();
			await api('GET', url, account.token);
			times.push(performance.now() - t);
		}
		return times;
	};
	for (const [label, query] of filters) {
		const search = new URLSearchParams(
			Object.entries({ limit: 100, ...query }).map(([k, v]) => [k, String(v)])
		);
		const http = await timeHttp(`${path}?${search}`);
		console.log(`    ${label.padEnd(40)} ${p50p99(storeTimes.get(label)!)}   ${p50p99(http)}`);
	}
	console.log(
		`    ${'who appears (…/activity/people)'.padEnd(40)} ${p50p99(peopleTimes)}   ${p50p99(await timeHttp(`${path}/people`))}`
	);

	// (b) Chromium: clicking the tab to the first entry painted.
	const browser = await chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: ['--disable-background-networking', '--disable-component-update', '--no-first-run']
	});
	const context = await browser.newContext({
		viewport: { width: 1440, height: 900 },
		locale: 'zh-CN'
	});
	await context.addInitScript(MARK);
	const page = await context.newPage();
	const openTab = async () => {
		await page.evaluate(() => (window as unknown as Marked).watchEntry());
		const start = await page.evaluate(() => performance.now());
		await page.getByRole('tab', { name: '行动记录' }).click();
		const painted = await page.waitForFunction(
			() => (window as unknown as Marked).firstEntryPaint,
			undefined,
			{
				timeout: 30_000
			}
		);
		return Number(await painted.jsonValue()) - start;
	};
	const firstOpen: number[] = [];
	const reopen: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		if (i === 0) await page.goto(`${base}/d/${account.id}#${account.token}`);
		else await page.reload();
		await page.locator('[data-status=saved]').waitFor({ timeout: 60_000 });
		await page.locator('[role=treeitem]').first().waitFor();
		firstOpen.push(await openTab());
		await page.getByRole('tab', { name: '结构树' }).click();
		reopen.push(await openTab());
		await page.getByRole('tab', { name: '结构树' }).click();
	}
	const median = (xs: number[]) => quantile(xs, 0.5);
	const spread = (xs: number[]) =>
		`median ${median(xs).toFixed(0)} ms, min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)}`;
	console.log(
		`\n(b) Activity tab, click to first entry painted, ${RUNS} page loads (goal ≤ 300 ms):`
	);
	console.log(`    first opening after a page load: ${spread(firstOpen)}`);
	console.log(`    opening it again:                ${spread(reopen)}`);
	await browser.close();

	// (c) The CSV export of the whole record: every page of 500, then the text.
	const exportTimes: number[] = [];
	const csvTimes: number[] = [];
	let csvBytes = 0;
	for (let i = 0; i < 3; i++) {
		const t = performance.now();
		const all: ActivityPage['entries'] = [];
		let before: number | undefined;
		do {
			const page: ActivityPage = await api(
				'GET',
				`${path}?limit=500${before === undefined ? '' : `&before=${before}`}`,
				account.token
			);
			all.push(...page.entries);
			before = page.next;
		} while (before !== undefined);
		const read = performance.now();
		const text = activityCsv(all, 'zh-CN');
		csvTimes.push(performance.now() - read);
		exportTimes.push(performance.now() - t);
		csvBytes = new TextEncoder().encode(text).length;
	}
	console.log(
		`\n(c) CSV export of all ${ENTRIES.toLocaleString('en')} entries (pages of 500, then the text), 3 runs:` +
			`\n    median ${quantile(exportTimes, 0.5).toFixed(0)} ms in all, of which the CSV text ${quantile(csvTimes, 0.5).toFixed(0)} ms; ${(csvBytes / 1024 / 1024).toFixed(1)} MiB`
	);
} finally {
	await stopServer();
	rmSync(dataDir, { recursive: true, force: true });
}
