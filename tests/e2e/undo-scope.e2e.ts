import { expect, test } from '@playwright/test';

test("the facilitator's undo takes back a map edit, never the board's lock", async ({
	browser,
	request
}) => {
	const created = await request.post('/api/docs', {
		data: { kind: 'journey', title: 'Undo scope', template: 'airline', locale: 'en' }
	});
	const { id, token } = (await created.json()) as { id: string; token: string };
	const context = await browser.newContext({ locale: 'en-US' });
	const f = await context.newPage();
	await f.goto(`/d/${id}#${token}`);
	await f.getByRole('button', { name: 'Start a workshop' }).click();
	const stage = f.getByLabel('Stage name', { exact: true }).first();
	await expect(stage).toHaveValue('Pre-trip');
	await stage.fill('Before the trip');
	await stage.blur();
	const lock = f.getByLabel('Lock the board');
	await lock.check();
	await expect(lock).toBeChecked();

	// The lock came last; a whole-document undo would take it back first.
	await f.getByRole('button', { name: 'Undo', exact: true }).click();
	await expect(stage).toHaveValue('Pre-trip');
	await expect(lock).toBeChecked();
	await expect(f.getByRole('button', { name: 'Undo', exact: true })).toBeDisabled();
	await context.close();
});
