/** An account's structure-tree node: the fields people edit, and how input is checked. */

export const NodeKind = { group: 'group', subsidiary: 'subsidiary', branch: 'branch' } as const;
export type NodeKind = (typeof NodeKind)[keyof typeof NodeKind];

export const AgreementType = {
	global: 'global',
	national: 'national',
	regional: 'regional'
} as const;
export type AgreementType = (typeof AgreementType)[keyof typeof AgreementType];

/**
 * Where an agreement stands: being negotiated (a blank "Add agreement" starts here), signed, or
 * terminated before its end date. Only a signed agreement within its dates is in force.
 */
export const AgreementStatus = {
	negotiating: 'negotiating',
	signed: 'signed',
	terminated: 'terminated'
} as const;
export type AgreementStatus = (typeof AgreementStatus)[keyof typeof AgreementStatus];

export interface Agreement {
	id: string;
	/** Its scope: the whole group worldwide, one country, or one region. */
	type: AgreementType;
	status: AgreementStatus;
	number: string;
	/** ISO dates (YYYY-MM-DD), empty when unknown. */
	start: string;
	end: string;
	terms: string;
}

export const Influence = { decides: 'decides', influences: 'influences', uses: 'uses' } as const;
export type Influence = (typeof Influence)[keyof typeof Influence];

export interface Contact {
	id: string;
	name: string;
	title: string;
	influence: Influence;
}

export interface AccountNode {
	id: string;
	name: string;
	kind: NodeKind;
	region: string;
	headcount: number;
	/** Annual air-travel spend in CNY (总采购量). */
	spend: number;
	/** Of which with us, in CNY (我方采购量). */
	ours: number;
	agreements: Agreement[];
	contacts: Contact[];
	/** A virtual-team member's id, or empty. */
	owner: string;
}

export function isNodeKind(value: unknown): value is NodeKind {
	return value === 'group' || value === 'subsidiary' || value === 'branch';
}

export function isAgreementType(value: unknown): value is AgreementType {
	return value === 'global' || value === 'national' || value === 'regional';
}

export function isAgreementStatus(value: unknown): value is AgreementStatus {
	return value === 'negotiating' || value === 'signed' || value === 'terminated';
}

/** Today as an ISO date (YYYY-MM-DD) in local time, the form agreement dates are typed in. */
export function isoToday(now = new Date()): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * In force on `today` (ISO date): signed, started (or no start date) and not ended (or no end
 * date). ISO dates compare as strings.
 */
export function isInForce(
	agreement: Pick<Agreement, 'status' | 'start' | 'end'>,
	today: string
): boolean {
	if (agreement.status !== 'signed') return false;
	if (agreement.start !== '' && agreement.start > today) return false;
	return agreement.end === '' || agreement.end >= today;
}

/** Days from `today` to an in-force agreement's end, when it ends within `withinDays`. */
export function daysToExpiry(
	agreement: Pick<Agreement, 'status' | 'start' | 'end'>,
	today: string,
	withinDays = 90
): number | undefined {
	if (!isInForce(agreement, today) || agreement.end === '') return undefined;
	const days = Math.round((Date.parse(agreement.end) - Date.parse(today)) / 86_400_000);
	return days <= withinDays ? days : undefined;
}

/** Why an amount typed by a person was refused; the UI translates it. */
export type AmountProblem = 'not-a-number' | 'negative' | 'too-large';

/** Largest amount accepted: a trillion yuan is beyond any travel budget; above it is a typo. */
export const MAX_AMOUNT = 1e12;

/**
 * Reads an amount typed in either language: digits with optional thousands separators (`,` `，`
 * or spaces), an optional `¥`, and the Chinese units 万 (10⁴) and 亿 (10⁸) or k / M. Full-width
 * digits, as a Chinese input method in full-width mode types them, count as digits.
 */
export function parseAmount(text: string): { value: number } | { problem: AmountProblem } {
	const cleaned = text
		.replace(/[０-９．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
		.trim()
		.replace(/^(CN)?[¥￥]/i, '')
		.replace(/[,，\s]/g, '');
	const match = /^(-?\d+(?:\.\d+)?)(万|亿|k|K|m|M)?$/.exec(cleaned);
	if (!match) return { problem: 'not-a-number' };
	const unit = { 万: 1e4, 亿: 1e8, k: 1e3, K: 1e3, m: 1e6, M: 1e6 }[match[2] ?? ''] ?? 1;
	const value = Number(match[1]) * unit;
	if (!Number.isFinite(value)) return { problem: 'not-a-number' };
	if (value < 0) return { problem: 'negative' };
	if (value > MAX_AMOUNT) return { problem: 'too-large' };
	return { value: Math.round(value * 100) / 100 };
}

/** Reads a headcount: a whole, non-negative number. */
export function parseCount(text: string): { value: number } | { problem: AmountProblem } {
	const parsed = parseAmount(text);
	if ('problem' in parsed) return parsed;
	if (!Number.isInteger(parsed.value)) return { problem: 'not-a-number' };
	return parsed;
}

/** Problems a node's numbers show that do not stop an edit but must be visible on the node. */
export function nodeWarnings(node: Pick<AccountNode, 'spend' | 'ours'>): Array<'ours-above-total'> {
	return node.ours > node.spend ? ['ours-above-total'] : [];
}
