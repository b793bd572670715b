/**
 * Every link carries its secret in the fragment: the page takes it off the address bar, keeps it
 * in the library (IndexedDB), and opens again from there after a reload.
 */
import { expect, test, type Page } from '@playwright/test';

/** The page's address as the person sees it, and after a reload. */
async function reloadsWithoutFragment(page: Page) {
	await expect.poll(() => page.evaluate(() => location.hash)).toBe('');
	await page.reload();
	expect(await page.evaluate(() => location.hash)).toBe('');
}

test('document, join and projector links leave the address bar and open again after a reload', async ({
	browser,
	request
}) => {
	const created = await request.post('/api/docs', {
		data: { kind: 'journey', title: 'Links', template: 'airline', locale: 'en' }
	});
	const { id, token } = (await created.json()) as { id: string; token: string };

	const facilitator = await (await browser.newContext({ locale: 'en-US' })).newPage();
	await facilitator.goto(`/d/${id}#${token}`);
	await expect(facilitator.getByRole('button', { name: 'Start a workshop' })).toBeVisible();
	await reloadsWithoutFragment(facilitator);
	await facilitator.getByRole('button', { name: 'Start a workshop' }).click();
	const joinLink = await facilitator.getByTestId('join-link').inputValue();
	const presentLink = await facilitator.getByTestId('present-link').inputValue();

	const projector = await (await browser.newContext({ locale: 'en-US' })).newPage();
	await projector.goto(presentLink);
	await expect(projector.getByTestId('projector-focus')).toHaveText('The whole map');
	await reloadsWithoutFragment(projector);
	await expect(projector.getByTestId('projector-focus')).toHaveText('The whole map');

	const phone = await (await browser.newContext({ locale: 'en-US' })).newPage();
	await phone.goto(joinLink);
	await phone.getByLabel('Your name').fill('Ana');
	await phone.getByRole('button', { name: 'Join' }).click();
	await expect(phone.getByTestId('participant-focus')).toBeVisible();
	await reloadsWithoutFragment(phone);
	await expect(phone.getByTestId('participant-focus')).toBeVisible();

	// A page this device never had a link to says so.
	const stranger = await (await browser.newContext({ locale: 'en-US' })).newPage();
	await stranger.goto(new URL(joinLink).pathname);
	await expect(stranger.getByRole('alert')).toBeVisible();
	for (const context of browser.contexts()) await context.close();
});
