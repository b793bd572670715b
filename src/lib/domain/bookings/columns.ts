/**
 * Which column holds what: guessed from the header in Chinese or English, then corrected by the
 * person in the import preview.
 */

export const BOOKING_FIELDS = [
	'date',
	'origin',
	'destination',
	'cabin',
	'fare',
	'carrier',
	'ticket',
	'department',
	'traveller'
] as const;
export type BookingField = (typeof BOOKING_FIELDS)[number];

/** Fields a row cannot do without. */
export const REQUIRED_FIELDS: readonly BookingField[] = ['date', 'origin', 'destination', 'fare'];

export type ColumnMapping = Partial<Record<BookingField, number>>;

/** Header words per field, compared without case, spaces or punctuation. Most specific first. */
const SYNONYMS: Record<BookingField, string[]> = {
	date: [
		'乘机日期',
		'起飞日期',
		'航班日期',
		'出发日期',
		'日期',
		'flightdate',
		'departuredate',
		'traveldate',
		'date'
	],
	origin: [
		'出发城市',
		'出发机场',
		'始发地',
		'出发地',
		'始发',
		'出发',
		'起飞城市',
		'origin',
		'from',
		'departure',
		'dep'
	],
	destination: [
		'到达城市',
		'到达机场',
		'目的地',
		'到达地',
		'到达',
		'抵达',
		'destination',
		'to',
		'arrival',
		'arr'
	],
	cabin: ['舱位等级', '舱等', '舱位', 'cabinclass', 'cabin', 'class'],
	fare: ['实付金额', '票面价', '票价', '金额', '价格', 'fare', 'amount', 'price', 'paid'],
	carrier: ['承运人', '航空公司', '航司', 'carrier', 'airline'],
	ticket: ['电子客票号', '客票号', '票号', 'ticketnumber', 'ticketno', 'ticket'],
	department: [
		'成本中心',
		'分公司',
		'分支机构',
		'部门',
		'costcenter',
		'department',
		'branch',
		'dept'
	],
	traveller: ['乘机人', '旅客姓名', '旅客', '姓名', 'traveller', 'traveler', 'passenger', 'name']
};

const normalise = (text: string) => text.toLowerCase().replace(/[\s_\-./()（）:：#№]/g, '');

/**
 * The best guess of which column holds each field: an exact header match first, then a header
 * that contains the word; each column is used once.
 */
export function guessMapping(header: readonly string[]): ColumnMapping {
	const names = header.map(normalise);
	const mapping: ColumnMapping = {};
	const used = new Set<number>();
	for (const pass of ['exact', 'contains'] as const) {
		for (const field of BOOKING_FIELDS) {
			if (mapping[field] !== undefined) continue;
			for (const word of SYNONYMS[field]) {
				const index = names.findIndex(
					(name, i) => !used.has(i) && (pass === 'exact' ? name === word : name.includes(word))
				);
				if (index >= 0) {
					mapping[field] = index;
					used.add(index);
					break;
				}
			}
		}
	}
	return mapping;
}

/** Required fields the mapping does not cover. */
export function missingFields(mapping: ColumnMapping): BookingField[] {
	return REQUIRED_FIELDS.filter((field) => mapping[field] === undefined);
}

/** Rows searched for the header: title rows above it are a few at most. */
const HEADER_SEARCH_ROWS = 20;

/**
 * Which of the first rows is the header. Agency exports often put a title ("差旅平台导出
 * 2026年1-6月", a merged cell) and a blank or date line above it. The header is the row whose
 * names the mapping recognises best; when no row names any field, the first row with the most
 * filled cells (a title fills one). Returns an index into `rows`.
 */
export function detectHeaderRow(rows: readonly (readonly string[])[]): number {
	const searched = rows.slice(0, HEADER_SEARCH_ROWS);
	let best = 0;
	let bestFields = 0;
	searched.forEach((row, index) => {
		const fields = Object.keys(guessMapping(row)).length;
		if (fields > bestFields) {
			best = index;
			bestFields = fields;
		}
	});
	if (bestFields > 0) return best;
	const filled = searched.map((row) => row.filter((cell) => cell.trim() !== '').length);
	return Math.max(0, filled.indexOf(Math.max(0, ...filled)));
}
