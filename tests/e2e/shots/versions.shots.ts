/**
 * Screenshots of an account plan's versions tab (the list) and of a comparison with now, on the
 * demo account after a version was taken and the plan changed, at desk (1440×900) and pocket
 * (390×844) sizes. Not part of the suite; run against the e2e build (its test hook writes the
 * changes):
 *
 *   npm run build:e2e && PORT=4414 PANORAMA_DATA_DIR=/tmp/shots-versions-data tsx server/index.ts &
 *   SHOTS_URL=http://127.0.0.1:4414 SHOTS_DIR=/tmp/shots-versions tsx tests/e2e/shots/versions.shots.ts
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, expect, type Page } from '@playwright/test';

const BASE = process.env.SHOTS_URL ?? 'http://127.0.0.1:4414';
const OUT = process.env.SHOTS_DIR ?? 'test-results/shots';
const LOCALES = (process.env.SHOTS_LOCALES ?? 'zh-CN,en').split(',');
mkdirSync(OUT, { recursive: true });

const sizes = { desk: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } } as const;
const words = {
	'zh-CN': {
		demo: '载入示例客户',
		versions: '版本',
		compareNow: '与当前比较',
		version: '第三季度回顾',
		before: '年初计划'
	},
	en: {
		demo: 'Load the demo account',
		versions: 'Versions',
		compareNow: 'Compare with now',
		version: 'Q3 review',
		before: 'Start of year'
	}
} as const;

const browser = await chromium.launch({
	executablePath: '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run']
});

const saved = (page: Page) =>
	expect(page.locator('[data-status]').first()).toHaveAttribute('data-status', 'saved');

async function takeVersion(id: string, token: string, name: string) {
	const response = await fetch(`${BASE}/api/docs/${id}/versions`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
		body: JSON.stringify({ name })
	});
	if (response.status !== 201) throw new Error(`take failed: ${response.status}`);
}

/** Changes as people would make them: renames, spend, a move, a deletion, an action done. */
async function changePlan(page: Page) {
	await page.evaluate(() => {
		type Map = {
			get(k: string): unknown;
			set(k: string, v: unknown): void;
			entries(): Iterable<[string, unknown]>;
		};
		const doc = (
			globalThis as unknown as {
				panoramaDoc: {
					doc: { clientID: number; getMap(n: string): Map; transact(f: () => void): void };
				};
			}
		).panoramaDoc.doc;
		const nodes = [...doc.getMap('nodes').entries()] as Array<[string, Map]>;
		const moves = [...doc.getMap('moves').entries()].map(
			([, op]) => op as { ts: number; node: string; parent: string }
		);
		const parentOf = new Map<string, string>();
		for (const op of moves.sort((a, b) => a.ts - b.ts)) parentOf.set(op.node, op.parent);
		let ts = Math.max(...moves.map((op) => op.ts)) + 1;
		const branches = nodes.filter(([, n]) => n.get('kind') === 'branch');
		const subsidiaries = nodes.filter(([, n]) => n.get('kind') === 'subsidiary');
		doc.transact(() => {
			const [first, second, third, fourth, fifth] = branches;
			first![1].set('name', `${first![1].get('name')}（新）`);
			second![1].set('spend', Number(second![1].get('spend')) * 2);
			second![1].set('ours', Number(second![1].get('spend')) * 0.9);
			third![1].set('ours', 0);
			const target = subsidiaries.find(([id]) => id !== parentOf.get(fourth![0]))!;
			// Inline, not a helper function: tsx would name it with a helper the page lacks.
			for (const [node, parent, order] of [
				[fourth![0], target[0], 'zz'],
				[fifth![0], 'trash', 'a0']
			] as const) {
				doc.getMap('moves').set(`${doc.clientID}:${ts}`, {
					ts,
					client: doc.clientID,
					node,
					parent,
					order
				});
				ts++;
			}
			const actions = [...doc.getMap('actions').entries()] as Array<[string, unknown]>;
			if (actions[0])
				doc.getMap('actions').set(actions[0][0], { ...(actions[0][1] as object), status: 'done' });
		});
	});
}

for (const locale of LOCALES as Array<keyof typeof words>) {
	const w = words[locale];
	const created = await fetch(BASE + '/api/docs', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ kind: 'account', title: locale === 'en' ? 'Huayuan Group' : '华远集团' })
	});
	const { id, token } = (await created.json()) as { id: string; token: string };
	let prepared = false;
	for (const [size, viewport] of Object.entries(sizes)) {
		const context = await browser.newContext({ locale, viewport });
		const page = await context.newPage();
		await page.goto(`${BASE}/d/${id}#${token}`);
		if (!prepared) {
			await page.getByRole('button', { name: w.demo }).click();
			await expect(page.getByRole('treeitem').first()).toBeVisible();
			await saved(page);
			await takeVersion(id, token, w.before);
			await takeVersion(id, token, w.version);
			await changePlan(page);
			prepared = true;
		}
		await saved(page);
		await page.getByRole('tab', { name: w.versions, exact: true }).click();
		await expect(page.getByTestId('version-row')).toHaveCount(2);
		await page.screenshot({ path: join(OUT, `versions-list-${size}-${locale}.png`) });
		await page.getByRole('button', { name: w.compareNow }).first().click();
		await expect(page.getByTestId('version-compare')).toBeVisible();
		await page.getByTestId('version-compare').scrollIntoViewIfNeeded();
		await page.screenshot({ path: join(OUT, `versions-compare-${size}-${locale}.png`) });
		// The whole comparison, however long (a phone shows a screenful at a time).
		await page
			.getByTestId('version-compare')
			.screenshot({ path: join(OUT, `versions-compare-all-${size}-${locale}.png`) });
		await context.close();
	}
}
await browser.close();
console.log(`screenshots in ${OUT}`);
