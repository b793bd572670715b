/**
 * A CSV reader for exports as they come: RFC 4180 quoting (commas, quotes and line breaks inside
 * quoted fields), CRLF or LF, comma, semicolon or tab separators, blank lines skipped. Every record
 * keeps the line number it starts on, so a problem can be reported where the person will look.
 */
import { csvCell } from '../csv-cell';

export interface CsvRecord {
	/** 1-based line number in the file where the record starts. */
	line: number;
	fields: string[];
}

const SEPARATORS = [',', ';', '\t'] as const;

/** Lines read to find the separator: enough to get past a title row or two above the header. */
const SEPARATOR_LINES = 10;

/**
 * The separator used most on one line outside quotes, over the first lines (a title row above
 * the header may have none); comma when none is used.
 */
export function detectSeparator(text: string): string {
	const lines = text.split(/\r?\n/, SEPARATOR_LINES);
	let best: string = ',';
	let bestCount = 0;
	for (const separator of SEPARATORS) {
		for (const line of lines) {
			let count = 0;
			let quoted = false;
			for (const char of line) {
				if (char === '"') quoted = !quoted;
				else if (char === separator && !quoted) count++;
			}
			if (count > bestCount) {
				best = separator;
				bestCount = count;
			}
		}
	}
	return best;
}

export function parseCsv(text: string, separator = detectSeparator(text)): CsvRecord[] {
	const records: CsvRecord[] = [];
	let fields: string[] = [];
	let field = '';
	let quoted = false;
	let line = 1;
	let recordLine = 1;
	let fieldStarted = false;
	const endRecord = () => {
		fields.push(field);
		// A line with nothing on it is not a record.
		if (fields.length > 1 || fields[0]!.trim() !== '') records.push({ line: recordLine, fields });
		fields = [];
		field = '';
		fieldStarted = false;
	};
	for (let i = 0; i < text.length; i++) {
		const char = text[i]!;
		if (quoted) {
			if (char === '"') {
				if (text[i + 1] === '"') {
					field += '"';
					i++;
				} else quoted = false;
			} else {
				if (char === '\n') line++;
				field += char;
			}
			continue;
		}
		if (char === '"' && !fieldStarted) {
			quoted = true;
			fieldStarted = true;
		} else if (char === separator) {
			fields.push(field);
			field = '';
			fieldStarted = false;
		} else if (char === '\n' || char === '\r') {
			if (char === '\r' && text[i + 1] === '\n') i++;
			endRecord();
			line++;
			recordLine = line;
		} else {
			field += char;
			fieldStarted = true;
		}
	}
	if (field !== '' || fields.length > 0) endRecord();
	return records;
}

/**
 * Writes rows as CSV (RFC 4180 quoting, CRLF), with a UTF-8 byte-order mark so Excel opens
 * Chinese text correctly instead of guessing the system code page. Every cell goes through
 * {@link csvCell}, so no exported text can run as a formula. The app's only CSV writer.
 */
export function formatCsv(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
	const quote = (value: string | number) => {
		const text = csvCell(value);
		return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
	};
	return '\uFEFF' + rows.map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';
}
