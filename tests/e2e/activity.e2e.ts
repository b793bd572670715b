import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { layoutProblems } from './overflow';

const row = (page: Page, name: string) =>
	page.getByRole('treeitem').filter({ has: page.getByText(name, { exact: true }) });

async function typeName(page: Page, name: string) {
	const input = page.getByRole('textbox', { name: 'Name of this node' });
	await input.fill(name);
	await input.press('Enter');
}

const saved = (page: Page) =>
	expect(page.locator('[data-status]').first()).toHaveAttribute('data-status', 'saved');

test('the Activity tab names who changed what, narrows by node and kind, and exports it as CSV', async ({
	browser,
	request
}) => {
	const created = await request.post('/api/docs', { data: { kind: 'account', title: '' } });
	const { id, token } = (await created.json()) as { id: string; token: string };
	// Two people, each with an editor link of their own.
	const editorLink = async () => {
		const link = await request.post(`/api/docs/${id}/links`, {
			data: { role: 'editor' },
			headers: { authorization: `Bearer ${token}` }
		});
		return ((await link.json()) as { token: string }).token;
	};
	const alice = await browser.newContext({ locale: 'en-US' });
	const bob = await browser.newContext({ locale: 'en-US' });
	const a = await alice.newPage();
	const b = await bob.newPage();
	await a.goto(`/d/${id}#${await editorLink()}`);
	await b.goto(`/d/${id}#${await editorLink()}`);
	await saved(a);

	// Alice starts the tree; Bob adds a branch under it.
	await a.getByRole('button', { name: 'Add group HQ' }).click();
	await typeName(a, 'Group');
	await saved(a);
	await row(b, 'Group').click();
	await b.getByRole('button', { name: 'Add child' }).click();
	await typeName(b, 'Alpha');
	await saved(b);
	// The relay writes its record a second after the change: wait until it holds all four.
	await expect
		.poll(async () => {
			const page = await request.get(`/api/docs/${id}/activity`, {
				headers: { authorization: `Bearer ${token}` }
			});
			return ((await page.json()) as { entries: unknown[] }).entries.length;
		})
		.toBe(4);

	await a.getByRole('tab', { name: 'Activity' }).click();
	const entries = a.getByTestId('activity-entry');
	await expect(entries).toHaveText([
		/Someone with an editor link named a new node Alpha\s*Can edit$/,
		/Someone with an editor link added Alpha under Group\s*Can edit$/,
		/Someone with an editor link named a new node Group\s*Can edit$/,
		/Someone with an editor link added Group at the top\s*Can edit$/
	]);
	await expect(a.getByTestId('activity').getByRole('heading', { name: 'Today' })).toBeVisible();

	// Narrowed to Alpha, then to nodes added: the server answers only those.
	await a.getByTestId('activity-node-search').fill('alp');
	await a.getByRole('option', { name: /^Alpha/ }).click();
	await expect(a.getByTestId('activity-node-chosen')).toContainText('Alpha');
	await expect(entries).toHaveText([/named a new node Alpha/, /added Alpha under Group/]);
	await a.getByTestId('activity-kind').selectOption({ label: 'Nodes added' });
	await expect(entries).toHaveText([/added Alpha under Group/]);

	// The export holds what the filters select: a header and that one row.
	const downloading = a.waitForEvent('download');
	await a.getByRole('button', { name: 'Export CSV' }).click();
	const file = readFileSync((await (await downloading).path())!, 'utf8');
	expect(file.startsWith('\uFEFF')).toBe(true);
	const lines = file.slice(1).trimEnd().split('\r\n');
	expect(lines[0]).toBe('Time,Person,Role,Kind of change,Node,What happened');
	expect(lines).toHaveLength(2);
	expect(lines[1]).toMatch(
		/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d,Someone with an editor link,Can edit,Nodes added,Alpha,Someone with an editor link added Alpha under Group$/
	);
	await expect(a.getByRole('status').filter({ hasText: 'Entries exported: 1.' })).toBeVisible();

	// Nothing matches a kind nobody made; clearing the filters brings everything back.
	await a.getByTestId('activity-kind').selectOption({ label: 'Settings changed' });
	await expect(a.getByTestId('activity-empty')).toContainText('No change matches these filters.');
	await a.getByRole('button', { name: 'Clear filters' }).click();
	await expect(entries).toHaveCount(4);

	// Bob renames Alpha while Alice reads: the timeline offers the latest, then shows it.
	await row(b, 'Alpha').dblclick();
	await typeName(b, 'Alpha East');
	await a.getByRole('button', { name: 'Show the latest' }).click();
	await expect(entries.first()).toContainText(
		'Someone with an editor link renamed Alpha to Alpha East'
	);
	await expect(entries).toHaveCount(5);
	// Nothing of it spills out of its place on a phone.
	await a.setViewportSize({ width: 390, height: 844 });
	await expect(entries.first()).toBeVisible();
	expect(await layoutProblems(a, ['[data-testid=activity]'])).toEqual([]);
	await a.setViewportSize({ width: 1280, height: 720 });

	// An entry about a node that still exists shows it in the structure tree.
	await entries.filter({ hasText: 'added Alpha East under Group' }).getByRole('button').click();
	await expect(a.getByRole('tab', { name: 'Structure' })).toHaveAttribute('aria-selected', 'true');
	await expect(row(a, 'Alpha East')).toHaveAttribute('aria-selected', 'true');
	await alice.close();
	await bob.close();
});
