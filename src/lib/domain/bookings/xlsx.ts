/**
 * Reads the first sheet of an Excel workbook (.xlsx) into the same numbered records as the CSV
 * reader, so one validation path serves both. `read-excel-file` is loaded with this module, and
 * this module only when someone picks a workbook: CSV imports never pay for it.
 */
import { readSheet } from 'read-excel-file/universal';
import type { CsvRecord } from './csv';

/** Why a workbook could not be read, for the UI to translate. */
export class WorkbookError extends Error {
	readonly reason = 'unreadable-workbook';
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Cells as the CSV reader would have produced them: dates as 2026-03-05, numbers as written. */
function cellText(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) return '';
		return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
	}
	return String(value).trim();
}

/**
 * The first sheet's non-blank rows with their 1-based row numbers — the numbers Excel shows, so a
 * problem "on line 7" is on row 7 of the sheet.
 */
export async function readWorkbook(bytes: ArrayBuffer): Promise<CsvRecord[]> {
	let rows: unknown[][];
	try {
		rows = (await readSheet(bytes)) as unknown[][];
	} catch (error) {
		throw new WorkbookError(error instanceof Error ? error.message : String(error));
	}
	const records: CsvRecord[] = [];
	rows.forEach((row, index) => {
		const fields = row.map(cellText);
		if (fields.some(Boolean)) records.push({ line: index + 1, fields });
	});
	return records;
}
