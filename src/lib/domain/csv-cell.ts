/**
 * One CSV cell made safe to open in a spreadsheet (the OWASP "CSV injection" rule): a string that
 * begins with `=`, `+`, `-`, `@`, a tab or a carriage return would be read as a formula, so it is
 * prefixed with a single quote. Numbers stay numbers: a JS number is written as it is, and so is a
 * string that is nothing but a plain decimal number (`-5.00`, what `toFixed` gives) — every
 * spreadsheet reads that as a number, never as a formula.
 */

/** The characters that make a spreadsheet read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain decimal number, optionally signed: `-5`, `+1.25`, `0.5`. */
const PLAIN_NUMBER = /^[-+]?\d+(\.\d+)?$/;

/** The cell's text, neutralised when it could start a formula. Quoting is the writer's job. */
export function csvCell(value: string | number): string {
	if (typeof value === 'number') return String(value);
	if (FORMULA_START.test(value) && !PLAIN_NUMBER.test(value)) return `'${value}`;
	return value;
}
