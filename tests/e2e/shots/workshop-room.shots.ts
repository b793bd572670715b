/**
 * Screenshots of the workshop in the room: every projector view at 1920×1080 (join screen, the
 * phase's own view with the join card, map/stage, notes wall (flat and grouped), heatmap, emotion curve, vote
 * results), the phone's states at 390×844 (writing with hidden notes, a kept draft, voting on
 * notes, results) and the facilitator's desk at 1440×900 (notes wall with a group, the editor
 * beside the map, the charts), in zh-CN and en. Six people score so the participants' curve shows. Not part
 * of the suite; run against a running server:
 *
 *   npm run build:e2e && PORT=4719 PANORAMA_DATA_DIR=/tmp/shots-workshop-data \
 *     PANORAMA_CREATE_BURST=1000 PANORAMA_INSTANCE_CREATE_BURST=1000 tsx server/index.ts &
 *   SHOTS_URL=http://127.0.0.1:4719 SHOTS_DIR=/tmp/shots-workshop tsx tests/e2e/shots/workshop-room.shots.ts
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, expect as baseExpect, type Page } from '@playwright/test';

// The machine is shared: pages and states may take a while to arrive.
const expect = baseExpect.configure({ timeout: 60_000 });

const BASE = process.env.SHOTS_URL ?? 'http://127.0.0.1:4719';
const OUT = process.env.SHOTS_DIR ?? 'test-results/shots';
const LOCALES = (process.env.SHOTS_LOCALES ?? 'zh-CN,en').split(',') as Array<'zh-CN' | 'en'>;
mkdirSync(OUT, { recursive: true });

const words = {
	'zh-CN': {
		start: '开启工作坊',
		focus: '聚焦',
		clearFocus: '取消聚焦',
		name: '你的名字',
		join: '加入',
		add: '贴上便签',
		notes: [
			'自助值机机器不认护照',
			'只开了两个值机柜台',
			'休息室太挤',
			'安检排队四十分钟',
			'登机口临时变更没有通知'
		],
		draft: '行李托运要排两次队'
	},
	en: {
		start: 'Start a workshop',
		focus: 'Focus',
		clearFocus: 'Clear focus',
		name: 'Your name',
		join: 'Join',
		add: 'Add note',
		notes: [
			'Kiosk rejected my passport',
			'Only two check-in counters open',
			'Lounge was full',
			'Security queue took forty minutes',
			'Gate changed without a notice'
		],
		draft: 'Two queues for bag drop'
	}
} as const;

async function api(path: string, body: unknown, token?: string) {
	const response = await fetch(`${BASE}${path}`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			...(token ? { authorization: `Bearer ${token}` } : {})
		},
		body: JSON.stringify(body)
	});
	const json = (await response.json()) as Record<string, unknown>;
	if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
	return json;
}

const browser = await chromium.launch({
	executablePath: '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run']
});

/** A page in a fresh context, patient with a busy machine. */
async function open(locale: string, viewport: { width: number; height: number }) {
	const context = await browser.newContext({ locale, viewport });
	context.setDefaultTimeout(90_000);
	return context.newPage();
}

async function shot(page: Page, name: string) {
	await page.waitForLoadState('networkidle').catch(() => undefined);
	// Notes fade in as they arrive: wait for them to settle.
	await page.waitForFunction(() =>
		document.getAnimations().every((a) => a.playState !== 'running')
	);
	await page.screenshot({ path: join(OUT, `${name}.png`) });
	console.log(join(OUT, `${name}.png`));
}

for (const locale of LOCALES) {
	const w = words[locale];
	const map = (await api('/api/docs', {
		kind: 'journey',
		title: 'Room',
		template: 'airline',
		locale
	})) as { id: string; token: string };
	const desk = await open(locale, { width: 1440, height: 900 });
	await desk.goto(`${BASE}/d/${map.id}#${map.token}`);
	await desk.getByRole('button', { name: w.start }).click();
	const joinLink = await desk.getByTestId('join-link').inputValue();
	const presentLink = await desk.getByTestId('present-link').inputValue();
	const access = (await api(`/api/journeys/${map.id}/workshop`, {}, map.token)) as {
		boardId: string;
		participantToken: string;
	};

	const projector = await open(locale, { width: 1920, height: 1080 });
	await projector.goto(presentLink);
	await expect(projector.getByTestId('projector-join-code')).toBeVisible({ timeout: 30_000 });

	const phone = await open(locale, { width: 390, height: 844 });
	await phone.goto(joinLink);
	await phone.getByLabel(w.name).fill('Ana');
	await phone.getByRole('button', { name: w.join }).click();
	await expect(phone.getByTestId('participant-focus')).toBeVisible();

	// Five more people join through the API.
	const seats: Array<{ token: string }> = [];
	for (let i = 0; i < 5; i++) {
		seats.push(
			(await api(
				`/api/boards/${access.boardId}/join`,
				{ device: `shots-device-${locale}-${i}-0123456789`, name: `P${i + 1}` },
				access.participantToken
			)) as { token: string }
		);
	}
	// The count is of phones here (connected), so the API's seats do not raise it.
	await expect(projector.getByTestId('projector-joined')).toHaveText(/1/);
	await shot(projector, `projector-auto-idle-${locale}`);

	const journey = await desk.evaluate(() =>
		[...document.querySelectorAll<HTMLElement>('[data-touchpoint]')].map(
			(e) => e.dataset.touchpoint!
		)
	);
	// The map's editors give most touchpoints an emotion (the template has none).
	await desk.evaluate((ids) => {
		const doc = (window as unknown as { panoramaDoc: { doc: import('yjs').Doc } }).panoramaDoc.doc;
		const touchpoints = doc.getMap('touchpoints');
		const emotions = [1, 0, -1, 1, 2, 0, -2, -1, 0, -1, 1, 2, 1, 0, -1, -2, 0, 1];
		ids.forEach((id, i) => {
			const emotion = emotions[i % emotions.length]!;
			if (i % 7 !== 5) (touchpoints.get(id) as import('yjs').Map<unknown>).set('emotion', emotion);
		});
	}, journey);
	await desk.getByRole('button', { name: w.focus, exact: true }).nth(1).click();
	await api(`/api/journeys/${map.id}/phase`, { phase: 'writing' }, map.token);
	const preFlight = journey.slice(8, 16);
	for (const [i, text] of w.notes.entries()) {
		await api(
			`/api/boards/${access.boardId}/notes`,
			{ name: `P${i + 1}`, text, target: { kind: 'touchpoint', id: preFlight[i % 4]! } },
			seats[i]!.token
		);
	}
	// Scores: four touchpoints scored by five people, one by a single person.
	for (const [i, seat] of seats.entries()) {
		for (const [t, touchpoint] of preFlight.slice(0, 4).entries()) {
			await api(
				`/api/boards/${access.boardId}/scores`,
				{ touchpoint, score: Math.min(5, Math.max(1, [2, 4, 3, 1][t]! + (i % 3) - 1)) },
				seat.token
			);
		}
	}
	await api(
		`/api/boards/${access.boardId}/scores`,
		{ touchpoint: preFlight[5], score: 5 },
		seats[0]!.token
	);
	await phone.getByRole('textbox').first().fill(w.notes[0]);
	await phone.getByRole('button', { name: w.add }).click();
	await expect(phone.getByTestId('my-held-count')).toContainText('1');
	await shot(phone, `phone-writing-${locale}`);
	await shot(projector, `projector-auto-writing-${locale}`);

	// A note written offline, refused because writing closed meanwhile: kept as a draft.
	await phone.context().setOffline(true);
	await phone.getByRole('textbox').first().fill(w.draft);
	await phone.getByRole('button', { name: w.add }).click();
	await expect(phone.getByTestId('note-waiting')).toBeVisible();
	await api(`/api/journeys/${map.id}/reveal`, { what: 'notes' }, map.token);
	await api(`/api/journeys/${map.id}/phase`, { phase: 'idle' }, map.token);
	await phone.context().setOffline(false);
	await phone.evaluate(() => window.dispatchEvent(new Event('online')));
	await expect(phone.getByTestId('draft')).toBeVisible({ timeout: 30_000 });
	await shot(phone, `phone-draft-${locale}`);

	for (const view of ['join', 'map', 'notes', 'heatmap', 'curve'] as const) {
		await desk.locator(`[data-view="${view}"]`).click();
		await expect(projector.getByTestId('projector')).toHaveAttribute('data-view', view);
		await shot(projector, `projector-${view}-${locale}`);
	}
	// The whole map on the projector: one column per stage.
	await desk.locator('[data-view="map"]').click();
	await desk.getByRole('button', { name: w.clearFocus }).click();
	await expect(projector.getByTestId('projector-map')).not.toHaveAttribute('data-stage', /.+/);
	await shot(projector, `projector-map-whole-${locale}`);
	await desk.getByRole('button', { name: w.focus, exact: true }).nth(1).click();

	await desk.getByTestId('vote-on').selectOption('both');
	await api(`/api/journeys/${map.id}/phase`, { phase: 'voting' }, map.token);
	const board = await desk.evaluate(() =>
		[...document.querySelectorAll<HTMLElement>('[data-note]')].map((e) => e.dataset.note!)
	);
	for (const [i, seat] of seats.entries()) {
		await api(`/api/boards/${access.boardId}/votes`, { item: board[i % 2]! }, seat.token);
		await api(`/api/boards/${access.boardId}/votes`, { item: preFlight[i % 3]! }, seat.token);
	}
	await phone.getByTestId('votable-note').first().getByRole('button').click();
	await expect(phone.getByTestId('votes-left')).toBeVisible();
	await shot(phone, `phone-voting-${locale}`);

	// The desk: a group on the notes wall with the add-to-map form open.
	const wall = desk.getByTestId('note-wall');
	await wall.getByTestId('wall-note').nth(1).dragTo(wall.getByTestId('wall-note').nth(0));
	await wall.getByTestId('cluster').locator('input').first().fill(w.notes[1]);
	await wall.getByTestId('cluster').locator('input').first().press('Enter');
	await wall.getByTestId('cluster').locator('.promote-open').click();
	await wall.scrollIntoViewIfNeeded();
	await shot(desk, `desk-wall-${locale}`);
	await desk.locator('[data-view="notes"]').click();
	await expect(projector.getByTestId('projector-group').first()).toBeVisible();
	await shot(projector, `projector-groups-${locale}`);
	await shot(desk, `desk-facilitator-${locale}`);

	await api(`/api/journeys/${map.id}/reveal`, { what: 'votes' }, map.token);
	await api(`/api/journeys/${map.id}/phase`, { phase: 'results' }, map.token);
	await desk.locator('[data-view="results"]').click();
	await expect(projector.getByTestId('vote-result').first()).toBeVisible();
	await shot(projector, `projector-results-${locale}`);
	await desk.locator('[data-view="auto"]').click();
	await shot(projector, `projector-auto-results-${locale}`);
	await expect(phone.getByTestId('vote-result').first()).toBeVisible();
	await shot(phone, `phone-results-${locale}`);

	// The editor beside the map.
	await desk.locator(`[data-touchpoint="${preFlight[0]}"]`).click();
	await expect(desk.getByTestId('touchpoint-editor')).toBeInViewport();
	await shot(desk, `desk-editor-${locale}`);
	// The desk's charts under the map: curve with both series, heatmap with ranges.
	await desk.keyboard.press('Escape');
	await desk.locator('.charts').scrollIntoViewIfNeeded();
	await shot(desk, `desk-charts-${locale}`);
	for (const context of browser.contexts()) await context.close();
}
await browser.close();
