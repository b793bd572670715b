/**
 * Bookings are bulky, so an account keeps them as one binary block per import, column by column,
 * never one Y.Map per row: a string column is a dictionary plus small indices, days are deltas,
 * fares are cents. About 20 bytes a booking instead of hundreds.
 *
 * Block layout (lib0 varints): version · row count · for each string column its dictionary
 * (count, strings) then one index per row · days (first, then zig-zag deltas) · cabins · fares in
 * cents · tickets (digits as a number when they are all digits, else a dictionary string) ·
 * (version 2) one flag byte per row, bit 0 marking an exchange. Version 1 blocks still read.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Booking, Cabin } from '../domain/bookings/rows';

const BLOCK_VERSION = 2;
const EXCHANGE_FLAG = 1;
const STRING_COLUMNS = ['origin', 'destination', 'carrier', 'department', 'traveller'] as const;
const CABINS: Cabin[] = ['F', 'C', 'W', 'Y'];

function writeDictionaryColumn(encoder: encoding.Encoder, values: readonly string[]): void {
	const index = new Map<string, number>();
	const dictionary: string[] = [];
	const indices = new Uint32Array(values.length);
	values.forEach((value, row) => {
		let at = index.get(value);
		if (at === undefined) {
			at = dictionary.length;
			index.set(value, at);
			dictionary.push(value);
		}
		indices[row] = at;
	});
	encoding.writeVarUint(encoder, dictionary.length);
	for (const value of dictionary) encoding.writeVarString(encoder, value);
	for (const at of indices) encoding.writeVarUint(encoder, at);
}

function readDictionaryColumn(decoder: decoding.Decoder, rows: number): string[] {
	const size = decoding.readVarUint(decoder);
	const dictionary: string[] = [];
	for (let i = 0; i < size; i++) dictionary.push(decoding.readVarString(decoder));
	const values: string[] = new Array(rows);
	for (let row = 0; row < rows; row++) values[row] = dictionary[decoding.readVarUint(decoder)]!;
	return values;
}

/** Largest ticket number kept as a number: below 2^53, so every digit survives. */
const MAX_NUMERIC_TICKET = 2 ** 53 - 1;

export function encodeBookings(bookings: readonly Booking[]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, BLOCK_VERSION);
	encoding.writeVarUint(encoder, bookings.length);
	for (const column of STRING_COLUMNS) {
		writeDictionaryColumn(
			encoder,
			bookings.map((b) => b[column])
		);
	}
	let previousDay = 0;
	for (const booking of bookings) {
		encoding.writeVarInt(encoder, booking.day - previousDay);
		previousDay = booking.day;
	}
	for (const booking of bookings) encoding.writeUint8(encoder, CABINS.indexOf(booking.cabin));
	for (const booking of bookings) encoding.writeVarInt(encoder, Math.round(booking.fare * 100));
	// Ticket numbers: a number (with a leading-zero count) when all digits, else a string.
	for (const booking of bookings) {
		const ticket = booking.ticket;
		const numeric = /^\d{1,15}$/.test(ticket) && Number(ticket) <= MAX_NUMERIC_TICKET;
		if (numeric) {
			const zeros = ticket.length - ticket.replace(/^0+/, '').length;
			encoding.writeVarUint(encoder, zeros + 1);
			encoding.writeVarUint(encoder, Number(ticket));
		} else {
			encoding.writeVarUint(encoder, 0);
			encoding.writeVarString(encoder, ticket);
		}
	}
	for (const booking of bookings)
		encoding.writeUint8(encoder, booking.exchange ? EXCHANGE_FLAG : 0);
	return encoding.toUint8Array(encoder);
}

export function decodeBookings(block: Uint8Array): Booking[] {
	const decoder = decoding.createDecoder(block);
	const version = decoding.readVarUint(decoder);
	if (version !== 1 && version !== BLOCK_VERSION)
		throw new RangeError(`unknown bookings block version ${version}`);
	const rows = decoding.readVarUint(decoder);
	const strings = Object.fromEntries(
		STRING_COLUMNS.map((column) => [column, readDictionaryColumn(decoder, rows)])
	) as Record<(typeof STRING_COLUMNS)[number], string[]>;
	const days: number[] = new Array(rows);
	let day = 0;
	for (let row = 0; row < rows; row++) days[row] = day += decoding.readVarInt(decoder);
	const cabins: Cabin[] = new Array(rows);
	for (let row = 0; row < rows; row++) cabins[row] = CABINS[decoding.readUint8(decoder)] ?? 'Y';
	const fares: number[] = new Array(rows);
	for (let row = 0; row < rows; row++) fares[row] = decoding.readVarInt(decoder) / 100;
	const bookings: Booking[] = new Array(rows);
	for (let row = 0; row < rows; row++) {
		const kind = decoding.readVarUint(decoder);
		let ticket: string;
		if (kind === 0) ticket = decoding.readVarString(decoder);
		else {
			const value = decoding.readVarUint(decoder);
			ticket = '0'.repeat(kind - 1) + (value === 0 ? '' : String(value));
		}
		bookings[row] = {
			day: days[row]!,
			origin: strings.origin[row]!,
			destination: strings.destination[row]!,
			cabin: cabins[row]!,
			fare: fares[row]!,
			carrier: strings.carrier[row]!,
			ticket,
			department: strings.department[row]!,
			traveller: strings.traveller[row]!
		};
	}
	if (version >= 2) {
		for (const booking of bookings) {
			if (decoding.readUint8(decoder) & EXCHANGE_FLAG) booking.exchange = true;
		}
	}
	return bookings;
}
