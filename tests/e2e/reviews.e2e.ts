import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

type TestHandle = { panoramaDoc: { disconnect(): void; connect(): void } };

/** The owner token this browser keeps for `docId` (the library lives in IndexedDB). */
function ownerTokenOf(page: Page, docId: string): Promise<string> {
	return page.evaluate(
		(id) =>
			new Promise<string>((resolve, reject) => {
				const open = indexedDB.open('panorama-library');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const get = open.result.transaction('docs').objectStore('docs').get(id);
					get.onsuccess = () => resolve((get.result as { token: string }).token);
					get.onerror = () => reject(get.error);
				};
			}),
		docId
	);
}

/** Waits until the service worker controls the page, so the shell opens with no network. */
function serviceWorkerReady(page: Page): Promise<void> {
	return page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller) {
			await new Promise((resolve) =>
				navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true })
			);
		}
	});
}

/**
 * The draft an invitation opens first, with its token, as a rater's device gets it: claims the
 * invitation for the credential, then lists the assignments with it.
 */
async function firstDraftOf(request: APIRequestContext, link: string) {
	const url = new URL(link);
	const raterId = url.pathname.split('/').pop()!;
	const claim = await request.post(`/api/reviews/raters/${raterId}/claim`, {
		headers: { authorization: `Bearer ${url.hash.slice(1)}` },
		data: {}
	});
	expect(claim.status()).toBe(200);
	const { token } = (await claim.json()) as { token: string };
	const response = await request.get(`/api/reviews/raters/${raterId}`, {
		headers: { authorization: `Bearer ${token}` }
	});
	expect(response.status()).toBe(200);
	const body = (await response.json()) as { assignments: Array<{ draft: string; token: string }> };
	return body.assignments[0]!;
}

/** The frontline template's six items: conduct (3) and performance (3), all required. */
/**
 * With E2E_SHOTS_DIR set, the subject's report at desk and phone sizes in both languages, for a
 * person to look at; nothing is asserted on the pictures.
 */
async function shootReport(page: Page, name = 'report'): Promise<void> {
	const dir = process.env.E2E_SHOTS_DIR;
	if (!dir) return;
	for (const language of ['en', 'zh-CN']) {
		if (language === 'zh-CN') await page.getByRole('button', { name: 'Language' }).click();
		for (const [size, viewport] of [
			['desk', { width: 1440, height: 900 }],
			['phone', { width: 390, height: 844 }]
		] as const) {
			await page.setViewportSize(viewport);
			await page.screenshot({ path: `${dir}/${name}-${size}-${language}.png`, fullPage: true });
			const charts = page.locator('section').filter({ has: page.locator('svg[role="img"]') });
			for (let i = 0; i < (await charts.count()); i++) {
				await charts
					.nth(i)
					.screenshot({ path: `${dir}/${name}-chart-${i}-${size}-${language}.png` });
			}
		}
	}
	await page.getByRole('button', { name: '语言' }).click();
}

const FRONTLINE_ITEMS = ['character', 'attitude', 'morale', 'sales', 'work-plan', 'goals'];

test('a rater answers offline, reloads, submits once on reconnect; HR sees it; the subject reads the report', async ({
	browser,
	request
}) => {
	// HR creates a frontline cycle from home, adds Li Lei and his superior, and launches.
	const hr = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
	const h = await hr.newPage();
	await h.goto('/');
	await h.getByLabel('Kind').selectOption('review-cycle');
	await h.getByLabel('Template').selectOption('frontline');
	await h.getByLabel('Title').fill('2026 H2 frontline review');
	await h.getByRole('button', { name: 'Create' }).click();
	await h.waitForURL(/\/d\/[^/?#]+/);
	const cycleId = new URL(h.url()).pathname.split('/').pop()!;

	const addPerson = h.getByRole('form', { name: 'Add person to review' });
	await addPerson.getByLabel('Person reviewed').fill('Li Lei');
	await addPerson.getByLabel('Manager (e-mail)').fill('boss@example.com');
	await addPerson.getByRole('button', { name: 'Add person to review' }).click();
	const addRater = h.getByRole('form', { name: 'Add rater' });
	await addRater.getByLabel('Name').fill('Wang Fang');
	await addRater.getByLabel('E-mail or employee no.').fill('boss@example.com');
	await addRater.getByLabel('Rater group').selectOption('superior');
	await addRater.getByRole('button', { name: 'Add rater' }).click();
	await expect(h.getByRole('cell', { name: 'Wang Fang' })).toBeVisible();
	await expect(h.getByRole('status')).toHaveAttribute('data-status', 'saved');

	await h.getByRole('tab', { name: 'Progress and reports' }).click();
	await h.getByRole('button', { name: 'Issue rater links' }).click();
	const bossLink = await h.locator('input[data-rater="boss@example.com"]').inputValue();
	const selfLink = await h.locator('input[data-rater^="self:"]').inputValue();
	const hrToken = await ownerTokenOf(h, cycleId);

	// The rater opens the link on a phone and goes to the form while online.
	const rater = await browser.newContext({
		locale: 'en-US',
		viewport: { width: 390, height: 844 },
		isMobile: true,
		hasTouch: true
	});
	const r = await rater.newPage();
	await r.goto(bossLink);
	// The first device to open the invitation claims it, and is told so.
	await expect(r.getByTestId('claimed-here')).toBeVisible();
	await expect(r.getByTestId('who-sees')).toBeVisible();
	// Opened anywhere else — HR's browser included — the invitation gets nothing.
	const elsewhere = await browser.newContext({ locale: 'en-US' });
	const e = await elsewhere.newPage();
	await e.goto(bossLink);
	await expect(e.getByRole('alert')).toHaveText(/already opened on another device/);
	await expect(e.getByRole('link', { name: /Li Lei/ })).toHaveCount(0);
	await elsewhere.close();
	// The rater hands their reviews to their laptop with a link of their own.
	await r.getByRole('button', { name: 'Show a link for my other device' }).click();
	const deviceLink = await r.getByLabel('Link for your other device').inputValue();
	const laptop = await browser.newContext({ locale: 'en-US' });
	const l = await laptop.newPage();
	await l.goto(deviceLink);
	await l.getByRole('link', { name: /Li Lei/ }).click();
	await expect(l.getByTestId('draft-progress')).toHaveText(/0 of 6 answered/);
	await r.getByRole('link', { name: /Li Lei/ }).click();
	await expect(r.getByTestId('draft-progress')).toHaveText(/0 of 6 answered/);
	// Both devices edit the same draft: what the laptop answers reaches the phone.
	await l
		.locator(`[data-item="${FRONTLINE_ITEMS[0]}"]`)
		.getByRole('button', { name: '3', exact: true })
		.click();
	await expect(
		r.locator(`[data-item="${FRONTLINE_ITEMS[0]}"]`).getByRole('button', { name: '3', exact: true })
	).toHaveAttribute('aria-pressed', 'true');
	await laptop.close();
	await expect(r.getByRole('status').first()).toHaveAttribute('data-status', 'saved');
	await expect(r.getByTestId('anonymity-meter')).toContainText('Superiors are shown as themselves');
	const draftId = new URL(r.url()).searchParams.get('d')!;
	await serviceWorkerReady(r);

	// Home (where an installed app opens) leads the rater back to their reviews.
	const home = await rater.newPage();
	await home.goto('/');
	await home.getByRole('region', { name: 'Your reviews to fill in' }).getByRole('link').click();
	await expect(home.getByRole('link', { name: /Li Lei/ })).toBeVisible();
	await home.close();

	// HR's owner token is refused on the rater's draft, by the API and by the relay's page.
	const refused = await request.get(`/api/reviews/${cycleId}/meter/${draftId}`, {
		headers: { authorization: `Bearer ${hrToken}` }
	});
	expect(refused.status()).toBe(401);
	expect((await refused.json()).reason).toBe('token-wrong-document');

	// The relay becomes unreachable: answers go to the draft on the device.
	await rater.setOffline(true);
	await r.evaluate(() => (window as unknown as TestHandle).panoramaDoc.disconnect());
	await expect(r.getByRole('status').first()).toHaveAttribute('data-status', 'offline');
	for (const item of FRONTLINE_ITEMS.slice(0, 5)) {
		await r
			.locator(`[data-item="${item}"]`)
			.getByRole('button', { name: '4', exact: true })
			.click();
	}
	await r.getByRole('button', { name: 'Submit review' }).click();
	await expect(r.getByRole('alert')).toHaveText(/1 required questions are still open/);
	await r
		.locator(`[data-item="${FRONTLINE_ITEMS[5]}"]`)
		.getByRole('button', { name: '5', exact: true })
		.click();
	await r.getByLabel(/greatest strengths/).fill('Calm with difficult customers');
	await expect(r.getByTestId('draft-progress')).toHaveText('6 of 6 answered');

	// Reload with no network: the shell comes from the service worker, the answers from IndexedDB.
	r.on('dialog', (dialog) => void dialog.accept());
	await r.reload();
	await expect(r.getByTestId('draft-progress')).toHaveText('6 of 6 answered');
	await expect(
		r.locator(`[data-item="${FRONTLINE_ITEMS[5]}"]`).getByRole('button', { name: '5', exact: true })
	).toHaveAttribute('aria-pressed', 'true');
	await expect(r.getByLabel(/greatest strengths/)).toHaveValue('Calm with difficult customers');

	// Submitting offline queues; back online it goes through by itself, once.
	await r.getByRole('button', { name: 'Submit review' }).click();
	await expect(r.getByTestId('submit-state')).toHaveText(/Queued/);
	await rater.setOffline(false);
	await expect(r.getByTestId('submit-state')).toHaveText(/Submitted/, { timeout: 30_000 });
	await expect(r.locator('[data-item] button').first()).toBeDisabled();

	// HR sees the completion — one, not two — and never the answers; the claimed invitation is
	// no longer offered as a link.
	await h.getByRole('button', { name: 'Refresh' }).click();
	await expect(h.locator('[data-claimed="boss@example.com"]')).toBeVisible();
	await expect(h.locator('input[data-rater="boss@example.com"]')).toHaveCount(0);
	await expect(h.locator('[data-subject-progress]')).toHaveText('1/2');
	// Per group: submitted / invited, and how many invitations a device has opened.
	await expect(h.locator('[data-group-counts$=":superior"]')).toHaveText(/1\/1\s*1 opened/);
	await expect(h.locator('[data-group-counts$=":self"]')).toHaveText(/0\/1\s*0 opened/);
	await expect(h.getByText('Still owed: 1')).toBeVisible();
	// Before close: counts only, and no outlier flags (they come at close, over shown groups).
	await expect(h.getByTestId('counts-only')).toBeVisible();
	await expect(h.getByTestId('outliers')).toContainText('computed when the cycle closes');

	// A submission with an out-of-range score is refused with its reason, and nothing is stored.
	const self = await firstDraftOf(request, selfLink);
	const outOfRange = await request.post(`/api/reviews/${cycleId}/submit`, {
		headers: { authorization: `Bearer ${self.token}` },
		data: {
			draft: self.draft,
			idempotencyKey: 'self-out-of-range',
			answers: Object.fromEntries(FRONTLINE_ITEMS.map((item) => [item, 6]))
		}
	});
	expect(outOfRange.status()).toBe(422);
	expect((await outOfRange.json()).reason).toBe('out-of-range');
	const selfSubmit = await request.post(`/api/reviews/${cycleId}/submit`, {
		headers: { authorization: `Bearer ${self.token}` },
		data: {
			draft: self.draft,
			idempotencyKey: 'self-in-range',
			answers: Object.fromEntries(FRONTLINE_ITEMS.map((item) => [item, 5]))
		}
	});
	expect(selfSubmit.status()).toBe(201);

	// HR closes the cycle; reports are computed once on the server and the subject reads theirs.
	await h.getByRole('button', { name: 'Refresh' }).click();
	await expect(h.locator('[data-subject-progress]')).toHaveText('2/2');
	h.on('dialog', (dialog) => void dialog.accept());
	await h.getByRole('button', { name: 'Close the cycle and release reports' }).click();
	await expect(h.getByTestId('outliers')).not.toContainText('computed when the cycle closes');
	await expect(h.getByTestId('counts-only')).toHaveCount(0);
	await h.getByRole('button', { name: 'Make report links for subjects' }).click();
	const subjectLink = await h.getByLabel('Report link for Li Lei').inputValue();

	const subject = await browser.newContext({ locale: 'en-US' });
	const s = await subject.newPage();
	await s.goto(subjectLink);
	await expect(s.getByRole('heading', { name: '360° report for Li Lei' })).toBeVisible();
	await expect(s.getByTestId('legend').locator('[data-group="superior"]')).toHaveAttribute(
		'data-treatment',
		'shown'
	);
	// Superior 4·4·4·4·4·5 and self all 5s, weighted 70 : 10 of the shown units.
	await expect(s.getByTestId('report-total')).toContainText(/\d/);
	await expect(s.getByTestId('report-incomplete')).toHaveCount(0);
	await expect(s.getByTestId('participation').locator('[data-group="superior"]')).toContainText(
		'1'
	);
	await expect(s.getByRole('img', { name: /Self vs others/ })).toBeVisible();
	// Self rated every item 5, the superior 4 on all but one: each of those is a blind spot (a gap
	// of 1 point), the one the superior gave 5 leads the highest, and nothing is a hidden strength.
	const highlights = s.getByRole('region', { name: 'Highlights for coaching' });
	await expect(highlights.locator('[data-list="blind"] li')).toHaveCount(3);
	await expect(highlights.locator('[data-list="blind"] li').first()).toContainText('Difference +1');
	await expect(highlights.locator('[data-list="highest"] li').first()).toContainText('Others 5');
	await expect(highlights.locator('[data-list="hidden"]')).toContainText('None in this report.');
	await shootReport(s);

	// The subject makes a development plan from the report: their own document, seeded with what
	// the report suggests working on; it keeps what they write, and the report offers it again.
	await s.getByRole('button', { name: 'Write my development plan' }).click();
	await s.waitForURL(/\/d\//);
	await expect(s.getByTestId('plan-source')).toContainText('Li Lei');
	await expect(s.getByRole('region', { name: 'The report suggests talking about' })).toContainText(
		'Behaviour and character'
	);
	await s.getByLabel('What I will keep doing').fill('Calm with difficult customers');
	await s.getByLabel('Where I want to grow').click();
	await s.getByRole('textbox', { name: 'Step' }).fill('Ask two peers for feedback each month');
	await s.getByRole('button', { name: 'Add step' }).click();
	await expect(s.getByRole('status')).toHaveAttribute('data-status', 'saved');
	await s.reload();
	await expect(s.getByLabel('What I will keep doing')).toHaveValue('Calm with difficult customers');
	await expect(s.getByText('Ask two peers for feedback each month')).toBeVisible();
	await shootReport(s, 'plan');
	await s.goto(subjectLink);
	await expect(s.getByRole('link', { name: 'Open my development plan' })).toBeVisible();

	await hr.close();
	await rater.close();
	await subject.close();
});

test('a subject proposes a rater, the manager approves over the cap warning, and HR adds them to the cycle', async ({
	browser
}) => {
	const hr = await browser.newContext({ locale: 'en-US' });
	const h = await hr.newPage();
	await h.goto('/');
	await h.getByLabel('Kind').selectOption('review-cycle');
	await h.getByLabel('Template').selectOption('frontline');
	await h.getByRole('button', { name: 'Create' }).click();
	await h.waitForURL(/\/d\//);
	const addPerson = h.getByRole('form', { name: 'Add person to review' });
	for (const name of ['Li Lei', 'Wang Fang']) {
		await addPerson.getByLabel('Person reviewed').fill(name);
		await addPerson.getByRole('button', { name: 'Add person to review' }).click();
	}
	await h.getByRole('spinbutton', { name: 'Reviews per rater (cap)' }).fill('1');
	await h.getByRole('spinbutton', { name: 'Reviews per rater (cap)' }).press('Tab');
	// p1 already rates Wang Fang: one more review takes them past the cap of one.
	const addRater = h.getByRole('form', { name: 'Add rater' });
	await addRater.getByLabel('Person reviewed').selectOption({ label: 'Wang Fang' });
	await addRater.getByLabel('Name').fill('Han Meimei');
	await addRater.getByLabel('E-mail or employee no.').fill('p1@example.com');
	await addRater.getByRole('button', { name: 'Add rater' }).click();
	await expect(h.getByRole('cell', { name: 'Han Meimei' })).toHaveCount(1);
	await expect(h.getByRole('status')).toHaveAttribute('data-status', 'saved');
	await h.getByRole('tab', { name: 'Progress and reports' }).click();
	await h.getByRole('button', { name: 'Make nomination links' }).click();
	const subjectLink = await h.getByLabel('Nomination link for Li Lei').inputValue();
	const managerLink = await h.getByLabel("Manager's link for Li Lei").inputValue();

	const person = await browser.newContext({ locale: 'en-US' });
	const s = await person.newPage();
	await s.goto(subjectLink);
	await s.getByLabel('Name').fill('Han Meimei');
	await s.getByLabel('E-mail or employee no.').fill('p1@example.com');
	await s.getByRole('button', { name: 'Propose' }).click();
	await expect(s.locator('[data-rater="p1@example.com"]')).toHaveAttribute(
		'data-status',
		'proposed'
	);
	await expect(s.getByRole('button', { name: 'Approve' })).toHaveCount(0);
	// A second thought: the subject withdraws a proposal the manager has not decided yet.
	await s.getByLabel('Name').fill('Zhou Min');
	await s.getByLabel('E-mail or employee no.').fill('zm@example.com');
	await s.getByRole('button', { name: 'Propose' }).click();
	await s
		.locator('[data-rater="zm@example.com"]')
		.getByRole('button', { name: 'Withdraw' })
		.click();
	await expect(s.locator('[data-rater="zm@example.com"]')).toHaveCount(0);
	await expect(s.locator('[data-rater="p1@example.com"]')).toHaveCount(1);
	// The same person proposed again under another address: the manager sees both flagged.
	await s.getByLabel('Name').fill('han  meimei');
	await s.getByLabel('E-mail or employee no.').fill('hm@example.com');
	await s.getByRole('button', { name: 'Propose' }).click();
	await expect(s.locator('[data-rater="hm@example.com"]')).toBeVisible();

	const boss = await browser.newContext({ locale: 'en-US' });
	const b = await boss.newPage();
	await b.goto(managerLink);
	await expect(b.getByTestId('nominee-duplicate')).toHaveCount(2);
	// The subject takes the second back while it still waits for the manager.
	await s
		.locator('[data-rater="hm@example.com"]')
		.getByRole('button', { name: 'Withdraw han  meimei (hm@example.com)' })
		.click();
	await expect(s.locator('[data-rater="hm@example.com"]')).toHaveCount(0);
	// The manager opens the link afresh (the same address: leave the page first).
	await b.goto('about:blank');
	await b.goto(managerLink);
	await expect(b.locator('[data-rater="p1@example.com"]')).toBeVisible();
	await expect(b.locator('[data-rater="hm@example.com"]')).toHaveCount(0);
	await expect(b.getByTestId('nominee-duplicate')).toHaveCount(0);
	await b.getByRole('button', { name: 'Approve' }).click();
	await expect(b.locator('[data-rater="p1@example.com"]')).toHaveAttribute(
		'data-status',
		'approved'
	);
	await expect(b.getByRole('alert')).toContainText('2 reviews (cap 1)');

	await h.getByRole('button', { name: 'Refresh' }).click();
	await h.getByRole('button', { name: 'Add 1 manager-approved raters' }).click();
	await expect(h.getByRole('button', { name: /manager-approved/ })).toHaveCount(0);
	await h.getByRole('tab', { name: 'Setup' }).click();
	// Han Meimei now rates both: Wang Fang (HR's nomination) and Li Lei (approved by the manager).
	await expect(h.getByRole('cell', { name: 'Han Meimei' })).toHaveCount(2);
	await hr.close();
	await person.close();
	await boss.close();
});
