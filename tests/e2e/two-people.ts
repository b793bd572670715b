/** Shared set-up for e2e tests: two people with their own browser contexts in one new document. */
import { expect, type APIRequestContext, type Browser, type Page } from '@playwright/test';

export async function twoPeopleInNewDocument(browser: Browser, request: APIRequestContext) {
	const created = await request.post('/api/docs', { data: { kind: 'account', title: '' } });
	const { id, token } = (await created.json()) as { id: string; token: string };
	const alice = await browser.newContext({ locale: 'en-US' });
	const bob = await browser.newContext({ locale: 'en-US' });
	const a = await alice.newPage();
	const b = await bob.newPage();
	await a.goto(`/d/${id}#${token}`);
	await b.goto(`/d/${id}#${token}`);
	await expect(a.getByRole('status')).toHaveAttribute('data-status', 'saved');
	return { id, alice, bob, a, b };
}

type TestHandle = { panoramaDoc: { disconnect(): void; connect(): void } };

/** Drops the page's relay connection: `setOffline` alone does not close an open WebSocket. */
export function disconnect(page: Page): Promise<void> {
	return page.evaluate(() => (window as unknown as TestHandle).panoramaDoc.disconnect());
}

export function reconnect(page: Page): Promise<void> {
	return page.evaluate(() => (window as unknown as TestHandle).panoramaDoc.connect());
}
