import { expect, test } from '@playwright/test';
import { twoPeopleInNewDocument, disconnect, reconnect } from './two-people';

test('offline edits are counted as unsaved, closing warns, and reconnecting saves them for the other person', async ({
	browser,
	request
}) => {
	const { alice, bob, a, b } = await twoPeopleInNewDocument(browser, request);

	await disconnect(a);
	await expect(a.getByRole('status')).toHaveAttribute('data-status', 'offline');
	await a.getByRole('textbox', { name: 'Title' }).pressSequentially('abc');
	await expect(a.getByRole('status')).toHaveText('Offline · 3 unsaved changes');
	await expect(b.getByRole('textbox', { name: 'Title' })).toHaveValue('');

	const dialog = a.waitForEvent('dialog');
	await a.close({ runBeforeUnload: true });
	const warning = await dialog;
	expect(warning.type()).toBe('beforeunload');
	await warning.dismiss();

	await reconnect(a);
	await expect(a.getByRole('status')).toHaveAttribute('data-status', 'saved');
	await expect(a.getByRole('status')).toHaveText(/^All changes saved · \d\d:\d\d( [AP]M)?$/);
	await expect(b.getByRole('textbox', { name: 'Title' })).toHaveValue('abc');
	await alice.close();
	await bob.close();
});
