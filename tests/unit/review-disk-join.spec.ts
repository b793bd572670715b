/**
 * Anonymity on disk and over time, through the real API: what someone holding every file of the
 * data folder (SQLite pages, WAL frames, journals) can join, what HR's dashboard shows before
 * close, and whether raters added after a submission can unlock a hidden group.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addNomination,
	addSubject,
	readCycleConfig,
	startCycle
} from '../../src/lib/model/review-cycle.ts';
import type { Answer } from '../../src/lib/domain/review/questionnaire.ts';
import type { StoredSubmission } from '../../src/lib/domain/review/submission.ts';
import {
	openSqliteReviewStore,
	SUBMISSIONS_FILE
} from '../../server/reviews/sqlite-review-store.ts';
import { openSubmissionStore } from '../../server/reviews/submission-store.ts';
import { apiCaller } from './helpers/api-call.ts';
import { startTestServer, type TestServer } from './helpers/relay-harness.ts';

let server: TestServer;
beforeAll(async () => {
	// One address sets up every cycle of the suite: a creation burst that fits it, said here.
	server = await startTestServer({ createBurst: 1000, instanceCreateBurst: 1000 });
});
afterAll(() => server.stop());

const call = apiCaller(() => server.url);

type Group = 'superior' | 'peer' | 'customer';

/** A frontline cycle (superior 70 · peer 10 · customer 10 · self 10) for one subject. */
async function cycleWith(raters: ReadonlyArray<readonly [string, Group]>) {
	const { id, token } = await server.createDoc('review-cycle');
	const doc = new Y.Doc();
	startCycle(doc, 'frontline');
	const subject = addSubject(doc, '李雷', 'boss@example.com')!;
	const nominate = async (list: ReadonlyArray<readonly [string, Group]>) => {
		for (const [rater, group] of list) {
			addNomination(doc, { subject, rater, raterName: rater.split('@')[0]!, group });
		}
		await server.services.store.append([{ docId: id, update: Y.encodeStateAsUpdate(doc) }]);
	};
	const links = new Map<string, { raterId: string; token: string }>();
	const launch = async () => {
		const { status, body } = await call(`/api/reviews/${id}/launch`, { token, body: {} });
		expect(status).toBe(200);
		for (const r of body.issued as Array<{ raterId: string; person: string; token: string }>) {
			links.set(r.person, r);
		}
		return body as { drafts: number };
	};
	await nominate(raters);
	await launch();
	const items = readCycleConfig(doc)!.questionnaire.competencies.flatMap((c) =>
		c.items.map((i) => i.id)
	);
	const question = readCycleConfig(doc)!.questionnaire.comments[0]!.id;
	async function submit(person: string, score: number, comment: string) {
		const link = links.get(person)!;
		// The rater's device claims the invitation, then lists its drafts with the credential.
		const claim = await call(`/api/reviews/raters/${link.raterId}/claim`, {
			token: link.token,
			body: {}
		});
		expect(claim.status).toBe(200);
		const { body } = await call(`/api/reviews/raters/${link.raterId}`, {
			token: claim.body.token as string
		});
		const { draft, token: draftToken } = (
			body.assignments as Array<{ draft: string; token: string }>
		)[0]!;
		const answers = Object.fromEntries(items.map((item) => [item, score]));
		const result = await call(`/api/reviews/${id}/submit`, {
			token: draftToken,
			body: { draft, idempotencyKey: `key-${person}`, answers, comments: { [question]: comment } }
		});
		expect(result.status).toBe(201);
		return draft;
	}
	const dashboard = () => call(`/api/reviews/${id}/dashboard`, { token });
	const close = () => call(`/api/reviews/${id}/close`, { token, body: {} });
	async function report() {
		const links = await call(`/api/reviews/${id}/subject-links`, { token, body: {} });
		const subjectToken = (links.body.links as Array<{ token: string }>)[0]!.token;
		return (await call(`/api/reviews/${id}/report/${subject}`, { token: subjectToken })).body
			.report as {
			units: Array<{ unit: string; raters: number; score?: number }>;
			legend: Array<{ group: string; scores: string }>;
			total?: unknown;
			incomplete?: { missing: string[] };
			participation: Array<{ group: string; invited?: number; answered?: number }>;
		};
	}
	return { id, subject, links, nominate, launch, submit, dashboard, close, report };
}

/**
 * A database file without the header fields that count writes (change counter, schema cookie,
 * version-valid-for): they say how many writes there were, not in which order.
 */
function masked(bytes: Buffer): Buffer {
	const copy = Buffer.from(bytes);
	copy.fill(0, 24, 28);
	copy.fill(0, 40, 44);
	copy.fill(0, 92, 100);
	return copy;
}

/** Every WAL file's commits: the page images written by one transaction, concatenated. */
function walCommits(bytes: Buffer): Buffer[] {
	if (bytes.length < 32) return [];
	const pageSize = bytes.readUInt32BE(8);
	const commits: Buffer[] = [];
	let pages: Buffer[] = [];
	for (let at = 32; at + 24 + pageSize <= bytes.length; at += 24 + pageSize) {
		pages.push(bytes.subarray(at + 24, at + 24 + pageSize));
		// A commit frame carries the database size after the commit; others carry 0.
		if (bytes.readUInt32BE(at + 4) !== 0) {
			commits.push(Buffer.concat(pages));
			pages = [];
		}
	}
	if (pages.length > 0) commits.push(Buffer.concat(pages));
	return commits;
}

/** Byte ranges an attacker treats as one unit: each WAL commit, each database or journal file. */
function units(dir: string): Array<{ file: string; bytes: Buffer }> {
	const out: Array<{ file: string; bytes: Buffer }> = [];
	for (const file of readdirSync(dir, { recursive: true }) as string[]) {
		let bytes: Buffer;
		try {
			bytes = readFileSync(join(dir, file));
		} catch {
			continue; // reason: a directory
		}
		if (file.endsWith('-wal')) {
			for (const commit of walCommits(bytes)) out.push({ file, bytes: commit });
		}
		out.push({ file, bytes });
	}
	return out;
}

describe('no file ties a submission to a rater', () => {
	it('after nine raters submit, an attacker reading every file of the data folder matches none', async () => {
		const raters = [
			['boss@example.com', 'superior'],
			['p1@example.com', 'peer'],
			['p2@example.com', 'peer'],
			['p3@example.com', 'peer'],
			['p4@example.com', 'peer'],
			['p5@example.com', 'peer'],
			['c1@example.com', 'customer'],
			['c2@example.com', 'customer']
		] as const;
		const cycle = await cycleWith(raters);
		// Completion order, which HR can learn by watching the "still owed" list.
		const order: Array<{ person: string; draft: string; marker: string }> = [];
		const people = [...raters.map(([p]) => p), `self:${cycle.subject}`];
		for (const [i, person] of people.entries()) {
			const marker = `marker-${i}-${Math.random().toString(36).slice(2)}`;
			order.push({ person, draft: await cycle.submit(person, 1 + (i % 5), marker), marker });
		}

		// The attacker's identity side: drafts and completions, read like any SQLite file.
		const identities = new Database(join(server.dataDir, 'reviews.db'), { readonly: true });
		const completions = identities
			.prepare('SELECT draft_id FROM review_completions WHERE cycle_id = ?')
			.pluck()
			.all(cycle.id) as string[];
		identities.close();
		expect(completions.sort()).toEqual(order.map((o) => o.draft).sort());
		// The answer side: each submission's random id and its distinctive comment.
		const answers = new Database(join(server.dataDir, SUBMISSIONS_FILE), { readonly: true });
		const submissions = answers
			.prepare('SELECT id, comments FROM review_submissions WHERE cycle_id = ?')
			.all(cycle.id) as Array<{ id: string; comments: string }>;
		const rowid = answers
			.prepare("SELECT sql FROM sqlite_master WHERE name = 'review_submissions'")
			.pluck()
			.get() as string;
		answers.close();
		expect(submissions).toHaveLength(people.length);
		expect(rowid).toContain('WITHOUT ROWID'); // no rowid to order by

		// 1. Co-location: a WAL commit or file holding both a draft id and a submission's bytes.
		let matched = 0;
		for (const { file, bytes } of units(server.dataDir)) {
			const text = bytes.toString('latin1');
			for (const submission of submissions) {
				const marker = JSON.parse(submission.comments) as Record<string, string>;
				const fingerprints = [submission.id, ...Object.values(marker)];
				if (!fingerprints.some((f) => text.includes(f))) continue;
				for (const draft of completions) {
					if (text.includes(draft)) {
						matched++;
						console.error(`joined in ${file}`);
					}
				}
			}
		}
		expect(matched).toBe(0);

		// 2. Order: where each submission sits in the file against completion order. The file's
		// bytes must be those of a file holding the same rows written in the opposite order.
		const real = readFileSync(join(server.dataDir, SUBMISSIONS_FILE));
		const rows = new Database(join(server.dataDir, SUBMISSIONS_FILE), { readonly: true })
			.prepare(
				'SELECT id, cycle_id AS cycleId, subject, grp, answers, comments FROM review_submissions'
			)
			.all() as Array<Record<string, string>>;
		const rank = (row: Record<string, string>) =>
			order.findIndex((o) => row.comments!.includes(o.marker));
		rows.sort((a, b) => rank(b) - rank(a));
		const dir = mkdtempSync(join(tmpdir(), 'panorama-replay-'));
		try {
			const replay = openSubmissionStore(join(dir, SUBMISSIONS_FILE));
			replay.putMany(
				rows.map((row) => ({
					id: row.id!,
					cycleId: row.cycleId!,
					submission: {
						subject: row.subject!,
						group: row.grp as Group,
						answers: JSON.parse(row.answers!),
						comments: JSON.parse(row.comments!)
					}
				}))
			);
			replay.close();
			const replayed = masked(readFileSync(join(dir, SUBMISSIONS_FILE)));
			expect(replayed.equals(masked(real))).toBe(true);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}

		// 3. No journal or WAL of the submissions file is left at rest.
		const names = readdirSync(server.dataDir);
		expect(names.filter((n) => n.startsWith(SUBMISSIONS_FILE) && n !== SUBMISSIONS_FILE)).toEqual(
			[]
		);
		// And the identity file's WAL was truncated after the last completion.
		const wal = join(server.dataDir, 'reviews.db-wal');
		if (names.includes('reviews.db-wal')) {
			for (const commit of walCommits(readFileSync(wal))) {
				for (const s of submissions) expect(commit.includes(s.id)).toBe(false);
			}
		}
	});

	it('lays out the submissions file the same whatever order submissions arrive in', () => {
		const dir = mkdtempSync(join(tmpdir(), 'panorama-layout-'));
		try {
			const rows = Array.from({ length: 40 }, (_, i) => ({
				id: `id-${((i * 7919) % 40).toString().padStart(3, '0')}-${i}`,
				cycleId: 'c',
				submission: {
					subject: 's',
					group: 'peer' as const,
					answers: { a: ((i % 5) + 1) as Answer },
					comments: { q: `comment ${i} `.repeat(20) }
				}
			}));
			const build = (name: string, list: typeof rows) => {
				const store = openSubmissionStore(join(dir, name));
				for (const row of list) store.put(row.id, row.cycleId, row.submission);
				store.close();
				return masked(readFileSync(join(dir, name)));
			};
			const forward = build('a.db', rows);
			const backward = build('b.db', [...rows].reverse());
			expect(forward.length).toBeGreaterThan(4096);
			expect(forward.equals(backward)).toBe(true);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('a crash between the two writes neither loses a stored submission nor allows a second', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'panorama-crash-'));
		try {
			const file = join(dir, 'reviews.db');
			const submission: StoredSubmission = {
				subject: 's',
				group: 'peer',
				answers: { a: 4 },
				comments: {}
			};
			const draft = (id: string) => ({
				id,
				cycleId: 'c',
				raterId: `r-${id}`,
				subject: 's',
				group: 'peer' as const
			});
			let store = openSqliteReviewStore(file);
			await store.addDraft(draft('d1'));
			await store.addDraft(draft('d2'));
			await store.closeStore();
			// d1 died after its submission was written; d2 before.
			const raw = new Database(file);
			raw
				.prepare(
					"INSERT INTO review_completions (draft_id, cycle_id, idempotency_key, pending) VALUES ('d1', 'c', 'k1', 'sub-1'), ('d2', 'c', 'k2', 'sub-2')"
				)
				.run();
			raw.close();
			const answers = openSubmissionStore(join(dir, SUBMISSIONS_FILE));
			answers.put('sub-1', 'c', submission);
			answers.close();

			store = openSqliteReviewStore(file);
			expect(await store.isSubmitted('d1')).toBe(true);
			expect(await store.isSubmitted('d2')).toBe(false);
			expect(await store.submit(draft('d1'), 'k1', submission)).toBe('repeated');
			expect(await store.submit(draft('d1'), 'other', submission)).toBe('already-submitted');
			expect(await store.submissions('c')).toHaveLength(1);
			// d2's rater was never told "stored": the retry stores it, once.
			expect(await store.submit(draft('d2'), 'k2-retry', submission)).toBe('stored');
			expect(await store.submit(draft('d2'), 'k2-retry', submission)).toBe('repeated');
			expect(await store.submissions('c')).toHaveLength(2);
			expect(await store.completedDrafts('c')).toEqual(new Set(['d1', 'd2']));
			await store.closeStore();
			// No completion keeps the id of its submission.
			const check = new Database(file, { readonly: true });
			expect(
				check
					.prepare('SELECT count(*) FROM review_completions WHERE pending IS NOT NULL')
					.pluck()
					.get()
			).toBe(0);
			check.close();
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('no leaks through timing, no unlocking by added raters', () => {
	it('the dashboard before close has counts only: no outlier flags, no answer values', async () => {
		const cycle = await cycleWith([
			['boss@example.com', 'superior'],
			['p1@example.com', 'peer'],
			['p2@example.com', 'peer'],
			['p3@example.com', 'peer'],
			['c1@example.com', 'customer'],
			['c2@example.com', 'customer']
		]);
		await cycle.submit('boss@example.com', 4, 'boss-secret-comment');
		for (const p of ['p1', 'p2', 'p3']) await cycle.submit(`${p}@example.com`, 4, `${p}-secret`);
		// Two customers far below everyone: a group too small to be shown.
		await cycle.submit('c1@example.com', 1, 'c1-secret');
		await cycle.submit('c2@example.com', 1, 'c2-secret');

		const before = await cycle.dashboard();
		expect(before.status).toBe(200);
		expect(before.body.outliers).toBeUndefined();
		expect(before.body.calibration).toBeUndefined();
		const text = JSON.stringify(before.body);
		for (const leak of ['secret', '"answers"', '"comments"', '"score"', '"mean"']) {
			expect(text).not.toContain(leak);
		}
		const row = (
			before.body.progress as {
				subjects: Array<{ groups: Record<string, { expected: number; submitted: number }> }>;
			}
		).subjects[0]!;
		expect(row.groups).toMatchObject({
			superior: { expected: 1, submitted: 1 },
			peer: { expected: 3, submitted: 3 },
			customer: { expected: 2, submitted: 2 }
		});

		expect((await cycle.close()).status).toBe(200);
		const after = await cycle.dashboard();
		// Flags only over the shown groups: the hidden customers' 1s flag nothing.
		expect(after.body.outliers).toEqual([]);
		const report = await cycle.report();
		expect(report.legend.find((e) => e.group === 'customer')!.scores).toBe('omitted');
	});

	it('raters added after a submission never make a hidden group appear', async () => {
		const cycle = await cycleWith([
			['boss@example.com', 'superior'],
			['p1@example.com', 'peer']
		]);
		await cycle.submit('p1@example.com', 2, 'the real peer');
		// HR (or a manager's proposals) add two more peers to reach the threshold of 3.
		await cycle.nominate([
			['fake1@example.com', 'peer'],
			['fake2@example.com', 'peer']
		]);
		const again = await cycle.launch();
		expect(again.drafts).toBe(0);
		expect(cycle.links.has('fake1@example.com')).toBe(false);
		await cycle.submit('boss@example.com', 4, 'boss');
		expect((await cycle.close()).status).toBe(200);
		const report = await cycle.report();
		expect(report.units.map((u) => u.unit)).toEqual(['superior']);
		expect(report.legend.find((e) => e.group === 'peer')!.scores).toBe('omitted');
		// Per group: how many were asked; how many answered only where the group is shown.
		expect(report.participation).toEqual([
			{ group: 'superior', invited: 1, answered: 1 },
			{ group: 'peer', invited: 1 },
			{ group: 'customer', invited: 0 },
			{ group: 'self', invited: 1 }
		]);
	});

	it('a report without the superior says incomplete, gives no total, and still shows the parts', async () => {
		const cycle = await cycleWith([
			['boss@example.com', 'superior'],
			['p1@example.com', 'peer'],
			['p2@example.com', 'peer'],
			['p3@example.com', 'peer']
		]);
		for (const p of ['p1', 'p2', 'p3']) await cycle.submit(`${p}@example.com`, 3, p);
		await cycle.submit(`self:${cycle.subject}`, 5, 'me');
		expect((await cycle.close()).status).toBe(200);
		const report = await cycle.report();
		expect(report.total).toBeUndefined();
		expect(report.incomplete).toEqual({ missing: ['superior'] });
		expect(report.units.map((u) => [u.unit, u.score])).toEqual([
			['peer', 3],
			['self', 5]
		]);
	});
});
