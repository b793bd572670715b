/**
 * Messages between the page and the bookings worker. The page sends each import's binary block
 * once (and which were removed); the worker keeps them decoded and answers queries, so the page
 * never decodes 100,000 bookings or loads the airport table itself.
 */
import type { SpendAlert } from '../domain/bookings/alerts';
import type { ColumnMapping } from '../domain/bookings/columns';
import type { ActualsQuery, NodeActuals } from '../domain/bookings/node-actuals';
import type { Period } from '../domain/bookings/periods';
import type { ReportQuery, TravelReport } from '../domain/bookings/report';
import type { Booking, RowProblem } from '../domain/bookings/rows';
import type { ConflictChoice, TicketConflict } from '../domain/bookings/ticket-conflicts';

/** A place's name in each language: city codes in reports are labelled by the worker. */
export type PlaceLabels = Record<string, { zh: string; en: string }>;

export interface AlertQuery {
	departments: ReportQuery['departments'];
	period: Period;
	threshold: number;
}

/** One of a file's first rows as read, for choosing which one is the header. */
export interface HeadRow {
	/** The file's line (or sheet row). */
	line: number;
	/** Its first cells, each cut to a readable length. */
	cells: string[];
}

/** A file opened for import: what the column mapping is chosen from. */
export interface OpenedFile {
	header: string[];
	/** Index into `headRows` of the header: the detected row until the person picks another. */
	headerIndex: number;
	/** The first rows of the file, title rows included. */
	headRows: HeadRow[];
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
	/** Valid rows with a negative fare: refunds, stored and counted as such. */
	refunds: number;
	/** Valid rows the account (or the file, further up) already holds. */
	duplicates: number;
	/** Rows reusing a held ticket number with other data; the first ones in full. */
	conflictCount: number;
	conflicts: TicketConflict[];
}

/** The person's choices for conflicting lines, and one for the lines not shown. */
export interface ConflictChoices {
	byLine: Array<[line: number, choice: ConflictChoice]>;
	fallback: ConflictChoice;
}

/** An import whose block loses the bookings an incoming file replaced. */
export interface RewrittenImport {
	importId: string;
	/** Undefined when no booking is left: the import goes. */
	block: Uint8Array | undefined;
	rows: number;
}

/** The valid rows not already in the account, as one block ready to store. */
export interface TakenFile {
	block: Uint8Array | undefined;
	added: number;
	duplicates: number;
	replaced: number;
	exchanges: number;
	/** Conflicting rows left out: the account's version was kept. */
	kept: number;
	rewritten: RewrittenImport[];
}

export type WorkerRequest =
	| { type: 'blocks'; set: Array<[id: string, block: Uint8Array]>; remove: string[] }
	| { type: 'open-file'; id: number; bytes: ArrayBuffer }
	| { type: 'header-row'; id: number; headerIndex: number }
	| { type: 'check-file'; id: number; mapping: ColumnMapping }
	| { type: 'take-file'; id: number; choices: ConflictChoices }
	| { type: 'report'; id: number; query: ReportQuery }
	| { type: 'alerts'; id: number; query: AlertQuery }
	| { type: 'actuals'; id: number; query: ActualsQuery };

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
	| { type: 'actuals'; id: number; actuals: NodeActuals }
	| { type: 'opened'; id: number; file: OpenedFile }
	| { type: 'checked'; id: number; check: FileCheck }
	| { type: 'taken'; id: number; taken: TakenFile }
	| { type: 'error'; id: number; message: string; reason?: 'unreadable-workbook' | 'no-file' };
