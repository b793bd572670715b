/**
 * The account's dense screens hold at the three sizes in both languages (issue 17): the node
 * detail, the report's cards and tables and the bookings tables have no element wider than its
 * box, nothing spilling out of its area, and no number broken across lines. Screenshots of each
 * go to the test's output (and to SHOTS_DIR when set) to be looked at.
 */
import { expect, test, type Page } from '@playwright/test';
import { layoutProblems } from './overflow';

const SIZES = [
	{ name: 'desk', width: 1440, height: 900 },
	{ name: 'room', width: 1920, height: 1080 },
	{ name: 'phone', width: 390, height: 844 }
] as const;

const LOCALES = [
	{
		locale: 'zh-CN',
		demo: '载入示例客户',
		group: '中国华远能源集团',
		tabs: { structure: '结构树', reports: '差旅报表', bookings: '差旅数据', plan: /^计划/ }
	},
	{
		locale: 'en-US',
		demo: 'Load the demo account',
		group: 'Huayuan Energy Group',
		tabs: { structure: 'Structure', reports: 'Reports', bookings: 'Bookings', plan: /^Plan/ }
	}
] as const;

/** The whole page, and the area close up, into the test's output (and SHOTS_DIR when set). */
async function shoot(page: Page, name: string, area: string) {
	const dirs = [test.info().outputPath(), process.env.SHOTS_DIR].filter(Boolean);
	for (const dir of dirs) {
		await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
		await page
			.locator(area)
			.first()
			.screenshot({ path: `${dir}/${name}-area.png` });
	}
}

for (const lang of LOCALES) {
	test(`account screens hold at desk, room and phone sizes (${lang.locale})`, async ({
		browser,
		request
	}) => {
		test.setTimeout(120_000);
		const created = await request.post('/api/docs', { data: { kind: 'account', title: 'Layout' } });
		const { id, token } = (await created.json()) as { id: string; token: string };
		const context = await browser.newContext({ locale: lang.locale });
		const page = await context.newPage();
		await page.goto(`/d/${id}#${token}`);
		await page.getByRole('button', { name: lang.demo }).click();
		const group = page.getByRole('treeitem').filter({ hasText: lang.group }).first();
		await group.click();
		await expect(page.getByTestId('actuals')).toBeVisible();

		for (const size of SIZES) {
			await page.setViewportSize({ width: size.width, height: size.height });
			const tag = `${lang.locale}-${size.name}`;

			await page.getByRole('tab', { name: lang.tabs.structure }).click();
			await expect(page.getByTestId('basis')).toBeVisible();
			expect(await layoutProblems(page, ['.detail-pane', '.tree-pane'])).toEqual([]);
			await shoot(page, `${tag}-structure`, '.detail-pane');

			await page.getByRole('tab', { name: lang.tabs.reports }).click();
			await expect(page.locator('[data-kpi=spend] strong')).toBeVisible();
			expect(await layoutProblems(page, ['.kpis', '.report'])).toEqual([]);
			await shoot(page, `${tag}-report`, '.kpis');

			await page.getByRole('tab', { name: lang.tabs.bookings }).click();
			await expect(page.getByTestId('department-mapping')).toBeVisible();
			expect(await layoutProblems(page, ['[data-testid=department-mapping]'])).toEqual([]);
			await shoot(page, `${tag}-mapping`, '[data-testid=department-mapping]');

			await page.getByRole('tab', { name: lang.tabs.plan }).click();
			await expect(page.locator('fieldset[data-overdue]').first()).toBeVisible();
			expect(await layoutProblems(page, ['.plan'])).toEqual([]);
			await shoot(page, `${tag}-plan`, 'section:has(#actions-title)');
		}
		await context.close();
	});
}
