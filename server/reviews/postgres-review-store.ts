/**
 * The review store on PostgreSQL, for instances sharing one database: every instance sees the same
 * raters, claims, completions and reports, so a draft submitted through one instance is read-only
 * on all of them and a cycle closes once.
 *
 * Submit-once runs the SQLite store's three steps (see `sqlite-review-store.ts`), each its own
 * transaction, under a per-draft advisory lock held by one connection for the three of them, so
 * two instances submitting one draft at once queue instead of racing:
 *
 * 1. the completion is written *pending*, holding the random id the submission will get;
 * 2. the submission is written under that id (see below);
 * 3. the id is erased from the completion. Only now is the rater told "stored".
 *
 * A crash (or a lost connection, which releases the lock) after 1 leaves a pending completion; the
 * retry finds its id and writes the submission under it if it is missing, never a second one.
 *
 * **What a reader of the tables can join.** `review_submissions` has no column naming a rater,
 * draft, key or time. In PostgreSQL every row also carries its transaction id (`xmin`) and a
 * physical position (`ctid`), both in insertion order, which the "still owed" list would turn into
 * names. So each write rebuilds the table in one transaction: the rows are copied aside, the table
 * is truncated (a new file; the old one is unlinked at commit) and the rows go back in id order.
 * Afterwards every row has the same `xmin` and positions follow the random ids: what the table
 * says depends only on the set of rows. The cost is a copy of the table per submission, as the
 * SQLite store's `VACUUM`.
 *
 * What this cannot cover, and the README says: PostgreSQL's write-ahead log (and any archive or
 * replica of it) records every rebuild in order, and a superuser can read dead row versions until
 * vacuum reuses their space. Those are the database operator's to keep (no WAL archive for this
 * database, or `wal_level = minimal`, with which a table truncated and filled in one transaction
 * is not logged at all).
 */
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import type { RaterGroup } from '../../src/lib/domain/review/groups.ts';
import type { StoredSubmission } from '../../src/lib/domain/review/submission.ts';
import { log } from '../log.ts';
import { migrateSchema } from '../store/postgres-schema.ts';
import { QUERY_TIMEOUT_MS, redactedUrl, SESSION_OPTIONS } from '../store/postgres-store.ts';
import type {
	AuditEntry,
	DraftRow,
	ProposalRow,
	RaterRow,
	ReviewStore,
	SubmitOutcome
} from './review-store.ts';

/** First key of the per-draft advisory locks held while a draft is submitted. */
const SUBMIT_LOCK_SPACE = 0x50414e4f + 2;

const RATER =
	'id, cycle_id AS "cycleId", person, name, epoch, claimed_at AS "claimedAt", reissued_at AS "reissuedAt" FROM review_raters';
const DRAFT =
	'id, cycle_id AS "cycleId", rater_id AS "raterId", subject, grp AS "group" FROM review_drafts';
const PROPOSAL =
	'id, cycle_id AS "cycleId", subject, rater, rater_name AS "raterName", grp AS "group", status, imported FROM review_proposals';

interface RaterSqlRow {
	id: string;
	cycleId: string;
	person: string;
	name: string;
	epoch: number;
	claimedAt: string | null;
	reissuedAt: string | null;
}

function toRater(row: RaterSqlRow | undefined): RaterRow | undefined {
	if (!row) return undefined;
	const { claimedAt, reissuedAt, ...rest } = row;
	return {
		...rest,
		...(claimedAt !== null ? { claimedAt: Number(claimedAt) } : {}),
		...(reissuedAt !== null ? { reissuedAt: Number(reissuedAt) } : {})
	};
}

export function openPostgresReviewStore(
	url: string,
	{ maxConnections = 4 }: { maxConnections?: number } = {}
): ReviewStore & { ready: Promise<void> } {
	const pool = new pg.Pool({
		connectionString: url,
		max: maxConnections,
		connectionTimeoutMillis: 5000,
		// A submission the rater was told is stored is in the flushed WAL.
		options: SESSION_OPTIONS,
		query_timeout: QUERY_TIMEOUT_MS,
		keepAlive: true,
		application_name: 'panorama-reviews'
	});
	pool.on('error', (error) => log.warn(`a PostgreSQL connection closed: ${error.message}`));
	const ready = migrateSchema(pool).catch((error: unknown) => {
		const reason = error instanceof Error ? error.message : String(error);
		throw new Error(`The review store at ${redactedUrl(url)} cannot be used: ${reason}`, {
			cause: error
		});
	});
	ready.catch(() => {});
	// A crash (of any instance) between steps 2 and 3 left a completion pending whose submission
	// is stored: it is submitted, so finish it (harmless if that instance is still finishing it).
	const recovered = ready.then(() =>
		pool.query(
			`UPDATE review_completions c SET pending = NULL
			 WHERE pending IS NOT NULL AND EXISTS (SELECT 1 FROM review_submissions s WHERE s.id = c.pending)`
		)
	);
	recovered.catch(() => {});

	async function rows<R extends pg.QueryResultRow>(
		text: string,
		values: unknown[] = [],
		client: pg.Pool | pg.PoolClient = pool
	): Promise<R[]> {
		await ready;
		return (await client.query<R>(text, values)).rows;
	}
	async function changed(text: string, values: unknown[] = []): Promise<number> {
		await ready;
		return (await pool.query(text, values)).rowCount ?? 0;
	}

	/** Step 2: the submission joins the table, which is rebuilt in id order (see the header). */
	async function putSubmission(
		client: pg.PoolClient,
		id: string,
		cycleId: string,
		s: StoredSubmission
	) {
		await client.query('BEGIN');
		try {
			// Taken first, so a concurrent rebuild waits here instead of failing on the truncate.
			await client.query('LOCK TABLE review_submissions IN ACCESS EXCLUSIVE MODE');
			await client.query(
				'CREATE TEMP TABLE review_rebuild ON COMMIT DROP AS SELECT * FROM review_submissions'
			);
			await client.query(
				'INSERT INTO review_rebuild (id, cycle_id, subject, grp, answers, comments) VALUES ($1, $2, $3, $4, $5, $6)',
				[id, cycleId, s.subject, s.group, JSON.stringify(s.answers), JSON.stringify(s.comments)]
			);
			await client.query('TRUNCATE review_submissions');
			await client.query(
				'INSERT INTO review_submissions SELECT * FROM review_rebuild ORDER BY id COLLATE "C"'
			);
			await client.query('COMMIT');
		} catch (error) {
			await client.query('ROLLBACK').catch(() => {});
			throw error;
		}
	}

	async function submit(
		draft: DraftRow,
		key: string,
		submission: StoredSubmission
	): Promise<SubmitOutcome> {
		await ready;
		const client = await pool.connect();
		let broken: Error | undefined;
		try {
			await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [
				SUBMIT_LOCK_SPACE,
				draft.id
			]);
			try {
				const [existing] = await rows<{ key: string; pending: string | null }>(
					'SELECT idempotency_key AS key, pending FROM review_completions WHERE draft_id = $1',
					[draft.id],
					client
				);
				if (existing && existing.pending === null) {
					return existing.key === key ? 'repeated' : 'already-submitted';
				}
				let id: string;
				if (existing) {
					// Left pending by a crash before its submission was written: nothing stored yet.
					id = existing.pending!;
					await client.query(
						'UPDATE review_completions SET idempotency_key = $1 WHERE draft_id = $2',
						[key, draft.id]
					);
				} else {
					id = randomBytes(16).toString('base64url');
					await client.query(
						'INSERT INTO review_completions (draft_id, cycle_id, idempotency_key, pending) VALUES ($1, $2, $3, $4)',
						[draft.id, draft.cycleId, key, id]
					);
				}
				const stored = await rows('SELECT 1 FROM review_submissions WHERE id = $1', [id], client);
				if (stored.length === 0) await putSubmission(client, id, draft.cycleId, submission);
				await client.query('UPDATE review_completions SET pending = NULL WHERE draft_id = $1', [
					draft.id
				]);
				return 'stored';
			} finally {
				await client
					.query('SELECT pg_advisory_unlock($1, hashtext($2))', [SUBMIT_LOCK_SPACE, draft.id])
					.catch((error: Error) => (broken = error));
			}
		} finally {
			// A connection that failed mid-way ends its session, which releases the lock.
			client.release(broken);
		}
	}

	return {
		ready: recovered.then(() => {}),
		raterByPerson: async (cycleId, person) =>
			toRater(
				(
					await rows<RaterSqlRow>(`SELECT ${RATER} WHERE cycle_id = $1 AND person = $2`, [
						cycleId,
						person
					])
				)[0]
			),
		rater: async (id) =>
			toRater((await rows<RaterSqlRow>(`SELECT ${RATER} WHERE id = $1`, [id]))[0]),
		async addRater({ id, cycleId, person, name }) {
			await changed(
				'INSERT INTO review_raters (id, cycle_id, person, name) VALUES ($1, $2, $3, $4)',
				[id, cycleId, person, name]
			);
		},
		claimInvitation: async (id, epoch) =>
			(await changed(
				'UPDATE review_raters SET claimed_at = $1 WHERE id = $2 AND epoch = $3 AND claimed_at IS NULL',
				[Date.now(), id, epoch]
			)) === 1,
		async reissueInvitation(id) {
			const [row] = await rows<{ epoch: number }>(
				'UPDATE review_raters SET epoch = epoch + 1, claimed_at = NULL, reissued_at = $1 WHERE id = $2 RETURNING epoch',
				[Date.now(), id]
			);
			return row!.epoch;
		},
		async replaceDraft(oldId, newId) {
			await changed('UPDATE review_drafts SET id = $1 WHERE id = $2', [newId, oldId]);
		},
		raters: async (cycleId) =>
			(
				await rows<RaterSqlRow>(`SELECT ${RATER} WHERE cycle_id = $1 ORDER BY name COLLATE "C"`, [
					cycleId
				])
			).map((row) => toRater(row)!),
		draftFor: async (raterId, subject) =>
			(
				await rows<DraftRow>(`SELECT ${DRAFT} WHERE rater_id = $1 AND subject = $2`, [
					raterId,
					subject
				])
			)[0],
		draft: async (id) => (await rows<DraftRow>(`SELECT ${DRAFT} WHERE id = $1`, [id]))[0],
		async addDraft({ id, cycleId, raterId, subject, group }) {
			await changed(
				'INSERT INTO review_drafts (id, cycle_id, rater_id, subject, grp) VALUES ($1, $2, $3, $4, $5)',
				[id, cycleId, raterId, subject, group]
			);
		},
		draftsOfRater: (raterId) => rows<DraftRow>(`SELECT ${DRAFT} WHERE rater_id = $1`, [raterId]),
		draftsOfCycle: (cycleId) => rows<DraftRow>(`SELECT ${DRAFT} WHERE cycle_id = $1`, [cycleId]),
		completedDrafts: async (cycleId) =>
			new Set(
				(
					await rows<{ draft_id: string }>(
						'SELECT draft_id FROM review_completions WHERE cycle_id = $1 AND pending IS NULL',
						[cycleId]
					)
				).map((row) => row.draft_id)
			),
		isSubmitted: async (draftId) =>
			(
				await rows('SELECT 1 FROM review_completions WHERE draft_id = $1 AND pending IS NULL', [
					draftId
				])
			).length > 0,
		submit,
		submissions: async (cycleId) =>
			(
				await rows<{ subject: string; grp: RaterGroup; answers: unknown; comments: unknown }>(
					'SELECT subject, grp, answers, comments FROM review_submissions WHERE cycle_id = $1 ORDER BY id COLLATE "C"',
					[cycleId]
				)
			).map(
				(row) =>
					({
						subject: row.subject,
						group: row.grp,
						answers: row.answers,
						comments: row.comments
					}) as StoredSubmission
			),
		countSubmissions: async (cycleId, subject, group) =>
			Number(
				(
					await rows<{ n: string }>(
						'SELECT count(*) AS n FROM review_submissions WHERE cycle_id = $1 AND subject = $2 AND grp = $3',
						[cycleId, subject, group]
					)
				)[0]!.n
			),
		isGroupFrozen: async (cycleId, subject, group) =>
			(
				await rows(
					`SELECT 1 FROM review_completions c JOIN review_drafts d ON d.id = c.draft_id
					 WHERE d.cycle_id = $1 AND d.subject = $2 AND d.grp = $3 AND c.pending IS NULL LIMIT 1`,
					[cycleId, subject, group]
				)
			).length > 0,
		isClosed: async (cycleId) =>
			(await rows('SELECT 1 FROM review_cycles WHERE cycle_id = $1 AND closed', [cycleId])).length >
			0,
		close: async (cycleId, reports, outliers) =>
			(await changed(
				`INSERT INTO review_cycles (cycle_id, closed, reports, outliers) VALUES ($1, true, $2, $3)
				 ON CONFLICT (cycle_id) DO NOTHING`,
				[cycleId, JSON.stringify(reports), JSON.stringify(outliers ?? [])]
			)) > 0,
		reports: async (cycleId) =>
			(
				await rows<{ reports: unknown }>('SELECT reports FROM review_cycles WHERE cycle_id = $1', [
					cycleId
				])
			)[0]?.reports ?? undefined,
		outliers: async (cycleId) =>
			(
				await rows<{ outliers: unknown }>(
					'SELECT outliers FROM review_cycles WHERE cycle_id = $1',
					[cycleId]
				)
			)[0]?.outliers ?? undefined,
		proposals: (cycleId, subject) =>
			subject === undefined
				? rows<ProposalRow>(`SELECT ${PROPOSAL} WHERE cycle_id = $1 ORDER BY seq`, [cycleId])
				: rows<ProposalRow>(
						`SELECT ${PROPOSAL} WHERE cycle_id = $1 AND subject = $2 ORDER BY seq`,
						[cycleId, subject]
					),
		proposal: async (id) => (await rows<ProposalRow>(`SELECT ${PROPOSAL} WHERE id = $1`, [id]))[0],
		async addProposal({ id, cycleId, subject, rater, raterName, group, status }) {
			await changed(
				`INSERT INTO review_proposals (id, cycle_id, subject, rater, rater_name, grp, status)
				 VALUES ($1, $2, $3, $4, $5, $6, $7)`,
				[id, cycleId, subject, rater, raterName, group, status]
			);
		},
		async setProposalStatus(id, status) {
			await changed('UPDATE review_proposals SET status = $1 WHERE id = $2', [status, id]);
		},
		async removeProposal(id) {
			await changed('DELETE FROM review_proposals WHERE id = $1', [id]);
		},
		async markImported(cycleId, ids) {
			await changed(
				'UPDATE review_proposals SET imported = true WHERE cycle_id = $1 AND id = ANY($2)',
				[cycleId, [...ids]]
			);
		},
		async audit(cycleId, action, detail) {
			await changed(
				'INSERT INTO review_audit (cycle_id, at, action, detail) VALUES ($1, $2, $3, $4)',
				[cycleId, Date.now(), action, detail]
			);
		},
		auditLog: async (cycleId) =>
			(
				await rows<{ at: string; action: string; detail: string }>(
					'SELECT at, action, detail FROM review_audit WHERE cycle_id = $1 ORDER BY seq',
					[cycleId]
				)
			).map((row): AuditEntry => ({ ...row, at: Number(row.at) })),
		async closeStore() {
			await pool.end();
		}
	};
}
