import { expect, test, type Page } from '@playwright/test';
import { twoPeopleInNewDocument } from './two-people';

const row = (page: Page, name: string) =>
	page.getByRole('treeitem').filter({ has: page.getByText(name, { exact: true }) });

async function typeName(page: Page, name: string) {
	const input = page.getByRole('textbox', { name: 'Name of this node' });
	await input.fill(name);
	await input.press('Enter');
}

const saved = (page: Page) =>
	expect(page.locator('[data-status]').first()).toHaveAttribute('data-status', 'saved');

test('take a version, change the plan, compare the two, restore it and undo the restore', async ({
	browser,
	request
}) => {
	const { alice, bob, a, b } = await twoPeopleInNewDocument(browser, request);
	await a.getByRole('button', { name: 'Add group HQ' }).click();
	await typeName(a, 'Group');
	await a.getByRole('button', { name: 'Add child' }).click();
	await typeName(a, 'Alpha');
	await expect(row(b, 'Alpha')).toBeVisible();
	await saved(a);

	// Alice takes a version.
	await a.getByRole('tab', { name: 'Versions' }).click();
	await expect(a.getByText('No versions yet.', { exact: false })).toBeVisible();
	await a.getByTestId('version-name').fill('Q3 review');
	await a.getByRole('button', { name: 'Take version' }).click();
	await expect(a.getByText('Version “Q3 review” taken.')).toBeVisible();
	await expect(a.getByTestId('version-row')).toHaveCount(1);

	// Bob renames Alpha; Alice compares the version with now and sees the rename.
	await row(b, 'Alpha').dblclick();
	await typeName(b, 'Alpha East');
	await expect(row(a, 'Alpha East')).toHaveCount(0); // Alice is on the versions tab
	await saved(b);
	await a.getByRole('button', { name: 'Compare with now' }).click();
	const compare = a.getByTestId('version-compare');
	await expect(
		compare.getByRole('heading', { name: 'From Q3 review to Now (current plan)' })
	).toBeVisible();
	const renamed = compare.getByRole('listitem').filter({ hasText: 'Renamed' });
	await expect(renamed).toContainText('Alpha');
	await expect(renamed).toContainText('Alpha East');
	await expect(compare).toContainText('1 changes');

	// The version itself, read-only, still shows Alpha.
	await a.getByRole('button', { name: 'View', exact: true }).click();
	const viewer = a.getByTestId('version-viewer');
	await expect(viewer.getByRole('status').first()).toContainText('read-only');
	await expect(viewer.getByRole('treeitem', { name: /^Alpha Subsidiary/ })).toBeVisible();
	await expect(viewer.getByRole('button', { name: 'Add child' })).toHaveCount(0);
	await a.getByRole('button', { name: 'Back to versions' }).click();

	// Alice restores the version: Bob receives it.
	await a.getByRole('button', { name: 'Restore', exact: true }).click();
	await a.getByRole('button', { name: 'Restore this version' }).click();
	await expect(a.getByText('Restored “Q3 review”.', { exact: false })).toBeVisible();
	await expect(row(b, 'Alpha')).toBeVisible();
	await expect(row(b, 'Alpha East')).toHaveCount(0);

	// One undo takes the restore back, for everyone.
	await a.getByRole('button', { name: 'Undo', exact: true }).first().click();
	await expect(row(b, 'Alpha East')).toBeVisible();
	await saved(a);

	// Comparing the version with now again shows the rename once more.
	await a.getByRole('button', { name: 'Compare with now' }).click();
	await expect(
		a.getByTestId('version-compare').getByRole('listitem').filter({ hasText: 'Renamed' })
	).toContainText('Alpha East');
	await alice.close();
	await bob.close();
});
