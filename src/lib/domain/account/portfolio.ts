/**
 * A portfolio of accounts (客户组合): one row per account with what a key-account lead scans
 * first — tier, actual spend and share with their trend, open alerts, checklist completeness,
 * overdue actions and owner — sortable and exportable. Pure: rows come from `model/`.
 */
import type { Basis } from './actuals';

export interface PortfolioRow {
	id: string;
	title: string;
	tier: number;
	/** What tier, spend and share were read from (see `actuals`). */
	basis: Basis;
	/** CNY over the last twelve months of bookings, or the typed estimates without bookings. */
	spend: number;
	/** Share of wallet 0..1; undefined without spend. */
	share: number | undefined;
	/**
	 * Spend of the last full quarter of bookings against the quarter before, as a ratio less one
	 * (0.1 = 10% more); undefined without both.
	 */
	spendTrend: number | undefined;
	/** Share points gained (0.02 = two points) over the same quarters. */
	shareTrend: number | undefined;
	/** Spend alerts whose action is not done. */
	openAlerts: number;
	/** Checklist fields filled, of all. */
	checklistDone: number;
	checklistTotal: number;
	overdueActions: number;
	/** The owner's name (the top unit's owner, else the HQ key-account manager); empty if none. */
	owner: string;
}

export const PORTFOLIO_COLUMNS = [
	'title',
	'tier',
	'spend',
	'share',
	'spendTrend',
	'openAlerts',
	'checklist',
	'overdueActions',
	'owner'
] as const;
export type PortfolioColumn = (typeof PORTFOLIO_COLUMNS)[number];

function sortValue(row: PortfolioRow, column: PortfolioColumn): number | string | undefined {
	switch (column) {
		case 'checklist':
			return row.checklistTotal ? row.checklistDone / row.checklistTotal : 0;
		case 'title':
		case 'owner':
			return row[column];
		default:
			return row[column];
	}
}

/**
 * Rows ordered by `column`; missing values (no trend, no share) always last, ties by title so
 * the order is stable.
 */
export function sortPortfolio(
	rows: readonly PortfolioRow[],
	column: PortfolioColumn,
	direction: 'ascending' | 'descending',
	locale = 'zh-CN'
): PortfolioRow[] {
	const sign = direction === 'ascending' ? 1 : -1;
	const collator = new Intl.Collator(locale);
	return [...rows].sort((a, b) => {
		const x = sortValue(a, column);
		const y = sortValue(b, column);
		if (x === undefined || y === undefined) {
			if (x !== y) return x === undefined ? 1 : -1;
		} else if (x !== y) {
			const order = typeof x === 'string' ? collator.compare(x, String(y)) : x - (y as number);
			if (order !== 0) return sign * order;
		}
		return collator.compare(a.title, b.title);
	});
}

/** Rows whose title or owner contains `query` (case and width folded). */
export function filterPortfolio(rows: readonly PortfolioRow[], query: string): PortfolioRow[] {
	const fold = (text: string) => text.normalize('NFKC').toLocaleLowerCase();
	const wanted = fold(query.trim());
	if (!wanted) return [...rows];
	return rows.filter((row) => fold(row.title).includes(wanted) || fold(row.owner).includes(wanted));
}
