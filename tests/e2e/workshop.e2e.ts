/**
 * A workshop with a facilitator, three participants (and one who joins late) and a projector,
 * each in their own browser context against the real server.
 */
import { expect as baseExpect, test, type Browser, type Page } from '@playwright/test';

// Six browsers share the machine: states take longer to arrive than in one person's test.
const expect = baseExpect.configure({ timeout: 30_000 });

const pageErrors: string[] = [];

async function participant(browser: Browser, joinLink: string, name: string) {
	const context = await browser.newContext({
		locale: 'en-US',
		viewport: { width: 390, height: 844 }
	});
	const page = await context.newPage();
	// A script error on a phone (an effect that loops, say) fails the workshop even if it limps on.
	page.on('pageerror', (error) => pageErrors.push(`${name}: ${error.message}`));
	await page.goto(joinLink);
	await page.getByLabel('Your name').fill(name);
	await page.getByRole('button', { name: 'Join' }).click();
	await expect(page.getByTestId('participant-focus')).toBeVisible();
	return page;
}

/** Size of a top-level map in the page's board document, as the browser holds it. */
function boardMapSize(page: Page, map: string): Promise<number> {
	return page.evaluate(`window.panoramaBoard.doc.getMap(${JSON.stringify(map)}).size`);
}

test('a workshop: focus, silent notes, hidden votes, a late joiner and a projector', async ({
	browser,
	request
}) => {
	// Six browser contexts at once: on a busy machine this takes longer than one person's test.
	test.setTimeout(180_000);
	const created = await request.post('/api/docs', {
		data: { kind: 'journey', title: 'Workshop', template: 'airline', locale: 'en' }
	});
	const { id, token } = (await created.json()) as { id: string; token: string };

	const facilitatorContext = await browser.newContext({ locale: 'en-US' });
	const f = await facilitatorContext.newPage();
	await f.goto(`/d/${id}#${token}`);
	await f.getByRole('button', { name: 'Start a workshop' }).click();
	const joinLink = await f.getByTestId('join-link').inputValue();
	const presentLink = await f.getByTestId('present-link').inputValue();
	expect(joinLink).toContain(`/w/${id}#`);

	const projectorContext = await browser.newContext({
		locale: 'en-US',
		viewport: { width: 1920, height: 1080 }
	});
	const projector = await projectorContext.newPage();
	await projector.goto(presentLink);
	await expect(projector.getByTestId('projector-focus')).toHaveText('The whole map');

	const p1 = await participant(browser, joinLink, 'Ana');
	const p2 = await participant(browser, joinLink, 'Bo');
	const p3 = await participant(browser, joinLink, 'Chen');

	// Participants follow the facilitator's focus …
	const stageFocus = f.getByRole('button', { name: 'Focus', exact: true });
	await stageFocus.nth(0).click();
	for (const page of [p1, p2, p3]) {
		await expect(page.getByTestId('participant-focus')).toHaveText('Pre-trip');
	}
	await expect(projector.getByTestId('projector-focus')).toHaveText('Pre-trip');
	// … and one can stop following.
	await p3.getByLabel('Follow the facilitator').uncheck();
	await stageFocus.nth(2).click();
	await expect(p1.getByTestId('participant-focus')).toHaveText('In the cabin');
	await expect(projector.getByTestId('projector-focus')).toHaveText('In the cabin');
	await expect(p3.getByTestId('participant-focus')).toHaveText('Pre-trip');

	// A countdown everyone sees, a late joiner included.
	await f.getByLabel('Minutes').fill('10');
	await f.getByRole('button', { name: 'Start timer' }).click();
	await expect(projector.getByRole('timer')).toHaveAttribute('data-status', 'running');
	const late = await participant(browser, joinLink, 'Dana');
	await expect(late.getByTestId('participant-focus')).toHaveText('In the cabin');
	const timer = late.getByRole('timer');
	await expect(timer).toHaveAttribute('data-status', 'running');
	const remaining = Number(await timer.getAttribute('data-remaining'));
	expect(remaining).toBeGreaterThan(9 * 60);
	expect(remaining).toBeLessThanOrEqual(10 * 60);

	// Silent writing: notes are held by the server, absent from everyone's board document.
	await f.getByRole('button', { name: 'Writing', exact: true }).click();
	await expect(p1.getByTestId('phase')).toHaveAttribute('data-phase', 'writing');
	await p1.getByLabel('A note about “In the cabin”').fill('Seats are too narrow');
	await p1.getByRole('button', { name: 'Add note' }).click();
	await expect(p1.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
	// A score (1–5) is held like a silent note.
	await p1.getByRole('button', { name: 'Seat comfort', exact: true }).click();
	await p1
		.getByRole('group', { name: 'Score “Seat comfort” (1–5)' })
		.getByRole('button', { name: '4' })
		.click();
	await expect(p1.getByRole('status')).toHaveText('Scored 4; shown when revealed.');
	expect(await boardMapSize(p2, 'scores')).toBe(0);
	await p2.getByLabel('A note about “In the cabin”').fill('The special meal never arrives');
	await p2.getByRole('button', { name: 'Add note' }).click();
	await expect(p2.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
	await p1.getByRole('button', { name: 'I’m done' }).click();
	await expect(f.getByTestId('finished-count')).toHaveText('Finished writing 1/4');
	await expect(projector.getByTestId('projector-finished')).toHaveText('Finished writing 1/4');
	expect(await boardMapSize(p3, 'notes')).toBe(0);
	expect(await boardMapSize(p2, 'notes')).toBe(0);
	await expect(projector.getByTestId('note')).toHaveCount(0);

	// The reveal publishes them: the projector shows them as they arrive.
	await f.getByRole('button', { name: 'Reveal notes' }).click();
	await expect(projector.getByTestId('note')).toHaveCount(2);
	await expect(projector.getByText('Seats are too narrow')).toBeVisible();
	await expect.poll(() => boardMapSize(p3, 'notes')).toBe(2);

	// A phone that loses the Wi-Fi keeps its note and sends it when the connection is back; the
	// round is revealed, so it goes straight onto the board.
	await p3.context().setOffline(true);
	await p3.getByLabel('A note about “Pre-trip”').fill('No Wi-Fi at the gate');
	await p3.getByRole('button', { name: 'Add note' }).click();
	await expect(p3.getByRole('status')).toHaveText(
		'No connection: the note is kept on this phone and sent when the connection is back.'
	);
	await expect(p3.getByTestId('note-waiting')).toHaveText(/No Wi-Fi at the gate/);
	await p3.context().setOffline(false);
	await expect(p3.getByTestId('note-waiting')).toHaveCount(0);
	await expect(p3.getByRole('status')).toHaveText('Note added.');
	// Everyone has it (the projector shows only the focused stage, and this note is about another).
	await expect.poll(() => boardMapSize(p1, 'notes')).toBe(3);
	await f.getByRole('button', { name: 'Focus on “Seat comfort”' }).click();
	await expect(projector.getByTestId('projector-focus')).toHaveText('Seat comfort');
	// One person scored it: the room learns that someone did, not what they gave.
	await expect(projector.getByTestId('projector-score')).toHaveText(
		'Participants’ score: fewer than 3 scores, not shown'
	);

	// Dot voting: ballots stay on the server until the reveal, then only counts are published.
	await f.getByRole('button', { name: 'Voting', exact: true }).click();
	await expect(p1.getByTestId('votes-left')).toHaveText('3 votes left: tap ● to vote.');
	await p1.getByRole('button', { name: 'Vote for “Seat comfort”' }).click();
	await expect(p1.getByRole('status')).toHaveText('Vote cast: 2 left.');
	await p1.getByRole('button', { name: 'Vote for “Seat comfort”' }).click();
	await expect(p1.getByRole('status')).toHaveText('You have already voted for this one.');
	await p2.getByRole('button', { name: 'Vote for “Seat comfort”' }).click();
	await expect(p2.getByRole('status')).toHaveText('Vote cast: 2 left.');
	await p2.getByRole('button', { name: 'Vote for “Meals & drinks”' }).click();
	await expect(p2.getByRole('status')).toHaveText('Vote cast: 1 left.');
	expect(await boardMapSize(p3, 'tallies')).toBe(0);
	await expect(projector.getByTestId('vote-result')).toHaveCount(0);

	await f.getByRole('button', { name: 'Reveal votes' }).click();
	const results = projector.getByTestId('vote-result');
	await expect(results).toHaveCount(2);
	await expect(results.first()).toContainText('Seat comfort');
	await expect(results.first()).toHaveAttribute('data-votes', '2');
	await expect(results.nth(1)).toHaveAttribute('data-votes', '1');
	// Voting is still open, but the round is revealed: a phone says so instead of taking a vote
	// that would never be counted.
	await expect(p3.getByTestId('votes-revealed')).toHaveText(
		'This round’s votes are revealed: a vote now would not be counted.'
	);
	await expect(p3.getByRole('button', { name: 'Vote for “Seat comfort”' })).toHaveCount(0);

	// A participant forcing a write into the map is refused by the relay and nothing is stored.
	await p1.evaluate(`(() => {
		const stages = window.panoramaDoc.doc.getMap('stages');
		for (const key of [...stages.keys()]) stages.delete(key);
	})()`);
	expect(await p1.evaluate(`window.panoramaDoc.doc.getMap('stages').size`)).toBe(0);
	const fresh = await browser.newContext({ locale: 'en-US' });
	const check = await fresh.newPage();
	await check.goto(`/d/${id}#${token}`);
	await expect(check.getByLabel('Stage name', { exact: true })).toHaveCount(5);
	await expect(f.getByLabel('Stage name', { exact: true })).toHaveCount(5);

	expect(pageErrors).toEqual([]);
	for (const context of browser.contexts()) await context.close();
});

test('the facilitator sees the seats, removes one, and that phone is told it was removed', async ({
	browser,
	request
}) => {
	test.setTimeout(120_000);
	const created = await request.post('/api/docs', {
		data: { kind: 'journey', title: 'Seats', template: 'airline', locale: 'en' }
	});
	const { id, token } = (await created.json()) as { id: string; token: string };
	const facilitatorContext = await browser.newContext({ locale: 'en-US' });
	const f = await facilitatorContext.newPage();
	await f.goto(`/d/${id}#${token}`);
	await f.getByRole('button', { name: 'Start a workshop' }).click();
	const joinLink = await f.getByTestId('join-link').inputValue();
	await expect(f.getByTestId('seats')).toContainText('Nobody has joined yet.');

	const ana = await participant(browser, joinLink, 'Ana');
	const bo = await participant(browser, joinLink, 'Bo');
	const rows = f.getByTestId('seat-row');
	await expect(rows).toHaveCount(2);
	await expect(f.getByRole('heading', { name: 'Seats (2)' })).toBeVisible();

	// A reload of the same phone is the same seat, not a third one.
	await ana.reload();
	await expect(ana.getByTestId('participant-focus')).toBeVisible();
	await f.getByRole('button', { name: 'Writing', exact: true }).click();
	await expect(ana.getByTestId('phase')).toHaveAttribute('data-phase', 'writing');
	await expect(rows).toHaveCount(2);

	await f.getByRole('button', { name: 'Remove Bo' }).click();
	await f.getByRole('button', { name: 'Remove Bo now' }).click();
	await expect(rows).toHaveCount(1);
	await expect(rows.first()).toContainText('Ana');
	await expect(bo.getByTestId('seat-removed')).toContainText('You were removed from this workshop');
	await expect(bo.getByTestId('participant-focus')).toHaveCount(0);
	// Reopening the link on that phone does not seat it again.
	await bo.goto(joinLink);
	await expect(bo.getByTestId('seat-removed')).toBeVisible();
	// Ana goes on writing.
	await ana.getByRole('button', { name: 'Pre-trip', exact: true }).click();
	await ana.getByLabel('A note about “Pre-trip”').fill('Check-in was quick');
	await ana.getByRole('button', { name: 'Add note' }).click();
	await expect(ana.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

	// A new join link: the old one seats nobody new, Ana's seat keeps working.
	const oldLink = joinLink;
	await f.getByRole('button', { name: 'New join link' }).click();
	await f
		.getByRole('group', { name: 'New join link' })
		.getByRole('button', { name: 'New join link' })
		.click();
	await expect(f.getByTestId('join-link')).not.toHaveValue(oldLink);
	const latecomerContext = await browser.newContext({ locale: 'en-US' });
	const latecomer = await latecomerContext.newPage();
	await latecomer.goto(oldLink);
	await latecomer.getByLabel('Your name').fill('Cy');
	await latecomer.getByRole('button', { name: 'Join' }).click();
	await expect(latecomer.getByRole('alert')).toContainText('Could not join');
	await ana.getByLabel('A note about “Pre-trip”').fill('Lounge was full');
	await ana.getByRole('button', { name: 'Add note' }).click();
	await expect(ana.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
	await expect(rows).toHaveCount(1);

	expect(pageErrors).toEqual([]);
	for (const context of browser.contexts()) await context.close();
});
