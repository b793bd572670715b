import { expect, test } from '@playwright/test';

test('offline edits are counted as unsaved, closing warns, and reconnecting saves them for the other person', async ({
	browser,
	request
}) => {
	const { id, token } = await (
		await request.post('/api/docs', { data: { kind: 'account', title: '' } })
	).json();
	const alice = await browser.newContext({ locale: 'en-US' });
	const bob = await browser.newContext({ locale: 'en-US' });
	const a = await alice.newPage();
	const b = await bob.newPage();
	await a.goto(`/d/${id}#${token}`);
	await b.goto(`/d/${id}#${token}`);
	await expect(a.getByRole('status')).toHaveAttribute('data-status', 'saved');

	// setOffline does not close an open WebSocket: drop the provider's connection instead.
	await a.evaluate(() =>
		(window as unknown as { panoramaDoc: { disconnect(): void } }).panoramaDoc.disconnect()
	);
	await expect(a.getByRole('status')).toHaveAttribute('data-status', 'offline');
	await a.getByRole('textbox', { name: 'Title' }).pressSequentially('abc');
	await expect(a.getByRole('status')).toHaveText('Offline · 3 unsaved changes');
	await expect(b.getByRole('textbox', { name: 'Title' })).toHaveValue('');

	const dialog = a.waitForEvent('dialog');
	await a.close({ runBeforeUnload: true });
	const warning = await dialog;
	expect(warning.type()).toBe('beforeunload');
	await warning.dismiss();

	await a.evaluate(() =>
		(window as unknown as { panoramaDoc: { connect(): void } }).panoramaDoc.connect()
	);
	await expect(a.getByRole('status')).toHaveAttribute('data-status', 'saved');
	await expect(a.getByRole('status')).toHaveText(/^All changes saved$/);
	await expect(b.getByRole('textbox', { name: 'Title' })).toHaveValue('abc');
	await alice.close();
	await bob.close();
});
