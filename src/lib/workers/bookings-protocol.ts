/**
 * Messages between the page and the bookings worker. The page sends each import's binary block
 * once (and which were removed); the worker keeps them decoded and answers queries, so the page
 * never decodes 100,000 bookings or loads the airport table itself.
 */
import type { SpendAlert } from '../domain/bookings/alerts';
import type { ColumnMapping } from '../domain/bookings/columns';
import type { Period } from '../domain/bookings/periods';
import type { ReportQuery, TravelReport } from '../domain/bookings/report';
import type { Booking, RowProblem } from '../domain/bookings/rows';

/** A place's name in each language: city codes in reports are labelled by the worker. */
export type PlaceLabels = Record<string, { zh: string; en: string }>;

export interface AlertQuery {
	departments: ReportQuery['departments'];
	period: Period;
	threshold: number;
}

/** A file opened for import: what the column mapping is chosen from. */
export interface OpenedFile {
	header: string[];
	/** The file's line (or sheet row) the header was found on, title rows above it skipped. */
	headerLine: number;
	/** Records after the header. */
	rows: number;
	/** `utf-8`, `utf-8-bom`, `gb18030` or `xlsx`. */
	encoding: string;
}

/** The opened file checked under a mapping: counts, the first problems, the first good rows. */
export interface FileCheck {
	valid: number;
	problemCount: number;
	problems: RowProblem[];
	preview: Array<Booking & { line: number }>;
}

/** The valid rows not already in the account, as one block ready to store. */
export interface TakenFile {
	block: Uint8Array | undefined;
	added: number;
	duplicates: number;
}

export type WorkerRequest =
	| { type: 'blocks'; set: Array<[id: string, block: Uint8Array]>; remove: string[] }
	| { type: 'open-file'; id: number; bytes: ArrayBuffer }
	| { type: 'check-file'; id: number; mapping: ColumnMapping }
	| { type: 'take-file'; id: number }
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
	/** Bookings and spend (CNY) per department name, for the mapping table. */
	departmentTotals: Record<string, { count: number; spend: number }>;
	/** Bookings per month (`2026-03` → count): which periods a report can be asked for. */
	months: Record<string, number>;
}

export type WorkerResponse =
	| { type: 'extent'; extent: BookingsExtent }
	| { type: 'report'; id: number; report: TravelReport; labels: PlaceLabels }
	| { type: 'alerts'; id: number; alerts: SpendAlert[] }
	| { type: 'opened'; id: number; file: OpenedFile }
	| { type: 'checked'; id: number; check: FileCheck }
	| { type: 'taken'; id: number; taken: TakenFile }
	| { type: 'error'; id: number; message: string; reason?: 'unreadable-workbook' | 'no-file' };
