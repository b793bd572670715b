import { expect, test } from '@playwright/test';

test('an owner shares a viewer link, the viewer reads it, and revoking shuts the viewer out', async ({
	browser
}) => {
	const owner = await browser.newContext({ locale: 'en-US' });
	await owner.grantPermissions(['clipboard-read', 'clipboard-write']);
	const page = await owner.newPage();
	await page.goto('/');
	await page.getByLabel('Title', { exact: true }).fill('Shared plan');
	await page.getByRole('button', { name: 'Create' }).click();
	await expect(page).toHaveURL(/\/d\/[A-Za-z0-9_-]{22}$/);
	await expect(page.getByRole('status')).toHaveAttribute('data-status', 'saved');

	await page.getByRole('button', { name: 'Share' }).click();
	const dialog = page.getByRole('dialog');
	await expect(dialog).toContainText('Share “Shared plan”');
	await dialog.getByLabel('Link gives').selectOption('viewer');
	await dialog.getByRole('button', { name: 'Create link' }).click();
	const linkField = dialog.getByLabel('Share link', { exact: true });
	await expect(linkField).toHaveValue(/\/s\/[A-Za-z0-9_-]{22}#ey/);
	await expect(dialog.getByLabel('QR code of the share link').locator('svg')).toBeVisible();
	await dialog.getByRole('button', { name: 'Copy' }).click();
	await expect(dialog.getByRole('button', { name: 'Copied' })).toBeVisible();
	const link = await linkField.inputValue();
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

	const viewerContext = await browser.newContext({ locale: 'en-US' });
	const viewer = await viewerContext.newPage();
	await viewer.goto(link);
	await expect(viewer).toHaveURL(/\/d\/[A-Za-z0-9_-]{22}$/);
	await expect(viewer.getByRole('textbox', { name: 'Title' })).toHaveValue('Shared plan');
	await expect(viewer.getByRole('textbox', { name: 'Title' })).toHaveAttribute('readonly', '');
	await expect(viewer.getByRole('button', { name: 'Share' })).toHaveCount(0);
	// The viewer's home lists it as view-only.
	await viewer.getByRole('link', { name: 'Panorama' }).click();
	await expect(viewer.getByRole('listitem').first()).toContainText('View only');
	await viewer.goBack();
	await expect(viewer.getByRole('textbox', { name: 'Title' })).toHaveValue('Shared plan');

	await dialog.getByRole('button', { name: 'Revoke all links' }).click();
	await dialog.getByRole('button', { name: 'Revoke', exact: true }).click();
	await expect(dialog.getByText('All earlier links were revoked.')).toBeVisible();
	await expect(viewer.getByRole('alert')).toHaveAttribute('data-close-code', '4405');

	// The owner carries on with a renewed token.
	await page.keyboard.press('Escape');
	await page.getByRole('textbox', { name: 'Title' }).fill('Shared plan v2');
	await expect(page.getByRole('status')).toHaveAttribute('data-status', 'saved');
	await expect(page.getByRole('status')).toHaveAttribute('data-unsaved', '0');
	await owner.close();
	await viewerContext.close();
});

test('the share dialog lists links by role, and revoking the editors leaves the viewers reading', async ({
	browser
}) => {
	const owner = await browser.newContext({ locale: 'en-US' });
	const page = await owner.newPage();
	await page.goto('/');
	await page.getByLabel('Title', { exact: true }).fill('Roles plan');
	await page.getByRole('button', { name: 'Create' }).click();
	await expect(page.getByRole('status')).toHaveAttribute('data-status', 'saved');

	await page.getByRole('button', { name: 'Share' }).click();
	const dialog = page.getByRole('dialog');
	await expect(dialog.getByText('No share links are in use.')).toBeVisible();
	const mint = async (role: 'editor' | 'viewer') => {
		await dialog.getByLabel('Link gives').selectOption(role);
		await dialog.getByRole('button', { name: 'Create link' }).click();
		const field = dialog.getByLabel('Share link', { exact: true });
		await expect(field).toHaveValue(/#ey/);
		const value = await field.inputValue();
		await expect(dialog.locator(`[data-role="${role}"]`)).toBeVisible();
		return value;
	};
	const editorLink = await mint('editor');
	const viewerLink = await mint('viewer');
	await expect(dialog.locator('[data-role="editor"]')).toContainText('1 link, issued');
	await expect(dialog.locator('[data-role="viewer"]')).toContainText('1 link, issued');

	const people = await Promise.all([browser.newContext(), browser.newContext()]);
	const [editor, viewer] = await Promise.all(people.map((context) => context.newPage()));
	await editor!.goto(editorLink);
	await viewer!.goto(viewerLink);
	await expect(editor!.getByRole('textbox', { name: 'Title' })).toHaveValue('Roles plan');
	await expect(viewer!.getByRole('textbox', { name: 'Title' })).toHaveValue('Roles plan');

	const editors = dialog.locator('[data-role="editor"]');
	await editors.getByRole('button', { name: 'Revoke these' }).click();
	await expect(editors).toContainText('Everyone holding a “Can edit” link loses access');
	await editors.getByRole('button', { name: 'Revoke', exact: true }).click();
	await expect(dialog.getByText('The “Can edit” links were revoked.')).toBeVisible();
	await expect(dialog.locator('[data-role="editor"]')).toHaveCount(0);
	await expect(dialog.locator('[data-role="viewer"]')).toBeVisible();
	await expect(editor!.getByRole('alert')).toHaveAttribute('data-close-code', '4405');

	// The viewer still follows the owner's edits live.
	await page.keyboard.press('Escape');
	await page.getByRole('textbox', { name: 'Title' }).fill('Roles plan v2');
	await expect(viewer!.getByRole('textbox', { name: 'Title' })).toHaveValue('Roles plan v2');
	await expect(viewer!.getByRole('alert')).toHaveCount(0);
	await owner.close();
	await Promise.all(people.map((context) => context.close()));
});
