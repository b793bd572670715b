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
