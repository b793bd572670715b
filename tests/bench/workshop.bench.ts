/**
 * A workshop under load: 30 participants add notes and cast votes at once through a real server
 * (relay + API in a child process). Prints the latency from a participant's request to the
 * projector's copy of the board, the vote requests' latency, the reveal's, and the server's CPU.
 * Prints numbers; asserts nothing.
 *
 *   npm run bench:workshop
 *   npm run bench:workshop -- --participants 60 --notes 20
 *   npm run bench:workshop -- --full-phones
 *   npm run bench:workshop -- --view curve
 *
 * The projector runs as the room's screen does: it holds the map too, the facilitator pushes a
 * view to it (`--view`: heatmap by default, or curve, notes, map), and on every note it rebuilds
 * that view's data (heatmap cells, curve layout…) the way its component would, so the second
 * latency ("→ pushed view's data") includes the projector's own work.
 */
import * as Y from 'yjs';
import {
	HEATMAP_MEASURES,
	emotionCurve,
	stageHeatmap
} from '../../src/lib/domain/journey/aggregate.ts';
import { notesInFocus } from '../../src/lib/domain/journey/notes.ts';
import { isProjectorView, type ProjectorView } from '../../src/lib/domain/journey/workshop.ts';
import { boardNotes, boardScores } from '../../src/lib/model/journey-board.ts';
import { readJourney, readWorkshop } from '../../src/lib/model/journey.ts';
import { curveLayout, heatmapCells } from '../../src/lib/viz/journey-charts.ts';
import { MessageType } from '../../src/lib/transport/protocol.ts';
import {
	ServerProcess,
	connectClient,
	connectWire,
	cpuSeconds,
	now,
	quantile,
	waitFor,
	whenSynced,
	type BenchClient,
	type WireClient
} from './harness.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
	const index = args.indexOf(`--${name}`);
	return index >= 0 ? Number(args[index + 1]) : fallback;
};
const PARTICIPANTS = option('participants', 30);
const NOTES_EACH = option('notes', 10);
const VOTES_EACH = 3;
/**
 * `--full-phones` makes every phone a full Yjs client in this process, as earlier runs did: then
 * sixty simulated phones decode every note on the same thread that times the projector.
 */
const FULL_PHONES = args.includes('--full-phones');
const viewArg = args.includes('--view') ? args[args.indexOf('--view') + 1] : 'heatmap';
if (!isProjectorView(viewArg)) throw new Error(`--view: unknown view ${viewArg}`);
const VIEW: ProjectorView = viewArg;

// Every y-websocket provider adds a process 'exit' listener; 62 of them are expected here.
process.setMaxListeners(0);
const server = await ServerProcess.start('ours');
const base = `http://127.0.0.1:${server.port}`;
const wsBase = `ws://127.0.0.1:${server.port}/sync`;

async function post<T>(path: string, body: unknown, token?: string): Promise<T> {
	const response = await fetch(base + path, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			...(token ? { authorization: `Bearer ${token}` } : {})
		},
		body: JSON.stringify(body)
	});
	const json = await response.json();
	if (!response.ok) throw new Error(`${path}: ${JSON.stringify(json)}`);
	return json as T;
}

const summary = (values: number[]) =>
	`p50 ${quantile(values, 0.5).toFixed(1)} ms · p99 ${quantile(values, 0.99).toFixed(1)} ms · max ${Math.max(...values).toFixed(1)} ms`;

try {
	const map = await post<{ id: string; token: string }>('/api/docs', {
		kind: 'journey',
		template: 'airline',
		locale: 'zh-CN'
	});
	const access = await post<{
		boardId: string;
		participantToken: string;
		boardViewerToken: string;
		journeyViewerToken: string;
	}>(`/api/journeys/${map.id}/workshop`, {}, map.token);

	// The facilitator turns silent writing off, so notes go live and the projector sees each one.
	const facilitator = connectClient({
		serverUrl: wsBase,
		room: map.id,
		params: { token: map.token }
	});
	await whenSynced(facilitator);
	facilitator.doc.getMap('workshop').set('silent', false);
	const touchpoints = readJourney(facilitator.doc)
		.stages.flatMap((s) => s.touchpoints)
		.map((t) => t.id);

	// Everyone watches: the projector holds the board as a full client (its arrival times are
	// what is measured); each participant's phone holds the map and the board.
	const projector = connectClient({
		serverUrl: wsBase,
		room: access.boardId,
		params: { token: access.boardViewerToken }
	});
	// Watchers' sync answers are refused as writes (they may not write); y-websocket would log it.
	projector.provider.messageHandlers[MessageType.auth] = () => {};
	// The projector's copy of the map: what it draws the pushed view from.
	const projectorMap = connectClient({
		serverUrl: wsBase,
		room: map.id,
		params: { token: access.journeyViewerToken }
	});
	projectorMap.provider.messageHandlers[MessageType.auth] = () => {};
	facilitator.doc.getMap('workshop').set('projector', VIEW);
	/** The data the pushed view's component would draw, rebuilt from the two documents. */
	const pushedView = (): number => {
		const journey = readJourney(projectorMap.doc);
		const workshop = readWorkshop(projectorMap.doc);
		const notes = boardNotes(projector.doc);
		const scores = boardScores(projector.doc);
		switch (workshop.projector) {
			case 'heatmap':
				return stageHeatmap(journey, { notes, scores }).flatMap((row) =>
					heatmapCells(row, HEATMAP_MEASURES, (v) => v.toFixed(1))
				).length;
			case 'curve': {
				const names = new Map(
					journey.stages.flatMap((st) => st.touchpoints).map((t) => [t.id, t.name])
				);
				return curveLayout(
					emotionCurve(journey, undefined, scores),
					{ width: 1800, height: 700 },
					26,
					{
						names,
						values: true
					}
				).points.length;
			}
			default:
				return notesInFocus(notes, workshop.focus, journey).length;
		}
	};
	const phoneTargets = Array.from({ length: PARTICIPANTS }, () => [
		{ serverUrl: wsBase, room: map.id, params: { token: access.journeyViewerToken } },
		{ serverUrl: wsBase, room: access.boardId, params: { token: access.participantToken } }
	]).flat();
	const fullPhones: BenchClient[] = [];
	const wirePhones: WireClient[] = [];
	for (const [i, target] of phoneTargets.entries()) {
		if (FULL_PHONES) {
			const phone = connectClient(target);
			phone.provider.messageHandlers[MessageType.auth] = () => {};
			fullPhones.push(phone);
		} else {
			wirePhones.push(connectWire(target, { name: `P${i >> 1}`, finished: false }));
		}
	}
	await Promise.all([
		whenSynced(projector),
		whenSynced(projectorMap),
		...fullPhones.map((c) => whenSynced(c)),
		...wirePhones.map((c) => c.synced)
	]);
	await post(`/api/journeys/${map.id}/phase`, { phase: 'writing' }, map.token);

	// Notes: each carries its send time in its text; the projector notes when it arrives.
	const noteLatency: number[] = [];
	const viewLatency: number[] = [];
	projector.doc.getMap('notes').observe((event) => {
		const arrived = now();
		const sents: number[] = [];
		for (const key of event.keysChanged) {
			const note = projector.doc.getMap('notes').get(key) as { text?: string } | undefined;
			const sent = Number(note?.text?.split('@')[1]);
			if (Number.isFinite(sent)) sents.push(sent);
		}
		for (const sent of sents) noteLatency.push(arrived - sent);
		// One rebuild per update, as the component re-renders once for it.
		pushedView();
		const drawn = now();
		for (const sent of sents) viewLatency.push(drawn - sent);
	});
	const requestLatency: number[] = [];
	// Each phone joins when its person types a name, before the writing starts: one request that
	// gives it its own token, by which the server counts its notes and votes.
	const seats = await Promise.all(
		Array.from({ length: PARTICIPANTS }, (_, i) =>
			post<{ participant: string; token: string }>(
				`/api/boards/${access.boardId}/join`,
				{ device: `bench-device-${String(i).padStart(4, '0')}`, name: `P${i}` },
				access.participantToken
			)
		)
	);
	let before = await server.stats();
	let started = now();
	const benchCpuBefore = process.cpuUsage();
	await Promise.all(
		Array.from({ length: PARTICIPANTS }, async (_, i) => {
			for (let n = 0; n < NOTES_EACH; n++) {
				const sent = now();
				await post(
					`/api/boards/${access.boardId}/notes`,
					{
						name: `P${i}`,
						text: `note ${n} @${sent}`,
						target: { kind: 'touchpoint', id: touchpoints[(i + n) % touchpoints.length] }
					},
					seats[i]!.token
				);
				requestLatency.push(now() - sent);
			}
		})
	);
	await waitFor(
		'every note on the projector',
		() => noteLatency.length === PARTICIPANTS * NOTES_EACH
	);
	let elapsed = (now() - started) / 1000;
	const benchCpu = process.cpuUsage(benchCpuBefore);
	let cpu = cpuSeconds(before, await server.stats());
	console.log(
		`notes: ${PARTICIPANTS} participants × ${NOTES_EACH} in ${elapsed.toFixed(2)} s, ${PARTICIPANTS * 2 + 1} sockets watching (phones ${FULL_PHONES ? 'as full Yjs clients' : 'on the wire'})`
	);
	console.log(`  participant's edit → projector's document: ${summary(noteLatency)}`);
	console.log(
		`  participant's edit → projector's pushed view's data (${VIEW}): ${summary(viewLatency)}`
	);
	console.log(`  note request (checked, stored, answered): ${summary(requestLatency)}`);
	console.log(
		`  server CPU: ${cpu.toFixed(2)} s (${((cpu / elapsed) * 100).toFixed(0)}% of one core)`
	);
	// The machine has two cores: when this process is near a whole one, the clients are part of
	// what the latency measures.
	console.log(
		`  this process (projector, phones, HTTP clients) CPU: ${((benchCpu.user + benchCpu.system) / 1e6).toFixed(2)} s`
	);

	// Votes: held on the server until the reveal, then published as tallies only.
	await post(`/api/journeys/${map.id}/phase`, { phase: 'voting' }, map.token);
	const voteLatency: number[] = [];
	before = await server.stats();
	started = now();
	await Promise.all(
		Array.from({ length: PARTICIPANTS }, async (_, i) => {
			for (let v = 0; v < VOTES_EACH; v++) {
				const sent = now();
				await post(
					`/api/boards/${access.boardId}/votes`,
					{ item: touchpoints[(i * 7 + v * 3) % touchpoints.length] },
					seats[i]!.token
				);
				voteLatency.push(now() - sent);
			}
		})
	);
	elapsed = (now() - started) / 1000;
	cpu = cpuSeconds(before, await server.stats());
	const revealSent = now();
	await post(`/api/journeys/${map.id}/reveal`, { what: 'votes' }, map.token);
	await waitFor('the tally on the projector', () => projector.doc.getMap('tallies').size > 0);
	const revealMs = now() - revealSent;
	const tally = [...projector.doc.getMap('tallies').values()][0] as Array<{ votes: number }>;
	console.log(`votes: ${PARTICIPANTS} participants × ${VOTES_EACH} in ${elapsed.toFixed(2)} s`);
	console.log(`  vote request (checked, stored, answered): ${summary(voteLatency)}`);
	console.log(
		`  server CPU: ${cpu.toFixed(2)} s (${((cpu / elapsed) * 100).toFixed(0)}% of one core)`
	);
	console.log(
		`  reveal → tally on the projector: ${revealMs.toFixed(1)} ms (${tally.reduce((s, r) => s + r.votes, 0)} votes counted)`
	);
	const boardBytes = Y.encodeStateAsUpdate(projector.doc).byteLength;
	console.log(`board document: ${(boardBytes / 1024).toFixed(1)} KiB`);
	for (const client of [facilitator, projector, projectorMap, ...fullPhones]) client.destroy();
	for (const phone of wirePhones) phone.close();
	if (!FULL_PHONES) {
		const frames = wirePhones.reduce((sum, p) => sum + p.frames, 0);
		console.log(`phones received ${frames} frames after their sync`);
	}
} finally {
	await server.stop();
}
