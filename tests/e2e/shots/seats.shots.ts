/**
 * Screenshots of the workshop seats: the facilitator's seat list (desk, 1440×900) and a removed
 * phone (pocket, 390×844), in zh-CN and en. Not part of the suite; run against a built app:
 *
 *   npm run build:e2e && PORT=4434 PANORAMA_DATA_DIR=/tmp/shots tsx server/index.ts &
 *   SHOTS_URL=http://127.0.0.1:4434 SHOTS_DIR=/tmp/shots-out tsx tests/e2e/shots/seats.shots.ts
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, expect } from '@playwright/test';

const BASE = process.env.SHOTS_URL ?? 'http://127.0.0.1:4434';
const OUT = process.env.SHOTS_DIR ?? 'test-results/shots';
mkdirSync(OUT, { recursive: true });

const people = {
	'zh-CN': ['李娜', '王强', '陈静', '赵一鸣'],
	en: ['Ana Lima', 'Bo Chen', 'Chen Jing', 'Dana Okafor-Williams']
} as const;

async function post(path: string, body: unknown, token?: string) {
	const response = await fetch(BASE + path, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			...(token ? { authorization: `Bearer ${token}` } : {})
		},
		body: JSON.stringify(body)
	});
	return response.json();
}

const browser = await chromium.launch({
	executablePath: '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run']
});

for (const locale of ['zh-CN', 'en'] as const) {
	const map = await post('/api/docs', { kind: 'journey', template: 'airline', locale });
	const desk = await browser.newContext({ locale, viewport: { width: 1440, height: 900 } });
	const f = await desk.newPage();
	await f.goto(`${BASE}/d/${map.id}#${map.token}`);
	await f.locator('section.workshop button.button-primary').click();
	const joinLink = await f.getByTestId('join-link').inputValue();
	const access = await post(`/api/journeys/${map.id}/workshop`, {}, map.token);
	const [first, ...others] = people[locale];

	// One real phone (to be removed), the others through the API with a note or a vote each.
	const phoneContext = await browser.newContext({ locale, viewport: { width: 390, height: 844 } });
	const phone = await phoneContext.newPage();
	await phone.goto(joinLink);
	await phone.locator('form.join input').fill(first);
	await phone.locator('form.join button').click();
	await expect(phone.getByTestId('participant-focus')).toBeVisible();
	await post(`/api/journeys/${map.id}/phase`, { phase: 'writing' }, map.token);
	const seats = [];
	for (const [i, name] of others.entries()) {
		const seat = await post(
			`/api/boards/${access.boardId}/join`,
			{ device: `shots-device-${locale}-${i}-0000`, name },
			access.participantToken
		);
		seats.push(seat);
		const stage = (await f.evaluate(
			`[...window.panoramaDoc?.doc?.getMap('stages')?.keys?.() ?? []][0]`
		)) as string | undefined;
		if (stage) {
			await post(
				`/api/boards/${access.boardId}/notes`,
				{ text: `${name}: note`, target: { kind: 'stage', id: stage } },
				seat.token
			);
		}
	}
	// Seats joined through the API announce no presence: the list's periodic refresh finds them.
	await expect(f.getByTestId('seat-row')).toHaveCount(people[locale].length, { timeout: 20_000 });
	const list = f.getByTestId('seats');
	await list.scrollIntoViewIfNeeded();
	// The confirmation step for the first seat, as the facilitator sees it before removing.
	await f.getByTestId('seat-row').first().getByRole('button').click();
	await f.screenshot({ path: join(OUT, `seats-desk-${locale}.png`) });
	await list.screenshot({ path: join(OUT, `seats-list-${locale}.png`) });
	await f.getByTestId('seat-row').first().locator('button.button-danger').click();
	await expect(phone.getByTestId('seat-removed')).toBeVisible();
	await phone.screenshot({ path: join(OUT, `seat-removed-phone-${locale}.png`) });
	await f.screenshot({ path: join(OUT, `seats-desk-after-${locale}.png`) });
	await desk.close();
	await phoneContext.close();
}
await browser.close();
