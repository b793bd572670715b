import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { guessMapping, missingFields } from '../../src/lib/domain/bookings/columns';
import { formatCsv, parseCsv } from '../../src/lib/domain/bookings/csv';
import { decodeBytes } from '../../src/lib/domain/bookings/decode';
import {
	checkRows,
	dedupeKey,
	isRefund,
	parseCabin,
	parseDay
} from '../../src/lib/domain/bookings/rows';
import { readWorkbook, WorkbookError } from '../../src/lib/domain/bookings/xlsx';
import { buildWorkbook } from './helpers/xlsx';

const fixture = (name: string) => new Uint8Array(readFileSync(`tests/fixtures/${name}`));
const day = (iso: string) => Date.parse(iso) / 86_400_000;

/** A tiny airport table: codes, and the Chinese city names the fixture uses. */
const airports: Record<string, string> = { 北京: 'PEK', 上海: 'SHA' };
const resolve = (text: string) =>
	/^[A-Z]{3}$/.test(text) && text !== 'XXX' ? text : airports[text];

describe('reading exported files', () => {
	it('detects GBK and UTF-8 with a byte-order mark and reads the same rows from both', () => {
		const gbk = decodeBytes(fixture('bookings-gbk.csv'));
		const bom = decodeBytes(fixture('bookings-utf8-bom.csv'));
		expect(gbk.encoding).toBe('gb18030');
		expect(bom.encoding).toBe('utf-8-bom');
		expect(gbk.text).toBe(bom.text);
		expect(gbk.text.startsWith('乘机日期')).toBe(true);
		expect(decodeBytes(new TextEncoder().encode('日期')).encoding).toBe('utf-8');
	});

	it('keeps quoted commas, quotes and line breaks, skips blank lines, and numbers lines', () => {
		const records = parseCsv('a,b\r\n"x, y","say ""hi"""\n\n"multi\nline",z\n');
		expect(records).toEqual([
			{ line: 1, fields: ['a', 'b'] },
			{ line: 2, fields: ['x, y', 'say "hi"'] },
			{ line: 4, fields: ['multi\nline', 'z'] }
		]);
		expect(parseCsv('a;b;c\n1;2;3')[1]!.fields).toEqual(['1', '2', '3']);
		expect(parseCsv('a\tb\n1\t2')[1]!.fields).toEqual(['1', '2']);
	});

	it('guesses columns from Chinese and English headers', () => {
		const [header] = parseCsv(decodeBytes(fixture('bookings-gbk.csv')).text);
		expect(guessMapping(header!.fields)).toEqual({
			date: 0,
			origin: 1,
			destination: 2,
			cabin: 3,
			fare: 4,
			carrier: 5,
			ticket: 6,
			department: 7
		});
		const english = guessMapping([
			'Ticket No.',
			'Flight Date',
			'From',
			'To',
			'Class',
			'Amount',
			'Dept'
		]);
		expect(english).toMatchObject({
			ticket: 0,
			date: 1,
			origin: 2,
			destination: 3,
			cabin: 4,
			fare: 5,
			department: 6
		});
		expect(missingFields({ date: 0, origin: 1 })).toEqual(['destination', 'fare']);
	});
});

describe('checking rows', () => {
	const records = parseCsv(decodeBytes(fixture('bookings-gbk.csv')).text);
	const mapping = guessMapping(records[0]!.fields);
	const { bookings, problems } = checkRows(records.slice(1), mapping, resolve);

	it('lists every problem with the line it is on in the file', () => {
		expect(problems).toEqual([
			{ line: 6, reason: 'bad-date', field: 'date', value: '2026-02-30' },
			{ line: 7, reason: 'unknown-airport', field: 'origin', value: 'XXX' },
			{ line: 9, reason: 'missing-field', field: 'origin', value: '' }
		]);
	});

	it('turns the valid rows into bookings', () => {
		expect(bookings.map((b) => b.line)).toEqual([2, 3, 5, 8, 10]);
		expect(bookings[1]).toMatchObject({
			day: day('2026-03-06'),
			origin: 'PEK',
			destination: 'SHA',
			cabin: 'C',
			fare: 3600,
			ticket: '9991234567891'
		});
		expect(bookings[2]!.department).toBe('上海分公司,浦东');
		// A negative fare is a refund, kept as one.
		expect(bookings[3]).toMatchObject({ fare: -5, ticket: '9991234567894' });
		expect(isRefund(bookings[3]!)).toBe(true);
		// An Excel serial date.
		expect(bookings[4]!.day).toBe(day('2023-03-15'));
	});

	it('gives the same key to the same booking, by ticket or by its fields', () => {
		const [first] = bookings;
		expect(dedupeKey({ ...first! })).toBe(dedupeKey(first!));
		expect(dedupeKey({ ...first!, ticket: '' })).not.toBe(
			dedupeKey({ ...first!, ticket: '', fare: 1 })
		);
	});

	it('reads dates and cabins the ways exports write them', () => {
		expect(parseDay('2026-03-05 08:30')).toBe(day('2026-03-05'));
		expect(parseDay('2026.3.5')).toBe(day('2026-03-05'));
		expect(parseDay('05/03/2026')).toBeUndefined();
		expect(parseDay('2025-02-29')).toBeUndefined();
		expect(['头等舱', '公务舱', 'Y', 'J', 'premium economy', ''].map(parseCabin)).toEqual([
			'F',
			'C',
			'Y',
			'C',
			'W',
			'Y'
		]);
	});
});

describe('reading Excel workbooks', () => {
	it('reads the first sheet with Excel row numbers, dates as dates, blank rows skipped', async () => {
		const bytes = buildWorkbook([
			['乘机日期', '出发', '到达', '票价', '票号'],
			[{ date: 46086 }, '北京', '上海', 1200.5, '9991234567890'],
			null,
			['2026-03-06', 'PEK', 'XXX', 900, 9991234567891],
			[{ date: 46087 }, '', '', null, null]
		]);
		const records = await readWorkbook(bytes);
		expect(records.map((r) => r.line)).toEqual([1, 2, 4, 5]);
		expect(records[1]!.fields).toEqual(['2026-03-05', '北京', '上海', '1200.5', '9991234567890']);
		const mapping = guessMapping(records[0]!.fields);
		const { bookings, problems } = checkRows(records.slice(1), mapping, resolve);
		expect(bookings).toHaveLength(1);
		expect(bookings[0]).toMatchObject({ line: 2, day: day('2026-03-05'), fare: 1200.5 });
		expect(problems).toEqual([
			{ line: 4, reason: 'unknown-airport', field: 'destination', value: 'XXX' },
			{ line: 5, reason: 'missing-field', field: 'origin', value: '' },
			{ line: 5, reason: 'missing-field', field: 'destination', value: '' },
			{ line: 5, reason: 'missing-field', field: 'fare', value: '' }
		]);
	});

	it('refuses a file that is not a workbook with a reason', async () => {
		await expect(readWorkbook(new TextEncoder().encode('a,b\n1,2').buffer)).rejects.toBeInstanceOf(
			WorkbookError
		);
	});
});

describe('writing CSV', () => {
	it('quotes what needs quoting, marks UTF-8 for Excel, and reads back the same', () => {
		const rows = [
			['航线', 'Spend'],
			['北京 – 上海', 1200.5],
			['say "hi", twice', ' padded '],
			['two\nlines', '']
		];
		const text = formatCsv(rows);
		expect(text.startsWith('\uFEFF航线,Spend\r\n')).toBe(true);
		expect(parseCsv(text.slice(1)).map((r) => r.fields)).toEqual(
			rows.map((row) => row.map(String))
		);
	});
});
