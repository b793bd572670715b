/**
 * An export file as the import reads it, CSV or Excel alike: header, numbered records and the
 * encoding found; and which of its bookings the account does not hold yet.
 */
import { detectHeaderRow } from './columns';
import { parseCsv, type CsvRecord } from './csv';
import { decodeBytes } from './decode';
import { dedupeKey, type Booking } from './rows';

export interface ExportFile {
	header: string[];
	/** 1-based line (CSV) or row (workbook) of the header; title rows above it are skipped. */
	headerLine: number;
	records: CsvRecord[];
	/** `utf-8`, `utf-8-bom`, `gb18030` or `xlsx`. */
	encoding: string;
}

/** An .xlsx file is a zip archive: it starts with "PK\x03\x04" whatever its name says. */
export const isWorkbook = (bytes: Uint8Array): boolean =>
	bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/**
 * Every row of an export as read, title rows included, and its encoding; a workbook's reader is
 * loaded only for workbooks. Throws `WorkbookError`.
 */
export async function readExportRows(
	bytes: Uint8Array
): Promise<{ rows: CsvRecord[]; encoding: string }> {
	if (isWorkbook(bytes)) {
		const { readWorkbook } = await import('./xlsx');
		const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
		return { rows: await readWorkbook(buffer as ArrayBuffer), encoding: 'xlsx' };
	}
	const { text, encoding } = decodeBytes(bytes);
	return { rows: parseCsv(text), encoding };
}

/** Reads an export split at its detected header row. Throws `WorkbookError`. */
export async function readExportFile(bytes: Uint8Array): Promise<ExportFile> {
	const { rows, encoding } = await readExportRows(bytes);
	return withHeader(rows, encoding);
}

/**
 * Splits rows into header and records at the detected header row, or at `headerIndex` when the
 * person picked another (an index into the rows as read, title rows included).
 */
export function withHeader(
	rows: CsvRecord[],
	encoding: string,
	headerIndex = detectHeaderRow(rows.map((row) => row.fields))
): ExportFile {
	const header = rows[headerIndex];
	return {
		header: header?.fields ?? [],
		headerLine: header?.line ?? 1,
		records: rows.slice(headerIndex + 1),
		encoding
	};
}

/** The bookings of `incoming` that `existing` lacks (and the first of any repeated in it). */
export function freshBookings(
	existing: Iterable<Booking>,
	incoming: readonly Booking[]
): { fresh: Booking[]; duplicates: number } {
	const seen = new Set<string>();
	for (const booking of existing) seen.add(dedupeKey(booking));
	const fresh: Booking[] = [];
	for (const booking of incoming) {
		const key = dedupeKey(booking);
		if (seen.has(key)) continue;
		seen.add(key);
		fresh.push(booking);
	}
	return { fresh, duplicates: incoming.length - fresh.length };
}
