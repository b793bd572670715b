/**
 * With E2E_SHOTS_DIR set, a page at desk and phone sizes in both languages, for a person to look
 * at; nothing is asserted on the pictures. Leaves the page in English at its former size.
 */
import type { Page } from '@playwright/test';

export async function shootInBothLanguages(page: Page, name: string): Promise<void> {
	const dir = process.env.E2E_SHOTS_DIR;
	if (!dir) return;
	const before = page.viewportSize();
	for (const language of ['en', 'zh-CN']) {
		if (language === 'zh-CN') await page.getByRole('button', { name: 'Language' }).click();
		for (const [size, viewport] of [
			['desk', { width: 1440, height: 900 }],
			['phone', { width: 390, height: 844 }]
		] as const) {
			await page.setViewportSize(viewport);
			await page.screenshot({ path: `${dir}/${name}-${size}-${language}.png`, fullPage: true });
		}
	}
	await page.getByRole('button', { name: '语言' }).click();
	if (before) await page.setViewportSize(before);
}
