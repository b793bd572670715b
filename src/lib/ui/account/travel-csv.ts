/**
 * The travel tables as CSV, one writer for the routes tab and the report: the same columns
 * whichever tab exports them, raw numbers (no currency signs or grouping) for a spreadsheet.
 */
import { formatCsv } from '$lib/domain/bookings/csv';
import type { CabinLine, ReportRoute } from '$lib/domain/bookings/report';
import { m } from '$lib/paraglide/messages';
import { downloadBytes } from '../download';
import { cabinName } from './travel-text';

export type CsvRows = Array<Array<string | number>>;

/** Downloads `rows` as `{name}-{period}.csv`, UTF-8. */
export function downloadCsv(name: string, period: string, rows: CsvRows): void {
	downloadBytes(
		new TextEncoder().encode(formatCsv(rows)),
		`${name}-${period}.csv`,
		'text/csv;charset=utf-8'
	);
}

/** Every route with its figures; the first `paretoCount` are marked as the 80% set. */
export function routesCsv(
	routes: readonly ReportRoute[],
	paretoCount: number,
	name: (key: string) => string
): CsvRows {
	return [
		[
			m.route_col(),
			m.route_trips(),
			m.route_spend(),
			m.route_share(),
			m.route_km(),
			m.route_per_km(),
			m.route_vs_average(),
			m.route_saved(),
			m.route_pareto()
		],
		...routes.map((route, index) => [
			name(route.key),
			route.trips,
			route.spend.toFixed(2),
			route.share.toFixed(4),
			route.km === undefined ? '' : Math.round(route.km),
			route.pricePerKm?.toFixed(4) ?? '',
			route.vsAverage?.toFixed(4) ?? '',
			route.saved?.toFixed(2) ?? '',
			index < paretoCount ? 1 : 0
		])
	];
}

/** Each cabin against the benchmark. */
export function cabinsCsv(lines: readonly CabinLine[]): CsvRows {
	return [
		[
			m.field_cabin(),
			m.kpi_trips(),
			m.kpi_spend(),
			m.route_per_km(),
			m.cabin_benchmark_per_km(),
			m.route_saved()
		],
		...lines.map((line) => [
			cabinName(line.cabin),
			line.trips,
			line.spend.toFixed(2),
			line.pricePerKm?.toFixed(4) ?? '',
			line.benchmark ?? '',
			line.saved.toFixed(2)
		])
	];
}
