/**
 * Real agency exports put a title above the header (issue 17): the import finds the header below
 * it in CSV and Excel alike, keeps the file's own line numbers, and lets a person pick another row.
 */
import { describe, expect, it } from 'vitest';
import { detectHeaderRow, guessMapping } from '../../src/lib/domain/bookings/columns';
import { detectSeparator, parseCsv } from '../../src/lib/domain/bookings/csv';
import {
	readExportFile,
	readExportRows,
	withHeader
} from '../../src/lib/domain/bookings/export-file';
import { buildWorkbook } from './helpers/xlsx';

const TITLED_CSV = [
	'差旅平台导出 2026年1-6月,,,,,',
	'导出时间：2026-07-01,,,,,',
	'',
	'乘机日期,出发,到达,票价,票号,部门',
	'2026-03-05,北京,上海,1200,9991234567890,上海分公司',
	'2026-03-06,上海,北京,980,9991234567891,上海分公司'
].join('\n');

describe('finding the header row', () => {
	it('skips a title and a date line above the header of a CSV, keeping line numbers', async () => {
		const file = await readExportFile(new TextEncoder().encode(TITLED_CSV));
		expect(file.header).toEqual(['乘机日期', '出发', '到达', '票价', '票号', '部门']);
		expect(file.headerLine).toBe(4);
		expect(file.records.map((record) => record.line)).toEqual([5, 6]);
		expect(guessMapping(file.header)).toMatchObject({
			date: 0,
			origin: 1,
			destination: 2,
			fare: 3
		});
	});

	it('skips a merged title row above the header of a workbook', async () => {
		const bytes = buildWorkbook([
			['某某差旅管理公司 机票明细报表', null, null, null],
			null,
			['乘机日期', '出发城市', '到达城市', '实付金额'],
			[{ date: 46086 }, '北京', '上海', 1200.5]
		]);
		const file = await readExportFile(new Uint8Array(bytes));
		expect(file.encoding).toBe('xlsx');
		expect(file.header).toEqual(['乘机日期', '出发城市', '到达城市', '实付金额']);
		expect(file.headerLine).toBe(3);
		expect(file.records).toEqual([{ line: 4, fields: ['2026-03-05', '北京', '上海', '1200.5'] }]);
	});

	it('keeps the first row when it is the header, and takes the fullest row when none is named', () => {
		expect(
			detectHeaderRow([
				['date', 'from', 'to', 'fare'],
				['2026-01-01', 'PEK', 'SHA', '1']
			])
		).toBe(0);
		expect(
			detectHeaderRow([
				['Report', '', ''],
				['c1', 'c2', 'c3'],
				['x', 'y', 'z']
			])
		).toBe(1);
		expect(detectHeaderRow([])).toBe(0);
	});

	it('lets a person pick another header row', () => {
		const rows = parseCsv(TITLED_CSV);
		const picked = withHeader(rows, 'utf-8', 0);
		expect(picked.header[0]).toBe('差旅平台导出 2026年1-6月');
		expect(picked.headerLine).toBe(1);
		expect(picked.records).toHaveLength(rows.length - 1);
	});

	it('finds the separator below a title line that has none', () => {
		expect(detectSeparator('机票明细\n日期;出发;到达;票价\n2026-01-01;北京;上海;900')).toBe(';');
		expect(detectSeparator('title\ndate\tfrom\tto\n')).toBe('\t');
	});
});

describe('picking another header row', () => {
	it('splits the rows at the picked one, keeping line numbers', async () => {
		const bytes = buildWorkbook([
			['机票明细', null, null],
			['乘机日期', '出发', '到达'],
			[{ date: 46086 }, '北京', '上海']
		]);
		const { rows, encoding } = await readExportRows(new Uint8Array(bytes));
		const picked = withHeader(rows, encoding, 0);
		expect(picked.header).toEqual(['机票明细', '', '']);
		expect(picked.records.map((record) => record.line)).toEqual([2, 3]);
		expect(withHeader(rows, encoding).headerLine).toBe(2);
	});
});
