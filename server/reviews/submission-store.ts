/**
 * The anonymous submissions of 360° reviews, in a SQLite file of their own
 * (`reviews-submissions.db`), apart from everything that names a rater (review-store.ts).
 *
 * What a reader of every file in the data folder — database pages, WAL frames, journals, file
 * times — could try, and why it finds nothing to join a submission to a rater on:
 *
 * - **Same commit.** A submission and its completion are never in one file, one transaction or
 *   one WAL: the completion is committed to `reviews.db`, the submission here, one after the other.
 * - **Columns.** A row holds cycle, subject, group, answers and comments, under a random key. No
 *   rater, draft, token, idempotency key or time (submission.ts checks the stored type at compile
 *   time).
 * - **Row order and rowids.** The table is `WITHOUT ROWID`, keyed by the random id, so its B-tree
 *   order is random. SQLite places a new cell's bytes where free space is in its page, so the byte
 *   offsets inside a page (and which page a split creates) follow insertion order: left alone,
 *   they would give submission order, which HR can learn from the "still owed" list. So after
 *   every write the file is rebuilt with `VACUUM`, which copies the rows in key order into fresh
 *   pages: the file's bytes then depend only on the set of rows, never on the order they came in.
 *   The file is also vacuumed on open, in case the process died between a write and its rebuild.
 * - **Journal and freed space.** Rollback journal (`journal_mode=DELETE`): the journal exists only
 *   during a write and is deleted at commit, so at rest there is no WAL or journal holding older
 *   page images in order. `secure_delete` zeroes freed cells and pages; `temp_store=MEMORY` keeps
 *   VACUUM's copy out of the file system.
 * - **File times.** The file's mtime is the time of the last submission. The completion list has no
 *   times (and submit writes no audit entry), so the mtime says "someone submitted at T", which HR
 *   sees anyway, and not which row.
 *
 * The drafts in `panorama.db` hold only ciphertext sealed on the rater's device, and on submit
 * their content is purged (`DocStore.purge`: rows zeroed by `secure_delete`, WAL truncated) after
 * the relay has dropped its copy. What this does not cover: a group of one is its own answer by
 * counting, which the report's thresholds handle, not storage.
 *
 * Durability: `synchronous=FULL`; a submission is on disk when `put` returns.
 */
import Database from 'better-sqlite3';
import type { RaterGroup } from '../../src/lib/domain/review/groups.ts';
import type { StoredSubmission } from '../../src/lib/domain/review/submission.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS review_submissions (
	id TEXT PRIMARY KEY,
	cycle_id TEXT NOT NULL,
	subject TEXT NOT NULL,
	grp TEXT NOT NULL,
	answers TEXT NOT NULL,
	comments TEXT NOT NULL
) STRICT, WITHOUT ROWID;
`;

export interface SubmissionStore {
	/** Whether a submission with this random id is stored. */
	has(id: string): boolean;
	/** Stores a submission under a random id, durably, then rebuilds the file (see above). */
	put(id: string, cycleId: string, submission: StoredSubmission): void;
	/** Stores many at once (one write, one rebuild); for moving submissions from an older file. */
	putMany(rows: ReadonlyArray<{ id: string; cycleId: string; submission: StoredSubmission }>): void;
	/** A cycle's submissions, ordered by random id. */
	all(cycleId: string): StoredSubmission[];
	/** Submissions for one subject in one group. */
	count(cycleId: string, subject: string, group: RaterGroup): number;
	close(): void;
}

export function openSubmissionStore(file: string): SubmissionStore {
	const db = new Database(file);
	db.pragma('journal_mode = DELETE');
	db.pragma('synchronous = FULL');
	db.pragma('secure_delete = ON');
	db.pragma('temp_store = MEMORY');
	db.exec(SCHEMA);
	// A write whose rebuild never ran (the process died in between) is rebuilt now.
	db.exec('VACUUM');

	const q = {
		has: db.prepare('SELECT 1 FROM review_submissions WHERE id = ?').pluck(),
		add: db.prepare(
			'INSERT INTO review_submissions (id, cycle_id, subject, grp, answers, comments) VALUES (?, ?, ?, ?, ?, ?)'
		),
		all: db.prepare(
			'SELECT subject, grp, answers, comments FROM review_submissions WHERE cycle_id = ? ORDER BY id'
		),
		count: db
			.prepare(
				'SELECT count(*) FROM review_submissions WHERE cycle_id = ? AND subject = ? AND grp = ?'
			)
			.pluck()
	};
	const insert = (id: string, cycleId: string, s: StoredSubmission) =>
		q.add.run(
			id,
			cycleId,
			s.subject,
			s.group,
			JSON.stringify(s.answers),
			JSON.stringify(s.comments)
		);
	const insertMany = db.transaction(
		(rows: ReadonlyArray<{ id: string; cycleId: string; submission: StoredSubmission }>) => {
			for (const row of rows) insert(row.id, row.cycleId, row.submission);
		}
	);

	return {
		has: (id) => q.has.get(id) !== undefined,
		put(id, cycleId, submission) {
			insert(id, cycleId, submission);
			db.exec('VACUUM');
		},
		putMany(rows) {
			insertMany(rows);
			db.exec('VACUUM');
		},
		all: (cycleId) =>
			(
				q.all.all(cycleId) as Array<{
					subject: string;
					grp: RaterGroup;
					answers: string;
					comments: string;
				}>
			).map((row) => ({
				subject: row.subject,
				group: row.grp,
				answers: JSON.parse(row.answers),
				comments: JSON.parse(row.comments)
			})),
		count: (cycleId, subject, group) => q.count.get(cycleId, subject, group) as number,
		close: () => db.close()
	};
}
