/**
 * Bulk set-up of a review cycle from a people list (CSV or Excel, read by the bookings import's
 * decoder and workbook reader): one row per person and relationship — name, e-mail or staff id,
 * group, and the subject the row rates.
 *
 * - A row whose group is "subject" (被评价人) declares a person to review; an optional manager
 *   column gives who approves their raters (else their first superior row does).
 * - A row whose group is superior, peer, subordinate or customer nominates that rater for the
 *   subject named in the subject column (by name or by e-mail/staff id), declared in the file or
 *   already in the cycle.
 * - Self-reviews need no row: every subject rates themselves when the cycle asks the self group.
 *
 * Problems come back by row number — the number the spreadsheet shows — with the value that was
 * refused, like the bookings import; good rows are kept, so a file with one typo loses nothing else.
 */
import type { CsvRecord } from '../bookings/csv.ts';
import { detectSeparator, parseCsv } from '../bookings/csv.ts';
import { decodeBytes } from '../bookings/decode.ts';
import type { NominatedGroup } from './nomination.ts';

/** The columns a people list can have. */
export const PEOPLE_FIELDS = ['name', 'person', 'group', 'subject', 'manager'] as const;
export type PeopleField = (typeof PEOPLE_FIELDS)[number];

/** Header words per column, compared without case, spaces or punctuation; most specific first. */
const HEADER_WORDS: Record<PeopleField, readonly string[]> = {
	subject: ['被评价人', '被评估人', '评价对象', '被考评人', 'subject', 'reviewee', 'ratee', 'for'],
	manager: ['直属上级邮箱', '直属上级', '审批人', '经理邮箱', '经理', 'manager', 'approver'],
	group: [
		'评价关系',
		'关系',
		'评价人组',
		'角色',
		'类别',
		'类型',
		'group',
		'relationship',
		'relation',
		'role'
	],
	person: [
		'邮箱或工号',
		'邮箱/工号',
		'电子邮件',
		'电子邮箱',
		'邮箱',
		'员工编号',
		'员工号',
		'工号',
		'email',
		'e-mail',
		'mail',
		'staffid',
		'employeeid',
		'employeeno',
		'id'
	],
	name: ['评价人姓名', '评价人', '姓名', '名字', '名称', 'ratername', 'fullname', 'name']
};

/** Group words in cells, both languages; "self" rows are accepted and ignored. */
const GROUP_WORDS: Record<string, NominatedGroup | 'subject' | 'self'> = {
	被评价人: 'subject',
	被评估人: 'subject',
	被考评人: 'subject',
	评价对象: 'subject',
	subject: 'subject',
	reviewee: 'subject',
	上级: 'superior',
	直属上级: 'superior',
	领导: 'superior',
	superior: 'superior',
	manager: 'superior',
	boss: 'superior',
	同级: 'peer',
	同事: 'peer',
	平级: 'peer',
	peer: 'peer',
	peers: 'peer',
	colleague: 'peer',
	下级: 'subordinate',
	下属: 'subordinate',
	subordinate: 'subordinate',
	directreport: 'subordinate',
	directreports: 'subordinate',
	report: 'subordinate',
	客户: 'customer',
	customer: 'customer',
	client: 'customer',
	自评: 'self',
	本人: 'self',
	self: 'self'
};

const normalize = (text: string) =>
	text
		.toLowerCase()
		.replace(/[\s\p{P}\p{S}]/gu, '')
		.trim();

/** Which column holds what, from a header row; unknown headers are ignored. */
export function peopleColumns(header: readonly string[]): Partial<Record<PeopleField, number>> {
	const columns: Partial<Record<PeopleField, number>> = {};
	const names = header.map(normalize);
	// Most specific words first, across fields: "评价人姓名" is a name before "评价人" is anything.
	for (const field of ['subject', 'manager', 'group', 'person', 'name'] as const) {
		for (const word of HEADER_WORDS[field]) {
			const index = names.findIndex(
				(name, i) => name === normalize(word) && !Object.values(columns).includes(i)
			);
			if (index >= 0) {
				columns[field] = index;
				break;
			}
		}
	}
	return columns;
}

/** Why a row was not imported; the UI translates it. */
export type PeopleProblemReason =
	| 'missing-name'
	| 'missing-person'
	| 'unknown-group'
	| 'missing-subject'
	| 'unknown-subject'
	| 'group-not-asked'
	| 'duplicate'
	| 'rater-is-subject';

export interface PeopleProblem {
	/** The spreadsheet's row number (1-based, header included). */
	line: number;
	reason: PeopleProblemReason;
	/** What the row held in the column at fault. */
	value: string;
}

/** Why a whole file was refused. */
export type PeopleFileProblem = 'empty' | 'no-header';

/** A subject as the import found them. */
export interface ImportedSubject {
	name: string;
	/** E-mail or staff id, lower case; may be empty when the file gives none. */
	person: string;
	manager: string;
	line: number;
}

/** A nomination as the import found it; `subject` is an index into `subjects` or an existing id. */
export interface ImportedNomination {
	subject: { imported: number } | { existing: string };
	rater: string;
	raterName: string;
	group: NominatedGroup;
	line: number;
}

export interface PeoplePlan {
	subjects: ImportedSubject[];
	nominations: ImportedNomination[];
	problems: PeopleProblem[];
	/** Rows read (header excluded, blank rows skipped). */
	rows: number;
}

/** A subject already in the cycle, to match rows against. */
export interface KnownSubject {
	id: string;
	name: string;
	person?: string;
}

/** What the cycle holds already: its subjects, its nominations and the groups it asks. */
export interface PeopleContext {
	subjects: readonly KnownSubject[];
	/** `${subjectId}\n${rater}` of nominations that are not declined. */
	nominated: ReadonlySet<string>;
	/** Groups the cycle asks (has a weight for). */
	groups: ReadonlySet<string>;
}

/** Rows searched for the header. */
const HEADER_SEARCH_ROWS = 10;

const personKey = (text: string) => text.trim().toLowerCase();
const nameKey = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

/** Reads the records (header first) into a plan; `context` is the cycle as it is now. */
export function planPeopleImport(
	records: readonly CsvRecord[],
	context: PeopleContext
): PeoplePlan | { problem: PeopleFileProblem } {
	if (records.length === 0) return { problem: 'empty' };
	// The header is the first row naming both a name and a group column (a title may sit above).
	const headerAt = records.slice(0, HEADER_SEARCH_ROWS).findIndex((record) => {
		const found = peopleColumns(record.fields);
		return found.name !== undefined && found.group !== undefined;
	});
	if (headerAt < 0) return { problem: 'no-header' };
	const columns = peopleColumns(records[headerAt]!.fields);
	const rows = records.slice(headerAt + 1);
	const cell = (record: CsvRecord, field: PeopleField) => {
		const index = columns[field];
		return index === undefined ? '' : (record.fields[index] ?? '').trim();
	};

	const problems: PeopleProblem[] = [];
	const subjects: ImportedSubject[] = [];
	const byPerson = new Map<string, ImportedNomination['subject']>();
	const byName = new Map<string, ImportedNomination['subject']>();
	for (const known of context.subjects) {
		if (known.person) byPerson.set(personKey(known.person), { existing: known.id });
		byName.set(nameKey(known.name), { existing: known.id });
	}

	// Subjects first, wherever they are in the file: a rater row may come before its subject's.
	const raterRows: Array<{ record: CsvRecord; group: NominatedGroup }> = [];
	for (const record of rows) {
		const groupText = cell(record, 'group');
		const group = GROUP_WORDS[normalize(groupText)];
		if (group === undefined) {
			problems.push({ line: record.line, reason: 'unknown-group', value: groupText });
			continue;
		}
		if (group === 'self') continue;
		if (group !== 'subject') {
			raterRows.push({ record, group });
			continue;
		}
		const name = cell(record, 'name');
		if (name === '') {
			problems.push({ line: record.line, reason: 'missing-name', value: '' });
			continue;
		}
		const person = personKey(cell(record, 'person'));
		const already = (person && byPerson.get(person)) || byName.get(nameKey(name));
		if (already) {
			problems.push({ line: record.line, reason: 'duplicate', value: name });
			continue;
		}
		const ref = { imported: subjects.length };
		subjects.push({ name, person, manager: personKey(cell(record, 'manager')), line: record.line });
		if (person) byPerson.set(person, ref);
		byName.set(nameKey(name), ref);
	}

	const nominations: ImportedNomination[] = [];
	const taken = new Set(context.nominated);
	const keyOf = (ref: ImportedNomination['subject']) =>
		'existing' in ref ? ref.existing : `#${ref.imported}`;
	for (const { record, group } of raterRows) {
		const raterName = cell(record, 'name');
		const rater = personKey(cell(record, 'person'));
		const subjectText = cell(record, 'subject');
		const problem = (reason: PeopleProblemReason, value: string) =>
			problems.push({ line: record.line, reason, value });
		if (rater === '') {
			problem('missing-person', raterName);
			continue;
		}
		if (subjectText === '') {
			problem('missing-subject', raterName || rater);
			continue;
		}
		const ref = byPerson.get(personKey(subjectText)) ?? byName.get(nameKey(subjectText));
		if (!ref) {
			problem('unknown-subject', subjectText);
			continue;
		}
		if (!context.groups.has(group)) {
			problem('group-not-asked', cell(record, 'group'));
			continue;
		}
		const subjectPerson =
			'imported' in ref
				? subjects[ref.imported]!.person
				: personKey(context.subjects.find((s) => s.id === ref.existing)?.person ?? '');
		if (subjectPerson !== '' && subjectPerson === rater) {
			problem('rater-is-subject', rater);
			continue;
		}
		const key = `${keyOf(ref)}\n${rater}`;
		if (taken.has(key)) {
			problem('duplicate', rater);
			continue;
		}
		taken.add(key);
		nominations.push({
			subject: ref,
			rater,
			raterName: raterName || rater,
			group,
			line: record.line
		});
		// The first superior approves the subject's raters when the file names no manager.
		if (group === 'superior' && 'imported' in ref && subjects[ref.imported]!.manager === '') {
			subjects[ref.imported]!.manager = rater;
		}
	}
	problems.sort((a, b) => a.line - b.line);
	return { subjects, nominations, problems, rows: rows.length };
}

/** A people list's bytes (CSV in UTF-8, with or without BOM, or GBK) as records. */
export function readPeopleCsv(bytes: Uint8Array): CsvRecord[] {
	const { text } = decodeBytes(bytes);
	return parseCsv(text, detectSeparator(text));
}
