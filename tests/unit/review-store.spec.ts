/**
 * One contract for both review stores (SQLite files, PostgreSQL), and what each keeps at rest: a
 * submission stored once per draft however many instances race for it, a crash between the
 * writes neither losing one nor allowing a second, and no order or link left in the tables.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredSubmission } from '../../src/lib/domain/review/submission.ts';
import { openPostgresReviewStore } from '../../server/reviews/postgres-review-store.ts';
import type { DraftRow, ReviewStore } from '../../server/reviews/review-store.ts';
import {
	openSqliteReviewStore,
	SUBMISSIONS_FILE
} from '../../server/reviews/sqlite-review-store.ts';
import { openSubmissionStore } from '../../server/reviews/submission-store.ts';
import { testDatabase } from './helpers/postgres.ts';

process.env.PANORAMA_LOG = 'silent';

interface Backend {
	name: string;
	/** A fresh, empty place to keep reviews. */
	create(): Promise<string>;
	/** A store on `place`; several may be open at once, as several instances would. */
	open(place: string): Promise<ReviewStore>;
	/**
	 * Leaves `place` as a crash would: a completion pending for `draft` with submission id `id`,
	 * the submission itself written or not.
	 */
	crash(place: string, draft: DraftRow, id: string, written: boolean): Promise<void>;
	dispose(place: string): Promise<void>;
}

const submission = (subject = 's'): StoredSubmission => ({
	subject,
	group: 'peer',
	answers: { q1: { score: 4 } } as unknown as StoredSubmission['answers'],
	comments: { c1: '很好' }
});

const backends: Backend[] = [
	{
		name: 'SQLite',
		async create() {
			return mkdtempSync(join(tmpdir(), 'panorama-reviews-'));
		},
		async open(dir) {
			return openSqliteReviewStore(join(dir, 'reviews.db'));
		},
		async crash(dir, draft, id, written) {
			const raw = new Database(join(dir, 'reviews.db'));
			raw
				.prepare(
					'INSERT INTO review_completions (draft_id, cycle_id, idempotency_key, pending) VALUES (?, ?, ?, ?)'
				)
				.run(draft.id, draft.cycleId, 'crashed-key', id);
			raw.close();
			if (written) {
				const answers = openSubmissionStore(join(dir, SUBMISSIONS_FILE));
				answers.put(id, draft.cycleId, submission(draft.subject));
				answers.close();
			}
		},
		async dispose(dir) {
			rmSync(dir, { recursive: true, force: true });
		}
	},
	{
		name: 'PostgreSQL',
		create: () => testDatabase('reviews'),
		async open(url) {
			const store = openPostgresReviewStore(url);
			await store.ready;
			return store;
		},
		async crash(url, draft, id, written) {
			const client = new pg.Client(url);
			await client.connect();
			await client.query(
				'INSERT INTO review_completions (draft_id, cycle_id, idempotency_key, pending) VALUES ($1, $2, $3, $4)',
				[draft.id, draft.cycleId, 'crashed-key', id]
			);
			if (written) {
				const s = submission(draft.subject);
				await client.query(
					'INSERT INTO review_submissions (id, cycle_id, subject, grp, answers, comments) VALUES ($1, $2, $3, $4, $5, $6)',
					[
						id,
						draft.cycleId,
						s.subject,
						s.group,
						JSON.stringify(s.answers),
						JSON.stringify(s.comments)
					]
				);
			}
			await client.end();
		},
		async dispose() {}
	}
];

const draft = (id: string, subject = 's'): DraftRow => ({
	id,
	cycleId: 'c',
	raterId: `r-${id}`,
	subject,
	group: 'peer'
});

describe.each(backends)('review store on $name', (backend) => {
	let place: string;
	const open: ReviewStore[] = [];
	async function openStore(): Promise<ReviewStore> {
		const store = await backend.open(place);
		open.push(store);
		return store;
	}

	beforeEach(async () => {
		place = await backend.create();
	});
	afterEach(async () => {
		for (const store of open.splice(0)) await store.closeStore();
		await backend.dispose(place);
	});

	it('claims an invitation once, and a re-issue makes the old one open nothing', async () => {
		const store = await openStore();
		await store.addRater({ id: 'r1', cycleId: 'c', person: 'li@example.com', name: '李雷' });
		expect(await store.raterByPerson('c', 'li@example.com')).toMatchObject({ id: 'r1', epoch: 0 });
		expect(await store.claimInvitation('r1', 0)).toBe(true);
		expect(await store.claimInvitation('r1', 0)).toBe(false);
		expect((await store.rater('r1'))?.claimedAt).toBeTypeOf('number');
		expect(await store.reissueInvitation('r1')).toBe(1);
		const reissued = await store.rater('r1');
		expect(reissued?.claimedAt).toBeUndefined();
		expect(reissued?.reissuedAt).toBeTypeOf('number');
		expect(await store.claimInvitation('r1', 0)).toBe(false);
		expect(await store.claimInvitation('r1', 1)).toBe(true);
		expect(await store.rater('nobody')).toBeUndefined();
	});

	it('keeps drafts by rater and cycle, and points one at a fresh document', async () => {
		const store = await openStore();
		await store.addDraft(draft('d1', 'a'));
		await store.addDraft({ ...draft('d2', 'b'), raterId: 'r-d1' });
		expect(await store.draftFor('r-d1', 'b')).toMatchObject({ id: 'd2', subject: 'b' });
		expect((await store.draftsOfRater('r-d1')).map((d) => d.id).sort()).toEqual(['d1', 'd2']);
		await store.replaceDraft('d1', 'd1-new');
		expect(await store.draft('d1')).toBeUndefined();
		expect(await store.draft('d1-new')).toMatchObject({ subject: 'a', group: 'peer' });
		expect((await store.draftsOfCycle('c')).length).toBe(2);
	});

	it('stores a submission once: the same key repeats, another key is refused', async () => {
		const store = await openStore();
		await store.addDraft(draft('d1'));
		expect(await store.isGroupFrozen('c', 's', 'peer')).toBe(false);
		expect(await store.submit(draft('d1'), 'k1', submission())).toBe('stored');
		expect(await store.submit(draft('d1'), 'k1', submission())).toBe('repeated');
		expect(await store.submit(draft('d1'), 'k2', submission())).toBe('already-submitted');
		expect(await store.isSubmitted('d1')).toBe(true);
		expect(await store.completedDrafts('c')).toEqual(new Set(['d1']));
		expect(await store.countSubmissions('c', 's', 'peer')).toBe(1);
		expect(await store.isGroupFrozen('c', 's', 'peer')).toBe(true);
		expect(await store.submissions('c')).toEqual([submission()]);
	});

	it('two instances submitting one draft at once store it once', async () => {
		const [a, b] = [await openStore(), await openStore()];
		await a.addDraft(draft('d1'));
		const outcomes = await Promise.all([
			a.submit(draft('d1'), 'key-a', submission()),
			b.submit(draft('d1'), 'key-b', submission()),
			a.submit(draft('d1'), 'key-a', submission())
		]);
		expect(outcomes.filter((o) => o === 'stored')).toHaveLength(1);
		expect(await b.submissions('c')).toHaveLength(1);
		// Many drafts at once, through both: every one stored, none twice.
		const drafts = Array.from({ length: 12 }, (_, i) => draft(`m${i}`));
		for (const d of drafts) await a.addDraft(d);
		const many = await Promise.all(
			drafts.map((d, i) => (i % 2 ? a : b).submit(d, `k${i}`, submission()))
		);
		expect(many.every((o) => o === 'stored')).toBe(true);
		expect(await a.submissions('c')).toHaveLength(13);
	});

	it('a crash between the writes neither loses a stored submission nor allows a second', async () => {
		const first = await openStore();
		await first.addDraft(draft('d1'));
		await first.addDraft(draft('d2'));
		await first.closeStore();
		open.splice(0);
		// d1 died after its submission was written; d2 before.
		await backend.crash(place, draft('d1'), 'sub-1', true);
		await backend.crash(place, draft('d2'), 'sub-2', false);

		const store = await openStore();
		expect(await store.isSubmitted('d1')).toBe(true);
		expect(await store.isSubmitted('d2')).toBe(false);
		expect(await store.submit(draft('d1'), 'other', submission())).toBe('already-submitted');
		expect(await store.submissions('c')).toHaveLength(1);
		// d2's rater was never told "stored": the retry stores it, once.
		expect(await store.submit(draft('d2'), 'retry', submission())).toBe('stored');
		expect(await store.submit(draft('d2'), 'retry', submission())).toBe('repeated');
		expect(await store.submissions('c')).toHaveLength(2);
		expect(await store.completedDrafts('c')).toEqual(new Set(['d1', 'd2']));
	});

	it('closes a cycle once and keeps its reports and outlier flags', async () => {
		const store = await openStore();
		expect(await store.isClosed('c')).toBe(false);
		expect(await store.reports('c')).toBeUndefined();
		expect(await store.close('c', [{ subject: 's', total: 3.5 }], [{ item: 'q1' }])).toBe(true);
		expect(await store.close('c', [], [])).toBe(false);
		expect(await store.isClosed('c')).toBe(true);
		expect(await store.reports('c')).toEqual([{ subject: 's', total: 3.5 }]);
		expect(await store.outliers('c')).toEqual([{ item: 'q1' }]);
	});

	it('keeps proposals in the order they came, with status and import marks', async () => {
		const store = await openStore();
		for (const id of ['p3', 'p1', 'p2']) {
			await store.addProposal({
				id,
				cycleId: 'c',
				subject: id === 'p2' ? 't' : 's',
				rater: `${id}@example.com`,
				raterName: id,
				group: 'peer',
				status: 'proposed'
			});
		}
		expect((await store.proposals('c')).map((p) => p.id)).toEqual(['p3', 'p1', 'p2']);
		expect((await store.proposals('c', 's')).map((p) => p.id)).toEqual(['p3', 'p1']);
		await store.setProposalStatus('p1', 'approved');
		await store.removeProposal('p3');
		await store.markImported('c', ['p1']);
		expect(await store.proposal('p1')).toMatchObject({ status: 'approved', imported: true });
		expect(await store.proposal('p3')).toBeUndefined();
		expect((await store.proposal('p2'))?.imported).toBe(false);
	});

	it('keeps the audit log in order', async () => {
		const store = await openStore();
		await store.audit('c', 'launch', '{"raters":3}');
		await store.audit('c', 'close', '{}');
		await store.audit('other', 'launch', '{}');
		const log = await store.auditLog('c');
		expect(log.map((e) => e.action)).toEqual(['launch', 'close']);
		expect(log[0]!.at).toBeTypeOf('number');
	});
});

describe('review store on PostgreSQL, at rest', () => {
	it('leaves no order in the submissions table and no link in the completions', async () => {
		const url = await testDatabase('reviews_rest');
		const store = openPostgresReviewStore(url);
		await store.ready;
		try {
			const drafts = Array.from({ length: 9 }, (_, i) => draft(`d${i}`, `s${i % 3}`));
			for (const d of drafts) await store.addDraft(d);
			for (const [i, d] of drafts.entries()) await store.submit(d, `k${i}`, submission(d.subject));
			const client = new pg.Client(url);
			await client.connect();
			try {
				// One transaction wrote every row: their xmin says nothing of when each came.
				const xmins = await client.query('SELECT DISTINCT xmin FROM review_submissions');
				expect(xmins.rowCount).toBe(1);
				// Physical order is the random ids' order, not the order of submission.
				const physical = await client.query<{ id: string }>(
					'SELECT id FROM review_submissions ORDER BY ctid'
				);
				const ids = physical.rows.map((row) => row.id);
				expect(ids).toHaveLength(9);
				expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
				// No completion keeps the id of its submission.
				const pending = await client.query(
					'SELECT 1 FROM review_completions WHERE pending IS NOT NULL'
				);
				expect(pending.rowCount).toBe(0);
				const columns = await client.query<{ column_name: string }>(
					"SELECT column_name FROM information_schema.columns WHERE table_name = 'review_submissions'"
				);
				expect(columns.rows.map((c) => c.column_name).sort()).toEqual(
					['answers', 'comments', 'cycle_id', 'grp', 'id', 'subject'].sort()
				);
			} finally {
				await client.end();
			}
		} finally {
			await store.closeStore();
		}
	});
});
