/**
 * Where 360° reviews keep what must not live in a Y.Doc: raters and their drafts (who may open
 * what), the completion list (who has submitted), the released reports and an append-only audit
 * log, in `reviews.db`; and, through submission-store.ts, the submitted answers (without identity)
 * in a second file, `reviews-submissions.db`, whose header says why no file joins the two.
 *
 * Submit-once across two files, with no transaction spanning them:
 *
 * 1. `reviews.db`: the completion is written *pending*, holding the random id the submission will
 *    get. A second submit for the draft now finds it.
 * 2. `reviews-submissions.db`: the submission is written under that id (fsync), then the file is
 *    rebuilt so its layout says nothing of order.
 * 3. `reviews.db`: the completion is marked done by erasing the id (`secure_delete` zeroes it in
 *    the page), and the WAL is checkpointed and truncated, so no older frame keeps it. Only now is
 *    the rater told "stored".
 *
 * The id in a pending completion is the only link, and it lives for one request. A crash after 1
 * leaves a pending completion: on open, one whose submission exists (crash after 2) is marked done
 * and the id erased; one whose submission is missing (crash before 2) stays pending and does not
 * count as submitted, and the rater's retry (with any key, since nothing was stored) writes the
 * submission under the same id — never a second one, and never a lost one: "stored" is answered
 * only after 3. The relay and the dashboard count only done completions.
 *
 * Its own SQLite files beside `panorama.db`, opened on the main thread: submissions are rare (a
 * few per rater per cycle), so the synchronous fsync is cheaper than a second worker's plumbing.
 */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RaterGroup } from '../../src/lib/domain/review/groups.ts';
import type { StoredSubmission } from '../../src/lib/domain/review/submission.ts';
import { log } from '../log.ts';
import { afterEachCall, trackCommits, verifyDatabase } from '../store/integrity.js';
import {
	asAsync,
	type AuditEntry,
	type DraftRow,
	type ProposalRow,
	type RaterRow,
	type ReviewCalls,
	type ReviewStore,
	type SubmitOutcome
} from './review-store.ts';
import { openSubmissionStore } from './submission-store.ts';

/** The submissions file, beside `reviews.db`. */
export const SUBMISSIONS_FILE = 'reviews-submissions.db';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS review_raters (
	id TEXT PRIMARY KEY,
	cycle_id TEXT NOT NULL,
	person TEXT NOT NULL,
	name TEXT NOT NULL,
	epoch INTEGER NOT NULL DEFAULT 0,
	claimed_at INTEGER,
	reissued_at INTEGER,
	UNIQUE (cycle_id, person)
) STRICT;
CREATE TABLE IF NOT EXISTS review_drafts (
	id TEXT PRIMARY KEY,
	cycle_id TEXT NOT NULL,
	rater_id TEXT NOT NULL,
	subject TEXT NOT NULL,
	grp TEXT NOT NULL,
	UNIQUE (rater_id, subject)
) STRICT;
CREATE TABLE IF NOT EXISTS review_completions (
	draft_id TEXT PRIMARY KEY,
	cycle_id TEXT NOT NULL,
	idempotency_key TEXT NOT NULL,
	pending TEXT
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS review_cycles (
	cycle_id TEXT PRIMARY KEY,
	closed INTEGER NOT NULL DEFAULT 0,
	reports TEXT,
	outliers TEXT
) STRICT;
CREATE TABLE IF NOT EXISTS review_proposals (
	id TEXT PRIMARY KEY,
	cycle_id TEXT NOT NULL,
	subject TEXT NOT NULL,
	rater TEXT NOT NULL,
	rater_name TEXT NOT NULL,
	grp TEXT NOT NULL,
	status TEXT NOT NULL,
	imported INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TABLE IF NOT EXISTS review_audit (
	seq INTEGER PRIMARY KEY AUTOINCREMENT,
	cycle_id TEXT NOT NULL,
	at INTEGER NOT NULL,
	action TEXT NOT NULL,
	detail TEXT NOT NULL
) STRICT;
`;

/**
 * Opens (creating if needed) the review store at `file`, after checking it (`integrity.js`): throws
 * a `StoreIntegrityError` when acknowledged changes are missing, unless `acceptDataLoss`.
 */
export function openSqliteReviewStore(
	file: string,
	{ acceptDataLoss = false }: { acceptDataLoss?: boolean } = {}
): ReviewStore {
	mkdirSync(dirname(file), { recursive: true });
	verifyDatabase(file, { name: 'review store', acceptDataLoss, warn: (m) => log.error(m) });
	const db = new Database(file);
	db.pragma('journal_mode = WAL');
	// FULL: a submission the rater was told is stored survives a power cut.
	db.pragma('synchronous = FULL');
	db.exec(SCHEMA);
	// Freed cells are zeroed: a completion's erased submission id must not linger in a page.
	db.pragma('secure_delete = ON');
	addMissingColumn(db, 'review_completions', 'pending', 'TEXT');
	addMissingColumn(db, 'review_cycles', 'outliers', 'TEXT');
	const answers = openSubmissionStore(join(dirname(file), SUBMISSIONS_FILE));
	moveOldSubmissions(db, answers);

	migrateRaters(db);
	const commits = trackCommits(db, file);
	const raterColumns =
		'id, cycle_id AS cycleId, person, name, epoch, claimed_at AS claimedAt, reissued_at AS reissuedAt';
	const proposalColumns =
		'id, cycle_id AS cycleId, subject, rater, rater_name AS raterName, grp AS "group", status, imported';
	const draftColumns = 'id, cycle_id AS cycleId, rater_id AS raterId, subject, grp AS "group"';
	const q = {
		raterByPerson: db.prepare(
			`SELECT ${raterColumns} FROM review_raters WHERE cycle_id = ? AND person = ?`
		),
		rater: db.prepare(`SELECT ${raterColumns} FROM review_raters WHERE id = ?`),
		raters: db.prepare(
			`SELECT ${raterColumns} FROM review_raters WHERE cycle_id = ? ORDER BY name`
		),
		addRater: db.prepare(
			'INSERT INTO review_raters (id, cycle_id, person, name) VALUES (?, ?, ?, ?)'
		),
		claim: db.prepare(
			'UPDATE review_raters SET claimed_at = ? WHERE id = ? AND epoch = ? AND claimed_at IS NULL'
		),
		reissue: db.prepare(
			'UPDATE review_raters SET epoch = epoch + 1, claimed_at = NULL, reissued_at = ? WHERE id = ? RETURNING epoch'
		),
		replaceDraft: db.prepare('UPDATE review_drafts SET id = ? WHERE id = ?'),
		draftFor: db.prepare(
			`SELECT ${draftColumns} FROM review_drafts WHERE rater_id = ? AND subject = ?`
		),
		draft: db.prepare(`SELECT ${draftColumns} FROM review_drafts WHERE id = ?`),
		addDraft: db.prepare(
			'INSERT INTO review_drafts (id, cycle_id, rater_id, subject, grp) VALUES (?, ?, ?, ?, ?)'
		),
		draftsOfRater: db.prepare(`SELECT ${draftColumns} FROM review_drafts WHERE rater_id = ?`),
		draftsOfCycle: db.prepare(`SELECT ${draftColumns} FROM review_drafts WHERE cycle_id = ?`),
		completed: db
			.prepare('SELECT draft_id FROM review_completions WHERE cycle_id = ? AND pending IS NULL')
			.pluck(),
		completion: db.prepare(
			'SELECT idempotency_key AS key, pending FROM review_completions WHERE draft_id = ?'
		),
		pendingCompletions: db.prepare(
			'SELECT draft_id AS draftId, pending FROM review_completions WHERE pending IS NOT NULL'
		),
		addCompletion: db.prepare(
			'INSERT INTO review_completions (draft_id, cycle_id, idempotency_key, pending) VALUES (?, ?, ?, ?)'
		),
		rekeyCompletion: db.prepare(
			'UPDATE review_completions SET idempotency_key = ? WHERE draft_id = ?'
		),
		finishCompletion: db.prepare('UPDATE review_completions SET pending = NULL WHERE draft_id = ?'),
		frozen: db
			.prepare(
				`SELECT 1 FROM review_completions c JOIN review_drafts d ON d.id = c.draft_id
				 WHERE d.cycle_id = ? AND d.subject = ? AND d.grp = ? AND c.pending IS NULL LIMIT 1`
			)
			.pluck(),
		cycle: db.prepare('SELECT closed, reports, outliers FROM review_cycles WHERE cycle_id = ?'),
		closeCycle: db.prepare(
			'INSERT INTO review_cycles (cycle_id, closed, reports, outliers) VALUES (?, 1, ?, ?) ON CONFLICT (cycle_id) DO NOTHING'
		),
		proposals: db.prepare(
			`SELECT ${proposalColumns} FROM review_proposals WHERE cycle_id = ? ORDER BY rowid`
		),
		proposalsOf: db.prepare(
			`SELECT ${proposalColumns} FROM review_proposals WHERE cycle_id = ? AND subject = ? ORDER BY rowid`
		),
		proposal: db.prepare(`SELECT ${proposalColumns} FROM review_proposals WHERE id = ?`),
		addProposal: db.prepare(
			'INSERT INTO review_proposals (id, cycle_id, subject, rater, rater_name, grp, status) VALUES (?, ?, ?, ?, ?, ?, ?)'
		),
		setProposal: db.prepare('UPDATE review_proposals SET status = ? WHERE id = ?'),
		removeProposal: db.prepare('DELETE FROM review_proposals WHERE id = ?'),
		importProposal: db.prepare(
			'UPDATE review_proposals SET imported = 1 WHERE cycle_id = ? AND id = ?'
		),
		audit: db.prepare(
			'INSERT INTO review_audit (cycle_id, at, action, detail) VALUES (?, ?, ?, ?)'
		),
		auditLog: db.prepare(
			'SELECT at, action, detail FROM review_audit WHERE cycle_id = ? ORDER BY seq'
		)
	};

	/** Step 3 of the header: the link is erased from the page, and from the WAL by truncating it. */
	function finish(draftId: string) {
		q.finishCompletion.run(draftId);
		db.pragma('wal_checkpoint(TRUNCATE)');
	}

	// A crash between the two files: a submission that was stored completes its completion now.
	for (const row of q.pendingCompletions.all() as Array<{ draftId: string; pending: string }>) {
		if (answers.has(row.pending)) finish(row.draftId);
	}

	/** Synchronous from start to end, so two requests for one draft never interleave. */
	function submit(draft: DraftRow, key: string, submission: StoredSubmission): SubmitOutcome {
		const existing = q.completion.get(draft.id) as
			{ key: string; pending: string | null } | undefined;
		if (existing && existing.pending === null) {
			return existing.key === key ? 'repeated' : 'already-submitted';
		}
		let id: string;
		if (existing) {
			// Left pending by a crash before its submission was written: nothing is stored yet.
			id = existing.pending!;
			q.rekeyCompletion.run(key, draft.id);
		} else {
			id = randomBytes(16).toString('base64url');
			q.addCompletion.run(draft.id, draft.cycleId, key, id);
		}
		if (!answers.has(id)) answers.put(id, draft.cycleId, submission);
		finish(draft.id);
		return 'stored';
	}

	const store: ReviewCalls = {
		raterByPerson: (cycleId, person) => toRater(q.raterByPerson.get(cycleId, person)),
		rater: (id) => toRater(q.rater.get(id)),
		addRater: ({ id, cycleId, person, name }) => void q.addRater.run(id, cycleId, person, name),
		claimInvitation: (id, epoch) => q.claim.run(Date.now(), id, epoch).changes === 1,
		reissueInvitation: (id) => (q.reissue.get(Date.now(), id) as { epoch: number }).epoch,
		replaceDraft: (oldId, newId) => void q.replaceDraft.run(newId, oldId),
		raters: (cycleId) => q.raters.all(cycleId).map((row) => toRater(row)!),
		draftFor: (raterId, subject) => q.draftFor.get(raterId, subject) as DraftRow | undefined,
		draft: (id) => q.draft.get(id) as DraftRow | undefined,
		addDraft: ({ id, cycleId, raterId, subject, group }) =>
			void q.addDraft.run(id, cycleId, raterId, subject, group),
		draftsOfRater: (raterId) => q.draftsOfRater.all(raterId) as DraftRow[],
		draftsOfCycle: (cycleId) => q.draftsOfCycle.all(cycleId) as DraftRow[],
		completedDrafts: (cycleId) => new Set(q.completed.all(cycleId) as string[]),
		isSubmitted: (draftId) =>
			(q.completion.get(draftId) as { pending: string | null } | undefined)?.pending === null,
		submit,
		submissions: (cycleId) => answers.all(cycleId),
		countSubmissions: (cycleId, subject, group) => answers.count(cycleId, subject, group),
		isGroupFrozen: (cycleId, subject, group) => q.frozen.get(cycleId, subject, group) !== undefined,
		isClosed: (cycleId) => (q.cycle.get(cycleId) as { closed: number } | undefined)?.closed === 1,
		close: (cycleId, reports, outliers) =>
			q.closeCycle.run(cycleId, JSON.stringify(reports), JSON.stringify(outliers ?? [])).changes >
			0,
		reports(cycleId) {
			const row = q.cycle.get(cycleId) as { reports: string | null } | undefined;
			return row?.reports ? JSON.parse(row.reports) : undefined;
		},
		outliers(cycleId) {
			const row = q.cycle.get(cycleId) as { outliers: string | null } | undefined;
			return row?.outliers ? JSON.parse(row.outliers) : undefined;
		},
		proposals: (cycleId, subject) =>
			(subject === undefined ? q.proposals.all(cycleId) : q.proposalsOf.all(cycleId, subject)).map(
				toProposal
			),
		proposal(id) {
			const row = q.proposal.get(id);
			return row ? toProposal(row) : undefined;
		},
		addProposal: ({ id, cycleId, subject, rater, raterName, group, status }) =>
			void q.addProposal.run(id, cycleId, subject, rater, raterName, group, status),
		setProposalStatus: (id, status) => void q.setProposal.run(status, id),
		removeProposal: (id) => void q.removeProposal.run(id),
		markImported: db.transaction((cycleId: string, ids: readonly string[]) => {
			for (const id of ids) q.importProposal.run(cycleId, id);
		}),
		audit: (cycleId, action, detail) => void q.audit.run(cycleId, Date.now(), action, detail),
		auditLog: (cycleId) => q.auditLog.all(cycleId) as AuditEntry[],
		closeStore() {
			db.close();
			commits.close();
			answers.close();
		}
	};
	// Each call that committed a change is followed by its marker write: see integrity.js. Every
	// call runs to its end synchronously, so two requests for one draft never interleave.
	return asAsync(afterEachCall(store, commits.afterCommit));
}

function addMissingColumn(db: Database.Database, table: string, column: string, type: string) {
	const columns = db.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all();
	if (!columns.includes(column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
}

/**
 * Files written before submissions had their own file kept them in `reviews.db`, next to the
 * completions: move them over (in key order, as one write), then drop the table and rebuild
 * `reviews.db` so no page or WAL frame keeps them.
 */
function moveOldSubmissions(
	db: Database.Database,
	answers: ReturnType<typeof openSubmissionStore>
) {
	const old = db
		.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'review_submissions'")
		.pluck()
		.get();
	if (old === undefined) return;
	const rows = db
		.prepare(
			'SELECT id, cycle_id AS cycleId, subject, grp, answers, comments FROM review_submissions ORDER BY id'
		)
		.all() as Array<{
		id: string;
		cycleId: string;
		subject: string;
		grp: RaterGroup;
		answers: string;
		comments: string;
	}>;
	answers.putMany(
		rows
			.filter((row) => !answers.has(row.id))
			.map((row) => ({
				id: row.id,
				cycleId: row.cycleId,
				submission: {
					subject: row.subject,
					group: row.grp,
					answers: JSON.parse(row.answers),
					comments: JSON.parse(row.comments)
				}
			}))
	);
	db.exec('DROP TABLE review_submissions');
	db.exec('VACUUM');
	db.pragma('wal_checkpoint(TRUNCATE)');
}

/** Adds the invitation columns to a store made before invitations were claimed by a device. */
function migrateRaters(db: Database.Database): void {
	const columns = new Set(
		(db.prepare('PRAGMA table_info(review_raters)').all() as Array<{ name: string }>).map(
			(c) => c.name
		)
	);
	if (!columns.has('claimed_at'))
		db.exec('ALTER TABLE review_raters ADD COLUMN claimed_at INTEGER');
	if (!columns.has('reissued_at')) {
		db.exec('ALTER TABLE review_raters ADD COLUMN reissued_at INTEGER');
	}
}

function toRater(row: unknown): RaterRow | undefined {
	if (!row) return undefined;
	const { claimedAt, reissuedAt, ...rest } = row as RaterRow & {
		claimedAt: number | null;
		reissuedAt: number | null;
	};
	return {
		...rest,
		...(claimedAt !== null ? { claimedAt } : {}),
		...(reissuedAt !== null ? { reissuedAt } : {})
	};
}

function toProposal(row: unknown): ProposalRow {
	const r = row as Omit<ProposalRow, 'imported'> & { imported: number };
	return { ...r, imported: r.imported === 1 };
}
