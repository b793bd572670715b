/**
 * Summarises a V8 .cpuprofile: the functions with the most self time, and self time by source
 * (package or our folder), so two profiles of the same window can be compared.
 *
 *   npx tsx tests/bench/profile-top.ts ours.cpuprofile [top=30] [pattern …]
 *
 * Each pattern (a regular expression over "function file:line") also gets its inclusive time: the
 * samples with a matching frame anywhere on their stack.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
	id: number;
	children?: number[];
	callFrame: { functionName: string; url: string; lineNumber: number };
	hitCount?: number;
}
interface Profile {
	nodes: ProfileNode[];
	startTime: number;
	endTime: number;
	samples: number[];
	timeDeltas: number[];
}

const [file, topArg, ...patterns] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-top.ts <file.cpuprofile> [top]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
for (let i = 0; i < profile.samples.length; i++) {
	const id = profile.samples[i]!;
	selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
}

/** Where a frame's code lives: a package name, one of our folders, or V8/Node. */
function source(url: string): string {
	if (!url) return '(native/V8)';
	const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
	if (pkg) return pkg[1]!;
	if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
	const ours = /\/(server\/[^/]+|src\/lib\/[^/]+|tests\/bench)\//.exec(url);
	return ours ? ours[1]! : url;
}

const label = (node: ProfileNode) => {
	const { functionName, url, lineNumber } = node.callFrame;
	return `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
};
const parent = new Map<number, number>();
for (const node of profile.nodes)
	for (const child of node.children ?? []) parent.set(child, node.id);

const functions = new Map<string, number>();
const sources = new Map<string, number>();
let total = 0;
for (const [id, us] of selfUs) {
	const { url } = byId.get(id)!.callFrame;
	const key = label(byId.get(id)!);
	functions.set(key, (functions.get(key) ?? 0) + us);
	sources.set(source(url), (sources.get(source(url)) ?? 0) + us);
	total += us;
}
const idle = [...selfUs].filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)');
const idleUs = idle.reduce((s, [, us]) => s + us, 0);
const ms = (us: number) => (us / 1000).toFixed(1).padStart(8);
console.log(`${file}: ${ms(total)} ms sampled, of which ${ms(total - idleUs)} ms not idle`);
const top = Number(topArg ?? 30);
console.log('\nself time by source, ms');
for (const [name, us] of [...sources].sort((a, b) => b[1] - a[1]).slice(0, 20))
	console.log(`${ms(us)}  ${name}`);
console.log(`\ntop ${top} functions by self time, ms`);
for (const [name, us] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top))
	console.log(`${ms(us)}  ${name}`);

for (const pattern of patterns) {
	const re = new RegExp(pattern);
	let us = 0;
	for (const [id, self] of selfUs) {
		for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
			if (re.test(label(byId.get(at)!))) {
				us += self;
				break;
			}
		}
	}
	console.log(`inclusive ${ms(us)}  /${pattern}/`);
}
