import { expect, test, type Browser, type Page } from '@playwright/test';
import { layoutProblems } from './overflow';
import { shootInBothLanguages } from './screenshots';

const saved = (page: Page) =>
	expect(page.locator('[data-status]').first()).toHaveAttribute('data-status', 'saved');

async function typeName(page: Page, name: string) {
	const input = page.getByRole('textbox', { name: 'Name of this node' });
	await input.fill(name);
	await input.press('Enter');
}

async function createInWorkspace(page: Page, kind: string, title: string) {
	await page.getByLabel('Kind').selectOption(kind);
	await page.getByLabel('Title', { exact: true }).fill(title);
	await page.getByRole('button', { name: 'Create' }).click();
}

async function newAccount(page: Page, title: string) {
	await createInWorkspace(page, 'account', title);
	await expect(page).toHaveURL(/\/d\/[A-Za-z0-9_-]{22}$/);
	await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue(title);
	await saved(page);
	const id = new URL(page.url()).pathname.split('/').pop()!;
	await page.getByRole('link', { name: 'Panorama' }).click();
	return id;
}

async function join(browser: Browser, link: string, name: string) {
	const context = await browser.newContext({ locale: 'en-US' });
	const page = await context.newPage();
	await page.goto(link);
	await expect(page.getByRole('heading', { name: 'Join the team' })).toBeVisible();
	await page.getByLabel('Your name').fill(name);
	await page.getByRole('button', { name: 'Join' }).click();
	await expect(page.getByTestId('team-me')).toContainText(`${name} · Member`);
	return { context, page };
}

/** On a phone, nothing of the team page spills sideways or out of its box. */
async function fitsPhone(page: Page) {
	const before = page.viewportSize();
	await page.setViewportSize({ width: 390, height: 844 });
	expect(await layoutProblems(page, ['main'])).toEqual([]);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	if (before) await page.setViewportSize(before);
}

const sector = (page: Page, name: string) =>
	page.locator(`[data-testid="team-sector"][data-sector="${name}"]`);

test('an owner splits a team into sectors: each member sees only theirs, access comes by approval, removal closes the door', async ({
	browser
}) => {
	const owner = await browser.newContext({ locale: 'en-US' });
	const o = await owner.newPage();
	await o.goto('/');
	await createInWorkspace(o, 'workspace', 'Key accounts');
	await expect(o.getByText('This workspace has no documents yet')).toBeVisible();
	await saved(o);
	await newAccount(o, 'Baosteel East');
	const southId = await newAccount(o, 'Sinopec South');

	// The owner starts the team and sets up two sectors with one account each.
	await o.getByRole('button', { name: 'Start a team' }).click();
	await o.getByLabel('Your name in the team').fill('Olivia');
	await o.getByRole('button', { name: 'Start the team' }).click();
	await expect(o).toHaveURL(/\/team\/[A-Za-z0-9_-]{22}$/);
	await expect(o.getByTestId('team-me')).toContainText('Olivia · Owner');
	await expect(o.getByRole('heading', { name: 'Key accounts' })).toBeVisible();
	for (const name of ['East', 'South']) {
		await o.getByLabel('New sector').fill(name);
		await o.getByRole('button', { name: 'Add sector' }).click();
		await expect(sector(o, name)).toBeVisible();
	}
	const place = o.getByRole('form', { name: 'Put a document in a sector' });
	for (const [title, into] of [
		['Baosteel East', 'East'],
		['Sinopec South', 'South']
	] as const) {
		await place.getByLabel('Document').selectOption({ label: title });
		await place.getByLabel('Sector').selectOption({ label: into });
		await place.getByRole('button', { name: 'Place' }).click();
		await expect(place.getByRole('status')).toHaveText(`“${title}” is now in ${into}.`);
		await expect(sector(o, into).getByTestId('team-document')).toContainText(title);
	}

	// Two invitations, one per sector.
	const invite = o.getByRole('region', { name: 'Invite someone' });
	const links: string[] = [];
	for (const into of ['East', 'South']) {
		await invite.getByLabel('Role').selectOption({ label: 'Member' });
		await invite.getByLabel('Sector').selectOption({ label: into });
		await invite.getByRole('button', { name: 'Create invitation link' }).click();
		const link = invite.getByTestId('invitation-link');
		await expect(link).toHaveValue(/\/team\/.+#.+/);
		links.push(await link.inputValue());
	}

	// Each member sees their sector's account and nothing of the other's, not even its title.
	const li = await join(browser, links[0]!, 'Li');
	await expect(sector(li.page, 'East').getByTestId('team-document')).toContainText('Baosteel East');
	await expect(sector(li.page, 'South')).toContainText("You do not see this sector's documents.");
	await expect(li.page.getByText('Sinopec South')).toHaveCount(0);
	// Li takes the membership to her phone: the same person there, the same sector.
	await li.page.getByText('Use on another device').click();
	const moved = await li.page.getByRole('textbox', { name: 'Use on another device' }).inputValue();
	const phone = await browser.newContext({
		locale: 'en-US',
		viewport: { width: 390, height: 844 }
	});
	const p = await phone.newPage();
	// A forged credential (Li's, signature altered) opens nothing and leaves nothing behind.
	const forged = moved.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
	await p.goto(forged);
	await expect(p.getByTestId('team-error')).toContainText('this link is not valid here');
	await p.goto(moved.replace(/#.*$/, ''));
	await expect(p.getByTestId('team-not-member')).toBeVisible();
	await p.goto('/');
	await p.goto(moved);
	await expect(p.getByTestId('team-me')).toContainText('Li · Member');
	await expect(sector(p, 'East').getByTestId('team-document')).toContainText('Baosteel East');
	await phone.close();
	const zhang = await join(browser, links[1]!, 'Zhang');
	await expect(sector(zhang.page, 'South').getByTestId('team-document')).toContainText(
		'Sinopec South'
	);
	await expect(zhang.page.getByText('Baosteel East')).toHaveCount(0);

	// An invitation is for one person: opened again on another device it is refused.
	const third = await browser.newContext({ locale: 'en-US' });
	const t = await third.newPage();
	await t.goto(links[0]!);
	await expect(t.getByRole('heading', { name: 'Join the team' })).toBeVisible();
	await shootInBothLanguages(t, 'team-join');
	await t.getByLabel('Your name').fill('Someone else');
	await t.getByRole('button', { name: 'Join' }).click();
	await expect(t.getByRole('alert')).toContainText('this invitation was used already');
	await third.close();

	// The owner makes Zhang head of South.
	await o.reload();
	const zhangRow = o.locator('[data-testid="team-member"][data-name="Zhang"]');
	await zhangRow.getByRole('button', { name: 'Make Zhang head of South' }).click();
	await expect(zhangRow).toContainText('South (head)');
	await shootInBothLanguages(o, 'team-owner');
	await fitsPhone(o);

	// Li asks for South; Zhang, its head, approves; the account appears for Li, read-only.
	await sector(li.page, 'South').getByRole('button', { name: 'Ask for access' }).click();
	await li.page.getByLabel('Why (seen by whoever decides)').fill('Covering South in March');
	await li.page.getByRole('button', { name: 'Send request' }).click();
	await expect(sector(li.page, 'South')).toContainText('Waiting for a decision');
	await shootInBothLanguages(li.page, 'team-member');
	await fitsPhone(li.page);
	await zhang.page.reload();
	const toDecide = zhang.page.getByTestId('requests-to-decide').getByTestId('access-request');
	await expect(toDecide).toHaveCount(1);
	await expect(toDecide).toContainText('Li asks to view sector South');
	await expect(toDecide).toContainText('Reason: Covering South in March');
	await toDecide.getByRole('button', { name: 'Approve' }).click();
	await expect(zhang.page.getByRole('button', { name: 'Revoke' })).toBeVisible();
	await shootInBothLanguages(zhang.page, 'team-head');
	await li.page.reload();
	const granted = sector(li.page, 'South').getByTestId('team-document');
	await expect(granted).toContainText('Sinopec South');
	await expect(granted).toContainText('view only');
	await expect(li.page.getByTestId('my-requests')).toContainText('Approved by Zhang');
	await granted.getByRole('button', { name: 'Open' }).click();
	await expect(li.page).toHaveURL(new RegExp(`/d/${southId}$`));
	await expect(li.page.getByRole('textbox', { name: 'Title' })).toHaveValue('Sinopec South');
	await expect(li.page.getByRole('textbox', { name: 'Title' })).toHaveAttribute('readonly', '');

	// Zhang works in South; the owner removes Zhang: the open account closes on Zhang's device,
	// the team page says so, and Li keeps working.
	await sector(zhang.page, 'South').getByRole('button', { name: 'Open' }).click();
	await expect(zhang.page.getByRole('textbox', { name: 'Title' })).toHaveValue('Sinopec South');
	await saved(zhang.page);
	await zhangRow.getByRole('button', { name: 'Remove' }).click();
	await o.getByRole('button', { name: 'Remove from team' }).click();
	await expect(zhangRow).toHaveCount(0);
	await expect(zhang.page.locator('[data-close-code="4405"]')).toBeVisible();
	await zhang.page.goto(o.url());
	await expect(zhang.page.getByTestId('team-removed')).toBeVisible();
	await shootInBothLanguages(zhang.page, 'team-removed');
	// Forgetting the team takes its documents off Zhang's device too.
	const teamPage = zhang.page.url();
	await zhang.page.goto('/');
	await expect(zhang.page.getByRole('listitem').filter({ hasText: 'Sinopec South' })).toBeVisible();
	await zhang.page.goto(teamPage);
	await zhang.page.getByRole('button', { name: 'Forget this team on this device' }).click();
	await expect(zhang.page.getByTestId('team-not-member')).toBeVisible();
	await zhang.page.goto('/');
	await expect(zhang.page.getByRole('button', { name: 'Load demo workspace' })).toBeVisible();
	await expect(zhang.page.getByText('Sinopec South')).toHaveCount(0);
	await li.page.goBack();
	await expect(sector(li.page, 'East').getByTestId('team-document')).toContainText('Baosteel East');

	// Li and the owner work in East's account; a version taken before Li's change compares with now.
	await sector(o, 'East').getByRole('button', { name: 'Open' }).click();
	await o.getByRole('button', { name: 'Add group HQ' }).click();
	await typeName(o, 'Baosteel Group');
	await saved(o);
	await o.getByRole('tab', { name: 'Versions' }).click();
	await o.getByTestId('version-name').fill('Q3 review');
	await o.getByRole('button', { name: 'Take version' }).click();
	await expect(o.getByText('Version “Q3 review” taken.')).toBeVisible();
	await sector(li.page, 'East').getByRole('button', { name: 'Open' }).click();
	await li.page
		.getByRole('treeitem')
		.filter({ has: li.page.getByText('Baosteel Group', { exact: true }) })
		.dblclick();
	await typeName(li.page, 'Baosteel Group Co.');
	await saved(li.page);
	await o.getByRole('button', { name: 'Compare with now' }).click();
	const renamed = o
		.getByTestId('version-compare')
		.getByRole('listitem')
		.filter({ hasText: 'Renamed' });
	await expect(renamed).toContainText('Baosteel Group Co.');

	// The account's record names who changed what, by their name in the team (the server's word).
	const entries = o.getByTestId('activity-entry');
	await expect(async () => {
		await o.reload();
		await o.getByRole('tab', { name: 'Activity' }).click();
		await expect(entries.filter({ hasText: 'Li renamed' })).toBeVisible({ timeout: 2000 });
	}).toPass();
	await expect(entries.first()).toContainText('Li renamed Baosteel Group to Baosteel Group Co.');
	await expect(entries.filter({ hasText: 'Olivia named a new node Baosteel Group' })).toBeVisible();
	await o.getByTestId('activity-person').selectOption({ label: 'Li' });
	await expect(entries).toHaveText([
		/Li renamed Baosteel Group to Baosteel Group Co\.\s*Can edit$/
	]);

	await owner.close();
	await li.context.close();
	await zhang.context.close();
});
