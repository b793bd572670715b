import { expect, test } from '@playwright/test';
import { twoPeopleInNewDocument, disconnect } from './two-people';

test('after one visit the app opens with no network; offline edits survive a reload and reach the other person', async ({
	browser,
	request
}) => {
	const { alice, bob, a, b } = await twoPeopleInNewDocument(browser, request);
	// The service worker has cached the shell once it controls the page.
	await a.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller) {
			await new Promise((resolve) =>
				navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true })
			);
		}
	});

	// Offline: block the network, and drop the open socket (setOffline does not close it).
	await alice.setOffline(true);
	await disconnect(a);
	await a.getByRole('textbox', { name: 'Title' }).fill('Written on the train');
	await expect(a.getByRole('status')).toHaveText('Offline · 1 unsaved change');

	// Reload with no network: the shell comes from the service worker, the edit from IndexedDB.
	a.on('dialog', (dialog) => void dialog.accept());
	await a.reload();
	await expect(a.getByRole('textbox', { name: 'Title' })).toHaveValue('Written on the train');
	await expect(a.getByRole('status')).toHaveText('Offline · 1 unsaved change');
	await expect(b.getByRole('textbox', { name: 'Title' })).toHaveValue('');

	// Back online: it reconnects by itself, the change is stored, and Bob sees it.
	await alice.setOffline(false);
	await expect(a.getByRole('status')).toHaveAttribute('data-status', 'saved', { timeout: 30_000 });
	await expect(a.getByRole('status')).toHaveAttribute('data-unsaved', '0');
	await expect(b.getByRole('textbox', { name: 'Title' })).toHaveValue('Written on the train');

	// And the home page opens offline too.
	await alice.setOffline(true);
	await a.goto('/');
	await expect(a.getByRole('listitem').first()).toContainText('Written on the train');
	await alice.close();
	await bob.close();
});
