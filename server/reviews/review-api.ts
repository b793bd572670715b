/**
 * The 360° review API under `/api/reviews/`. Who may call what:
 *
 * - the cycle's owner (HR): launch (creates drafts and invitations), re-issue an invitation,
 *   dashboard, close, subject links, any report — never a rater credential nor a draft token;
 * - an invitation (`role: rater`, subject = `invite~<rater id>`): claimed once, by the first device
 *   that opens it, for the rater credential; a claimed invitation opens nothing;
 * - a rater credential (`role: rater`, subject = rater id), held by the claiming device only (and
 *   the devices the rater hands it to): the rater's assignments and a token per draft;
 * - a draft token (`role: rater`, subject = draft id): the anonymity meter and submit. Submit
 *   purges the draft document (the relay drops its room first), so after it no link opens the
 *   draft and no file keeps what it held: only the anonymous submission remains;
 * - a subject link (`role: subject`) or their manager's (`role: manager`): that subject's report,
 *   once released (and, in nomination-api.ts, their raters before launch).
 *
 * Reports are computed here with the domain code, once, when HR closes the cycle (D14): two
 * reports computed before and after one more submission would differ by exactly that rater's
 * answers, so nothing is shown before close. The same holds for anything else computed from
 * answers: outlier flags are computed at close, over the groups the reports show, and stored with
 * them. Before close the dashboard carries counts per subject and group and never reads a
 * submission.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import * as Y from 'yjs';
import { DocKind, Role } from '../../src/lib/domain/documents.ts';
import { checkCycle } from '../../src/lib/domain/review/cycle.ts';
import { feasibility } from '../../src/lib/domain/review/nomination.ts';
import { flagShownOutliers } from '../../src/lib/domain/review/outliers.ts';
import { progress } from '../../src/lib/domain/review/progress.ts';
import { secureRandom } from '../../src/lib/domain/review/random.ts';
import {
	buildAllReports,
	calibration,
	type InvitedCounts,
	type SubjectReport
} from '../../src/lib/domain/review/report.ts';
import { toStored, validateSubmission } from '../../src/lib/domain/review/submission.ts';
import { initMeta } from '../../src/lib/model/meta.ts';
import { initDraft } from '../../src/lib/model/review-draft.ts';
import { stampCycle } from '../../src/lib/model/review-cycle.ts';
import { bearerToken, tokenHttpError, type Access } from '../access.ts';
import { endpoints } from '../../src/lib/api/contract.ts';
import type { OutlierFlag } from '../../src/lib/domain/review/outliers.ts';
import { endpointRoute, HttpError, readJson, type Route } from '../http.ts';
import type { DocStore } from '../store/doc-store.ts';
import { TokenError, type Capability, type TokenIssuer } from '../tokens.ts';
import { cycleFromDoc, loadCycle, type LoadedCycle } from './cycle-reader.ts';
import type { DraftRow, RaterRow, ReviewStore } from './review-store.ts';

export interface ReviewApiOptions {
	store: DocStore;
	reviews: ReviewStore;
	tokens: TokenIssuer;
	access: Access;
	/** Closes open connections to a document whose links were re-issued. */
	onRevoke(docId: string): Promise<void>;
	/**
	 * Called once a draft is submitted, before its stored content is purged: the relay closes its
	 * connections and forgets its room, resolving once nothing of it waits to be written.
	 */
	onSubmitted?(draftId: string): Promise<void>;
	/**
	 * Runs `fn` on the cycle's live document (the relay's room) and stores what it changed: launch
	 * and close read the cycle there and stamp it in the same step, so the settings they use are
	 * the ones the lock then keeps (see server/relay/cycle-lock.ts). Without it (some tests) they
	 * read the stored cycle and stamp nothing.
	 */
	withDoc?<T>(docId: string, fn: (doc: Y.Doc) => T): Promise<T>;
}

const MAX_KEY_LENGTH = 100;

/** The token id an invitation is bound to: it buys the rater's credential, once. */
export function invitationKey(raterId: string): string {
	return `invite~${raterId}`;
}

/** The token id a subject link is bound to: one subject of one cycle. */
export function subjectKey(cycleId: string, subject: string): string {
	return `${cycleId}~${subject}`;
}

const bearer = bearerToken;

/** Returns the route table; app.ts mounts it in front of the general API. */
export function createReviewRoutes({
	store,
	reviews,
	tokens,
	access,
	onRevoke,
	onSubmitted,
	withDoc
}: ReviewApiOptions): Route[] {
	/**
	 * The cycle as its live document holds it, stamped `stamp` in the same synchronous step when
	 * `accept` says the cycle may take it; the stored cycle when there is no live document access.
	 */
	async function stampedCycle(
		cycleId: string,
		stored: LoadedCycle,
		stamp: 'launchedAt' | 'closedAt',
		accept: (cycle: LoadedCycle) => boolean
	): Promise<LoadedCycle> {
		if (!withDoc) return stored;
		const live = await withDoc(cycleId, (doc) => {
			const cycle = cycleFromDoc(doc);
			if (cycle && accept(cycle)) stampCycle(doc, stamp, Date.now());
			return cycle;
		});
		return live ?? stored;
	}

	async function verify(request: IncomingMessage, id: string, epoch: number): Promise<Capability> {
		try {
			return await tokens.verify(bearer(request), id, epoch);
		} catch (error) {
			if (error instanceof TokenError) throw tokenHttpError(error.reason);
			throw error;
		}
	}

	async function cycleOf(cycleId: string): Promise<LoadedCycle> {
		const cycle = await loadCycle(store, cycleId);
		if (!cycle) throw new HttpError(404, 'no-cycle', 'no started review cycle with this id');
		return cycle;
	}

	async function asOwner(request: IncomingMessage, cycleId: string): Promise<LoadedCycle> {
		const record = await store.get(cycleId);
		if (!record || record.kind !== DocKind.reviewCycle) {
			throw new HttpError(404, 'no-cycle', 'no review cycle with this id');
		}
		await access.authorize(request, cycleId, {
			roles: [Role.owner],
			kind: DocKind.reviewCycle,
			refusal: ['not-owner', 'HR only']
		});
		return cycleOf(cycleId);
	}

	/** The draft a draft token opens; HR's token (for another document) is refused here. */
	async function asDraftRater(request: IncomingMessage, cycleId: string, draftId: string) {
		const draft = await reviews.draft(draftId);
		const record = await store.get(draftId);
		if (!draft || !record || draft.cycleId !== cycleId || record.kind !== DocKind.reviewDraft) {
			throw new HttpError(404, 'no-draft', 'no such draft in this cycle');
		}
		await access.authorize(request, draftId, {
			roles: [Role.rater],
			kind: DocKind.reviewDraft,
			refusal: ['not-rater', 'rater only']
		});
		return draft;
	}

	async function draftToken(draft: DraftRow): Promise<string> {
		const record = await store.get(draft.id);
		return tokens.sign({
			docId: draft.id,
			kind: DocKind.reviewDraft,
			role: Role.rater,
			epoch: record?.tokenEpoch ?? 0
		});
	}

	/** An invitation HR sends: it names no document and only buys a credential at `claim`. */
	function invitationToken(raterId: string, epoch: number): Promise<string> {
		const docId = invitationKey(raterId);
		return tokens.sign({ docId, kind: DocKind.reviewDraft, role: Role.rater, epoch });
	}

	/** The credential a claiming device keeps: it lists the rater's drafts and mints their tokens. */
	function credentialToken(raterId: string, epoch: number): Promise<string> {
		return tokens.sign({ docId: raterId, kind: DocKind.reviewDraft, role: Role.rater, epoch });
	}

	/**
	 * Verifies a rater's token against their current epoch; a token from before a re-issue gets a
	 * reason of its own with the date, so the person learns what happened instead of "revoked".
	 */
	async function asRater(request: IncomingMessage, rater: RaterRow, docId: string) {
		const capability = await verify(request, docId, rater.epoch).catch((error: unknown) => {
			if (error instanceof HttpError && error.reason === 'token-revoked' && rater.reissuedAt) {
				throw new HttpError(401, 'invitation-reissued', 'a new invitation was issued', {
					at: rater.reissuedAt
				});
			}
			throw error;
		});
		if (capability.role !== Role.rater) throw new HttpError(403, 'not-rater', 'rater only');
		return capability;
	}

	/** Creates the draft document with its context; no owner token is ever minted for it. */
	async function createDraftDoc(
		cycleId: string,
		cycle: LoadedCycle,
		subject: { id: string; name: string },
		group: DraftRow['group']
	): Promise<string> {
		const id = randomBytes(16).toString('base64url');
		const createdAt = Date.now();
		await store.create({
			id,
			kind: DocKind.reviewDraft,
			title: subject.name,
			createdAt,
			tokenEpoch: 0,
			parent: cycleId
		});
		const doc = new Y.Doc();
		initMeta(doc, { kind: DocKind.reviewDraft, title: subject.name, createdAt });
		initDraft(doc, {
			cycle: cycleId,
			subject: subject.id,
			subjectName: subject.name,
			group,
			questionnaire: cycle.config.questionnaire
		});
		await store.append([{ docId: id, update: Y.encodeStateAsUpdate(doc) }]);
		doc.destroy();
		return id;
	}

	return [
		endpointRoute(endpoints.launch, {
			creates: 'child',
			async run(request, [cycleId]) {
				const stored = await asOwner(request, cycleId!);
				if (await reviews.isClosed(cycleId!)) throw new HttpError(409, 'cycle-closed', 'closed');
				// Read and stamped launched in one step: what is checked here is what stays locked.
				const cycle = await stampedCycle(
					cycleId!,
					stored,
					'launchedAt',
					(c) => checkCycle(c.config).length === 0
				);
				const problems = checkCycle(cycle.config);
				if (problems.length > 0) {
					throw new HttpError(422, 'cycle-invalid', 'the cycle cannot launch', problems);
				}
				// Everyone asked: each subject rates themselves, and each approved nomination.
				const asks: Array<{
					person: string;
					name: string;
					subject: string;
					group: DraftRow['group'];
				}> = [];
				for (const subject of cycle.config.subjects) {
					if (cycle.config.groups.self !== undefined) {
						asks.push({
							person: `self:${subject.id}`,
							name: subject.name,
							subject: subject.id,
							group: 'self'
						});
					}
				}
				for (const n of cycle.nominations) {
					if (n.status !== 'approved' || cycle.config.groups[n.group] === undefined) continue;
					asks.push({ person: n.rater, name: n.raterName, subject: n.subject, group: n.group });
				}
				const subjects = new Map(cycle.config.subjects.map((s) => [s.id, s]));
				const issued: Array<{ raterId: string; person: string; name: string; token: string }> = [];
				let drafts = 0;
				for (const ask of asks) {
					const subject = subjects.get(ask.subject);
					if (!subject) continue;
					// Frozen once someone in it answered: raters added now could unlock its threshold.
					if (await reviews.isGroupFrozen(cycleId!, subject.id, ask.group)) continue;
					let rater = await reviews.raterByPerson(cycleId!, ask.person);
					if (!rater) {
						const id = randomBytes(16).toString('base64url');
						await reviews.addRater({ id, cycleId: cycleId!, person: ask.person, name: ask.name });
						rater = (await reviews.rater(id))!;
						issued.push({
							raterId: id,
							person: ask.person,
							name: ask.name,
							token: await invitationToken(id, 0)
						});
					}
					if (await reviews.draftFor(rater.id, subject.id)) continue;
					const id = await createDraftDoc(cycleId!, cycle, subject, ask.group);
					await reviews.addDraft({
						id,
						cycleId: cycleId!,
						raterId: rater.id,
						subject: subject.id,
						group: ask.group
					});
					drafts++;
				}
				if (issued.length > 0 || drafts > 0) {
					await reviews.audit(
						cycleId!,
						'launch',
						JSON.stringify({ raters: issued.length, drafts })
					);
				}
				return [200, { issued, drafts }];
			}
		}),
		endpointRoute(endpoints.claim, {
			// The first device to open an invitation gets the credential; the invitation is spent.
			async run(request, [raterId]) {
				const rater = await reviews.rater(raterId!);
				if (!rater) throw new HttpError(404, 'no-rater', 'no such invitation');
				await asRater(request, rater, invitationKey(rater.id));
				if (!(await reviews.claimInvitation(rater.id, rater.epoch))) {
					throw new HttpError(409, 'invitation-claimed', 'opened on another device already', {
						at: (await reviews.rater(rater.id))?.claimedAt
					});
				}
				return [200, { token: await credentialToken(rater.id, rater.epoch) }];
			}
		}),
		endpointRoute(endpoints.assignments, {
			async run(request, [raterId]) {
				const rater = await reviews.rater(raterId!);
				if (!rater) throw new HttpError(404, 'no-rater', 'no such rater link');
				await asRater(request, rater, rater.id);
				const cycle = await cycleOf(rater.cycleId);
				const done = await reviews.completedDrafts(rater.cycleId);
				const names = new Map(cycle.config.subjects.map((s) => [s.id, s.name]));
				const assignments = [];
				for (const draft of await reviews.draftsOfRater(rater.id)) {
					assignments.push({
						draft: draft.id,
						subject: draft.subject,
						subjectName: names.get(draft.subject) ?? '',
						group: draft.group,
						token: await draftToken(draft),
						submitted: done.has(draft.id)
					});
				}
				return [200, { cycle: rater.cycleId, title: cycle.title, name: rater.name, assignments }];
			}
		}),
		endpointRoute(endpoints.meter, {
			async run(request, [cycleId, draftId]) {
				const draft = await asDraftRater(request, cycleId!, draftId!);
				const cycle = await cycleOf(cycleId!);
				const asked = (await reviews.draftsOfCycle(cycleId!)).filter(
					(d) => d.subject === draft.subject && d.group === draft.group
				).length;
				return [
					200,
					{
						group: draft.group,
						submitted: await reviews.countSubmissions(cycleId!, draft.subject, draft.group),
						asked,
						needed: cycle.config.anonymity.minRaters[draft.group],
						pooledAt: cycle.config.anonymity.minOthers
					}
				];
			}
		}),
		endpointRoute(endpoints.submit, {
			async run(request, [cycleId]) {
				const body = await readJson(request);
				const { draft: draftId, idempotencyKey: key } = body;
				if (typeof draftId !== 'string') throw new HttpError(400, 'no-draft', 'draft id missing');
				if (typeof key !== 'string' || key.length < 8 || key.length > MAX_KEY_LENGTH) {
					throw new HttpError(400, 'bad-idempotency-key', 'idempotencyKey must be 8–100 chars');
				}
				const draft = await asDraftRater(request, cycleId!, draftId);
				if (await reviews.isClosed(cycleId!))
					throw new HttpError(409, 'cycle-closed', 'cycle closed');
				const cycle = await cycleOf(cycleId!);
				// Subject and group come from the draft (the server's record), never from the body.
				const check = validateSubmission(cycle.config, {
					subject: draft.subject,
					group: draft.group,
					answers: body.answers ?? {},
					comments: body.comments ?? {}
				});
				if (!check.ok) {
					throw new HttpError(
						422,
						check.errors[0]!.reason,
						'the submission was refused',
						check.errors
					);
				}
				const outcome = await reviews.submit(draft, key, toStored(check.submission));
				if (outcome === 'already-submitted') {
					throw new HttpError(409, 'already-submitted', 'this draft was submitted already');
				}
				// The draft's ciphertext goes with the submission: the relay's copy first, then the
				// store's. A repeat does it again, in case the first request died between the two.
				await onSubmitted?.(draft.id);
				await store.purge(draft.id);
				return [outcome === 'stored' ? 201 : 200, { submitted: true as const }];
			}
		}),
		endpointRoute(endpoints.reissue, {
			async run(request, [cycleId]) {
				await asOwner(request, cycleId!);
				const body = await readJson(request);
				const rater = typeof body.rater === 'string' ? await reviews.rater(body.rater) : undefined;
				if (!rater || rater.cycleId !== cycleId) {
					throw new HttpError(404, 'no-rater', 'no such rater in this cycle');
				}
				const cycle = await cycleOf(cycleId!);
				const epoch = await reviews.reissueInvitation(rater.id);
				const done = await reviews.completedDrafts(cycleId!);
				const names = new Map(cycle.config.subjects.map((s) => [s.id, s.name]));
				// The lost device's draft tokens stop and its open connections close; what it had
				// written stays behind with it: the new invitation starts from empty drafts.
				for (const draft of await reviews.draftsOfRater(rater.id)) {
					await store.bumpTokenEpoch(draft.id);
					await onRevoke(draft.id);
					if (done.has(draft.id)) continue;
					const subject = { id: draft.subject, name: names.get(draft.subject) ?? '' };
					const fresh = await createDraftDoc(cycleId!, cycle, subject, draft.group);
					await reviews.replaceDraft(draft.id, fresh);
				}
				// The subjects let their managers see the re-issue too (nomination-api's view).
				const subjects = (await reviews.draftsOfRater(rater.id)).map((d) => d.subject);
				await reviews.audit(
					cycleId!,
					'reissue',
					JSON.stringify({ rater: rater.name, person: rater.person, subjects })
				);
				return [200, { raterId: rater.id, token: await invitationToken(rater.id, epoch) }];
			}
		}),
		endpointRoute(endpoints.dashboard, {
			async run(request, [cycleId]) {
				const cycle = await asOwner(request, cycleId!);
				const raters = new Map((await reviews.raters(cycleId!)).map((r) => [r.id, r]));
				const drafts = await reviews.draftsOfCycle(cycleId!);
				const done = await reviews.completedDrafts(cycleId!);
				const completions = drafts
					.filter((d) => done.has(d.id))
					.map((d) => ({ subject: d.subject, group: d.group, rater: d.raterId }));
				const owing = drafts
					.filter((d) => !done.has(d.id))
					.map((d) => ({
						raterId: d.raterId,
						rater: raters.get(d.raterId)?.name ?? '',
						subject: d.subject,
						group: d.group
					}));
				const closed = await reviews.isClosed(cycleId!);
				// Nothing computed from answers before close: no scores, no flags (see header).
				const reports = closed ? ((await reviews.reports(cycleId!)) as SubjectReport[]) : undefined;
				return [
					200,
					{
						launched: drafts.length > 0,
						closed,
						raters: [...raters.values()].map((r) => ({
							id: r.id,
							name: r.name,
							person: r.person,
							...(r.claimedAt === undefined ? {} : { claimedAt: r.claimedAt })
						})),
						progress: progress(
							cycle.config,
							launchedNominations(cycle, drafts),
							completions,
							drafts
								.filter((d) => raters.get(d.raterId)?.claimedAt !== undefined)
								.map((d) => ({ subject: d.subject, group: d.group, rater: d.raterId }))
						),
						owing,
						feasibility: feasibility(cycle.config, cycle.nominations),
						outliers: closed
							? (((await reviews.outliers(cycleId!)) as OutlierFlag[] | undefined) ?? [])
							: undefined,
						calibration: reports ? calibration(reports, cycle.config.gradeBands) : undefined,
						audit: await reviews.auditLog(cycleId!),
						// Raters that managers approved (or added) and HR has not yet put in the cycle.
						proposals: (await reviews.proposals(cycleId!)).filter(
							(p) => p.status === 'approved' && !p.imported
						)
					}
				];
			}
		}),
		endpointRoute(endpoints.close, {
			async run(request, [cycleId]) {
				const stored = await asOwner(request, cycleId!);
				if (await reviews.isClosed(cycleId!)) throw new HttpError(409, 'cycle-closed', 'closed');
				// Stamped closed as it is read: the setup shows only reports from here on.
				const cycle = await stampedCycle(cycleId!, stored, 'closedAt', () => true);
				const invited = new Map<string, Partial<Record<DraftRow['group'], number>>>();
				for (const draft of await reviews.draftsOfCycle(cycleId!)) {
					const counts = invited.get(draft.subject) ?? {};
					counts[draft.group] = (counts[draft.group] ?? 0) + 1;
					invited.set(draft.subject, counts);
				}
				const submissions = await reviews.submissions(cycleId!);
				const reports = buildAllReports(
					cycle.config,
					submissions,
					secureRandom,
					invited as ReadonlyMap<string, InvitedCounts>
				);
				const outliers = flagShownOutliers(submissions, reports);
				if (!(await reviews.close(cycleId!, reports, outliers))) {
					throw new HttpError(409, 'cycle-closed', 'closed');
				}
				await reviews.audit(cycleId!, 'close', '{}');
				return [200, { closed: true as const }];
			}
		}),
		endpointRoute(endpoints.subjectLinks, {
			creates: 'child',
			async run(request, [cycleId]) {
				const cycle = await asOwner(request, cycleId!);
				const epoch = (await store.get(cycleId!))!.tokenEpoch;
				const links = [];
				for (const subject of cycle.config.subjects) {
					// The cycle's epoch: rotating the cycle's links revokes subject links too.
					const token = await tokens.sign({
						docId: subjectKey(cycleId!, subject.id),
						kind: DocKind.reviewCycle,
						role: Role.subject,
						epoch
					});
					links.push({ subject: subject.id, name: subject.name, token });
				}
				return [200, { links }];
			}
		}),
		endpointRoute(endpoints.report, {
			async run(request, [cycleId, subjectId]) {
				const record = await store.get(cycleId!);
				if (!record || record.kind !== DocKind.reviewCycle) {
					throw new HttpError(404, 'no-cycle', 'no review cycle with this id');
				}
				// HR's owner token for the cycle, or the subject's own link for this subject only.
				const token = bearer(request);
				const claims = await verify(
					request,
					subjectKey(cycleId!, subjectId!),
					record.tokenEpoch
				).catch(async (error: unknown) => {
					if (!token) throw error;
					const owner = await verify(request, cycleId!, record.tokenEpoch);
					if (owner.role !== Role.owner) throw new HttpError(403, 'not-owner', 'HR only');
					return owner;
				});
				// D14: the report goes to the subject, their manager and HR.
				const readers: readonly Role[] = [Role.owner, Role.subject, Role.manager];
				if (!readers.includes(claims.role)) {
					throw new HttpError(403, 'not-subject', 'subject, manager or HR only');
				}
				const cycle = await cycleOf(cycleId!);
				const reports = (await reviews.reports(cycleId!)) as SubjectReport[] | undefined;
				if (!reports) throw new HttpError(409, 'not-released', 'reports are released at close');
				const report = reports.find((r) => r.subject === subjectId);
				const subject = cycle.config.subjects.find((s) => s.id === subjectId);
				if (!report || !subject) throw new HttpError(404, 'no-subject', 'no such subject');
				return [
					200,
					{
						title: cycle.title,
						subjectName: subject.name,
						questionnaire: cycle.config.questionnaire,
						gradeBands: cycle.config.gradeBands,
						report
					}
				];
			}
		})
	];
}

/**
 * Nominations as launched: the drafts that exist, so progress counts whom the server asked
 * rather than nominations added after launch.
 */
function launchedNominations(cycle: LoadedCycle, drafts: readonly DraftRow[]) {
	return drafts
		.filter((d) => d.group !== 'self')
		.map((d) => ({
			id: d.id,
			subject: d.subject,
			rater: d.raterId,
			group: d.group as Exclude<DraftRow['group'], 'self'>,
			status: 'approved' as const
		}))
		.filter((n) => cycle.config.subjects.some((s) => s.id === n.subject));
}
