/**
 * Layout checks run in the page: nothing in the given areas is wider than its box, spills out of
 * its area, or breaks a number across lines ("−" alone on one line, "CN¥417.6" on the next).
 * Scrolling boxes (a wide table in `.table-scroll`) and cut text with an ellipsis are meant.
 */
import type { Page } from '@playwright/test';

export interface LayoutProblem {
	area: string;
	what: string;
	element: string;
}

/** Problems found inside each element matching one of `areas` (CSS selectors). */
export function layoutProblems(page: Page, areas: string[]): Promise<LayoutProblem[]> {
	return page.evaluate((selectors) => {
		const problems: { area: string; what: string; element: string }[] = [];
		const describe = (element: Element) => {
			const text = (element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
			const name = element.tagName.toLowerCase();
			const cls = element.classList.length ? `.${[...element.classList].join('.')}` : '';
			return `${name}${cls} “${text}”`;
		};
		const scrolls = (element: Element) => {
			const style = getComputedStyle(element);
			return ['auto', 'scroll'].includes(style.overflowX);
		};
		const insideScroller = (element: Element, area: Element) => {
			for (let at = element.parentElement; at && at !== area; at = at.parentElement) {
				if (scrolls(at)) return true;
			}
			return false;
		};
		const NUMBER = /^[−+-]?\s?(CN)?[¥$€]?\s?[−-]?[\d.,]+\s?(万|亿|K|M|B|%|pts|个百分点)?$/;
		for (const selector of selectors) {
			for (const area of document.querySelectorAll(selector)) {
				const box = area.getBoundingClientRect();
				if (box.width === 0) continue;
				for (const element of area.querySelectorAll('*')) {
					const style = getComputedStyle(element);
					if (style.display === 'none' || style.visibility === 'hidden') continue;
					if (element.closest('svg') || insideScroller(element, area)) continue;
					const rect = element.getBoundingClientRect();
					if (rect.width === 0 && rect.height === 0) continue;
					if (element.closest('.visually-hidden')) continue;
					// Content wider than its own box (and not meant to scroll or to be cut).
					const cut = style.textOverflow === 'ellipsis' || scrolls(element);
					if (!cut && style.display !== 'inline' && element.scrollWidth > element.clientWidth + 1) {
						if (element.clientWidth > 0 && !['select', 'input'].includes(element.localName)) {
							problems.push({
								area: selector,
								what: 'wider than its box',
								element: describe(element)
							});
						}
					}
					// Out of its area.
					if (rect.left < box.left - 1 || rect.right > box.right + 1) {
						problems.push({
							area: selector,
							what: 'spills out of its area',
							element: describe(element)
						});
					}
				}
				// Numbers broken across lines.
				const walker = document.createTreeWalker(area, NodeFilter.SHOW_TEXT);
				for (let node = walker.nextNode(); node; node = walker.nextNode()) {
					const text = (node.textContent ?? '').trim();
					if (!text || text.length > 24 || !NUMBER.test(text)) continue;
					if (node.parentElement && insideScroller(node.parentElement, area)) continue;
					const range = document.createRange();
					range.selectNodeContents(node);
					const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
					if (tops.size > 1) {
						problems.push({ area: selector, what: 'number broken across lines', element: text });
					}
				}
			}
		}
		return problems;
	}, areas);
}
