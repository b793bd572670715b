/**
 * Where 360° reviews keep what must not live in a Y.Doc: raters and their drafts (who may open
 * what), the completion list (who has submitted), the submitted answers (without identity), the
 * released reports and an append-only audit log.
 *
 * Anonymity by construction: `submissions` has no column naming a rater, a draft or a time, and
 * its key is random, so neither a column nor the row order joins it to `completions`. Both are
 * written in one transaction, so a submission is never stored without its completion or twice.
 *
 * Its own SQLite file beside `panorama.db`, opened on the main thread: submissions are rare (a
 * few per rater per cycle), so the synchronous fsync is cheaper than a second worker's plumbing.
 */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RaterGroup } from '../../src/lib/domain/review/groups.ts';
import type { StoredSubmission } from '../../src/lib/domain/review/submission.ts';
import { log } from '../log.ts';
import { afterEachCall, trackCommits, verifyDatabase } from '../store/integrity.js';

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
	idempotency_key TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS review_submissions (
	id TEXT PRIMARY KEY,
	cycle_id TEXT NOT NULL,
	subject TEXT NOT NULL,
	grp TEXT NOT NULL,
	answers TEXT NOT NULL,
	comments TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS review_cycles (
	cycle_id TEXT PRIMARY KEY,
	closed INTEGER NOT NULL DEFAULT 0,
	reports TEXT
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

export interface RaterRow {
	id: string;
	cycleId: string;
	/** The person's e-mail or employee number, lower case. */
	person: string;
	name: string;
	epoch: number;
	/**
	 * When a device claimed the current invitation; undefined while it is unclaimed. A claimed
	 * invitation opens nothing more: only the device that claimed it holds the rater credential.
	 */
	claimedAt?: number;
	/** When HR last re-issued this rater's invitation (the rater is told, with the date). */
	reissuedAt?: number;
}

export interface DraftRow {
	id: string;
	cycleId: string;
	raterId: string;
	subject: string;
	group: RaterGroup;
}

/**
 * A rater proposed by a subject or added by their manager (D1–D5), kept here until HR imports the
 * approved ones into the cycle document: subjects and managers never get a key to that document.
 */
export interface ProposalRow {
	id: string;
	cycleId: string;
	subject: string;
	rater: string;
	raterName: string;
	group: Exclude<RaterGroup, 'self'>;
	status: 'proposed' | 'approved' | 'declined';
	imported: boolean;
}

export interface AuditEntry {
	at: number;
	action: string;
	detail: string;
}

/** What a submit did: stored now, already stored under the same key, or refused as a second one. */
export type SubmitOutcome = 'stored' | 'repeated' | 'already-submitted';

export interface ReviewStore {
	raterByPerson(cycleId: string, person: string): RaterRow | undefined;
	rater(id: string): RaterRow | undefined;
	addRater(row: Omit<RaterRow, 'epoch'>): void;
	/**
	 * Marks the invitation of `epoch` claimed, once: false when it was claimed already or
	 * re-issued since (two devices racing for one invitation cannot both win).
	 */
	claimInvitation(id: string, epoch: number): boolean;
	/** A new invitation: bumps the epoch (the old invitation and credential stop) and unclaims. */
	reissueInvitation(id: string): number;
	/** Points a rater's draft row at a new, empty draft document. */
	replaceDraft(oldId: string, newId: string): void;
	raters(cycleId: string): RaterRow[];
	draftFor(raterId: string, subject: string): DraftRow | undefined;
	draft(id: string): DraftRow | undefined;
	addDraft(row: DraftRow): void;
	draftsOfRater(raterId: string): DraftRow[];
	draftsOfCycle(cycleId: string): DraftRow[];
	/** Drafts of the cycle that have been submitted. */
	completedDrafts(cycleId: string): Set<string>;
	/** Whether this draft has been submitted (it is read-only from then on). */
	isSubmitted(draftId: string): boolean;
	/** Stores a submission and its completion together, at most once per draft. */
	submit(draft: DraftRow, key: string, submission: StoredSubmission): SubmitOutcome;
	submissions(cycleId: string): StoredSubmission[];
	/** Submissions so far for one subject in one group (the rater's anonymity meter). */
	countSubmissions(cycleId: string, subject: string, group: RaterGroup): number;
	isClosed(cycleId: string): boolean;
	/** Closes the cycle and keeps its reports; false when it was closed already. */
	close(cycleId: string, reports: unknown): boolean;
	reports(cycleId: string): unknown;
	proposals(cycleId: string, subject?: string): ProposalRow[];
	proposal(id: string): ProposalRow | undefined;
	addProposal(row: Omit<ProposalRow, 'imported'>): void;
	setProposalStatus(id: string, status: ProposalRow['status']): void;
	removeProposal(id: string): void;
	markImported(cycleId: string, ids: readonly string[]): void;
	audit(cycleId: string, action: string, detail: string): void;
	auditLog(cycleId: string): AuditEntry[];
	closeStore(): void;
}

/**
 * Opens (creating if needed) the review store at `file`, after checking it (`integrity.js`): throws
 * a `StoreIntegrityError` when acknowledged changes are missing, unless `acceptDataLoss`.
 */
export function openReviewStore(
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
		completed: db.prepare('SELECT draft_id FROM review_completions WHERE cycle_id = ?').pluck(),
		completion: db
			.prepare('SELECT idempotency_key FROM review_completions WHERE draft_id = ?')
			.pluck(),
		addCompletion: db.prepare(
			'INSERT INTO review_completions (draft_id, cycle_id, idempotency_key) VALUES (?, ?, ?)'
		),
		addSubmission: db.prepare(
			'INSERT INTO review_submissions (id, cycle_id, subject, grp, answers, comments) VALUES (?, ?, ?, ?, ?, ?)'
		),
		// Ordered by the random key: the order says nothing about when anything was submitted.
		submissions: db.prepare(
			'SELECT subject, grp, answers, comments FROM review_submissions WHERE cycle_id = ? ORDER BY id'
		),
		count: db
			.prepare(
				'SELECT count(*) FROM review_submissions WHERE cycle_id = ? AND subject = ? AND grp = ?'
			)
			.pluck(),
		cycle: db.prepare('SELECT closed, reports FROM review_cycles WHERE cycle_id = ?'),
		closeCycle: db.prepare(
			'INSERT INTO review_cycles (cycle_id, closed, reports) VALUES (?, 1, ?) ON CONFLICT (cycle_id) DO NOTHING'
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

	const submit = db.transaction(
		(draft: DraftRow, key: string, submission: StoredSubmission): SubmitOutcome => {
			const existing = q.completion.get(draft.id) as string | undefined;
			if (existing !== undefined) return existing === key ? 'repeated' : 'already-submitted';
			q.addCompletion.run(draft.id, draft.cycleId, key);
			q.addSubmission.run(
				randomBytes(16).toString('base64url'),
				draft.cycleId,
				submission.subject,
				submission.group,
				JSON.stringify(submission.answers),
				JSON.stringify(submission.comments)
			);
			return 'stored';
		}
	);

	const store: ReviewStore = {
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
		isSubmitted: (draftId) => q.completion.get(draftId) !== undefined,
		submit: (draft, key, submission) => submit(draft, key, submission),
		submissions: (cycleId) =>
			(
				q.submissions.all(cycleId) as Array<{
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
		countSubmissions: (cycleId, subject, group) => q.count.get(cycleId, subject, group) as number,
		isClosed: (cycleId) => (q.cycle.get(cycleId) as { closed: number } | undefined)?.closed === 1,
		close: (cycleId, reports) => q.closeCycle.run(cycleId, JSON.stringify(reports)).changes > 0,
		reports(cycleId) {
			const row = q.cycle.get(cycleId) as { reports: string | null } | undefined;
			return row?.reports ? JSON.parse(row.reports) : undefined;
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
		closeStore: () => {
			db.close();
			commits.close();
		}
	};
	// Each call that committed a change is followed by its marker write: see integrity.js.
	return afterEachCall(store, commits.afterCommit);
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
