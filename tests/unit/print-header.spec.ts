import { describe, expect, it } from 'vitest';
import { cssString, printHeaderCss } from '../../src/lib/ui/print-header';

/** Reads a CSS string literal back, as a CSS tokenizer would (quotes, backslash, hex escapes). */
function readCssString(literal: string): string {
	expect(literal.startsWith('"') && literal.endsWith('"')).toBe(true);
	const body = literal.slice(1, -1);
	let out = '';
	for (let i = 0; i < body.length; i++) {
		const char = body[i]!;
		if (char === '"' || char === '\n') throw new Error(`unescaped ${JSON.stringify(char)} at ${i}`);
		if (char !== '\\') {
			out += char;
			continue;
		}
		const hex = /^[0-9a-f]{1,6} ?/iu.exec(body.slice(i + 1));
		if (hex) {
			out += String.fromCodePoint(parseInt(hex[0], 16));
			i += hex[0].length;
		} else {
			out += body[++i];
		}
	}
	return out;
}

describe('print header', () => {
	it('writes any name as one CSS string that reads back as itself', () => {
		for (const name of [
			'李雷',
			'O"Brien',
			'back\\slash',
			'line\nbreak',
			'"; } body { display: none } @page { x: "',
			'</style><script>alert(1)</script>'
		]) {
			expect(readCssString(cssString(name))).toBe(name);
		}
	});

	it('puts what, whose and how confidential at the top of every page, page numbers at the foot', () => {
		const css = printHeaderCss({
			left: '360° report for O"Brien',
			right: 'Confidential'
		});
		expect(css).toContain('@top-left { content: "360° report for O\\"Brien";');
		expect(css).toContain('@top-right { content: "Confidential";');
		expect(css).toContain('@bottom-right { content: counter(page) " / " counter(pages);');
		// Exactly one rule: nothing in a text closed it early.
		expect(css.match(/^@page/gmu)).toHaveLength(1);
	});
});
