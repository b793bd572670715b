import { expect, test } from '@playwright/test';

test('people set a name once and see each other in the document, viewers included', async ({
	browser
}) => {
	const alice = await browser.newContext({ locale: 'en-US' });
	const a = await alice.newPage();
	await a.goto('/');
	await a.getByLabel('Your name').fill('Alice Wang');
	await a.getByRole('button', { name: 'Save' }).click();
	await expect(a.getByLabel('Your name')).toBeHidden();
	await a.getByLabel('Title', { exact: true }).fill('Presence test');
	await a.getByRole('button', { name: 'Create' }).click();
	await expect(a).toHaveURL(/\/d\/[A-Za-z0-9_-]{22}$/);
	await expect(a.getByRole('status')).toHaveAttribute('data-status', 'saved');
	await expect(a.getByRole('list', { name: 'In this document' }).getByRole('listitem')).toHaveCount(
		1
	);
	await expect(a.getByLabel('Alice Wang (you)')).toBeVisible();

	await a.getByRole('button', { name: 'Share' }).click();
	await a.getByRole('dialog').getByRole('button', { name: 'Create link' }).click();
	const link = await a.getByRole('dialog').getByLabel('Share link', { exact: true }).inputValue();
	await a.keyboard.press('Escape');

	const bob = await browser.newContext({ locale: 'zh-CN' });
	const b = await bob.newPage();
	await b.goto('/');
	await b.getByLabel('你的名字').fill('李明');
	await b.getByRole('button', { name: '保存' }).click();
	await b.goto(link);
	await expect(b.getByRole('textbox', { name: '标题' })).toHaveValue('Presence test');
	await expect(b.getByLabel('李明（你）')).toBeVisible();
	await expect(b.getByLabel('Alice Wang', { exact: true })).toBeVisible();
	await expect(a.getByLabel('李明', { exact: true })).toBeVisible();

	await bob.close();
	await expect(a.getByLabel('李明', { exact: true })).toBeHidden();
	await alice.close();
});
