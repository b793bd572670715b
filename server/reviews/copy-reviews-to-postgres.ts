/**
 * Moves the 360° review records of a data folder (`reviews.db` and its submissions file) into
 * PostgreSQL, as part of `npm run migrate`. One transaction: a run cut short copies nothing, and
 * a second run finds the rows there (by key) instead of copying them twice. The submissions go in
 * the way the PostgreSQL store writes them (see `postgres-review-store.ts`): the table is rebuilt
 * in id order in that transaction, so the copy leaves no order either.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { openSqliteReviewStore, SUBMISSIONS_FILE } from './sqlite-review-store.ts';

export interface ReviewCopyResult {
	raters: number;
	drafts: number;
	completions: number;
	submissions: number;
	cycles: number;
	proposals: number;
	audit: number;
}

/** Table by table: what to read from SQLite, where to put it in PostgreSQL, in which key order. */
const TABLES = [
	{
		name: 'raters',
		read: 'SELECT id, cycle_id, person, name, epoch, claimed_at, reissued_at FROM review_raters ORDER BY id',
		write: `INSERT INTO review_raters (id, cycle_id, person, name, epoch, claimed_at, reissued_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`
	},
	{
		name: 'drafts',
		read: 'SELECT id, cycle_id, rater_id, subject, grp FROM review_drafts ORDER BY id',
		write: `INSERT INTO review_drafts (id, cycle_id, rater_id, subject, grp)
			VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`
	},
	{
		name: 'completions',
		read: 'SELECT draft_id, cycle_id, idempotency_key, pending FROM review_completions ORDER BY draft_id',
		write: `INSERT INTO review_completions (draft_id, cycle_id, idempotency_key, pending)
			VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`
	},
	{
		name: 'cycles',
		read: 'SELECT cycle_id, closed = 1, reports, outliers FROM review_cycles ORDER BY cycle_id',
		write: `INSERT INTO review_cycles (cycle_id, closed, reports, outliers)
			VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`
	},
	{
		name: 'proposals',
		read: 'SELECT id, cycle_id, subject, rater, rater_name, grp, status, imported = 1 FROM review_proposals ORDER BY rowid',
		write: `INSERT INTO review_proposals (id, cycle_id, subject, rater, rater_name, grp, status, imported)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`
	}
] as const;

/**
 * Copies the review records of `from` through `client` (which the caller has migrated); undefined
 * when the folder has no review store.
 */
export async function copyReviewsToPostgres(
	from: string,
	client: pg.PoolClient
): Promise<ReviewCopyResult | undefined> {
	const file = join(from, 'reviews.db');
	if (!existsSync(file)) return undefined;
	// Opening it as the server does finishes what a crash left half-done and checks the file.
	await openSqliteReviewStore(file).closeStore();
	const source = new Database(file, { readonly: true, fileMustExist: true });
	const answers = new Database(join(from, SUBMISSIONS_FILE), { readonly: true });
	const result: ReviewCopyResult = {
		raters: 0,
		drafts: 0,
		completions: 0,
		submissions: 0,
		cycles: 0,
		proposals: 0,
		audit: 0
	};
	try {
		await client.query('BEGIN');
		for (const table of TABLES) {
			for (const row of source.prepare(table.read).raw().all() as unknown[][]) {
				await client.query(table.write, row);
				result[table.name]++;
			}
		}
		// The audit log has no key: a cycle's entries are copied when it has none there yet.
		const copiedCycles = new Set<string>();
		for (const [cycleId, at, action, detail] of source
			.prepare('SELECT cycle_id, at, action, detail FROM review_audit ORDER BY seq')
			.raw()
			.all() as Array<[string, number, string, string]>) {
			if (!copiedCycles.has(cycleId)) {
				const there = await client.query('SELECT 1 FROM review_audit WHERE cycle_id = $1 LIMIT 1', [
					cycleId
				]);
				if (there.rowCount) continue;
				copiedCycles.add(cycleId);
			}
			await client.query(
				'INSERT INTO review_audit (cycle_id, at, action, detail) VALUES ($1, $2, $3, $4)',
				[cycleId, at, action, detail]
			);
			result.audit++;
		}
		await client.query('LOCK TABLE review_submissions IN ACCESS EXCLUSIVE MODE');
		await client.query(
			'CREATE TEMP TABLE review_rebuild ON COMMIT DROP AS SELECT * FROM review_submissions'
		);
		for (const row of answers
			.prepare(
				'SELECT id, cycle_id, subject, grp, answers, comments FROM review_submissions ORDER BY id'
			)
			.raw()
			.all() as unknown[][]) {
			const inserted = await client.query(
				`INSERT INTO review_rebuild (id, cycle_id, subject, grp, answers, comments)
				 SELECT $1, $2, $3, $4, $5, $6 WHERE NOT EXISTS (SELECT 1 FROM review_rebuild WHERE id = $1)`,
				row
			);
			result.submissions += inserted.rowCount ?? 0;
		}
		await client.query('TRUNCATE review_submissions');
		await client.query(
			'INSERT INTO review_submissions SELECT * FROM review_rebuild ORDER BY id COLLATE "C"'
		);
		await client.query('COMMIT');
		return result;
	} catch (error) {
		await client.query('ROLLBACK').catch(() => {});
		throw error;
	} finally {
		source.close();
		answers.close();
	}
}
