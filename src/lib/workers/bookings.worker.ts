/**
 * The bookings worker: decodes each import's block once, and builds reports and alerts off the
 * main thread, so a yearly report over 100,000 bookings never freezes the page.
 */
/// <reference lib="webworker" />
import { spendAlerts } from '../domain/bookings/alerts';
import { loadAirportIndex, type AirportIndex } from '../domain/bookings/airports';
import { travelReport } from '../domain/bookings/report';
import { periodKey, periodOf } from '../domain/bookings/periods';
import type { Booking } from '../domain/bookings/rows';
import { decodeBookings } from '../model/booking-blocks';
import type { PlaceLabels, WorkerRequest, WorkerResponse } from './bookings-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const blocks = new Map<string, Booking[]>();
let airports: Promise<AirportIndex> | undefined;

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
	const departments = new Set<string>();
	const byDay = new Map<number, number>();
	for (const booking of allBookings()) {
		count++;
		byDay.set(booking.day, (byDay.get(booking.day) ?? 0) + 1);
		if (booking.department) departments.add(booking.department);
		if (booking.day < firstDay) firstDay = booking.day;
		if (booking.day > lastDay) lastDay = booking.day;
	}
	post({
		type: 'extent',
		extent: {
			count,
			firstDay: count ? firstDay : undefined,
			lastDay: count ? lastDay : undefined,
			departments: [...departments].sort(),
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
