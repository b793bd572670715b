/**
 * Matching the department or branch names in a travel agency's export to the account's structure
 * tree. Exports spell units their own way: 上海分公司 for a node named 上海分公司, ＳＨＡＮＧＨＡＩ in
 * full-width letters, 华东子公司 for 华东有限公司, 南京 for 南京分公司. A match is proposed with how sure
 * it is, and only when one node stands out: a name that fits two nodes equally is left to a person.
 */

/** How a department was matched, surest first. */
export type MatchConfidence = 'exact' | 'normalised' | 'close';

export interface DepartmentMatch {
	node: string;
	confidence: MatchConfidence;
	/** 1 for exact, down to {@link CLOSE_ENOUGH} for close names. */
	score: number;
}

export interface NamedUnit {
	id: string;
	name: string;
}

/** Bigram similarity at or above which a close name is proposed. */
export const CLOSE_ENOUGH = 0.6;

/** Legal-form and unit-type endings, longest first, that say nothing about which unit it is. */
const UNIT_SUFFIXES = [
	'股份有限公司',
	'有限责任公司',
	'有限公司',
	'分公司',
	'子公司',
	'办事处',
	'营业部',
	'公司',
	'集团',
	'分部',
	'总部'
];

/**
 * The part of a unit's name that identifies it: full-width forms folded (NFKC), spaces and
 * punctuation dropped, Latin letters lower-cased, and legal-form or unit-type endings removed.
 */
export function normaliseUnitName(name: string): string {
	let folded = name
		.normalize('NFKC')
		.toLowerCase()
		.replace(/[\s\p{P}\p{S}]/gu, '');
	for (let changed = true; changed;) {
		changed = false;
		for (const suffix of UNIT_SUFFIXES) {
			// Keep at least two characters: 分公司 alone stays a name, not 分.
			if (folded.length >= suffix.length + 2 && folded.endsWith(suffix)) {
				folded = folded.slice(0, -suffix.length);
				changed = true;
			}
		}
	}
	return folded;
}

function bigrams(text: string): string[] {
	if (text.length < 2) return [text];
	const grams: string[] = [];
	for (let i = 0; i < text.length - 1; i++) grams.push(text.slice(i, i + 2));
	return grams;
}

/** Dice coefficient over character bigrams: 1 for equal strings, 0 for nothing in common. */
export function similarity(a: string, b: string): number {
	if (a === b) return 1;
	if (a === '' || b === '') return 0;
	const left = bigrams(a);
	const right = new Map<string, number>();
	for (const gram of bigrams(b)) right.set(gram, (right.get(gram) ?? 0) + 1);
	let shared = 0;
	for (const gram of left) {
		const count = right.get(gram) ?? 0;
		if (count > 0) {
			shared++;
			right.set(gram, count - 1);
		}
	}
	return (2 * shared) / (left.length + bigrams(b).length);
}

/** How well a short name (南京) fits inside a longer one (华远炼化南京): the share it covers. */
function containment(a: string, b: string): number {
	const [short, long] = a.length <= b.length ? [a, b] : [b, a];
	if (short.length < 2 || !long.includes(short)) return 0;
	return short.length / long.length;
}

/** The one candidate that stands out, or undefined when none does or two tie. */
function single<T>(candidates: T[]): T | undefined {
	return candidates.length === 1 ? candidates[0] : undefined;
}

/** Proposes a node for `department` among `units`, or undefined when none is clear. */
export function matchDepartment(
	department: string,
	units: readonly NamedUnit[]
): DepartmentMatch | undefined {
	const trimmed = department.trim();
	const exact = single(units.filter((unit) => unit.name.trim() === trimmed));
	if (exact) return { node: exact.id, confidence: 'exact', score: 1 };

	const key = normaliseUnitName(department);
	if (key === '') return undefined;
	const keys = units.map((unit) => ({ unit, key: normaliseUnitName(unit.name) }));
	const normalised = single(keys.filter((entry) => entry.key === key));
	if (normalised) return { node: normalised.unit.id, confidence: 'normalised', score: 0.9 };

	const scored = keys
		.map(({ unit, key: other }) => ({
			unit,
			score: Math.max(similarity(key, other), containment(key, other))
		}))
		.filter((entry) => entry.score >= CLOSE_ENOUGH)
		.sort((a, b) => b.score - a.score);
	const [best, next] = scored;
	if (!best || (next && next.score === best.score)) return undefined;
	return { node: best.unit.id, confidence: 'close', score: Math.min(best.score, 0.89) };
}

/** Proposals for every department that has one, by department name. */
export function matchDepartments(
	departments: readonly string[],
	units: readonly NamedUnit[]
): Map<string, DepartmentMatch> {
	const matches = new Map<string, DepartmentMatch>();
	for (const department of departments) {
		const match = matchDepartment(department, units);
		if (match) matches.set(department, match);
	}
	return matches;
}
