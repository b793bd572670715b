/**
 * The bookings worker: decodes each import's block once, and builds reports and alerts off the
 * main thread, so a yearly report over 100,000 bookings never freezes the page. An import's file
 * is read, checked (again on each change of column mapping), deduplicated and encoded here too.
 */
/// <reference lib="webworker" />
import { spendAlerts } from '../domain/bookings/alerts';
import { loadAirportIndex, type AirportIndex } from '../domain/bookings/airports';
import { freshBookings, readExportFile, type ExportFile } from '../domain/bookings/export-file';
import { periodKey, periodOf } from '../domain/bookings/periods';
import { travelReport } from '../domain/bookings/report';
import { checkRows, type Booking, type RowCheck } from '../domain/bookings/rows';
import { decodeBookings, encodeBookings } from '../model/booking-blocks';
import type { PlaceLabels, WorkerRequest, WorkerResponse } from './bookings-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const blocks = new Map<string, Booking[]>();
let airports: Promise<AirportIndex> | undefined;
/** The file being imported, and its last check: one import at a time per open account. */
let file: { read: ExportFile; check: RowCheck | undefined } | undefined;

/** Problems sent to the page: enough to act on, not a 100,000-item list. */
const SHOWN_PROBLEMS = 200;
const PREVIEW_ROWS = 5;

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
			let read: ExportFile;
			try {
				read = await readExportFile(new Uint8Array(message.bytes));
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
			file = { read, check: undefined };
			post({
				type: 'opened',
				id: message.id,
				file: {
					header: read.header,
					headerLine: read.headerLine,
					rows: read.records.length,
					encoding: read.encoding
				}
			});
			return;
		}
		case 'check-file': {
			if (!file) return postNoFile(message.id);
			const index = await (airports ??= loadAirportIndex());
			const check = checkRows(file.read.records, message.mapping, index.resolve);
			file.check = check;
			post({
				type: 'checked',
				id: message.id,
				check: {
					valid: check.bookings.length,
					problemCount: check.problems.length,
					problems: check.problems.slice(0, SHOWN_PROBLEMS),
					preview: check.bookings.slice(0, PREVIEW_ROWS)
				}
			});
			return;
		}
		case 'take-file': {
			if (!file?.check) return postNoFile(message.id);
			const { fresh, duplicates } = freshBookings(allBookings(), file.check.bookings);
			const block = fresh.length ? encodeBookings(fresh) : undefined;
			file = undefined;
			const response: WorkerResponse = {
				type: 'taken',
				id: message.id,
				taken: { block, added: fresh.length, duplicates }
			};
			if (block) scope.postMessage(response, [block.buffer]);
			else post(response);
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
