/**
 * The portfolio (issue 17): three accounts on the home page, each one row with tier, spend and
 * share, alerts, checklist, overdue actions and owner; sorted by a column, filtered, exported.
 */
import { expect, test, type Page } from '@playwright/test';
import { layoutProblems } from './overflow';

async function newAccount(page: Page, title: string) {
	await page.getByRole('link', { name: 'Panorama' }).click();
	await page.getByLabel('Title', { exact: true }).fill(title);
	await page.getByRole('button', { name: 'Create' }).click();
	await expect(page).toHaveURL(/\/d\/[A-Za-z0-9_-]{22}$/);
}

async function saved(page: Page) {
	await expect(page.getByRole('status').filter({ hasText: /saved/i }).first()).toHaveAttribute(
		'data-status',
		'saved'
	);
}

test('a portfolio of three accounts: one row each, sortable, filterable, exportable', async ({
	browser
}) => {
	test.setTimeout(90_000);
	const context = await browser.newContext({ locale: 'en-US' });
	const page = await context.newPage();
	await page.goto('/');

	// The demo: bookings, alerts, an overdue action, an owner.
	await newAccount(page, 'Huayuan');
	await page.getByRole('button', { name: 'Load the demo account' }).click();
	await expect(page.getByRole('treeitem').first()).toBeVisible();
	await expect(page.getByRole('tab', { name: /Plan/ }).getByLabel(/overdue actions/)).toBeVisible();
	await saved(page);

	// A small account typed by hand: ¥2M a year, ¥1.5M of it with us.
	await newAccount(page, 'Beta Tech');
	await page.getByRole('button', { name: 'Add group HQ' }).click();
	const name = page.getByRole('textbox', { name: 'Name of this node' });
	await name.fill('Beta Tech HQ');
	await name.press('Enter');
	await page.getByLabel('Annual air-travel spend (CNY)').fill('2,000,000');
	await page.getByLabel('Annual air-travel spend (CNY)').press('Enter');
	await page.getByLabel('Spend with us (CNY)').fill('1,500,000');
	await page.getByLabel('Spend with us (CNY)').press('Enter');
	await expect(page.getByTestId('used-share')).toHaveText('75.0%');
	await saved(page);

	// And an empty one.
	await newAccount(page, 'Cargo Co');
	await saved(page);

	await page.getByRole('link', { name: 'Panorama' }).click();
	await page.getByRole('button', { name: 'Show the portfolio of 3 accounts' }).click();
	const table = page.getByTestId('portfolio');
	const rows = table.locator('tbody tr');
	await expect(rows).toHaveCount(3);
	// Largest spend first: the demo, then Beta Tech, then the empty account.
	await expect(rows.locator('th')).toHaveText(['Huayuan', 'Beta Tech', 'Cargo Co']);
	const demo = rows.filter({ hasText: 'Huayuan' });
	await expect(demo).toContainText(/T\d+/);
	await expect(demo).toContainText('bookings and estimates');
	await expect(demo.locator('td').nth(4)).toHaveText('2'); // open alerts
	await expect(demo.locator('td').nth(5)).toHaveText('6/9'); // checklist
	await expect(demo.locator('td').nth(6)).toHaveText('1'); // overdue
	await expect(demo.locator('td').nth(7)).toHaveText('Wang Min');
	const beta = rows.filter({ hasText: 'Beta Tech' });
	await expect(beta.locator('td').nth(0)).toHaveText('T6');
	await expect(beta.locator('td').nth(1)).toContainText('CN¥2M');
	await expect(beta.locator('td').nth(2)).toHaveText('75.0%');
	await expect(beta.locator('td').nth(3)).toContainText('—');

	// Sorted by name, then by name backwards.
	await table.getByRole('button', { name: 'Account' }).click();
	await expect(rows.locator('th')).toHaveText(['Beta Tech', 'Cargo Co', 'Huayuan']);
	await expect(table.getByRole('columnheader', { name: 'Account' })).toHaveAttribute(
		'aria-sort',
		'ascending'
	);
	await table.getByRole('button', { name: 'Account' }).click();
	await expect(rows.locator('th')).toHaveText(['Huayuan', 'Cargo Co', 'Beta Tech']);

	// Filtered by owner.
	await page.getByPlaceholder('Filter by account or owner').fill('wang');
	await expect(rows.locator('th')).toHaveText(['Huayuan']);
	await page.getByPlaceholder('Filter by account or owner').fill('');

	// Exported as CSV, one line per account.
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export CSV' }).click();
	const file = await download;
	expect(file.suggestedFilename()).toMatch(/^portfolio-\d{4}-\d{2}-\d{2}\.csv$/);
	const text = (await (await file.createReadStream()).toArray()).join('');
	expect(text.trim().split(/\r?\n/)).toHaveLength(4);

	// The row links to its account.
	for (const size of [
		{ width: 1440, height: 900 },
		{ width: 390, height: 844 }
	]) {
		await page.setViewportSize(size);
		expect(await layoutProblems(page, ['.portfolio-section'])).toEqual([]);
		await page.screenshot({
			path: test.info().outputPath(`portfolio-${size.width}.png`),
			fullPage: true
		});
	}
	await rows.filter({ hasText: 'Beta Tech' }).getByRole('link').click();
	await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue('Beta Tech');
	await context.close();
});
