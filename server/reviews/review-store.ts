/**
 * Where 360° reviews keep what must not live in a Y.Doc: raters and their drafts (who may open
 * what), the completion list (who has submitted), the released reports, the nominations and an
 * append-only audit log — and, apart from all of these, the submitted answers without identity.
 *
 * Two implementations: SQLite files in the data folder (`sqlite-review-store.ts`, the embedded
 * default) and PostgreSQL (`postgres-review-store.ts`, when `PANORAMA_DATABASE_URL` is set, so
 * every instance sees the same raters, completions and reports). Both keep the same promises:
 * submit once per draft, "stored" only once durable, and nothing in the stored rows joins a
 * submission to its rater. `tests/unit/review-store.spec.ts` runs one contract on both.
 */
import type { RaterGroup } from '../../src/lib/domain/review/groups.ts';
import type { StoredSubmission } from '../../src/lib/domain/review/submission.ts';
import type { StoredProposal } from '../../src/lib/api/contract.ts';

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
 * A rater proposed by a subject or added by their manager, kept here until HR imports the
 * approved ones into the cycle document: subjects and managers never get a key to that document.
 * The API's contract names the same shape (HR's dashboard lists them).
 */
export type ProposalRow = StoredProposal;

export interface AuditEntry {
	at: number;
	action: string;
	detail: string;
}

/** What a submit did: stored now, already stored under the same key, or refused as a second one. */
export type SubmitOutcome = 'stored' | 'repeated' | 'already-submitted';

/**
 * The calls of a review store, as the SQLite store answers them (synchronously); every store hands
 * them out asynchronously, as {@link ReviewStore}.
 */
export interface ReviewCalls {
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
	/**
	 * Stores a submission (apart from anything naming its rater) and its completion, at most once
	 * per draft; returns only once both are durable (each store's header says in which order).
	 */
	submit(draft: DraftRow, key: string, submission: StoredSubmission): SubmitOutcome;
	submissions(cycleId: string): StoredSubmission[];
	/** Submissions so far for one subject in one group (the rater's anonymity meter). */
	countSubmissions(cycleId: string, subject: string, group: RaterGroup): number;
	/**
	 * Whether the subject's rater list in this group is frozen: someone in it has submitted, so a
	 * rater added now could help unlock the group's threshold (see domain/review/frozen.ts).
	 */
	isGroupFrozen(cycleId: string, subject: string, group: RaterGroup): boolean;
	isClosed(cycleId: string): boolean;
	/** Closes the cycle and keeps its reports and outlier flags; false when closed already. */
	close(cycleId: string, reports: unknown, outliers?: unknown): boolean;
	reports(cycleId: string): unknown;
	/** The outlier flags computed at close; undefined before. */
	outliers(cycleId: string): unknown;
	proposals(cycleId: string, subject?: string): ProposalRow[];
	proposal(id: string): ProposalRow | undefined;
	addProposal(row: Omit<ProposalRow, 'imported'>): void;
	setProposalStatus(id: string, status: ProposalRow['status']): void;
	removeProposal(id: string): void;
	markImported(cycleId: string, ids: readonly string[]): void;
	audit(cycleId: string, action: string, detail: string): void;
	auditLog(cycleId: string): AuditEntry[];
	closeStore(): void | Promise<void>;
}

/** The calls of `T`, each answering a promise. */
export type Async<T> = {
	[K in keyof T]: T[K] extends (...args: infer A) => infer R
		? (...args: A) => Promise<Awaited<R>>
		: never;
};

/** The review store every caller uses: the same calls, asynchronous. */
export type ReviewStore = Async<ReviewCalls>;

/** Hands out synchronous calls as asynchronous ones (each still runs to its end before it answers). */
export function asAsync(calls: ReviewCalls): ReviewStore {
	const wrapped: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(calls)) {
		wrapped[key] = async (...args: unknown[]) => (value as (...a: unknown[]) => unknown)(...args);
	}
	return wrapped as ReviewStore;
}
