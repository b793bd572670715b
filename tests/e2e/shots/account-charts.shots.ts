/**
 * Screenshots of the account charts (tree, spend icicle, tier ladder) and the travel routes and
 * report, on the demo account, at desk (1440×900) and pocket (390×844) sizes. Not part of the
 * suite; run against a built app:
 *
 *   npm run build && PORT=4435 PANORAMA_DATA_DIR=/tmp/shots tsx server/index.ts &
 *   SHOTS_URL=http://127.0.0.1:4435 SHOTS_DIR=/tmp/shots-out tsx tests/e2e/shots/account-charts.shots.ts
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, expect } from '@playwright/test';

const BASE = process.env.SHOTS_URL ?? 'http://127.0.0.1:4435';
const OUT = process.env.SHOTS_DIR ?? 'test-results/shots';
const LOCALES = (process.env.SHOTS_LOCALES ?? 'zh-CN').split(',');
mkdirSync(OUT, { recursive: true });

const sizes = { desk: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } } as const;
const tabs = {
	'zh-CN': {
		demo: '载入示例客户',
		tree: '树图',
		spend: '采购分布',
		tiers: '层级',
		routes: '航线分析',
		reports: '差旅报表'
	},
	en: {
		demo: 'Load the demo account',
		tree: 'Tree chart',
		spend: 'Spend',
		tiers: 'Tiers',
		routes: 'Routes',
		reports: 'Reports'
	}
} as const;

const browser = await chromium.launch({
	executablePath: '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run']
});

for (const locale of LOCALES as Array<keyof typeof tabs>) {
	const created = await fetch(BASE + '/api/docs', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ kind: 'account', title: 'Demo' })
	});
	const { id, token } = (await created.json()) as { id: string; token: string };
	for (const [size, viewport] of Object.entries(sizes)) {
		const context = await browser.newContext({ locale, viewport });
		const page = await context.newPage();
		await page.goto(`${BASE}/d/${id}#${token}`);
		const names = tabs[locale];
		const demo = page.getByRole('button', { name: names.demo });
		if (size === 'desk') await demo.click();
		await expect(page.locator('[data-status]')).toHaveAttribute('data-status', 'saved');
		for (const tab of ['tree', 'spend', 'tiers', 'routes', 'reports'] as const) {
			await page.getByRole('tab', { name: names[tab], exact: true }).click();
			await page.waitForLoadState('networkidle');
			if (tab === 'tree') await expect(page.locator('svg [data-node]').first()).toBeVisible();
			if (tab === 'spend') await expect(page.locator('section.icicle rect').first()).toBeVisible();
			if (tab === 'tiers') await expect(page.locator('.rung').first()).toBeVisible();
			if (tab === 'routes') await expect(page.getByTestId('routes-summary')).toBeVisible();
			if (tab === 'reports') await expect(page.locator('[data-kpi=spend] strong')).toBeVisible();
			await page.screenshot({ path: join(OUT, `${locale}-${size}-${tab}.png`), fullPage: true });
		}
		await context.close();
	}
}
await browser.close();
