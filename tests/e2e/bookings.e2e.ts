import { expect, test, type Page } from '@playwright/test';
import { buildWorkbook } from '../unit/helpers/xlsx';

/** Every chart lies inside the page and every label inside its chart: nothing is cut off. */
async function expectChartsWhole(page: Page) {
	const overflow = await page.evaluate(`(() => {
		const width = document.documentElement.clientWidth;
		const problems = [];
		for (const svg of document.querySelectorAll('svg.chart')) {
			const box = svg.getBoundingClientRect();
			if (box.width === 0) problems.push('empty chart');
			if (box.left < -0.5 || box.right > width + 0.5) problems.push('chart ' + box.left + '..' + box.right);
			for (const text of svg.querySelectorAll('text')) {
				const t = text.getBoundingClientRect();
				if (t.left < box.left - 0.5 || t.right > box.right + 0.5) problems.push('label ' + text.textContent);
			}
		}
		return problems;
	})()`);
	expect(overflow).toEqual([]);
}

test('importing a GBK export lists bad rows by line, stores the valid ones once; routes and a quarterly report render and print', async ({
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

	await page.getByLabel('选择 CSV 或 Excel 文件').setInputFiles('tests/fixtures/bookings-gbk.csv');
	await expect(page.getByText('bookings-gbk.csv：8 行，编码 gb18030')).toBeVisible();
	await expect(page.getByText('5 行有效；3 行有问题。')).toContainText(
		'其中 1 行为退票（票价为负）'
	);
	const problems = page.getByRole('region', { name: '有问题的行' }).getByRole('listitem');
	await expect(problems).toHaveText([
		'第 6 行 “2026-02-30”不是有效日期',
		'第 7 行 无法识别的机场“XXX”',
		'第 9 行 出发为空'
	]);

	// The preview shows the rows as they will be stored: 北京/上海 resolved to airports, fares as numbers.
	const preview = page.getByRole('region', { name: '将导入的数据：前 5 行' });
	await expect(preview.getByRole('row').nth(2)).toHaveText(
		'32026-03-06PEKPVGC3,600CA9991234567891江苏分公司'
	);

	// Line 8 (−5) is a refund: kept, tagged, with a true minus.
	await expect(preview.getByRole('row').nth(4)).toContainText('−5退票');

	await page.getByRole('button', { name: '导入 5 行有效数据' }).click();
	await expect(page.getByRole('status').filter({ hasText: '已添加' })).toHaveText(
		'已添加 5 条记录；0 条已存在，未重复导入。'
	);
	await expect(page.getByText(/bookings-gbk\.csv · 5 行/)).toBeVisible();

	// The same file again adds nothing.
	await page.getByLabel('选择 CSV 或 Excel 文件').setInputFiles('tests/fixtures/bookings-gbk.csv');
	await page.getByRole('button', { name: '导入 5 行有效数据' }).click();
	await expect(page.getByRole('status').filter({ hasText: '已添加' })).toHaveText(
		'已添加 0 条记录；5 条已存在，未重复导入。'
	);
	await expect(page.getByText(/bookings-gbk\.csv · 5 行/)).toHaveCount(1);
	await expect(page.locator('[data-status]')).toHaveAttribute('data-status', 'saved');

	// Routes: the valid 2026 rows are two city pairs (Hongqiao and Pudong are both Shanghai).
	await page.getByRole('tab', { name: '航线分析' }).click();
	await expect(page.getByLabel('期间')).toHaveValue('2026');
	await expect(page.getByTestId('routes-summary')).toHaveText(
		'共 2 条航线，其中 2 条占采购额的 80%。'
	);
	const routes = page.getByRole('region', { name: '全部航线' });
	await expect(routes.locator('tbody > tr > th')).toHaveText([/^广州 – 上海/, /^北京 – 上海/]);
	await page.getByLabel('报表周期').selectOption('year');
	await page.getByLabel('期间').selectOption('2023');
	await expect(routes.locator('tbody > tr > th')).toHaveText([/^成都 – 北京/]);

	// A quarterly report of the first quarter of 2026, against the (empty) quarter before.
	await page.getByRole('tab', { name: '差旅报表' }).click();
	await expect(page.getByLabel('期间')).toHaveValue('2026-Q1');
	const report = page.getByRole('article');
	await expect(report.getByRole('heading', { level: 2 })).toHaveText(
		'差旅报表 · 整个客户 · 2026年第1季度'
	);
	// The refund lowers spend but is no flight.
	await expect(report.locator('[data-kpi=trips] strong')).toHaveText('3');
	await expect(report.locator('[data-kpi=spend] strong')).toHaveText('¥1万');
	await expect(report.locator('[data-kpi=spend]')).toContainText('无可比数据');
	await expect(report.getByRole('img', { name: '采购额走势' })).toBeVisible();
	await expect(report.getByRole('img', { name: '热门目的地（按航段数）' })).toBeVisible();
	await expect(report.getByRole('img', { name: /^帕累托图/ })).toBeVisible();

	// Printed on A4 (210 mm at 96 dpi, less the margins): no chrome, and no chart cut off.
	await page.emulateMedia({ media: 'print' });
	await page.setViewportSize({ width: 718, height: 1000 });
	await expect(page.getByRole('tab', { name: '差旅报表' })).toBeHidden();
	await expect(page.getByRole('button', { name: '打印或另存为 PDF' })).toBeHidden();
	await expectChartsWhole(page);
	await page.screenshot({ path: test.info().outputPath('report-print.png'), fullPage: true });
	await context.close();
});

test('an Excel workbook imports through the same checks, rows numbered as Excel shows them', async ({
	browser,
	request
}) => {
	const created = await request.post('/api/docs', { data: { kind: 'account', title: 'Excel' } });
	const { id, token } = (await created.json()) as { id: string; token: string };
	const context = await browser.newContext({ locale: 'en-US' });
	const page = await context.newPage();
	await page.goto(`/d/${id}#${token}`);
	await page.getByRole('tab', { name: 'Bookings' }).click();
	const workbook = buildWorkbook([
		['Flight Date', 'From', 'To', 'Class', 'Amount', 'Ticket No.', 'Dept'],
		[{ date: 46086 }, 'Beijing', 'Shanghai', 'Y', 1200, '9990000000001', 'Jiangsu'],
		null,
		[{ date: 46087 }, 'PEK', 'Atlantis', 'Y', 900, '9990000000002', 'Jiangsu'],
		[{ date: 46088 }, 'CTU', 'PEK', 'C', 3100, '9990000000003', 'Sichuan']
	]);
	await page.getByLabel('Choose a CSV or Excel file').setInputFiles({
		name: 'export.xlsx',
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		buffer: Buffer.from(workbook)
	});
	await expect(page.getByText('Valid rows: 2; rows with problems: 1.')).toBeVisible();
	await expect(
		page.getByRole('region', { name: 'Rows with problems' }).getByRole('listitem')
	).toHaveText(['Line 4 unknown airport “Atlantis”']);
	await page.getByRole('button', { name: 'Import 2 valid rows' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Added' })).toHaveText(
		'Added 2 bookings; 0 were already in this account.'
	);
	await expect(page.getByText(/export\.xlsx · 2 rows/)).toBeVisible();
	await context.close();
});

/** Each select of the column mapping lies inside the mapping's box. */
async function expectMappingInside(page: Page) {
	const spill = await page.evaluate(`(() => {
		const box = document.querySelector('fieldset.mapping').getBoundingClientRect();
		return [...document.querySelectorAll('fieldset.mapping select')]
			.map((select) => select.getBoundingClientRect())
			.filter((r) => r.left < box.left - 0.5 || r.right > box.right + 0.5)
			.map((r) => r.left + '..' + r.right + ' outside ' + box.left + '..' + box.right);
	})()`);
	expect(spill).toEqual([]);
}

test('an Excel export with a title row: the header row is found and can be changed; a reused ticket is resolved by line', async ({
	browser,
	request
}) => {
	const created = await request.post('/api/docs', { data: { kind: 'account', title: 'TMC' } });
	const { id, token } = (await created.json()) as { id: string; token: string };
	const context = await browser.newContext({
		locale: 'en-US',
		viewport: { width: 390, height: 844 }
	});
	const page = await context.newPage();
	await page.goto(`/d/${id}#${token}`);
	await page.getByRole('tab', { name: 'Bookings' }).click();
	const longName = 'Department or cost centre, as entered by the traveller when booking';
	const first = buildWorkbook([
		[
			'Corporate travel export · air tickets · January to June 2026',
			null,
			null,
			null,
			null,
			null,
			null
		],
		null,
		['Flight Date', 'From', 'To', 'Amount', 'Airline', 'Ticket No.', longName],
		[{ date: 46086 }, 'PEK', 'SHA', 1200, 'CA', '9990000000001', 'Jiangsu'],
		[{ date: 46087 }, 'SHA', 'CAN', 900, 'MU', '9990000000002', 'Jiangsu'],
		[{ date: 46088 }, 'CTU', 'PEK', 3100, 'CA', '9990000000003', 'Sichuan'],
		[{ date: 46090 }, 'CTU', 'PEK', -3100, 'CA', '9990000000003', 'Sichuan']
	]);
	const chooser = page.getByLabel('Choose a CSV or Excel file');
	await chooser.setInputFiles({
		name: 'tmc.xlsx',
		mimeType: 'application/octet-stream',
		buffer: Buffer.from(first)
	});

	// The title is not the header: line 3 is found and chosen, the lines above it skipped.
	const picker = page.getByRole('group', { name: 'Header row' });
	await expect(picker.getByRole('radio', { name: 'Line 3 is the header' })).toBeChecked();
	await expect(picker.getByRole('row').first()).toContainText('skipped');
	await expect(page.getByText('Valid rows: 4; rows with problems: 0.')).toContainText(
		'1 of them are refunds'
	);
	await expectMappingInside(page);

	// Taking the title as the header leaves nothing to map; back to line 3, all is found again.
	await picker.getByRole('radio', { name: 'Line 1 is the header' }).check();
	await expect(page.getByRole('alert')).toContainText('Date');
	await picker.getByRole('radio', { name: 'Line 3 is the header' }).check();
	await expect(page.getByText('Valid rows: 4; rows with problems: 0.')).toBeVisible();
	const departmentColumn = page
		.locator('fieldset.mapping label')
		.filter({ has: page.getByText('Department or branch', { exact: true }) })
		.locator('select');
	await expect(departmentColumn).toHaveValue('6');
	await expectMappingInside(page);
	await page.screenshot({ path: test.info().outputPath('header-row-phone.png'), fullPage: true });
	await page.getByRole('button', { name: 'Import 4 valid rows' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Added' })).toHaveText(
		'Added 4 bookings; 0 were already in this account.'
	);

	// A corrected export: ticket …001 with another date and fare, …002 unchanged, …003 flown by
	// someone else's department, and a new ticket.
	const second = buildWorkbook([
		['Flight Date', 'From', 'To', 'Amount', 'Airline', 'Ticket No.', 'Dept'],
		[{ date: 46089 }, 'PEK', 'SHA', 1350, 'CA', '9990000000001', 'Jiangsu'],
		[{ date: 46087 }, 'SHA', 'CAN', 900, 'MU', '9990000000002', 'Jiangsu'],
		[{ date: 46088 }, 'CTU', 'PEK', 3100, 'CA', '9990000000003', 'Shanghai'],
		[{ date: 46091 }, 'PEK', 'CAN', 1500, 'CZ', '9990000000004', 'Jiangsu']
	]);
	await page.setViewportSize({ width: 1440, height: 900 });
	await chooser.setInputFiles({
		name: 'fixed.xlsx',
		mimeType: 'application/octet-stream',
		buffer: Buffer.from(second)
	});
	await expect(page.getByText('1 rows are already in this account')).toBeVisible();
	const conflicts = page.getByRole('region', { name: /Same ticket number, different data/ });
	const changed = conflicts.getByRole('article', { name: 'Line 2 · ticket 9990000000001' });
	await expect(changed).toContainText('Differs in: Date and Fare');
	await expect(changed.getByRole('row').nth(1)).toContainText('In the account (tmc.xlsx)');
	await expect(changed.getByRole('row').nth(1)).toContainText('1,200');
	await expect(changed.getByRole('row').nth(2)).toContainText('1,350');
	await expect(changed.getByRole('radio', { name: 'Keep the one held' })).toBeChecked();
	await changed.getByRole('radio', { name: 'Replace it with this row' }).check();
	const moved = conflicts.getByRole('article', { name: 'Line 4 · ticket 9990000000003' });
	await expect(moved).toContainText('Differs in: Department');
	await moved.getByRole('radio', { name: 'Keep both, as an exchange' }).check();
	await page.screenshot({ path: test.info().outputPath('conflicts-desk.png'), fullPage: true });
	await page.getByRole('button', { name: 'Import 4 valid rows' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Added' })).toHaveText(
		'Added 3 bookings; 1 were already in this account. Conflicting tickets: 1 replaced, 1 kept as exchanges, 0 left as they were.'
	);
	// The replaced booking left the first import; the new file holds the new version, the exchange
	// and the new ticket.
	await expect(page.getByText(/tmc\.xlsx · 3 rows/)).toBeVisible();
	await expect(page.getByText(/fixed\.xlsx · 3 rows/)).toBeVisible();

	// Importing the corrected file again adds nothing and asks nothing.
	await chooser.setInputFiles({
		name: 'fixed.xlsx',
		mimeType: 'application/octet-stream',
		buffer: Buffer.from(second)
	});
	await expect(page.getByText('4 rows are already in this account')).toBeVisible();
	await expect(page.getByRole('region', { name: /Same ticket number/ })).toHaveCount(0);
	await context.close();
});

test('a unit counts by its bookings once a department is attached to it, and by its estimate when the department moves away', async ({
	browser,
	request
}) => {
	const created = await request.post('/api/docs', { data: { kind: 'account', title: '实际' } });
	const { id, token } = (await created.json()) as { id: string; token: string };
	const context = await browser.newContext({ locale: 'zh-CN' });
	const page = await context.newPage();
	await page.goto(`/d/${id}#${token}`);
	await page.getByRole('button', { name: '添加集团总部' }).click();
	const name = page.getByRole('textbox', { name: '节点名称' });
	await name.fill('华远集团');
	await name.press('Enter');
	await page.getByRole('button', { name: '添加下级' }).click();
	await name.fill('江苏分公司');
	await name.press('Enter');
	// The team's estimate: ¥20万 a year, ¥2万 of it with us.
	await page.getByLabel('年度航空差旅采购额（元）').fill('20万');
	await page.getByLabel('年度航空差旅采购额（元）').press('Enter');
	await page.getByLabel('我方采购额（元）').fill('2万');
	await page.getByLabel('我方采购额（元）').press('Enter');
	await expect(page.getByTestId('used-share')).toHaveText('10.0%');
	await expect(page.getByTestId('basis')).toContainText('按填写的估算');

	await page.getByRole('tab', { name: '差旅数据' }).click();
	await page.getByLabel('选择 CSV 或 Excel 文件').setInputFiles('tests/fixtures/bookings-gbk.csv');
	await page.getByRole('button', { name: '导入 5 行有效数据' }).click();
	// 江苏分公司 is named like the unit: proposed, then accepted.
	const mapping = page.getByTestId('department-mapping');
	await expect(mapping.getByRole('row', { name: /江苏分公司/ })).toContainText('名称相同');
	await mapping.getByRole('button', { name: /^采用 \d+ 条建议$/ }).click();
	await expect(page.getByLabel('“江苏分公司”对应哪个单位？')).toHaveValue(/.+/);

	// Its two 2026 bookings, both with CA: ¥4850 at 100%, beside the estimate.
	await page.getByRole('tab', { name: '结构树' }).click();
	await page.getByRole('treeitem').filter({ hasText: '江苏分公司' }).click();
	await expect(page.getByTestId('used-spend')).toHaveText('¥4850');
	await expect(page.getByTestId('used-share')).toHaveText('100.0%');
	await expect(page.getByTestId('basis')).toHaveText(
		'层级和份额按差旅数据计算：截至2026年3月的 12 个月。'
	);
	const actuals = page.getByTestId('actuals');
	await expect(actuals.getByRole('row', { name: /2026年第1季度/ })).toContainText('¥4850');
	await expect(actuals.getByRole('row', { name: /填写的估算/ })).toContainText('¥20万');
	// The group has no estimate of its own: it counts by its branch's bookings alone.
	await page.getByRole('treeitem').filter({ hasText: '华远集团' }).click();
	await expect(page.getByTestId('basis')).toContainText('按差旅数据计算');

	// The department moves to the group: the branch counts by its estimate again.
	await page.getByRole('tab', { name: '差旅数据' }).click();
	const choose = page.getByLabel('“江苏分公司”对应哪个单位？');
	await choose.selectOption({ label: '华远集团' });
	await page.getByRole('tab', { name: '结构树' }).click();
	await page.getByRole('treeitem').filter({ hasText: '江苏分公司' }).click();
	await expect(page.getByTestId('used-share')).toHaveText('10.0%');
	await expect(page.getByTestId('basis')).toContainText('按填写的估算');
	await expect(page.getByTestId('actuals')).toHaveCount(0);
	await context.close();
});
