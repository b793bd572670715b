/**
 * HR sets a cycle up the way a real one is run: builds the questionnaire (weights that must sum to
 * 100, a refused value that snaps back, reorder by keyboard and by drag, a preview at phone width),
 * imports the people from a GBK CSV with row-numbered problems, exports the invitations for a mail
 * merge, prints their QR codes and launches — after which the setup is read-only and says why.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

test('HR builds a questionnaire, imports people from a GBK CSV, exports invitations and launches; setup becomes read-only', async ({
	browser
}) => {
	const hr = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
	const h = await hr.newPage();
	h.on('dialog', (dialog) => void dialog.accept());
	await h.goto('/');
	await h.getByLabel('Kind').selectOption('review-cycle');
	await h.getByLabel('Template').selectOption('mid-level-manager');
	await h.getByLabel('Title').fill('2026 H2 managers');
	await h.getByRole('button', { name: 'Create' }).click();
	await h.waitForURL(/\/d\/[^/?#]+/);
	const cycleId = new URL(h.url()).pathname.split('/').pop()!;

	// Weights: the template's add up; one changed says the sum in a sentence; a refused value
	// snaps back with its reason beside the field.
	const builder = h.getByTestId('questionnaire');
	const sentence = h.getByTestId('questionnaire-weight-sentence');
	await expect(sentence).toHaveText('Dimension weights add up to 100%.');
	const values = h.getByTestId('weight-values');
	await values.fill('10');
	await values.press('Enter');
	await expect(sentence).toHaveText('Dimension weights add up to 90%; they must add up to 100%.');
	await values.fill('150');
	await values.press('Enter');
	await expect(builder.locator('[data-refused="weight-values"]')).toHaveText(
		'Not accepted: a weight is a number from 0 to 100. It stays at 10.'
	);
	await expect(values).toHaveValue('10');
	await values.fill('20');
	await values.press('Enter');
	await expect(sentence).toHaveText('Dimension weights add up to 100%.');

	// Reorder: the arrow keys on a handle, then a drag onto another row.
	const dimensionIds = () =>
		builder
			.locator('li[data-dimension]')
			.evaluateAll((rows) => rows.map((r) => r.dataset.dimension));
	const before = await dimensionIds();
	await builder.locator(`[data-handle="dimension:${before[1]}"]`).focus();
	await h.keyboard.press('ArrowUp');
	await expect.poll(dimensionIds).toEqual([before[1], before[0], ...before.slice(2)]);
	await expect(builder.locator(`[data-handle="dimension:${before[1]}"]`)).toBeFocused();
	const first = builder.locator('li[data-dimension]').first();
	const itemIds = () =>
		first.locator('li[data-item]').evaluateAll((rows) => rows.map((r) => r.dataset.item));
	const items = await itemIds();
	await first
		.locator(`[data-handle="item:${items[1]}"]`)
		.dragTo(first.locator(`li[data-item="${items[0]}"]`), { targetPosition: { x: 60, y: 10 } });
	await expect.poll(itemIds).toEqual([items[1], items[0]]);

	// A new item in the first dimension, worded in both languages, not required.
	await first.getByRole('button', { name: 'Add item' }).click();
	const added = first.locator('li[data-item]').last();
	await added.getByLabel('Item · 中文').fill('主动汇报');
	await added.getByLabel('Item · 中文').press('Tab');
	await added.getByLabel('Item · English').fill('Reports on their own initiative');
	await added.getByLabel('Item · English').press('Tab');
	await added.getByLabel('Required (*)').uncheck();
	await expect(added.locator('.item-name')).toHaveText(/Reports on their own initiative/);

	// The preview is the rater's form, with the scale's anchors, at phone width.
	await builder.getByRole('button', { name: 'Preview as a rater' }).click();
	await builder.getByRole('button', { name: 'Phone', exact: true }).click();
	const preview = h.getByTestId('questionnaire-preview');
	await expect(
		preview.locator('fieldset').filter({ hasText: 'Reports on their own initiative' })
	).toBeVisible();
	expect((await preview.boundingBox())!.width).toBeLessThanOrEqual(390);
	// At phone width the buttons show numbers; the ends and middle of the scale are named below.
	await expect(preview.locator('.ends').first()).toBeVisible();
	await expect(preview.locator('.ends').first()).toContainText('1 Far below expectations');
	await builder.getByRole('button', { name: 'Close preview' }).click();

	// Import the people: a GBK CSV with five rows that cannot be imported, each said by its row.
	await h
		.getByTestId('people-import')
		.getByLabel('Choose a CSV or Excel file')
		.setInputFiles({
			name: 'people.csv',
			mimeType: 'text/csv',
			buffer: readFileSync('tests/fixtures/review-people-gbk.csv')
		});
	await expect(h.getByTestId('import-summary')).toHaveText(
		'people.csv: 13 rows — 2 people to review and 6 raters to add.'
	);
	const problems = h.getByTestId('import-problems');
	await expect(problems.locator('li')).toHaveCount(5);
	await expect(problems.locator('[data-line="9"]')).toHaveText(
		/Row 9\s*“同学” is not a relationship/
	);
	await expect(problems.locator('[data-line="10"]')).toHaveText(
		/“李小龙” is not a person to review/
	);
	await h.getByRole('button', { name: 'Import 8 rows' }).click();
	await expect(h.getByTestId('import-done')).toHaveText(
		'Imported 2 people to review and 6 raters.'
	);
	await expect(h.getByRole('cell', { name: '韩梅梅' }).first()).toBeVisible();
	// The add-rater form keeps the person chosen between additions.
	const addRater = h.getByRole('form', { name: 'Add rater' });
	await addRater.getByLabel('Person reviewed').selectOption({ label: '韩梅梅' });
	await addRater.getByLabel('E-mail or employee no.').fill('zhaoqiang@example.com');
	await addRater.getByLabel('Name').fill('赵强');
	await addRater.getByRole('button', { name: 'Add rater' }).click();
	await expect(h.getByRole('cell', { name: '赵强' })).toBeVisible();
	await expect(addRater.getByLabel('Person reviewed').locator('option:checked')).toHaveText(
		'韩梅梅'
	);
	await expect(h.getByRole('status').first()).toHaveAttribute('data-status', 'saved');

	// Launch; the invitations go out as a CSV for a mail merge and as a sheet of QR codes.
	await h.getByRole('tab', { name: 'Progress and reports' }).click();
	await expect(h.getByTestId('cycle-problems')).toHaveCount(0);
	await h.getByRole('button', { name: 'Issue rater links' }).click();
	await expect(h.locator('input[data-rater="wangfang@example.com"]')).toBeVisible();
	const download = h.waitForEvent('download');
	await h.getByRole('button', { name: 'Download for mail merge (CSV)' }).click();
	const csv = readFileSync(await (await download).path(), 'utf8');
	const lines = csv
		.replace(/^\uFEFF/, '')
		.trim()
		.split('\r\n');
	expect(lines[0]).toBe('Name,E-mail or employee no.,Reviews for,Invitation link');
	// Wang Fang rates both people; a self-review goes to the subject's own address.
	expect(lines.find((line) => line.startsWith('王芳,'))).toMatch(
		/^王芳,wangfang@example\.com,李雷; 韩梅梅,http/
	);
	expect(lines.find((line) => line.startsWith('李雷,'))).toMatch(/^李雷,lilei@example\.com,李雷,/);
	expect(lines).toHaveLength(1 + 8);
	await h.getByTestId('open-qr-sheet').click();
	await expect(h.getByTestId('qr-sheet').locator('li')).toHaveCount(8);
	await expect(h.getByTestId('qr-sheet').locator('li svg').first()).toBeVisible();
	await h.getByRole('button', { name: 'Back' }).click();

	// After launch the setup reads only, and says why.
	await h.getByRole('tab', { name: 'Setup' }).click();
	await expect(h.getByTestId('setup-locked')).toContainText(
		'the questionnaire, weights and thresholds are locked'
	);
	await expect(h.getByTestId('questionnaire-locked')).toBeVisible();
	await expect(h.getByTestId('weight-values')).toHaveAttribute('readonly', '');
	await expect(builder.getByRole('button', { name: 'Add item' })).toHaveCount(0);
	await expect(h.getByRole('button', { name: /^Remove/ })).toHaveCount(0);
	await expect(h.getByTestId('people-import')).toHaveCount(0);
	// The open tab survives a language switch (the page re-renders every message).
	await h.getByRole('tab', { name: 'Progress and reports' }).click();
	await h.getByRole('button', { name: 'Language' }).click();
	await expect(h.getByRole('tab', { name: '进度与报告' })).toHaveAttribute('aria-selected', 'true');
	await h.getByRole('button', { name: '语言' }).click();
	await expect(h.getByRole('tab', { name: 'Progress and reports' })).toHaveAttribute(
		'aria-selected',
		'true'
	);

	// The locked questionnaire is edited for the next cycle as a copy, with nobody in it.
	await h.getByRole('tab', { name: 'Setup' }).click();
	await h.getByRole('button', { name: 'New cycle from a copy' }).click();
	await h.waitForURL((url) => !url.pathname.endsWith(cycleId));
	const copy = h.getByTestId('questionnaire');
	await expect(copy.getByText('Reports on their own initiative')).toBeVisible();
	await expect(h.getByTestId('weight-values')).not.toHaveAttribute('readonly', '');
	await expect(h.getByTestId('setup-locked')).toHaveCount(0);
	await expect(h.getByText('Nobody to review yet.', { exact: false })).toBeVisible();
	await hr.close();
});
