/**
 * Bookings benchmark: 100,000 rows of a generated export (UTF-8 CSV, Chinese headers).
 *
 *   npm run bench:bookings
 *
 * Reports: parse + validate + store into an account document; the yearly travel report for the
 * whole tree as the bookings worker builds it, and the quarterly alerts; the encoded size per booking.
 * Prints numbers; asserts nothing.
 */
import * as Y from 'yjs';
import { guessMapping } from '../../src/lib/domain/bookings/columns.ts';
import { parseCsv } from '../../src/lib/domain/bookings/csv.ts';
import { decodeBytes } from '../../src/lib/domain/bookings/decode.ts';
import { spendAlerts } from '../../src/lib/domain/bookings/alerts.ts';
import { periodOf } from '../../src/lib/domain/bookings/periods.ts';
import { travelReport } from '../../src/lib/domain/bookings/report.ts';
import { greatCircleKm } from '../../src/lib/domain/bookings/routes.ts';
import { checkRows } from '../../src/lib/domain/bookings/rows.ts';
import { AccountBookings } from '../../src/lib/model/account-bookings.ts';
import { decodeBookings } from '../../src/lib/model/booking-blocks.ts';
import { DEMO_AIRPORTS } from '../../src/lib/model/demo-bookings.ts';

const ROWS = 100_000;
// Sixteen of the demo's airports: the same set since this benchmark's first run, so its figures
// compare across sessions.
const AIRPORTS = Object.fromEntries(
	'PEK PVG SHA CAN SZX CTU XIY KMG WUH NKG HGH TAO DLC SHE URC HRB'
		.split(' ')
		.map((code) => [code, DEMO_AIRPORTS[code]!])
);
const codes = Object.keys(AIRPORTS);

// 50 routes; 5 of them carry most trips (the source material's "50 routes, 5 matter").
const routes: Array<[string, string]> = [];
for (let i = 0; routes.length < 50; i++) {
	const a = codes[(i * 5) % codes.length]!;
	const b = codes[Math.floor(i / codes.length) % codes.length]!;
	if (a !== b) routes.push([a, b]);
}
let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

function generateCsv(): Uint8Array {
	const lines = ['乘机日期,出发,到达,舱位,票价,承运人,票号,部门,乘机人'];
	const departments = ['江苏分公司', '上海分公司', '广东分公司', '四川分公司', '北京总部'];
	for (let i = 0; i < ROWS; i++) {
		const route =
			random() < 0.8 ? routes[Math.floor(random() * 5)]! : routes[5 + Math.floor(random() * 45)]!;
		const date = new Date(Date.UTC(2025, 0, 1) + Math.floor(random() * 730) * 86_400_000);
		const cabin = random() < 0.08 ? 'C' : 'Y';
		const fare = Math.round((cabin === 'C' ? 3000 : 900) * (0.6 + random() * 0.8));
		const carrier = random() < 0.55 ? 'CA' : ['MU', 'CZ', 'HU'][Math.floor(random() * 3)];
		lines.push(
			[
				date.toISOString().slice(0, 10),
				route[0],
				route[1],
				cabin,
				fare,
				carrier,
				`999${String(1_000_000_000 + i)}`,
				departments[i % departments.length],
				`旅客${i % 3000}`
			].join(',')
		);
	}
	return new TextEncoder().encode(lines.join('\r\n'));
}

const bytes = generateCsv();
const distance = (a: string, b: string) => {
	const pa = AIRPORTS[a];
	const pb = AIRPORTS[b];
	return pa && pb
		? greatCircleKm({ lat: pa[0], lon: pa[1] }, { lat: pb[0], lon: pb[1] })
		: undefined;
};

const importStart = performance.now();
const { text, encoding } = decodeBytes(bytes);
const records = parseCsv(text);
const mapping = guessMapping(records[0]!.fields);
const checked = checkRows(records.slice(1), mapping, (t) => (AIRPORTS[t] ? t : undefined));
const doc = new Y.Doc();
const store = new AccountBookings(doc);
const result = store.add(checked.bookings, { fileName: 'bench.csv', encoding, author: 'bench' });
const importMs = performance.now() - importStart;

// The yearly report as the worker builds it: one pass over every booking of the account, with
// the year before, 3 years of series, routes, Pareto, destinations, cabins and savings. The
// departments hang under two subsidiaries of one group, so the whole tree is the scope.
const departments: Record<string, string[]> = {
	江苏分公司: ['js', 'east', 'group'],
	上海分公司: ['sh', 'east', 'group'],
	广东分公司: ['gd', 'south', 'group'],
	四川分公司: ['sc', 'south', 'group'],
	北京总部: ['group']
};
const places = { city: (iata: string) => (iata === 'SHA' ? 'PVG' : iata), distance };
const blocksDecoded = store.all();
const reportTimes: number[] = [];
const alertTimes: number[] = [];
let summary = '';
for (let run = 0; run < 9; run++) {
	const start = performance.now();
	const report = travelReport(
		blocksDecoded,
		{
			period: periodOf(Date.UTC(2026, 5, 1) / 86_400_000, 'year'),
			history: 3,
			departments,
			node: 'group',
			ourCarriers: ['CA'],
			benchmark: { Y: 1.2, C: 3.5 },
			mergeDirections: true,
			topDestinations: 10
		},
		places
	);
	reportTimes.push(performance.now() - start);
	const alertStart = performance.now();
	const alerts = spendAlerts(blocksDecoded, departments, { kind: 'quarter', year: 2026, index: 2 });
	alertTimes.push(performance.now() - alertStart);
	summary = `${report.now.trips} bookings, ${report.routes.length} routes, ${report.paretoCount} cover 80%, ¥${report.now.pricePerKm?.toFixed(2)}/km, saved ¥${Math.round(report.now.saved)}, ${alerts.length} alerts`;
}
const decodeStart = performance.now();
for (const block of store.blocks.values()) decodeBookings(block);
const decodeMs = performance.now() - decodeStart;
alertTimes.sort((a, b) => a - b);
reportTimes.sort((a, b) => a - b);
const encoded = Y.encodeStateAsUpdate(doc).length;

console.log(
	`file: ${(bytes.length / 1024 / 1024).toFixed(1)} MiB, ${ROWS} rows, ${checked.problems.length} problems`
);
console.log(
	`parse + validate + store: ${importMs.toFixed(0)} ms for ${result.added} bookings (goal ≤ 3 s)`
);
console.log(
	`yearly figures for the whole account: median ${reportTimes[4]!.toFixed(1)} ms (goal ≤ 200 ms): ${summary}`
);
console.log(
	`quarterly alerts over the tree: median ${alertTimes[4]!.toFixed(1)} ms; decoding the blocks (once per worker): ${decodeMs.toFixed(0)} ms`
);
console.log(`encoded size: ${(encoded / result.added).toFixed(1)} bytes per booking (goal ≤ 40)`);
