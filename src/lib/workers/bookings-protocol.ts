/**
 * Messages between the page and the bookings worker. The page sends each import's binary block
 * once (and which were removed); the worker keeps them decoded and answers queries, so the page
 * never decodes 100,000 bookings or loads the airport table itself.
 */
import type { SpendAlert } from '../domain/bookings/alerts';
import type { Period } from '../domain/bookings/periods';
import type { ReportQuery, TravelReport } from '../domain/bookings/report';

/** A place's name in each language: city codes in reports are labelled by the worker. */
export type PlaceLabels = Record<string, { zh: string; en: string }>;

export interface AlertQuery {
	departments: ReportQuery['departments'];
	period: Period;
	threshold: number;
}

export type WorkerRequest =
	| { type: 'blocks'; set: Array<[id: string, block: Uint8Array]>; remove: string[] }
	| { type: 'report'; id: number; query: ReportQuery }
	| { type: 'alerts'; id: number; query: AlertQuery };

/** What the bookings hold overall; sent after every change of blocks. */
export interface BookingsExtent {
	count: number;
	/** Days since the epoch; undefined without bookings. */
	firstDay: number | undefined;
	lastDay: number | undefined;
	/** Distinct department or branch names, for attaching them to the tree. */
	departments: string[];
	/** Bookings per month (`2026-03` → count): which periods a report can be asked for. */
	months: Record<string, number>;
}

export type WorkerResponse =
	| { type: 'extent'; extent: BookingsExtent }
	| { type: 'report'; id: number; report: TravelReport; labels: PlaceLabels }
	| { type: 'alerts'; id: number; alerts: SpendAlert[] }
	| { type: 'error'; id: number; message: string };
