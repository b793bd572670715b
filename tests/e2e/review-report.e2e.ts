/**
 * A report people can coach from: after close the setup is gone and only the reports remain; the
 * subject reads theirs on a 390×844 phone with legible charts and the coaching lists; printed to
 * PDF it carries the running header and the confidentiality line on every page.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { expect, test, type APIRequestContext } from '@playwright/test';

const ITEMS = ['character', 'attitude', 'morale', 'sales', 'work-plan', 'goals'];

/** Claims an invitation as a rater's device would and submits every review it lists. */
async function answerAll(
	request: APIRequestContext,
	cycleId: string,
	link: string,
	answers: Record<string, number>,
	comment: string
) {
	const url = new URL(link);
	const raterId = url.pathname.split('/').pop()!;
	const claim = await request.post(`/api/reviews/raters/${raterId}/claim`, {
		headers: { authorization: `Bearer ${url.hash.slice(1)}` },
		data: {}
	});
	expect(claim.status()).toBe(200);
	const { token } = (await claim.json()) as { token: string };
	const listed = await request.get(`/api/reviews/raters/${raterId}`, {
		headers: { authorization: `Bearer ${token}` }
	});
	const { assignments } = (await listed.json()) as {
		assignments: Array<{ draft: string; token: string }>;
	};
	for (const assignment of assignments) {
		const submitted = await request.post(`/api/reviews/${cycleId}/submit`, {
			headers: { authorization: `Bearer ${assignment.token}` },
			data: {
				draft: assignment.draft,
				idempotencyKey: `key-${assignment.draft}`,
				answers,
				comments: { strengths: comment, improve: `${comment} — and more listening.` }
			}
		});
		expect(submitted.status()).toBe(201);
	}
}

test('the subject reads the report on a phone and prints it with the header on every page', async ({
	browser,
	request
}) => {
	const hr = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
	const h = await hr.newPage();
	h.on('dialog', (dialog) => void dialog.accept());
	await h.goto('/');
	await h.getByLabel('Kind').selectOption('review-cycle');
	await h.getByLabel('Template').selectOption('frontline');
	await h.getByLabel('Title').fill('2026 H2 frontline');
	await h.getByRole('button', { name: 'Create' }).click();
	await h.waitForURL(/\/d\/[^/?#]+/);
	const cycleId = new URL(h.url()).pathname.split('/').pop()!;

	const addPerson = h.getByRole('form', { name: 'Add person to review' });
	await addPerson.getByLabel('Person reviewed').fill('Li Lei');
	await addPerson.getByRole('button', { name: 'Add person to review' }).click();
	const addRater = h.getByRole('form', { name: 'Add rater' });
	const raters: Array<[string, string, string]> = [
		['Wang Fang', 'boss@example.com', 'superior'],
		['Zhang Wei', 'p1@example.com', 'peer'],
		['Liu Yang', 'p2@example.com', 'peer'],
		['Chen Jing', 'p3@example.com', 'peer']
	];
	for (const [name, person, group] of raters) {
		await addRater.getByLabel('Name').fill(name);
		await addRater.getByLabel('E-mail or employee no.').fill(person);
		await addRater.getByLabel('Rater group').selectOption(group);
		await addRater.getByRole('button', { name: 'Add rater' }).click();
		await expect(h.getByRole('cell', { name })).toBeVisible();
	}
	await expect(h.getByRole('status').first()).toHaveAttribute('data-status', 'saved');

	await h.getByRole('tab', { name: 'Progress and reports' }).click();
	await h.getByRole('button', { name: 'Issue rater links' }).click();
	const others = { character: 4, attitude: 3, morale: 2, sales: 5, 'work-plan': 3, goals: 4 };
	for (const [, person] of raters) {
		const link = await h.locator(`input[data-rater="${person}"]`).inputValue();
		await answerAll(request, cycleId, link, others, `Keeps ${person} customers calm`);
	}
	const selfLink = await h.locator('input[data-rater^="self:"]').inputValue();
	await answerAll(
		request,
		cycleId,
		selfLink,
		{ ...others, morale: 4, sales: 3 },
		'I plan carefully'
	);
	expect(Object.keys(others)).toEqual(ITEMS);

	await h.getByRole('button', { name: 'Refresh' }).click();
	await h.getByRole('button', { name: 'Close the cycle and release reports' }).click();
	// After close only the reports remain: no setup tab, and a sentence saying so.
	await expect(h.getByTestId('cycle-closed')).toBeVisible();
	await expect(h.getByRole('tab', { name: 'Setup' })).toBeHidden();
	await h.getByRole('button', { name: 'Make report links for subjects' }).click();
	const subjectLink = await h.getByLabel('Report link for Li Lei').inputValue();

	// The subject reads it on a phone.
	const phone = await browser.newContext({
		locale: 'en-US',
		viewport: { width: 390, height: 844 },
		isMobile: true,
		hasTouch: true
	});
	const s = await phone.newPage();
	await s.goto(subjectLink);
	await expect(s.getByRole('heading', { name: '360° report for Li Lei' })).toBeVisible();
	// The highlights to coach from: others' highest and lowest, the blind spot and hidden strength.
	const list = (key: string) => s.locator(`[data-list="${key}"]`);
	await expect(list('highest').locator('li').first()).toContainText('Sales target');
	await expect(list('lowest').locator('li').first()).toContainText('Morale and composure');
	await expect(list('blind').locator('li')).toHaveCount(1);
	await expect(list('blind').locator('li')).toContainText('Morale and composure');
	await expect(list('hidden').locator('li')).toHaveCount(1);
	await expect(list('hidden').locator('li')).toContainText('Sales target');
	await expect(s.getByTestId('discussion-guide')).toBeVisible();
	// Nothing wider than the phone, and chart labels drawn at full size (not a shrunk viewBox).
	expect(await s.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	const chartText = await s
		.getByRole('img', { name: /Scores by competency/ })
		.locator('text')
		.evaluateAll((texts) =>
			texts.map((t) => {
				const box = (t as SVGTextElement).getBoundingClientRect();
				return { height: box.height, left: box.left, right: box.right };
			})
		);
	expect(chartText.length).toBeGreaterThan(0);
	for (const text of chartText) {
		expect(text.height).toBeGreaterThanOrEqual(10);
		expect(text.left).toBeGreaterThanOrEqual(0);
		expect(text.right).toBeLessThanOrEqual(390);
	}
	const gapNames = await s
		.getByRole('img', { name: /Self vs others/ })
		.locator('text.name')
		.evaluateAll((texts) => texts.map((t) => (t as SVGTextElement).getBoundingClientRect().left));
	for (const left of gapNames) expect(left).toBeGreaterThanOrEqual(0);

	// Printed to A4: the running header and the confidentiality line on every page.
	const pdf = await s.pdf({ format: 'A4', printBackground: true });
	const file = test.info().outputPath('report.pdf');
	writeFileSync(file, pdf);
	const pages = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
		.split('\f')
		.filter((page) => page.trim() !== '');
	expect(pages.length).toBeGreaterThanOrEqual(2);
	for (const page of pages) {
		expect(page).toContain('2026 H2 frontline · 360° report for Li Lei');
		expect(page).toContain('Confidential: a personal development report, not to be passed on');
	}

	await hr.close();
	await phone.close();
});
