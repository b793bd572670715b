/**
 * How wide a label will be, estimated before anything is drawn: layouts are pure functions with no
 * DOM to measure in, and a label that runs past its box is clipped by the SVG ("anagement
 * communication"). Over-estimates a little on purpose: room to spare reads better than a cut.
 */

/** Han, kana, Hangul, full-width forms and CJK punctuation: one em each. */
const WIDE =
	/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;
const NARROW = /[ilj.,:;'!|()[\]\s]/u;

/** Estimated width of `text` set at `fontSize` px in the UI's sans-serif. */
export function estimateTextWidth(text: string, fontSize: number): number {
	let em = 0;
	for (const char of text) {
		if (WIDE.test(char)) em += 1;
		else if (NARROW.test(char)) em += 0.32;
		else if (char >= 'A' && char <= 'Z') em += 0.7;
		else em += 0.58;
	}
	return Math.ceil(em * fontSize);
}

/** The widest of `texts` at `fontSize`; 0 for none. */
export function widestText(texts: Iterable<string>, fontSize: number): number {
	let widest = 0;
	for (const text of texts) widest = Math.max(widest, estimateTextWidth(text, fontSize));
	return widest;
}
