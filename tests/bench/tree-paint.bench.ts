/**
 * First paint of a 10,000-node account's tree view in headless Chromium (Debian's), opening the
 * document from the browser's IndexedDB copy after one earlier visit.
 *
 *   npm run bench:tree-paint              # builds, then 7 reloads
 *   npm run bench:tree-paint -- --runs 15
 *
 * Starts the real server (port 4399, throw-away data directory), stores the demo account through
 * the relay, opens it once so IndexedDB holds it, then reloads and reports the time from
 * navigation start to the first painted outline row (a requestAnimationFrame after the row
 * exists), and to the tidy-tree chart's first paint after switching to its tab.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import WebSocket from 'ws';
import { writeDemoAccount } from '../../src/lib/model/demo-account.ts';
import { openSyncedDoc } from '../../src/lib/transport/synced-doc.ts';

const { values } = parseArgs({
	options: { runs: { type: 'string', default: '7' }, profile: { type: 'boolean', default: false } }
});
const runs = Number(values.runs);
const PORT = 4399;
const base = `http://127.0.0.1:${PORT}`;
const dataDir = mkdtempSync(join(tmpdir(), 'panorama-paint-'));

const server = spawn('npx', ['tsx', 'server/index.ts'], {
	env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', PANORAMA_DATA_DIR: dataDir },
	stdio: 'inherit',
	// Its own process group, so stopping it stops tsx and node under npx too.
	detached: true
});
const stopServer = () => {
	try {
		process.kill(-server.pid!, 'SIGTERM');
	} catch {
		// reason: already gone
	}
};

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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

try {
	await waitFor(async () => (await fetch(`${base}/healthz`)).ok);
	const created = await fetch(`${base}/api/docs`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ kind: 'account', title: '10k' })
	});
	const { id, token } = (await created.json()) as { id: string; token: string };

	// Store the 10k-node account through the relay, as a client would.
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
	writeDemoAccount(synced.doc, {
		language: 'zh',
		size: 10_430,
		regionalAgreements: 400,
		bookings: 0
	});
	await waitFor(() => synced.status === 'saved' && synced.unsaved === 0);
	const nodes = synced.doc.getMap('nodes').size;
	synced.destroy();

	const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
	const context = await browser.newContext({
		viewport: { width: 1440, height: 900 },
		locale: 'zh-CN'
	});
	// A string, not a function: tsx would wrap inner functions in a `__name` helper the page lacks.
	await context.addInitScript(`
		const poll = () => {
			if (document.querySelector('[role=treeitem]')) {
				requestAnimationFrame(() => (window.firstRowPaint = performance.now()));
			} else requestAnimationFrame(poll);
		};
		requestAnimationFrame(poll);
	`);
	const page = await context.newPage();
	// First visit: the app shell is cached and the document lands in IndexedDB.
	await page.goto(`${base}/d/${id}#${token}`);
	await page.locator('[data-status=saved]').waitFor({ timeout: 120_000 });
	await page.locator('[role=treeitem]').first().waitFor();

	if (values.profile) await profileOneReload(page);

	const outline: number[] = [];
	const chart: number[] = [];
	for (let i = 0; i < runs; i++) {
		await page.reload();
		const painted = await page.waitForFunction(
			() => (window as unknown as { firstRowPaint?: number }).firstRowPaint,
			undefined,
			{ timeout: 60_000 }
		);
		outline.push(Number(await painted.jsonValue()));
		const tabStart = await page.evaluate(() => performance.now());
		await page.getByRole('tab').nth(1).click();
		await page.locator('svg [data-node], canvas').first().waitFor();
		const chartPainted = await page.evaluate(
			() => new Promise<number>((r) => requestAnimationFrame(() => r(performance.now())))
		);
		chart.push(chartPainted - tabStart);
	}
	console.log(`account: ${nodes} nodes`);
	console.log(
		`(d) first paint of the outline from IndexedDB: median ${median(outline).toFixed(0)} ms, ` +
			`min ${Math.min(...outline).toFixed(0)}, max ${Math.max(...outline).toFixed(0)} over ${runs} reloads (goal ≤ 1 s)`
	);
	console.log(`    tidy tree chart after switching tab: median ${median(chart).toFixed(0)} ms`);
	await browser.close();
} finally {
	stopServer();
	rmSync(dataDir, { recursive: true, force: true });
}

/** `--profile`: one reload under the CPU profiler; prints the functions with most self time. */
async function profileOneReload(page: import('@playwright/test').Page) {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Profiler.enable');
	await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
	await cdp.send('Profiler.start');
	await page.reload();
	await page.waitForFunction(() => (window as unknown as { firstRowPaint?: number }).firstRowPaint);
	const { profile } = (await cdp.send('Profiler.stop')) as {
		profile: {
			nodes: Array<{
				id: number;
				callFrame: { functionName: string; url: string; lineNumber: number };
			}>;
			samples: number[];
			timeDeltas: number[];
		};
	};
	const self = new Map<number, number>();
	profile.samples.forEach((id, i) =>
		self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0))
	);
	const byName = new Map<string, number>();
	for (const node of profile.nodes) {
		const { functionName, url, lineNumber } = node.callFrame;
		const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber}`;
		byName.set(key, (byName.get(key) ?? 0) + (self.get(node.id) ?? 0));
	}
	console.log('profile of one reload, self time:');
	for (const [name, micros] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
		console.log(`  ${(micros / 1000).toFixed(1).padStart(7)} ms  ${name}`);
	}
}
