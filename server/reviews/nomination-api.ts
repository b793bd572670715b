/**
 * Nominations before launch (D1–D5), under `/api/reviews/<cycle>/proposals`: a subject proposes
 * raters through their subject link (and may withdraw one until it is decided); their manager
 * approves, declines, removes or adds through a
 * manager link; HR imports the approved ones into the cycle document. Neither subject nor manager
 * ever holds a key to the cycle document, so neither sees anyone else's raters or the settings.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { DocKind, Role } from '../../src/lib/domain/documents.ts';
import { isRaterGroup, type RaterGroup } from '../../src/lib/domain/review/groups.ts';
import { approveNomination, type Nomination } from '../../src/lib/domain/review/nomination.ts';
import { MAX_NAME_LENGTH } from '../../src/lib/model/review-cycle.ts';
import { bearerToken, tokenHttpError, type Access } from '../access.ts';
import { endpoints } from '../../src/lib/api/contract.ts';
import { endpointRoute, HttpError, readJson, type Route } from '../http.ts';
import type { DocStore } from '../store/doc-store.ts';
import { TokenError, type TokenIssuer } from '../tokens.ts';
import { loadCycle, type LoadedCycle } from './cycle-reader.ts';
import { subjectKey } from './review-api.ts';
import type { ProposalRow, ReviewStore } from './review-store.ts';
import type { ProposalView } from '../../src/lib/api/contract.ts';

export interface NominationApiOptions {
	store: DocStore;
	reviews: ReviewStore;
	tokens: TokenIssuer;
	access: Access;
}

type Who = 'owner' | 'subject' | 'manager';

export function createNominationRoutes({
	store,
	reviews,
	tokens,
	access
}: NominationApiOptions): Route[] {
	const bearer = bearerToken;

	async function asOwner(request: IncomingMessage, cycleId: string): Promise<void> {
		await access.authorize(request, cycleId, {
			roles: [Role.owner],
			kind: DocKind.reviewCycle,
			refusal: ['not-owner', 'HR only']
		});
	}

	async function cycleOf(cycleId: string): Promise<LoadedCycle> {
		const cycle = await loadCycle(store, cycleId);
		if (!cycle) throw new HttpError(404, 'no-cycle', 'no started review cycle with this id');
		return cycle;
	}

	/** Who is calling about `subject`: its subject, its manager, or HR (the cycle's owner). */
	async function whoFor(request: IncomingMessage, cycleId: string, subject: string): Promise<Who> {
		const record = await store.get(cycleId);
		if (!record || record.kind !== DocKind.reviewCycle) {
			throw new HttpError(404, 'no-cycle', 'no review cycle with this id');
		}
		const token = bearer(request);
		try {
			// Subject and manager links carry the cycle's epoch: rotating the cycle revokes them.
			const claims = await tokens.verify(token, subjectKey(cycleId, subject), record.tokenEpoch);
			if (claims.role === Role.subject) return 'subject';
			if (claims.role === Role.manager) return 'manager';
			throw new HttpError(403, 'not-allowed', 'subject or manager only');
		} catch (error) {
			if (!(error instanceof TokenError)) throw error;
			try {
				const owner = await tokens.verify(token, cycleId, record.tokenEpoch);
				if (owner.role === Role.owner) return 'owner';
			} catch {
				// reason: neither kind of token fits; answer with the subject-link failure below
			}
			throw tokenHttpError(error.reason);
		}
	}

	/** Approved reviews per rater across the cycle: HR's nominations and approved proposals. */
	function loads(cycle: LoadedCycle, proposals: readonly ProposalRow[]): Nomination[] {
		return [
			...cycle.nominations,
			...proposals.filter((p) => !p.imported).map((p) => ({ ...p }) as Nomination)
		];
	}

	async function view(
		cycle: LoadedCycle,
		cycleId: string,
		subject: string,
		who: Who
	): Promise<ProposalView> {
		const all = await reviews.proposals(cycleId);
		const load = new Map<string, number>();
		for (const n of loads(cycle, all)) {
			if (n.status === 'approved') load.set(n.rater, (load.get(n.rater) ?? 0) + 1);
		}
		const name = cycle.config.subjects.find((s) => s.id === subject)?.name ?? '';
		return {
			who,
			subjectName: name,
			cap: cycle.config.raterCap,
			groups: Object.keys(cycle.config.groups).filter(
				(g): g is Exclude<RaterGroup, 'self'> => isRaterGroup(g) && g !== 'self'
			),
			proposals: all
				.filter((p) => p.subject === subject)
				.map((p) => ({ ...p, load: load.get(p.rater) ?? 0 })),
			...(who === 'subject' ? {} : { reissues: await reissuesFor(cycleId, subject) })
		};
	}

	/**
	 * HR's re-issues of invitations to this subject's raters, for their manager: a re-issue hands
	 * someone a fresh way to answer, so it is never silent.
	 */
	async function reissuesFor(
		cycleId: string,
		subject: string
	): Promise<Array<{ at: number; raterName: string }>> {
		return (await reviews.auditLog(cycleId))
			.filter((entry) => entry.action === 'reissue')
			.flatMap((entry) => {
				const detail = JSON.parse(entry.detail) as { rater?: string; subjects?: string[] };
				return detail.subjects?.includes(subject)
					? [{ at: entry.at, raterName: detail.rater ?? '' }]
					: [];
			});
	}

	return [
		endpointRoute(endpoints.nominationLinks, {
			creates: 'child',
			async run(request, [cycleId]) {
				const record = await store.get(cycleId!);
				if (!record || record.kind !== DocKind.reviewCycle) {
					throw new HttpError(404, 'no-cycle', 'no review cycle with this id');
				}
				await asOwner(request, cycleId!);
				const cycle = await cycleOf(cycleId!);
				const links = [];
				for (const subject of cycle.config.subjects) {
					const sign = (role: Role) =>
						tokens.sign({
							docId: subjectKey(cycleId!, subject.id),
							kind: DocKind.reviewCycle,
							role,
							epoch: record.tokenEpoch
						});
					links.push({
						subject: subject.id,
						name: subject.name,
						manager: subject.manager ?? '',
						subjectToken: await sign(Role.subject),
						managerToken: await sign(Role.manager)
					});
				}
				return [200, { links }];
			}
		}),
		endpointRoute(endpoints.proposals, {
			async run(request, [cycleId, subject]) {
				const who = await whoFor(request, cycleId!, subject!);
				return [200, await view(await cycleOf(cycleId!), cycleId!, subject!, who)];
			}
		}),
		endpointRoute(endpoints.propose, {
			creates: 'child',
			async run(request, [cycleId, subject]) {
				const who = await whoFor(request, cycleId!, subject!);
				const cycle = await cycleOf(cycleId!);
				if (!cycle.config.subjects.some((s) => s.id === subject)) {
					throw new HttpError(404, 'no-subject', 'no such subject');
				}
				const body = await readJson(request);
				const rater = typeof body.rater === 'string' ? body.rater.trim().toLowerCase() : '';
				const raterName = typeof body.raterName === 'string' ? body.raterName.trim() : '';
				if (rater === '' || rater.length > MAX_NAME_LENGTH || raterName.length > MAX_NAME_LENGTH) {
					throw new HttpError(400, 'empty-rater', "the rater's e-mail or number is needed");
				}
				const group = body.group;
				if (!isRaterGroup(group) || group === 'self' || cycle.config.groups[group] === undefined) {
					throw new HttpError(400, 'unknown-group', 'not a group this cycle asks');
				}
				const taken = [...cycle.nominations, ...(await reviews.proposals(cycleId!))].some(
					(n) => n.subject === subject && n.rater === rater && n.status !== 'declined'
				);
				if (taken) throw new HttpError(409, 'duplicate', 'this rater is already nominated');
				await reviews.addProposal({
					id: randomBytes(12).toString('base64url'),
					cycleId: cycleId!,
					subject: subject!,
					rater,
					raterName: raterName || rater,
					group,
					// A manager's own addition needs no approval; a subject's waits for it.
					status: who === 'subject' ? 'proposed' : 'approved'
				});
				return [201, await view(cycle, cycleId!, subject!, who)];
			}
		}),
		endpointRoute(endpoints.decide, {
			async run(request, [cycleId, subject, id]) {
				const who = await whoFor(request, cycleId!, subject!);
				const proposal = await reviews.proposal(id!);
				if (!proposal || proposal.cycleId !== cycleId || proposal.subject !== subject) {
					throw new HttpError(404, 'no-proposal', 'no such proposal');
				}
				const body = await readJson(request);
				// A subject may take back their own proposal while it waits for the manager; once the
				// manager has decided, or HR has imported it, it is the manager's to change.
				if (who === 'subject') {
					if (body.status !== 'removed') {
						throw new HttpError(403, 'not-manager', 'the manager decides');
					}
					if (proposal.status !== 'proposed' || proposal.imported) {
						throw new HttpError(409, 'already-decided', 'the manager has decided on it already');
					}
				}
				const cycle = await cycleOf(cycleId!);
				let warning;
				if (body.status === 'removed') {
					await reviews.removeProposal(proposal.id);
				} else if (body.status === 'approved') {
					({ warning } = approveNomination(
						loads(cycle, await reviews.proposals(cycleId!)),
						proposal.id,
						cycle.config.raterCap
					));
					await reviews.setProposalStatus(proposal.id, 'approved');
				} else if (body.status === 'declined') {
					await reviews.setProposalStatus(proposal.id, 'declined');
				} else {
					throw new HttpError(400, 'bad-status', 'status: approved, declined or removed');
				}
				return [200, { ...(await view(cycle, cycleId!, subject!, who)), warning }];
			}
		}),
		endpointRoute(endpoints.markImported, {
			async run(request, [cycleId]) {
				await asOwner(request, cycleId!);
				const body = await readJson(request);
				const ids = Array.isArray(body.ids) ? body.ids.filter((i) => typeof i === 'string') : [];
				await reviews.markImported(cycleId!, ids);
				return [200, { imported: ids.length }];
			}
		})
	];
}
