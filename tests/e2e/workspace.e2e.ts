import { expect, test } from '@playwright/test';

test('a workspace shared by link shows the same documents to everyone in it', async ({
	browser
}) => {
	const alice = await browser.newContext({ locale: 'en-US' });
	const a = await alice.newPage();
	await a.goto('/');
	await a.getByLabel('Kind').selectOption('workspace');
	await a.getByLabel('Title', { exact: true }).fill('East region KAM team');
	await a.getByRole('button', { name: 'Create' }).click();
	await expect(a.getByRole('combobox', { name: 'Workspace' })).toHaveValue(/.+/);
	await expect(a.getByText('This workspace has no documents yet')).toBeVisible();
	await expect(a.getByRole('status')).toHaveAttribute('data-status', 'saved');

	// A document created in the workspace is listed in it.
	await a.getByLabel('Title', { exact: true }).fill('Baosteel Group');
	await a.getByRole('button', { name: 'Create' }).click();
	await expect(a).toHaveURL(/\/d\/[A-Za-z0-9_-]{22}$/);
	await expect(a.getByRole('textbox', { name: 'Title' })).toHaveValue('Baosteel Group');
	await expect(a.getByRole('status')).toHaveAttribute('data-status', 'saved');
	await a.getByRole('link', { name: 'Panorama' }).click();
	await expect(a.getByRole('heading', { name: 'East region KAM team' })).toBeVisible();
	await expect(a.getByRole('listitem')).toHaveCount(1);

	// Alice shares the workspace with Bob.
	await a.getByRole('button', { name: 'Share' }).click();
	const dialog = a.getByRole('dialog');
	await dialog.getByLabel('Link gives').selectOption('editor');
	await dialog.getByRole('button', { name: 'Create link' }).click();
	const link = await dialog.getByLabel('Share link', { exact: true }).inputValue();
	await a.keyboard.press('Escape');

	const bob = await browser.newContext({ locale: 'en-US' });
	const b = await bob.newPage();
	await b.goto(link);
	await expect(b).toHaveURL(/\/$/);
	await expect(b.getByRole('heading', { name: 'East region KAM team' })).toBeVisible();
	const bobsRows = b.getByRole('listitem');
	await expect(bobsRows).toHaveCount(1);
	await expect(bobsRows.first()).toContainText('Baosteel Group');

	// Bob opens the document through the workspace and edits it; Alice's list follows.
	await bobsRows.first().getByRole('link').click();
	await expect(b.getByRole('textbox', { name: 'Title' })).toHaveValue('Baosteel Group');
	await expect(b.getByRole('textbox', { name: 'Title' })).not.toHaveAttribute('readonly');

	// A document Bob adds appears on Alice's home at once.
	await b.getByRole('link', { name: 'Panorama' }).click();
	await b.getByLabel('Kind').selectOption('journey');
	await b.getByLabel('Title', { exact: true }).fill('Traveller journey');
	await b.getByRole('button', { name: 'Create' }).click();
	await expect(b).toHaveURL(/\/d\/[A-Za-z0-9_-]{22}$/);
	await expect(b.getByRole('status')).toHaveAttribute('data-status', 'saved');
	await expect(a.getByRole('listitem')).toHaveCount(2);
	await expect(a.getByRole('listitem').first()).toContainText('Traveller journey');

	// Switching to this device only shows Alice's own documents, not Bob's.
	await a.getByRole('combobox', { name: 'Workspace' }).selectOption({ label: 'This device only' });
	await expect(a.getByRole('heading', { name: 'Your documents' })).toBeVisible();
	await expect(a.getByRole('listitem')).toHaveCount(1);
	await alice.close();
	await bob.close();
});

test('“Load demo workspace” creates a workspace with a demo account plan', async ({ browser }) => {
	const context = await browser.newContext({ locale: 'en-US' });
	const page = await context.newPage();
	await page.goto('/');
	await page.getByRole('button', { name: 'Load demo workspace' }).click();
	await expect(page.getByRole('heading', { name: 'Demo workspace' })).toBeVisible();
	await expect(page.getByRole('status')).toHaveAttribute('data-status', 'saved');
	const rows = page.getByRole('listitem');
	await expect(rows).toHaveCount(1);
	await rows.first().getByRole('link').click();
	await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue(
		'Huayuan Energy Group (demo)'
	);
	await expect(
		page.getByRole('treeitem').filter({ hasText: 'China Huayuan Energy Group' })
	).toContainText('Potential national account');
	await expect(page.getByRole('status')).toHaveAttribute('data-status', 'saved');
	await context.close();
});
