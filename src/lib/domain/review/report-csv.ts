/**
 * A report's aggregates as CSV rows: one row per competency and item for each shown unit, with
 * the counts and means the report itself shows — never a single answer, and nothing for a unit
 * the anonymity rules hid. Comments are left out: they are text, not aggregates.
 */
import type { ReportUnit } from './anonymity.ts';
import type { SubjectReport } from './report.ts';
import type { ScoreStats } from './stats.ts';

/** What a row aggregates. */
export type CsvLevel = 'competency' | 'item' | 'total';

/** Column headings and names in the reader's language. */
export interface CsvLabels {
	header: readonly string[];
	/** The Level column's word for a row of a competency, an item or the total. */
	level(level: CsvLevel): string;
	unit(unit: ReportUnit | 'all-but-self'): string;
	competency(id: string): string;
	item(id: string): string;
}

const round = (value: number | undefined) => (value === undefined ? '' : value.toFixed(2));

function row(level: string, name: string, unit: string, stats: ScoreStats): Array<string | number> {
	return [
		level,
		name,
		unit,
		stats.n,
		round(stats.mean),
		round(stats.trimmedMean),
		round(stats.score),
		...stats.distribution.counts,
		stats.distribution.notObserved
	];
}

/**
 * Rows: the header, then per competency its cells and its items' cells, then the total. Columns:
 * level, name, unit, n, mean, trimmed mean, score, count of 1…5, not observed.
 */
export function reportCsvRows(
	report: SubjectReport,
	labels: CsvLabels
): Array<Array<string | number>> {
	const rows: Array<Array<string | number>> = [[...labels.header]];
	for (const competency of report.competencies) {
		const name = labels.competency(competency.competency);
		for (const unit of report.units) {
			const stats = competency.byUnit[unit.unit];
			if (stats) rows.push(row(labels.level('competency'), name, labels.unit(unit.unit), stats));
		}
		if (competency.allButSelf) {
			rows.push(
				row(labels.level('competency'), name, labels.unit('all-but-self'), competency.allButSelf)
			);
		}
		for (const item of report.items.filter((i) => i.competency === competency.competency)) {
			for (const unit of report.units) {
				const stats = item.byUnit[unit.unit];
				if (stats)
					rows.push(
						row(labels.level('item'), labels.item(item.item), labels.unit(unit.unit), stats)
					);
			}
		}
	}
	if (report.total) {
		rows.push([labels.level('total'), '', '', report.raters, '', '', round(report.total.score)]);
	}
	return rows;
}
