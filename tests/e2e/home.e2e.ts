import { expect, test } from '@playwright/test';

test('home: empty state, create, list, search, filter, delete with undo', async ({ browser }) => {
	const context = await browser.newContext({ locale: 'en-US' });
	const page = await context.newPage();
	await page.goto('/');
	await expect(page.getByText('Nothing here yet')).toBeVisible();
	await expect(page.getByText('Account plan —')).toBeVisible();

	// Create an account plan; the document opens with its title.
	await page.getByLabel('Title', { exact: true }).fill('East China Group');
	await page.getByRole('button', { name: 'Create' }).click();
	await expect(page).toHaveURL(/\/d\/[A-Za-z0-9_-]{22}$/);
	await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue('East China Group');
	await expect(page.getByRole('status')).toHaveAttribute('data-status', 'saved');

	// And a journey map.
	await page.getByRole('link', { name: 'Panorama' }).click();
	await page.getByLabel('Kind').selectOption('journey');
	await page.getByLabel('Title', { exact: true }).fill('Airline traveller journey');
	await page.getByRole('button', { name: 'Create' }).click();
	await expect(page).toHaveURL(/\/d\/[A-Za-z0-9_-]{22}$/);
	await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue(
		'Airline traveller journey'
	);

	await page.getByRole('link', { name: 'Panorama' }).click();
	const list = page.getByRole('listitem');
	await expect(list).toHaveCount(2);
	// Newest opened first.
	await expect(list.first()).toContainText('Airline traveller journey');
	await expect(list.first()).toContainText('Journey map');

	await page.getByPlaceholder('Search titles…').fill('east');
	await expect(list).toHaveCount(1);
	await expect(list.first()).toContainText('East China Group');
	await page.getByPlaceholder('Search titles…').fill('');
	await page.getByRole('button', { name: 'Journey map', exact: true }).click();
	await expect(list).toHaveCount(1);
	await expect(list.first()).toContainText('Airline traveller journey');
	await page.getByRole('button', { name: 'All', exact: true }).click();

	// Delete asks first, then offers an undo.
	await list
		.first()
		.getByRole('button', { name: /^Actions/ })
		.click();
	await page.getByRole('menuitem', { name: 'Delete' }).click();
	await page.getByRole('button', { name: 'Remove' }).click();
	await expect(list).toHaveCount(1);
	await page.getByRole('button', { name: 'Undo' }).click();
	await expect(list).toHaveCount(2);

	await list
		.first()
		.getByRole('button', { name: /^Actions/ })
		.click();
	await page.getByRole('menuitem', { name: 'Delete' }).click();
	await page.getByRole('button', { name: 'Remove' }).click();
	await expect(page.getByRole('button', { name: 'Undo' })).toBeHidden({ timeout: 15_000 });
	await page.reload();
	await expect(list).toHaveCount(1);
	await expect(list.first()).toContainText('East China Group');
	await context.close();
});
