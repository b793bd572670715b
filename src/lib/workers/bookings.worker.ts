/**
 * The bookings worker: decodes each import's block once, and builds reports and alerts off the
 * main thread, so a yearly report over 100,000 bookings never freezes the page. An import's file
 * is read, checked (again on each change of column mapping), deduplicated and encoded here too.
 */
/// <reference lib="webworker" />
import { spendAlerts } from '../domain/bookings/alerts';
import { loadAirportIndex, type AirportIndex } from '../domain/bookings/airports';
import type { CsvRecord } from '../domain/bookings/csv';
import { readExportRows, withHeader, type ExportFile } from '../domain/bookings/export-file';
import { nodeActuals } from '../domain/bookings/node-actuals';
import { periodKey, periodOf } from '../domain/bookings/periods';
import { travelReport } from '../domain/bookings/report';
import { checkRows, isRefund, type Booking, type RowCheck } from '../domain/bookings/rows';
import {
	planImport,
	resolveImport,
	type ImportPlan,
	type StoredAt
} from '../domain/bookings/ticket-conflicts';
import { decodeBookings, encodeBookings } from '../model/booking-blocks';
import type {
	HeadRow,
	OpenedFile,
	PlaceLabels,
	RewrittenImport,
	WorkerRequest,
	WorkerResponse
} from './bookings-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const blocks = new Map<string, Booking[]>();
let airports: Promise<AirportIndex> | undefined;
/**
 * The file being imported (every row as read, and split at the chosen header row) and its last
 * check against the account: one import at a time per open account.
 */
let file:
	| {
			rows: CsvRecord[];
			read: ExportFile;
			check: RowCheck | undefined;
			plan: ImportPlan | undefined;
	  }
	| undefined;

/** Problems and conflicts sent to the page: enough to act on, not a 100,000-item list. */
const SHOWN_PROBLEMS = 200;
const SHOWN_CONFLICTS = 200;
const PREVIEW_ROWS = 5;
/** Rows offered as the header: title rows sit in the first few. */
const HEAD_ROWS = 12;
const HEAD_CELLS = 8;
const HEAD_CELL_CHARS = 40;

function* storedBookings(): Generator<[StoredAt, Booking]> {
	for (const [importId, bookings] of blocks) {
		for (let index = 0; index < bookings.length; index++) {
			yield [{ importId, index }, bookings[index]!];
		}
	}
}

function openedFile(rows: CsvRecord[], read: ExportFile): OpenedFile {
	const headRows: HeadRow[] = rows.slice(0, HEAD_ROWS).map((row) => ({
		line: row.line,
		cells: row.fields.slice(0, HEAD_CELLS).map((cell) => cell.slice(0, HEAD_CELL_CHARS))
	}));
	return {
		header: read.header,
		headerIndex: Math.max(
			0,
			rows.findIndex((row) => row.line === read.headerLine)
		),
		headRows,
		headerLine: read.headerLine,
		rows: read.records.length,
		encoding: read.encoding
	};
}

/** The blocks that lose the bookings `remove` names, encoded again. */
function rewriteBlocks(remove: readonly StoredAt[]): RewrittenImport[] {
	const byImport = new Map<string, Set<number>>();
	for (const at of remove) {
		let indices = byImport.get(at.importId);
		if (!indices) byImport.set(at.importId, (indices = new Set()));
		indices.add(at.index);
	}
	return [...byImport].map(([importId, indices]) => {
		const left = (blocks.get(importId) ?? []).filter((_, index) => !indices.has(index));
		return { importId, block: left.length ? encodeBookings(left) : undefined, rows: left.length };
	});
}

function* allBookings(): Generator<Booking> {
	for (const bookings of blocks.values()) yield* bookings;
}

const post = (message: WorkerResponse) => scope.postMessage(message);

/** Counts per month from counts per day: a few hundred days to turn into dates, not 100,000. */
function monthCounts(byDay: ReadonlyMap<number, number>): Record<string, number> {
	const months: Record<string, number> = {};
	for (const [day, count] of byDay) {
		const key = periodKey(periodOf(day, 'month'));
		months[key] = (months[key] ?? 0) + count;
	}
	return months;
}

function postExtent(): void {
	let count = 0;
	let firstDay = Infinity;
	let lastDay = -Infinity;
	const departmentTotals: Record<string, { count: number; spend: number }> = {};
	const byDay = new Map<number, number>();
	for (const booking of allBookings()) {
		count++;
		byDay.set(booking.day, (byDay.get(booking.day) ?? 0) + 1);
		if (booking.department) {
			const totals = (departmentTotals[booking.department] ??= { count: 0, spend: 0 });
			totals.count++;
			totals.spend += booking.fare;
		}
		if (booking.day < firstDay) firstDay = booking.day;
		if (booking.day > lastDay) lastDay = booking.day;
	}
	post({
		type: 'extent',
		extent: {
			count,
			firstDay: count ? firstDay : undefined,
			lastDay: count ? lastDay : undefined,
			departments: Object.keys(departmentTotals).sort(),
			departmentTotals,
			months: monthCounts(byDay)
		}
	});
}

async function handle(message: WorkerRequest): Promise<void> {
	switch (message.type) {
		case 'blocks': {
			for (const id of message.remove) blocks.delete(id);
			for (const [id, block] of message.set) blocks.set(id, decodeBookings(block));
			postExtent();
			return;
		}
		case 'report': {
			const index = await (airports ??= loadAirportIndex());
			const report = travelReport(allBookings(), message.query, index);
			const labels: PlaceLabels = {};
			const label = (code: string) =>
				(labels[code] ??= { zh: index.cityLabel(code, 'zh'), en: index.cityLabel(code, 'en') });
			for (const route of report.routes) for (const code of route.key.split('-')) label(code);
			for (const destination of report.destinations) label(destination.city);
			post({ type: 'report', id: message.id, report, labels });
			return;
		}
		case 'open-file': {
			let rows: CsvRecord[];
			let encoding: string;
			try {
				({ rows, encoding } = await readExportRows(new Uint8Array(message.bytes)));
			} catch (error) {
				// The workbook reader is loaded with workbooks only: recognise its error by its reason.
				if ((error as { reason?: unknown }).reason !== 'unreadable-workbook') throw error;
				post({
					type: 'error',
					id: message.id,
					message: String(error),
					reason: 'unreadable-workbook'
				});
				return;
			}
			const read = withHeader(rows, encoding);
			file = { rows, read, check: undefined, plan: undefined };
			post({ type: 'opened', id: message.id, file: openedFile(rows, read) });
			return;
		}
		case 'header-row': {
			if (!file) return postNoFile(message.id);
			const index = Math.min(Math.max(0, message.headerIndex), file.rows.length - 1);
			const read = withHeader(file.rows, file.read.encoding, index);
			file = { rows: file.rows, read, check: undefined, plan: undefined };
			post({ type: 'opened', id: message.id, file: openedFile(file.rows, read) });
			return;
		}
		case 'check-file': {
			if (!file) return postNoFile(message.id);
			const index = await (airports ??= loadAirportIndex());
			const check = checkRows(file.read.records, message.mapping, index.resolve);
			const plan = planImport(storedBookings(), check.bookings);
			file.check = check;
			file.plan = plan;
			post({
				type: 'checked',
				id: message.id,
				check: {
					valid: check.bookings.length,
					problemCount: check.problems.length,
					problems: check.problems.slice(0, SHOWN_PROBLEMS),
					preview: check.bookings.slice(0, PREVIEW_ROWS),
					refunds: check.bookings.filter(isRefund).length,
					duplicates: plan.duplicates,
					conflictCount: plan.conflicts.length,
					conflicts: plan.conflicts.slice(0, SHOWN_CONFLICTS)
				}
			});
			return;
		}
		case 'take-file': {
			if (!file?.check) return postNoFile(message.id);
			// Planned again: the account may have changed since the check (another person's import).
			const plan = planImport(storedBookings(), file.check.bookings);
			const resolved = resolveImport(
				plan,
				new Map(message.choices.byLine),
				message.choices.fallback
			);
			const block = resolved.add.length ? encodeBookings(resolved.add) : undefined;
			const rewritten = rewriteBlocks(resolved.remove);
			file = undefined;
			const response: WorkerResponse = {
				type: 'taken',
				id: message.id,
				taken: {
					block,
					added: resolved.add.length,
					duplicates: plan.duplicates,
					replaced: resolved.replaced,
					exchanges: resolved.exchanges,
					kept: resolved.kept,
					rewritten
				}
			};
			const transfer = [block, ...rewritten.map((item) => item.block)]
				.filter((bytes) => bytes !== undefined)
				.map((bytes) => bytes.buffer);
			scope.postMessage(response, transfer);
			return;
		}
		case 'actuals': {
			post({ type: 'actuals', id: message.id, actuals: nodeActuals(allBookings(), message.query) });
			return;
		}
		case 'alerts': {
			const { departments, period, threshold } = message.query;
			post({
				type: 'alerts',
				id: message.id,
				alerts: spendAlerts(allBookings(), departments, period, threshold)
			});
			return;
		}
	}
}

function postNoFile(id: number): void {
	post({ type: 'error', id, message: 'no file opened', reason: 'no-file' });
}

// One message at a time, in order: a report never reads half-replaced blocks.
let queue = Promise.resolve();
scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
	const message = event.data;
	queue = queue.then(() =>
		handle(message).catch((error: unknown) => {
			post({
				type: 'error',
				id: 'id' in message ? message.id : -1,
				message: error instanceof Error ? error.message : String(error)
			});
		})
	);
};
