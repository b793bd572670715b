import { expect, test } from '@playwright/test';

test('the language follows the browser, switches in place and is remembered', async ({
	browser
}) => {
	const context = await browser.newContext({ locale: 'en-US' });
	const page = await context.newPage();
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Panorama');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');

	await page.getByRole('button', { name: 'Language' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Panorama 全景');
	await expect(page.getByRole('button', { name: '新建客户计划' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	await expect(page).toHaveTitle('Panorama 全景');

	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Panorama 全景');
	await context.close();
});

test('a Chinese browser starts in zh-CN', async ({ browser }) => {
	const context = await browser.newContext({ locale: 'zh-CN' });
	const page = await context.newPage();
	await page.goto('/');
	await expect(page.getByRole('button', { name: '新建客户计划' })).toBeVisible();
	await context.close();
});
