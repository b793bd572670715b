/**
 * The workshop in the room: a facilitator, a projector and three phones, each in its own browser
 * context against the real server. Joining by the code on the screen, views pushed to the
 * projector, voting on notes, a phone that reloads mid-vote, "k of n voted", one person's score
 * kept off the projector, a note refused after writing closed kept as a draft, and notes grouped
 * and added to the map as a pain point.
 */
import { expect as baseExpect, test, type Browser, type Page } from '@playwright/test';

// Five browsers share the machine: states take longer to arrive than in one person's test.
const expect = baseExpect.configure({ timeout: 30_000 });

const pageErrors: string[] = [];

async function phone(browser: Browser, name: string) {
	const context = await browser.newContext({
		locale: 'en-US',
		viewport: { width: 390, height: 844 }
	});
	const page = await context.newPage();
	page.on('pageerror', (error) => pageErrors.push(`${name}: ${error.message}`));
	return page;
}

async function join(page: Page, url: string, name: string) {
	await page.goto(url);
	await page.getByLabel('Your name').fill(name);
	await page.getByRole('button', { name: 'Join' }).click();
	await expect(page.getByTestId('participant-focus')).toBeVisible();
}

async function write(page: Page, about: string, text: string) {
	await page.getByLabel(`A note about “${about}”`).fill(text);
	await page.getByRole('button', { name: 'Add note' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
}

test('the room: join by code, pushed views, votes on notes, reload mid-vote, group and promote', async ({
	browser,
	request
}) => {
	test.setTimeout(240_000);
	const created = await request.post('/api/docs', {
		data: { kind: 'journey', title: 'Room', template: 'airline', locale: 'en' }
	});
	const { id, token } = (await created.json()) as { id: string; token: string };

	const f = await (await browser.newContext({ locale: 'en-US' })).newPage();
	f.on('pageerror', (error) => pageErrors.push(`facilitator: ${error.message}`));
	await f.goto(`/d/${id}#${token}`);
	await f.getByRole('button', { name: 'Start a workshop' }).click();
	const joinLink = await f.getByTestId('join-link').inputValue();
	const presentLink = await f.getByTestId('present-link').inputValue();
	const code = (await f.getByTestId('join-code').textContent())!.replace(/\s/g, '');
	expect(code).toMatch(/^[A-Z0-9]{6}$/);

	const projector = await (
		await browser.newContext({ locale: 'en-US', viewport: { width: 1920, height: 1080 } })
	).newPage();
	projector.on('pageerror', (error) => pageErrors.push(`projector: ${error.message}`));
	await projector.goto(presentLink);
	// The projector shows the code the room types, the same as the facilitator's.
	await expect(projector.getByTestId('projector-join-code')).toHaveText(/\S/);
	expect(
		(await projector.getByTestId('projector-join-code').textContent())!.replace(/\s/g, '')
	).toBe(code);

	// One phone types the code at /join (lower case, with a space, as people type).
	const ana = await phone(browser, 'Ana');
	await ana.goto('/join');
	await ana
		.getByLabel('The code on the screen')
		.fill(`${code.slice(0, 3).toLowerCase()} ${code.slice(3)}`);
	await ana.getByRole('button', { name: 'Join' }).click();
	await expect(ana).toHaveURL(new RegExp(`/w/${id}`));
	await ana.getByLabel('Your name').fill('Ana');
	await ana.getByRole('button', { name: 'Join' }).click();
	await expect(ana.getByTestId('participant-focus')).toBeVisible();
	const bo = await phone(browser, 'Bo');
	await join(bo, joinLink, 'Bo');
	const chen = await phone(browser, 'Chen');
	await join(chen, joinLink, 'Chen');
	await expect(projector.getByTestId('projector-joined')).toHaveText('3 people here');

	// Silent writing on the stage in focus: each phone counts its own hidden notes.
	await f.getByRole('button', { name: 'Focus', exact: true }).nth(1).click();
	await expect(ana.getByTestId('participant-focus')).toHaveText('Pre-flight');
	await f.getByRole('button', { name: 'Writing', exact: true }).click();
	await write(ana, 'Pre-flight', 'Kiosk rejected my passport');
	await write(bo, 'Pre-flight', 'Only two check-in counters open');
	await write(chen, 'Pre-flight', 'Lounge was full');
	await expect(ana.getByTestId('my-held-count')).toHaveText(
		'Your notes: 1 (hidden until the reveal)'
	);
	// One person scores a touchpoint: the projector never shows that one score.
	await ana.getByRole('button', { name: 'Lounge', exact: true }).click();
	await ana
		.getByRole('group', { name: 'Score “Lounge” (1–5)' })
		.getByRole('button', { name: '5' })
		.click();
	await expect(ana.getByRole('status')).toHaveText('Scored 5; shown when revealed.');

	await f.getByRole('button', { name: 'Reveal notes' }).click();
	await expect(projector.getByTestId('note')).toHaveCount(3);
	await f.getByRole('button', { name: 'Focus on “Lounge”' }).click();
	await expect(projector.getByTestId('projector-score')).toHaveText(
		'Participants’ score: fewer than 3 scores, not shown'
	);
	// Touchpoint focus: that touchpoint's notes only (the three are about the stage).
	await expect(projector.getByTestId('note')).toHaveCount(0);

	// The facilitator pushes the heatmap and the curve; the curve has no participants' marks.
	await f.locator('[data-view="heatmap"]').click();
	await expect(projector.getByTestId('projector-heatmap')).toBeVisible();
	await expect(projector.getByTestId('projector-focus')).toHaveText('Heatmap');
	await f.locator('[data-view="curve"]').click();
	await expect(projector.getByTestId('projector-curve')).toBeVisible();
	await expect(projector.locator('.mark.participants')).toHaveCount(0);
	await expect(projector.getByTestId('projector-curve')).not.toContainText('5.0');
	await f.locator('[data-view="join"]').click();
	await expect(projector.getByTestId('projector-join-code')).toBeVisible();
	await f.locator('[data-view="auto"]').click();
	await f.getByRole('button', { name: 'Clear focus' }).click();

	// Chen writes without a connection; writing closes before the note gets through.
	await chen.context().setOffline(true);
	await chen.getByRole('button', { name: 'Pre-flight', exact: true }).click();
	await chen.getByLabel('A note about “Pre-flight”').fill('Two queues for bag drop');
	await chen.getByRole('button', { name: 'Add note' }).click();
	await expect(chen.getByTestId('note-waiting')).toHaveText(/Two queues for bag drop/);

	// Dot voting on notes: the facilitator chooses, phones vote on the notes.
	await f.getByTestId('vote-on').selectOption('notes');
	await f.getByRole('button', { name: 'Voting', exact: true }).click();
	// Back online, the note is refused (writing closed) and stays on the phone as a draft.
	await expect(f.getByTestId('voted-count')).toBeVisible();
	await chen.context().setOffline(false);
	await expect(chen.getByTestId('draft')).toContainText('Two queues for bag drop');
	await expect(chen.getByTestId('note-waiting')).toHaveCount(0);
	await expect(chen.getByTestId('draft').getByRole('button', { name: 'Send now' })).toHaveCount(0);
	await expect(f.getByTestId('voted-count')).toHaveText('Voted 0 of 3');
	const kiosk = 'Vote for the note “Kiosk rejected my passport”';
	const counters = 'Vote for the note “Only two check-in counters open”';
	await ana.getByRole('button', { name: kiosk }).click();
	await expect(ana.getByRole('status')).toHaveText('Vote cast: 2 left.');
	await bo.getByRole('button', { name: kiosk }).click();
	await expect(bo.getByRole('status')).toHaveText('Vote cast: 2 left.');
	await bo.getByRole('button', { name: counters }).click();
	await expect(bo.getByRole('status')).toHaveText('Vote cast: 1 left.');
	await expect(f.getByTestId('voted-count')).toHaveText('Voted 2 of 3');
	// Touchpoints take no votes this round.
	await expect(ana.getByRole('button', { name: 'Vote for “Lounge”' })).toHaveCount(0);

	// Bo's phone reloads mid-vote and still shows Bo's votes and what is left.
	await bo.reload();
	await expect(bo.getByTestId('votes-left')).toHaveText('1 vote left: tap ● to vote.');
	await expect(bo.getByRole('button', { name: kiosk })).toHaveText('●');
	await expect(bo.getByRole('button', { name: counters })).toHaveText('●');

	await f.getByRole('button', { name: 'Reveal votes' }).click();
	await f.locator('[data-view="results"]').click();
	const results = projector.getByTestId('vote-result');
	await expect(results).toHaveCount(2);
	await expect(results.first()).toContainText('Kiosk rejected my passport');
	await expect(results.first()).toHaveAttribute('data-votes', '2');
	await f.locator('[data-view="notes"]').click();
	await expect(projector.getByTestId('note')).toHaveCount(3);

	// Group two notes by dragging one onto the other, name the group, add it to the map.
	const wall = f.getByTestId('note-wall');
	await wall
		.getByTestId('wall-note')
		.filter({ hasText: 'Only two check-in counters open' })
		.dragTo(wall.getByTestId('wall-note').filter({ hasText: 'Kiosk rejected my passport' }));
	const group = wall.getByTestId('cluster');
	await expect(group).toHaveCount(1);
	await expect(group.getByTestId('wall-note')).toHaveCount(2);
	await group.getByLabel('Group name').fill('Check-in is slow');
	await group.getByLabel('Group name').press('Enter');
	await group.getByRole('button', { name: 'Add the group to the map…' }).click();
	await expect(group.getByLabel('Touchpoint')).toHaveValue(/.+/);
	await expect(group.getByLabel('Text in the map')).toHaveValue('Check-in is slow');
	await group.getByLabel('Touchpoint').selectOption({ label: 'Check-in (online, kiosk, counter)' });
	await group.getByRole('button', { name: 'Add to the map', exact: true }).click();
	await expect(group.getByTestId('note-promoted')).toHaveCount(2);
	await expect(group.getByTestId('note-promoted').first()).toHaveText(
		'In the map: Check-in (online, kiosk, counter) · Pain point'
	);
	await expect(f.locator('.lane.pain').getByText('Check-in is slow')).toBeVisible();
	// The projector's notes wall shows the group under its name.
	const groups = projector.getByTestId('projector-group');
	await expect(groups.first()).toContainText('Check-in is slow');
	await expect(groups.first().getByRole('listitem')).toHaveCount(2);
	// The touchpoint's editor says where the pain point came from.
	await f
		.getByRole('button', { name: /^Check-in \(online, kiosk, counter\)/ })
		.first()
		.click();
	const editor = f.getByTestId('touchpoint-editor');
	await expect(editor).toBeInViewport();
	await expect(editor.getByTestId('item-sources')).toContainText('“Kiosk rejected my passport”');
	await expect(editor.getByTestId('item-sources')).toContainText(
		'“Only two check-in counters open”'
	);

	expect(pageErrors).toEqual([]);
	for (const context of browser.contexts()) await context.close();
});
