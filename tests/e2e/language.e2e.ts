import { expect, test } from '@playwright/test';

test('the language follows the browser, switches in place and is remembered', async ({
	browser
}) => {
	const context = await browser.newContext({ locale: 'en-US' });
	const page = await context.newPage();
	await page.goto('/');
	await expect(page.getByRole('link', { name: 'Panorama' })).toHaveText('Panorama');
	await expect(page.getByRole('button', { name: 'Create' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');

	await page.getByRole('button', { name: 'Language' }).click();
	await expect(page.getByRole('link', { name: 'Panorama 全景' })).toBeVisible();
	await expect(page.getByRole('button', { name: '创建' })).toBeVisible();
	await expect(page.getByText('大客户的企业结构树')).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	await expect(page).toHaveTitle('Panorama 全景');

	await page.reload();
	await expect(page.getByRole('button', { name: '创建' })).toBeVisible();
	await context.close();
});

test('a Chinese browser starts in zh-CN', async ({ browser }) => {
	const context = await browser.newContext({ locale: 'zh-CN' });
	const page = await context.newPage();
	await page.goto('/');
	await expect(page.getByRole('button', { name: '创建' })).toBeVisible();
	await context.close();
});
