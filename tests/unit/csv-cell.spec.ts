import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { formatCsv, parseCsv } from '../../src/lib/domain/bookings/csv';
import { csvCell } from '../../src/lib/domain/csv-cell';
import { seededRandom } from '../../src/lib/domain/review/random';
import { buildReport } from '../../src/lib/domain/review/report';
import { reportCsvRows } from '../../src/lib/domain/review/report-csv';
import { readCycleConfig, startCycle } from '../../src/lib/model/review-cycle';

const HOSTILE = '=HYPERLINK("http://evil.example","x")';

/** The cells of a written CSV, as a spreadsheet would read them. */
const cells = (text: string) => parseCsv(text.replace(/^\uFEFF/, '')).map((r) => r.fields);

describe('csvCell', () => {
	it.each([
		['=1+1', "'=1+1"],
		['+1+cmd', "'+1+cmd"],
		['-2+3', "'-2+3"],
		['@SUM(A1)', "'@SUM(A1)"],
		['\t=1', "'\t=1"],
		['\r=1', "'\r=1"],
		[HOSTILE, `'${HOSTILE}`],
		['-', "'-"],
		['--5', "'--5"],
		['-1e9', "'-1e9"]
	])('neutralises %j as %j', (input, output) => {
		expect(csvCell(input)).toBe(output);
	});

	it.each(['北京 – 上海', 'a=b', ' =1', "'quoted", '', 'plain text', '1+1'])(
		'leaves %j as it is',
		(input) => {
			expect(csvCell(input)).toBe(input);
		}
	);

	it('writes numbers as numbers, negative ones too', () => {
		expect(csvCell(-5)).toBe('-5');
		expect(csvCell(1200.5)).toBe('1200.5');
		expect(csvCell(0)).toBe('0');
	});

	it('leaves plain decimal strings (what toFixed gives) as numbers', () => {
		expect(csvCell('-5.00')).toBe('-5.00');
		expect(csvCell('+1.25')).toBe('+1.25');
		expect(csvCell('-0.0417')).toBe('-0.0417');
	});
});

describe('every CSV export neutralises hostile text', () => {
	it('formatCsv, the one writer, neutralises each cell and keeps numbers', () => {
		const text = formatCsv([
			['name', 'spend'],
			[HOSTILE, -5],
			['@evil', '-12.50'],
			['\t=cmd', 3]
		]);
		expect(cells(text)).toEqual([
			['name', 'spend'],
			[`'${HOSTILE}`, '-5'],
			["'@evil", '-12.50'],
			["'\t=cmd", '3']
		]);
	});

	it('the review report export: a competency or item named as a formula stays text', () => {
		const doc = new Y.Doc();
		startCycle(doc, 'frontline');
		const config = { ...readCycleConfig(doc)!, subjects: [{ id: 's', name: 'S' }] };
		const items = config.questionnaire.competencies.flatMap((c) => c.items.map((i) => i.id));
		const answers = Object.fromEntries(items.map((i) => [i, 4 as const]));
		const report = buildReport(
			config,
			's',
			[
				{ subject: 's', group: 'superior', answers, comments: {} },
				{ subject: 's', group: 'peer', answers, comments: {} }
			],
			seededRandom(1)
		);
		const rows = reportCsvRows(report, {
			header: ['level', 'name', 'unit', 'n'],
			level: (level) => level,
			unit: () => '+unit',
			competency: () => HOSTILE,
			item: () => '@item'
		});
		const read = cells(formatCsv(rows));
		const names = read.slice(1, -1).map((row) => row[1]);
		expect(names.length).toBeGreaterThan(0);
		for (const name of names) expect([`'${HOSTILE}`, "'@item"]).toContain(name);
		for (const row of read.slice(1, -1)) expect(row[2]).toBe("'+unit");
		// Counts and means stay numbers.
		expect(read.slice(1, -1).every((row) => /^\d+$/.test(row[3]!))).toBe(true);
	});

	it.each([
		['account report summary, series, destinations, routes and cabins', HOSTILE],
		['routes panel', '-cmd|" /C calc"!A0'],
		['a place name from an imported file', '@SUM(1+1)*cmd']
	])('the %s: a hostile name in a row comes out neutralised', (_, name) => {
		// The account exports (ReportPanel, RoutesPanel) pass their rows straight to formatCsv,
		// names as strings and figures as numbers or toFixed strings.
		const read = cells(
			formatCsv([
				['name', 'trips', 'spend'],
				[name, 3, (-1234.5).toFixed(2)]
			])
		);
		expect(read[1]).toEqual([`'${name}`, '3', '-1234.50']);
	});

	it('every file that offers a CSV download writes it with formatCsv', () => {
		const files: string[] = [];
		const walk = (dir: string) => {
			for (const name of readdirSync(dir)) {
				const path = join(dir, name);
				if (statSync(path).isDirectory()) {
					if (name !== 'paraglide') walk(path);
				} else if (/\.(ts|svelte)$/.test(name)) files.push(path);
			}
		};
		walk('src');
		const exporters = files.filter((f) => readFileSync(f, 'utf8').includes("'text/csv"));
		expect(exporters.length).toBeGreaterThanOrEqual(3);
		for (const file of exporters) {
			const source = readFileSync(file, 'utf8');
			expect(source, file).toMatch(/import \{ formatCsv \} from '\$lib\/domain\/bookings\/csv'/);
			expect(source, file).not.toMatch(/\.join\(['"],['"]\)/);
		}
	});
});
