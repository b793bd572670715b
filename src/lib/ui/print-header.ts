/**
 * A running header and footer on every printed page, through CSS page-margin boxes (Chromium
 * 131+, Firefox and Safari print them; an older browser simply prints without). The texts name a
 * person and come from the server, so they are written as CSS strings and put into the page with
 * `textContent`: nothing in a name can end the rule, the style element or reach the HTML parser.
 */

/** `text` as a CSS string literal. */
export function cssString(text: string): string {
	let body = '';
	for (const char of text) {
		const code = char.codePointAt(0)!;
		// Backslash and quote escaped; line breaks and other controls, which would end the string,
		// written as hex escapes; everything else is literal inside a CSS string.
		if (char === '\\' || char === '"') body += `\\${char}`;
		else if (code < 0x20 || code === 0x7f) body += `\\${code.toString(16)} `;
		else body += char;
	}
	return `"${body}"`;
}

export interface PrintHeader {
	/** Top left: what and whose. */
	left: string;
	/** Top right: how it must be handled. */
	right: string;
}

/** The `@page` rule that prints `header` on every page, with "n / m" at the bottom. */
export function printHeaderCss({ left, right }: PrintHeader): string {
	const box = 'font-size: 9pt; color: #555;';
	return [
		'@page {',
		`  @top-left { content: ${cssString(left)}; ${box} }`,
		`  @top-right { content: ${cssString(right)}; ${box} }`,
		`  @bottom-right { content: counter(page) " / " counter(pages); ${box} }`,
		'}'
	].join('\n');
}

/** Adds the header's style to the document while printing applies; returns its remover. */
export function installPrintHeader(header: PrintHeader): () => void {
	const style = document.createElement('style');
	style.media = 'print';
	style.textContent = printHeaderCss(header);
	document.head.append(style);
	return () => style.remove();
}
