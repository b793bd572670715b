import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { twoPeopleInNewDocument } from './two-people';

async function createDocument(page: Page, title: string) {
	await page.goto('/');
	await page.getByLabel('Title', { exact: true }).fill(title);
	await page.getByRole('button', { name: 'Create' }).click();
	await expect(page).toHaveURL(/\/d\/[A-Za-z0-9_-]{22}$/);
	await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue(title);
	await expect(page.getByRole('status')).toHaveAttribute('data-status', 'saved');
}

async function rowAction(page: Page, title: string, action: string) {
	const row = page.getByRole('listitem').filter({ hasText: title });
	await row.getByRole('button', { name: /^Actions/ }).click();
	await page.getByRole('menuitem', { name: action }).click();
}

test('export then import round-trips a document as a new one', async ({ browser }) => {
	const context = await browser.newContext({ locale: 'en-US', acceptDownloads: true });
	const page = await context.newPage();
	await createDocument(page, 'Sinopec travel plan');
	const originalUrl = page.url();

	const downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toBe('Sinopec travel plan.panorama');
	const file = await download.path();
	expect((await readFile(file)).subarray(0, 8).toString()).toBe('PANORAMA');

	await page.getByRole('link', { name: 'Panorama' }).click();
	await page.getByLabel('Import a .panorama file').setInputFiles(file);
	await expect(page).not.toHaveURL(originalUrl);
	await expect(page).toHaveURL(/\/d\/[A-Za-z0-9_-]{22}$/);
	await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue('Sinopec travel plan');
	await expect(page.getByRole('status')).toHaveAttribute('data-status', 'saved');

	// The import is stored by the relay: another device opening it with a link sees it.
	const importedId = new URL(page.url()).pathname.split('/').pop();
	await page.getByRole('button', { name: 'Share' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Create link' }).click();
	const link = await page.getByLabel('Share link', { exact: true }).inputValue();
	expect(link).toContain(`/s/${importedId}#`);
	const other = await browser.newContext({ locale: 'en-US' });
	const elsewhere = await other.newPage();
	await elsewhere.goto(link);
	await expect(elsewhere.getByRole('textbox', { name: 'Title' })).toHaveValue(
		'Sinopec travel plan'
	);

	// A file that is not ours is refused with a message and creates nothing.
	await page.goto('/');
	const rows = page.getByRole('listitem');
	await expect(rows).toHaveCount(2);
	await page.getByLabel('Import a .panorama file').setInputFiles({
		name: 'bookings.panorama',
		mimeType: 'application/octet-stream',
		buffer: Buffer.from('date,origin,destination\n')
	});
	await expect(page.getByRole('alert')).toContainText('not a Panorama export');
	await expect(rows).toHaveCount(2);
	await context.close();
	await other.close();
});

test('rename and duplicate from the home list', async ({ browser }) => {
	const context = await browser.newContext({ locale: 'en-US' });
	const page = await context.newPage();
	await createDocument(page, 'Draft name');
	await page.getByRole('link', { name: 'Panorama' }).click();

	await rowAction(page, 'Draft name', 'Rename');
	await page.getByLabel('New title for “Draft name”').fill('Air China account');
	await page.getByLabel('New title for “Draft name”').press('Enter');
	const rows = page.getByRole('listitem');
	await expect(rows.first()).toContainText('Air China account');

	await rowAction(page, 'Air China account', 'Duplicate');
	await expect(rows).toHaveCount(2);
	await expect(rows.first()).toContainText('Copy of Air China account');

	// Both titles are in the documents themselves, not only in this list.
	await rows.filter({ hasText: 'Copy of' }).getByRole('link').click();
	await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue(
		'Copy of Air China account'
	);
	await page.goBack();
	await rows.filter({ hasNotText: 'Copy of' }).getByRole('link').click();
	await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue('Air China account');
	await context.close();
});

test('undo takes back only my own edit, with the keyboard and the buttons', async ({
	browser,
	request
}) => {
	const { alice, bob, a, b } = await twoPeopleInNewDocument(browser, request);
	const titleA = a.getByRole('textbox', { name: 'Title' });
	const titleB = b.getByRole('textbox', { name: 'Title' });
	// Setting up the new document is nobody's edit to undo.
	await expect(a.getByRole('button', { name: 'Undo' })).toBeDisabled();

	await titleA.fill('Alice wrote this');
	await expect(titleB).toHaveValue('Alice wrote this');
	// Alice's edit is not Bob's to undo.
	await expect(a.getByRole('button', { name: 'Undo' })).toBeEnabled();
	await expect(b.getByRole('button', { name: 'Undo' })).toBeDisabled();

	await titleA.blur();
	await a.keyboard.press('Control+z');
	await expect(titleA).toHaveValue('');
	await expect(titleB).toHaveValue('');
	await a.keyboard.press('Control+Shift+z');
	await expect(titleB).toHaveValue('Alice wrote this');
	await a.getByRole('button', { name: 'Undo' }).click();
	await expect(titleB).toHaveValue('');
	await a.getByRole('button', { name: 'Redo' }).click();
	await expect(titleB).toHaveValue('Alice wrote this');
	await expect(a.getByRole('button', { name: 'Redo' })).toBeDisabled();
	await alice.close();
	await bob.close();
});
