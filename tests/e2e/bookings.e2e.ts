import { expect, test } from '@playwright/test';

test('importing a GBK export lists bad rows by line, stores the valid ones once, and ranks routes', async ({
	browser,
	request
}) => {
	const created = await request.post('/api/docs', { data: { kind: 'account', title: '导入' } });
	const { id, token } = (await created.json()) as { id: string; token: string };
	const context = await browser.newContext({ locale: 'zh-CN' });
	const page = await context.newPage();
	await page.goto(`/d/${id}#${token}`);
	await page.getByRole('tab', { name: '差旅数据' }).click();
	await expect(page.getByText('还没有差旅数据')).toBeVisible();

	await page.getByLabel('选择 CSV 文件').setInputFiles('tests/fixtures/bookings-gbk.csv');
	await expect(page.getByText('bookings-gbk.csv：8 行，编码 gb18030')).toBeVisible();
	await expect(page.getByText('4 行有效；4 行有问题。')).toBeVisible();
	const problems = page.getByRole('region', { name: '有问题的行' }).getByRole('listitem');
	await expect(problems).toHaveText([
		'第 6 行 “2026-02-30”不是有效日期',
		'第 7 行 无法识别的机场“XXX”',
		'第 8 行 票价为负数“-5”',
		'第 9 行 出发为空'
	]);

	await page.getByRole('button', { name: '导入 4 行有效数据' }).click();
	await expect(page.getByRole('status').filter({ hasText: '已添加' })).toHaveText(
		'已添加 4 条记录；0 条已存在，未重复导入。'
	);
	await expect(page.getByText(/bookings-gbk\.csv · 4 行/)).toBeVisible();
	const routes = page.getByRole('region', { name: '按采购额排列的航线' });
	await expect(routes.getByRole('row')).toHaveCount(5);
	await expect(routes).toContainText('北京首都 – 上海浦东');

	// The same file again adds nothing.
	await page.getByLabel('选择 CSV 文件').setInputFiles('tests/fixtures/bookings-gbk.csv');
	await page.getByRole('button', { name: '导入 4 行有效数据' }).click();
	await expect(page.getByRole('status').filter({ hasText: '已添加' })).toHaveText(
		'已添加 0 条记录；4 条已存在，未重复导入。'
	);
	await expect(page.getByText(/bookings-gbk\.csv · 4 行/)).toHaveCount(1);
	await expect(page.locator('[data-status]')).toHaveAttribute('data-status', 'saved');
	await context.close();
});
