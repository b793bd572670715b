import { expect, test } from '@playwright/test';

test('two people edit the same title, converge, and the status reaches saved', async ({
	browser,
	request
}) => {
	const created = await request.post('/api/docs', { data: { kind: 'account', title: '' } });
	expect(created.status()).toBe(201);
	const { id, token } = await created.json();

	const alice = await browser.newContext();
	const bob = await browser.newContext();
	const a = await alice.newPage();
	const b = await bob.newPage();
	await a.goto(`/d/${id}#${token}`);
	await b.goto(`/d/${id}#${token}`);
	// The token moved from the address bar into storage.
	await expect(a).toHaveURL(new RegExp(`/d/${id}$`));

	const titleA = a.getByRole('textbox');
	const titleB = b.getByRole('textbox');
	await expect(a.getByRole('status')).toHaveAttribute('data-status', 'saved');
	await titleA.fill('华东集团 2027 客户计划');
	await expect(titleB).toHaveValue('华东集团 2027 客户计划');
	await expect(a.getByRole('status')).toHaveAttribute('data-status', 'saved');
	await expect(a.getByRole('status')).toHaveAttribute('data-unsaved', '0');

	await titleB.fill('华东集团 2027');
	await expect(titleA).toHaveValue('华东集团 2027');
	await expect(b.getByRole('status')).toHaveAttribute('data-status', 'saved');

	// A reload comes back from the relay and IndexedDB with the same title.
	await a.reload();
	await expect(a.getByRole('textbox')).toHaveValue('华东集团 2027');

	await alice.close();
	await bob.close();
});

test('a viewer link shows a read-only title', async ({ browser, request }) => {
	const { id, token } = await (
		await request.post('/api/docs', { data: { kind: 'account', title: '' } })
	).json();
	const viewer = await (
		await request.post(`/api/docs/${id}/links`, {
			headers: { authorization: `Bearer ${token}` },
			data: { role: 'viewer' }
		})
	).json();
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto(`/d/${id}#${viewer.token}`);
	await expect(page.getByRole('textbox')).toHaveAttribute('readonly', '');
	await context.close();
});
