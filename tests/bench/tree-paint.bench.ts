/**
 * Opening big accounts in headless Chromium (Debian's), three cases:
 *
 * (d) warm: a 10,000-node account's tree view opened from the browser's IndexedDB copy after one
 *     earlier visit — navigation start to the first painted outline row (a requestAnimationFrame
 *     after the row exists), and the tidy-tree chart's first paint after switching to its tab;
 * (e) cold: a 3,000-node account with 20,000 bookings opened from a viewer link in a fresh
 *     browser context (no cache, no IndexedDB, no service worker) — first painted row, when the
 *     bookings' actuals reach the outline, and the longest main-thread task (Long Tasks API) until
 *     then;
 * (f) import: the same account's `.panorama` file imported on the home page of a fresh context —
 *     from choosing the file to the new document's first painted row, and to the relay holding
 *     it (status "saved"), with the longest main-thread task on the way (reading the file on the
 *     home page included: the app navigates to the document within the same page).
 *
 *   npm run bench:tree-paint                               # builds, then all cases, 7 runs each
 *   npm run bench:tree-paint -- --runs 15 --case cold      # warm | cold | import | all
 *
 * Starts the real server (port 4399 unless --port, throw-away data directory) and stores the
 * accounts through the relay, as a client would.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { writeDemoAccount, type DemoOptions } from '../../src/lib/model/demo-account.ts';
import { exportDocument } from '../../src/lib/model/export-file.ts';
import { openSyncedDoc } from '../../src/lib/transport/synced-doc.ts';

const { values } = parseArgs({
	options: {
		runs: { type: 'string', default: '7' },
		profile: { type: 'boolean', default: false },
		case: { type: 'string', default: 'all' },
		port: { type: 'string', default: '4399' }
	}
});
const runs = Number(values.runs);
const wanted = (name: 'warm' | 'cold' | 'import') => values.case === 'all' || values.case === name;
const PORT = Number(values.port);
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
const ms = (xs: number[]) =>
	`median ${median(xs).toFixed(0)} ms, min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)}`;

/** Creates an account on the server and stores the demo content through the relay. */
async function storeAccount(title: string, demo: Omit<DemoOptions, 'language'>) {
	const created = await fetch(`${base}/api/docs`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ kind: 'account', title })
	});
	const { id, token } = (await created.json()) as { id: string; token: string };
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
	synced.doc.getMap('meta').set('title', title);
	writeDemoAccount(synced.doc, { language: 'zh', ...demo });
	await waitFor(() => synced.status === 'saved' && synced.unsaved === 0, 120_000);
	const nodes = synced.doc.getMap('nodes').size;
	const file = exportDocument(synced.doc);
	const bytes = Y.encodeStateAsUpdate(synced.doc).length;
	synced.destroy();
	return { id, token, nodes, file, bytes };
}

/**
 * Marks, in the page: the first painted outline row (`firstRowPaint`), the first paint after the
 * bookings' actuals reached the outline (`actualsPaint`), and every long task (≥ 50 ms) with its
 * start. A string, not a function: tsx would wrap inner functions in a `__name` helper the page
 * lacks.
 */
const MARKS = `
	window.longTasks = [];
	try {
		new PerformanceObserver((list) => {
			for (const entry of list.getEntries()) window.longTasks.push([entry.startTime, entry.duration]);
		}).observe({ type: 'longtask', buffered: true });
	} catch {}
	const poll = () => {
		if (window.firstRowPaint === undefined && document.querySelector('[role=treeitem]')) {
			requestAnimationFrame(() => (window.firstRowPaint ??= performance.now()));
		}
		if (document.querySelector('[role=tree][data-actuals=bookings]')) {
			requestAnimationFrame(() => (window.actualsPaint ??= performance.now()));
			return;
		}
		requestAnimationFrame(poll);
	};
	requestAnimationFrame(poll);
`;

type Marked = { firstRowPaint?: number; actualsPaint?: number; longTasks: Array<[number, number]> };

/** The longest task that started before `until` (ms since navigation start). */
async function longestTask(page: import('@playwright/test').Page, until: number) {
	const tasks = await page.evaluate(() => (window as unknown as Marked).longTasks);
	return Math.max(0, ...tasks.filter(([start]) => start <= until).map(([, duration]) => duration));
}

const profilers = new WeakMap<
	import('@playwright/test').Page,
	import('@playwright/test').CDPSession
>();

const launchArgs = {
	executablePath: '/usr/bin/chromium',
	args: ['--disable-background-networking', '--disable-component-update', '--no-first-run']
};

try {
	await waitFor(async () => (await fetch(`${base}/healthz`)).ok);
	const browser = await chromium.launch(launchArgs);

	if (wanted('warm')) {
		// Store the 10k-node account through the relay, as a client would.
		const { id, token, nodes } = await storeAccount('10k', {
			size: 10_430,
			regionalAgreements: 400,
			bookings: 0
		});
		const context = await browser.newContext({
			viewport: { width: 1440, height: 900 },
			locale: 'zh-CN'
		});
		await context.addInitScript(MARKS);
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
				() => (window as unknown as Marked).firstRowPaint,
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
			`(d) first paint of the outline from IndexedDB: ${ms(outline)} over ${runs} reloads (goal ≤ 1 s)`
		);
		console.log(`    tidy tree chart after switching tab: median ${median(chart).toFixed(0)} ms`);
		await context.close();
	}

	if (wanted('cold') || wanted('import')) {
		const big = await storeAccount('3k + 20k bookings', {
			size: 3_120,
			regionalAgreements: 150,
			bookings: 20_000
		});
		console.log(
			`account: ${big.nodes} nodes, 20,000 bookings, state ${(big.bytes / 1024).toFixed(0)} KiB`
		);

		if (wanted('cold')) {
			const link = await fetch(`${base}/api/docs/${big.id}/links`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', authorization: `Bearer ${big.token}` },
				body: JSON.stringify({ role: 'viewer' })
			});
			const { token: viewer } = (await link.json()) as { token: string };
			const firstRows: number[] = [];
			const actuals: number[] = [];
			const longest: number[] = [];
			const longestBeforeRows: number[] = [];
			for (let i = 0; i < runs; i++) {
				// A fresh context: nothing cached, no IndexedDB, no service worker.
				const context = await browser.newContext({
					viewport: { width: 1440, height: 900 },
					locale: 'zh-CN'
				});
				await context.addInitScript(MARKS);
				const page = await context.newPage();
				if (values.profile && i === 0) await startProfile(page);
				await page.goto(`${base}/d/${big.id}#${viewer}`);
				const first = Number(
					await (
						await page.waitForFunction(
							() => (window as unknown as Marked).firstRowPaint,
							undefined,
							{
								timeout: 60_000
							}
						)
					).jsonValue()
				);
				const done = Number(
					await (
						await page.waitForFunction(
							() => (window as unknown as Marked).actualsPaint,
							undefined,
							{
								timeout: 60_000
							}
						)
					).jsonValue()
				);
				if (values.profile && i === 0) await stopProfile(page);
				firstRows.push(first);
				actuals.push(done);
				longest.push(await longestTask(page, done));
				longestBeforeRows.push(await longestTask(page, first));
				await context.close();
			}
			console.log(`(e) cold open from a viewer link, fresh browser, ${runs} runs:`);
			console.log(`    first painted row: ${ms(firstRows)} (goal ≤ 1.5 s)`);
			console.log(`    actuals from bookings on the outline: ${ms(actuals)}`);
			console.log(
				`    longest main-thread task until then: ${ms(longest)} (goal ≤ 200 ms); ` +
					`before the first row: median ${median(longestBeforeRows).toFixed(0)} ms`
			);
		}

		if (wanted('import')) {
			const path = join(dataDir, 'big.panorama');
			writeFileSync(path, big.file);
			const toRows: number[] = [];
			const toSaved: number[] = [];
			const longest: number[] = [];
			for (let i = 0; i < runs; i++) {
				const context = await browser.newContext({
					viewport: { width: 1440, height: 900 },
					locale: 'zh-CN'
				});
				await context.addInitScript(MARKS);
				const page = await context.newPage();
				await page.goto(base);
				const input = page.locator('input[type=file][accept=".panorama"]');
				await input.waitFor({ state: 'attached' });
				// Times on the wall clock: the import navigates, and each page has its own clock.
				const chosen = Date.now();
				if (values.profile && i === 0) await startProfile(page);
				await input.setInputFiles(path);
				await page.waitForURL(/\/d\//, { timeout: 60_000 });
				await page.waitForFunction(() => (window as unknown as Marked).firstRowPaint, undefined, {
					timeout: 60_000
				});
				toRows.push(Date.now() - chosen);
				await page.locator('[data-status=saved]').waitFor({ timeout: 60_000 });
				toSaved.push(Date.now() - chosen);
				if (values.profile && i === 0) await stopProfile(page);
				longest.push(await longestTask(page, Infinity));
				await context.close();
			}
			console.log(
				`(f) .panorama import (${(big.file.length / 1024).toFixed(0)} KiB), ${runs} runs:`
			);
			console.log(`    choosing the file to the first painted row: ${ms(toRows)} (goal ≤ 3 s)`);
			console.log(`    … to saved on the relay: ${ms(toSaved)}`);
			console.log(
				`    longest main-thread task, home page and document page (one document: the app ` +
					`navigates within it): ${ms(longest)}`
			);
		}
	}
	await browser.close();
} finally {
	stopServer();
	rmSync(dataDir, { recursive: true, force: true });
}

/** `--profile`: one reload under the CPU profiler; prints the functions with most self time. */
async function profileOneReload(page: import('@playwright/test').Page) {
	await startProfile(page);
	await page.reload();
	await page.waitForFunction(() => (window as unknown as Marked).firstRowPaint);
	await stopProfile(page);
}

async function startProfile(page: import('@playwright/test').Page) {
	const cdp = await page.context().newCDPSession(page);
	profilers.set(page, cdp);
	await cdp.send('Profiler.enable');
	await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
	await cdp.send('Profiler.start');
}

/** Stops the profiler `startProfile` started and prints the 25 functions with most self time. */
async function stopProfile(page: import('@playwright/test').Page) {
	const cdp = profilers.get(page)!;
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
	console.log('profile, self time:');
	for (const [name, micros] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
		console.log(`  ${(micros / 1000).toFixed(1).padStart(7)} ms  ${name}`);
	}
}
