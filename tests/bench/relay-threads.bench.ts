/**
 * Where a relay's CPU goes, thread by thread: `npm run bench:relay-threads -- ours|baseline [many]`.
 * One document, 50 stock clients, 100 edits/s in all for 8 s (with `many`: 200 documents × 3
 * clients, 600 edits/s in all, like the relay benchmark's (b)); prints each thread's user+system
 * CPU in milliseconds (from /proc/<pid>/task/<tid>/stat, 10 ms resolution) over the edits. Ours
 * runs a SQLite thread beside the main one (the durable commits); V8's helper threads (GC) show
 * as the small entries. Run both kinds a few times in turn: the machine's noise is ±10 %.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { ServerProcess, connectClient, whenSynced, sleep } from './harness.ts';
function threads(pid: number) {
	const out: Record<string, number> = {};
	for (const t of readdirSync(`/proc/${pid}/task`)) {
		const stat = readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8');
		const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
		const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		out[`${comm}#${t}`] = (Number(f[11]) + Number(f[12])) * 10; // ms
	}
	return out;
}
const kind = (process.argv[2] === 'baseline' ? 'baseline' : 'ours') as 'ours' | 'baseline';
const server = await ServerProcess.start(kind);
const many = process.argv[3] === 'many';
const targets = await server.createDocs(many ? 200 : 1);
const clients = targets.flatMap((target) =>
	Array.from({ length: many ? 3 : 50 }, () => connectClient(target))
);
/** Chance per client per 50 ms tick: 2 edits/s with one document, 1 edit/s with many. */
const chance = many ? 0.05 : 0.1;
await Promise.all(clients.map((c) => whenSynced(c)));
await sleep(1000);
const before = threads(server.pid);
const timer = setInterval(() => {
	for (const c of clients)
		if (Math.random() < chance) c.doc.getMap('t').set(String(c.doc.clientID), Date.now());
}, 50);
await sleep(8000);
clearInterval(timer);
await sleep(500);
const after = threads(server.pid);
const rows = Object.keys(after)
	.map((k) => [k, (after[k] ?? 0) - (before[k] ?? 0)] as const)
	.filter(([, v]) => v > 0)
	.sort((a, b) => b[1] - a[1]);
console.log(
	`${kind}${many ? ' (many documents)' : ''}`,
	rows,
	'total',
	rows.reduce((s, [, v]) => s + v, 0)
);
for (const c of clients) c.destroy();
await server.stop();
process.exit(0);
