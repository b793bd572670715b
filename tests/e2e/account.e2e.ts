import { expect, test, type Page } from '@playwright/test';
import { disconnect, reconnect, twoPeopleInNewDocument } from './two-people';

const row = (page: Page, name: string) => page.getByRole('treeitem').filter({ hasText: name });

/** Names and levels of the whole outline, top to bottom, every branch unfolded. */
async function outline(page: Page): Promise<string[]> {
	const folded = page.getByRole('button', { name: /^Expand / });
	while ((await folded.count()) > 0) await folded.first().click();
	return page
		.getByRole('treeitem')
		.evaluateAll((rows) =>
			rows.map((r) => `${r.getAttribute('aria-level')}:${r.querySelector('.name')?.textContent}`)
		);
}

async function typeName(page: Page, name: string) {
	const input = page.getByRole('textbox', { name: 'Name of this node' });
	await input.fill(name);
	await input.press('Enter');
}

/** Starts an empty account: a group HQ named Group with one child. */
async function groupWithChild(page: Page, child: string) {
	await page.getByRole('button', { name: 'Add group HQ' }).click();
	await typeName(page, 'Group');
	await page.getByRole('button', { name: 'Add child' }).click();
	await typeName(page, child);
}

test('concurrent moves A under B and B under A converge without a cycle; renames travel', async ({
	browser,
	request
}) => {
	const { alice, bob, a, b } = await twoPeopleInNewDocument(browser, request);
	await groupWithChild(a, 'Alpha');
	await a.getByRole('button', { name: 'Add sibling' }).click();
	await typeName(a, 'Beta');
	await expect(row(b, 'Beta')).toBeVisible();
	await expect(a.getByRole('status')).toHaveAttribute('data-status', 'saved');

	// Both go offline and move at the same time.
	await disconnect(a);
	await disconnect(b);
	// Alice: Beta under Alpha.
	await row(a, 'Beta').click();
	await a.getByRole('button', { name: 'Indent' }).click();
	await expect(row(a, 'Beta')).toHaveAttribute('aria-level', '3');
	// Bob: Alpha under Beta, with the keyboard.
	await row(b, 'Alpha').click();
	await b.keyboard.press('Alt+ArrowDown');
	await b.keyboard.press('Alt+ArrowRight');
	await expect(row(b, 'Alpha')).toHaveAttribute('aria-level', '3');

	await reconnect(a);
	await reconnect(b);
	await expect(a.getByRole('status')).toHaveAttribute('data-status', 'saved');
	await expect(b.getByRole('status')).toHaveAttribute('data-status', 'saved');
	// One of the two moves wins on both screens; the other would have made a cycle.
	await expect
		.poll(async () => {
			const [left, right] = [await outline(a), await outline(b)];
			return left.join('|') === right.join('|') ? left.map((entry) => entry.split(':')[0]) : [];
		})
		.toEqual(['1', '2', '3']);

	// A rename by Bob appears at Alice, in the outline and in her open detail panel.
	await row(a, 'Group').click();
	await row(b, 'Group').dblclick();
	await typeName(b, 'Huayuan Group');
	await expect(row(a, 'Huayuan Group')).toBeVisible();
	await expect(a.getByRole('textbox', { name: 'Name', exact: true }).first()).toHaveValue(
		'Huayuan Group'
	);
	// Alice sees that Bob is on the same node.
	await expect(a.getByText(/^Here: /)).toBeVisible();
	await alice.close();
	await bob.close();
});

test('amounts are checked at the field; spend rolls up; our spend above total is flagged', async ({
	browser,
	request
}) => {
	const { alice, bob, a, b } = await twoPeopleInNewDocument(browser, request);
	await groupWithChild(a, 'Heavy');
	const spend = a.getByLabel('Annual air-travel spend (CNY)');
	await spend.fill('-5');
	await spend.press('Enter');
	await expect(a.getByRole('alert')).toHaveText('Amounts cannot be negative.');
	await spend.fill('lots');
	await spend.press('Enter');
	await expect(a.getByRole('alert')).toHaveText('Enter a number, e.g. 1,200,000 or 1.2M.');
	// Nothing refused was stored: the other person still sees no spend.
	await expect(row(b, 'Heavy')).toContainText('CN¥0');
	await spend.fill('1000万');
	await spend.press('Enter');
	await a.getByLabel('Spend with us (CNY)').fill('900万');
	await a.getByLabel('Spend with us (CNY)').press('Enter');
	await expect(row(b, 'Group')).toContainText('90.0%');
	await expect(row(b, 'Group')).toContainText('CN¥10M');

	await a.getByLabel('Spend with us (CNY)').fill('12,000,000');
	await a.getByLabel('Spend with us (CNY)').press('Enter');
	// The detail's note (the page may also show a storage note while changes are unsaved).
	await expect(
		a.getByRole('note').filter({ hasText: 'Spend with us is above total spend.' })
	).toHaveText('Spend with us is above total spend.');
	await expect(
		row(b, 'Heavy').getByRole('img', { name: 'Spend with us is above total spend.' })
	).toBeVisible();
	await alice.close();
	await bob.close();
});

test('the demo account shows the national-account flag, tiers and the next tier', async ({
	browser,
	request
}) => {
	const created = await request.post('/api/docs', { data: { kind: 'account', title: 'Demo' } });
	const { id, token } = (await created.json()) as { id: string; token: string };
	const context = await browser.newContext({ locale: 'zh-CN' });
	const page = await context.newPage();
	await page.goto(`/d/${id}#${token}`);
	await page.getByRole('button', { name: '载入示例客户' }).click();
	const group = row(page, '中国华远能源集团');
	await expect(group).toContainText('潜在全国客户');
	await expect(group.locator('.tier')).toHaveText(/^T(10|[1-9])$/);
	await group.click();
	await expect(
		page.getByText(/本级及上级均无生效的全国或全球协议，下属共有 50 份生效的区域协议/)
	).toBeVisible();
	// The heavyweight subsidiary holds about 90% of its wallet.
	const heavy = row(page, '华远石油勘探有限公司');
	const share = Number((await heavy.locator('.share').textContent())?.replace('%', '').trim());
	expect(share).toBeGreaterThan(85);
	expect(share).toBeLessThan(95);
	await heavy.click();
	await expect(page.getByTestId('next-tier')).toHaveText(
		/^(升至层级 \d+：我方采购额再增加 ¥[\d.]+万.*|已是最高层级。)$/
	);
	await page.getByRole('tab', { name: '层级' }).click();
	await expect(
		page.getByRole('button', { name: /华远石油勘探有限公司/, pressed: true })
	).toBeVisible();
	await page.getByRole('tab', { name: '树图' }).click();
	await expect(page.locator('svg [data-node]').first()).toBeVisible();
	await context.close();
});

test('a viewer sees the tree but no way to edit it', async ({ browser, request }) => {
	const created = await request.post('/api/docs', { data: { kind: 'account', title: 'Read me' } });
	const { id, token } = (await created.json()) as { id: string; token: string };
	const owner = await browser.newContext({ locale: 'en-US' });
	const page = await owner.newPage();
	await page.goto(`/d/${id}#${token}`);
	await page.getByRole('button', { name: 'Load the demo account' }).click();
	await expect(page.getByRole('status')).toHaveAttribute('data-status', 'saved');
	const link = await request.post(`/api/docs/${id}/links`, {
		data: { role: 'viewer' },
		headers: { authorization: `Bearer ${token}` }
	});
	const viewerToken = ((await link.json()) as { token: string }).token;
	const viewerContext = await browser.newContext({ locale: 'en-US' });
	const viewer = await viewerContext.newPage();
	await viewer.goto(`/d/${id}#${viewerToken}`);
	await expect(row(viewer, 'China Huayuan Energy Group')).toBeVisible();
	// The whole account arrived (in pieces, it is large): its bookings too, read into actuals.
	await expect(viewer.getByRole('tree')).toHaveAttribute('data-actuals', 'bookings');
	await expect(viewer.getByRole('status')).toHaveAttribute('data-status', 'saved');
	await expect(viewer.getByRole('toolbar')).toHaveCount(0);
	await expect(viewer.getByRole('button', { name: 'Undo' })).toHaveCount(0);
	await row(viewer, 'China Huayuan Energy Group').click();
	await expect(viewer.getByRole('textbox', { name: 'Name', exact: true }).first()).toHaveAttribute(
		'readonly',
		''
	);
	await viewer.keyboard.press('Delete');
	await expect(row(viewer, 'China Huayuan Energy Group')).toBeVisible();
	await owner.close();
	await viewerContext.close();
});

test('an agreement counts once signed and in force; one ending soon is listed under the outline', async ({
	browser,
	request
}) => {
	const created = await request.post('/api/docs', { data: { kind: 'account', title: 'Deals' } });
	const { id, token } = (await created.json()) as { id: string; token: string };
	const context = await browser.newContext({ locale: 'en-US' });
	const page = await context.newPage();
	await page.goto(`/d/${id}#${token}`);
	await groupWithChild(page, 'East');
	await page.getByRole('button', { name: 'Add agreement' }).click();
	const standing = page.getByTestId('agreement-standing');
	// What "Add agreement" makes is a deal being negotiated: it counts for nothing yet.
	await expect(standing).toHaveText('Not in force');
	await expect(page.getByText(/Global 0 · national 0 · regional 0/)).toBeVisible();
	await page.getByRole('combobox', { name: 'Status' }).selectOption('signed');
	await page.getByLabel('Number', { exact: true }).fill('R-7');
	await page.getByLabel('Number', { exact: true }).press('Tab');
	await expect(standing).toHaveText('In force');
	await expect(page.getByText(/Global 0 · national 0 · regional 1/)).toBeVisible();
	await expect(page.getByTestId('expiring-agreements')).toHaveCount(0);
	const soon = new Date(Date.now() + 20 * 86_400_000);
	const iso = `${soon.getFullYear()}-${String(soon.getMonth() + 1).padStart(2, '0')}-${String(soon.getDate()).padStart(2, '0')}`;
	await page.getByLabel('End', { exact: true }).fill(iso);
	await page.getByLabel('End', { exact: true }).press('Tab');
	await expect(standing).toHaveText(/^In force · ends in (19|20|21) days$/);
	await expect(page.getByTestId('expiring-agreements')).toContainText(
		/East · R-7 · (19|20|21) days/
	);
	await page.getByRole('combobox', { name: 'Status' }).selectOption('terminated');
	await expect(standing).toHaveText('Not in force');
	await expect(page.getByTestId('expiring-agreements')).toHaveCount(0);
	await context.close();
});

test('a spend alert becomes an action with an owner and a due date; overdue actions stand out; the checklist counts heads from the tree', async ({
	browser,
	request
}) => {
	const created = await request.post('/api/docs', { data: { kind: 'account', title: 'Plan' } });
	const { id, token } = (await created.json()) as { id: string; token: string };
	const context = await browser.newContext({ locale: 'en-US' });
	const page = await context.newPage();
	await page.goto(`/d/${id}#${token}`);
	await page.getByRole('button', { name: 'Load the demo account' }).click();
	await expect(page.getByRole('treeitem').first()).toBeVisible();

	// The demo's overdue action is counted on the Plan tab and marked in the plan.
	await expect(
		page.getByRole('tab', { name: /Plan/ }).getByLabel('1 overdue actions')
	).toBeVisible();
	await page.getByRole('tab', { name: /Plan/ }).click();
	const actions = page.getByRole('region', { name: /Actions/ });
	await expect(actions.getByRole('heading', { name: /Actions/ })).toContainText('1 overdue');
	const late = actions.locator('fieldset[data-overdue]');
	await expect(late).toHaveCount(1);
	await expect(late).toContainText('Overdue by 6 days');

	// The demo's spend alert is an open action: the unit's owner, due two weeks from today.
	const alerted = actions.locator('fieldset').filter({ hasText: 'Spend alert:' });
	// The demo has two falling branches: Guangdong (−68%) and Shanghai (−31%).
	await expect(alerted).toHaveCount(2);
	const raised = alerted.filter({ hasText: 'Guangdong' });
	const due = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
	await expect(raised.getByLabel('Due')).toHaveValue(due);
	await expect(raised.getByLabel('Owner')).not.toHaveValue('');
	await expect(raised.locator('[data-overdue]')).toHaveCount(0);

	// Moving its date into the past makes it overdue too.
	await raised.getByLabel('Due').fill('2020-01-01');
	await raised.getByLabel('Due').dispatchEvent('change');
	await expect(actions.locator('fieldset[data-overdue]')).toHaveCount(2);
	await expect(
		page.getByRole('tab', { name: /Plan/ }).getByLabel('2 overdue actions')
	).toBeVisible();

	// Headcount in the checklist is the tree's roll-up, not a second copy typed by hand.
	await page.getByRole('tab', { name: /Checklist/ }).click();
	await expect(page.getByTestId('checklist-headcount')).toContainText(
		/^Headcount\s+[\d,]+ people, rolled up from the units of the structure tree\.\s*$/
	);
	await context.close();
});

test('while the account is still arriving from the relay, an empty tree says so instead of offering to start one', async ({
	browser,
	request
}) => {
	const created = await request.post('/api/docs', { data: { kind: 'account', title: '大客户' } });
	const { id, token } = (await created.json()) as { id: string; token: string };
	const context = await browser.newContext({ locale: 'zh-CN' });
	const page = await context.newPage();
	// The relay takes the connection and never answers.
	await page.routeWebSocket(/\/sync\//, () => {});
	await page.goto(`/d/${id}#${token}`);
	await expect(page.getByTestId('account-arriving')).toHaveText('正在载入客户档案……');
	await expect(page.getByRole('button', { name: '添加集团总部' })).toHaveCount(0);
	await context.close();
});
