/**
 * An account plan's activity record, for whoever may read the plan (a share link or a member
 * whose sectors include it — `access.authorize` decides): newest first, a page at a time, narrowed
 * to one person (a member, or the holders of one kind of share link), one node or one kind of
 * change; and who appears in it, for the person filter. Members are named as the team store names
 * them now; a share link's holder only by the link's role.
 */
import { endpoints, type ActivityPage, type ActivityPeople } from '../../src/lib/api/contract.ts';
import { DocKind, Role } from '../../src/lib/domain/documents.ts';
import type { ActivityChange } from '../../src/lib/model/account-activity.ts';
import type { Access } from '../access.ts';
import { endpointRoute, HttpError, type Route } from '../http.ts';
import type { TeamStore } from '../teams/team-store.ts';
import type { ActivityQuery, ActivityStore } from './activity-store.ts';

const READERS = [Role.owner, Role.editor, Role.viewer] as const;
/** Roles a share link can write with, in the order the person filter lists them. */
const LINK_ROLES: readonly string[] = [Role.owner, Role.editor, Role.viewer];
/** Entries per page at most. */
export const MAX_ACTIVITY_PAGE = 500;
const KINDS: ReadonlySet<string> = new Set([
	'node-added',
	'node-moved',
	'node-removed',
	'node-restored',
	'node-changed',
	'settings-changed',
	'item-changed',
	'more-changes'
] satisfies Array<ActivityChange['kind']>);

export function activityRoutes({
	access,
	activity,
	teams
}: {
	access: Access;
	activity: ActivityStore;
	teams: TeamStore | undefined;
}): Route[] {
	return [
		endpointRoute(endpoints.activity, {
			async run(request, [doc]) {
				await access.authorize(request, doc!, { roles: READERS, kind: DocKind.account });
				const query = parseQuery(new URL(request.url ?? '', 'http://x').searchParams);
				const entries = await activity.activity(doc!, query);
				const names = await namesOf(entries.map((e) => e.member));
				const page: ActivityPage = {
					entries: entries.map((e) => ({
						seq: e.seq,
						at: e.at,
						by: e.member
							? { member: e.member, name: names.get(e.member) ?? '', role: e.role }
							: { role: e.role },
						change: e.change
					}))
				};
				if (entries.length === query.limit) page.next = entries.at(-1)!.seq;
				return [200, page];
			}
		}),
		endpointRoute(endpoints.activityPeople, {
			async run(request, [doc]) {
				await access.authorize(request, doc!, { roles: READERS, kind: DocKind.account });
				const { members, links } = await activity.activityPeople(doc!);
				const names = await namesOf(members);
				const people: ActivityPeople = {
					members: members.map((member) => ({ member, name: names.get(member) ?? '' })),
					links: LINK_ROLES.filter((role) => links.includes(role))
				};
				return [200, people];
			}
		})
	];

	/** Members' names as the team store has them now ('' for one it no longer knows). */
	async function namesOf(members: ReadonlyArray<string | undefined>) {
		const names = new Map<string, string>();
		for (const member of members) {
			if (member && !names.has(member)) {
				names.set(member, (await teams?.member(member))?.name ?? '');
			}
		}
		return names;
	}
}

function parseQuery(params: URLSearchParams): ActivityQuery {
	const whole = (name: string, max: number) => {
		const raw = params.get(name);
		if (raw === null) return undefined;
		const value = Number(raw);
		if (!Number.isInteger(value) || value < 1 || value > max) {
			throw new HttpError(400, `bad-${name}`, `${name}: a whole number from 1 to ${max}`);
		}
		return value;
	};
	const kind = params.get('kind') ?? undefined;
	if (kind !== undefined && !KINDS.has(kind)) {
		throw new HttpError(400, 'bad-kind', 'not a kind of change');
	}
	const before = whole('before', Number.MAX_SAFE_INTEGER);
	const member = params.get('member') ?? undefined;
	const link = params.get('link') ?? undefined;
	if (link !== undefined && !LINK_ROLES.includes(link)) {
		throw new HttpError(400, 'bad-link', 'not the role of a share link');
	}
	if (link !== undefined && member !== undefined) {
		throw new HttpError(400, 'bad-link', 'a member or a link, not both');
	}
	const node = params.get('node') ?? undefined;
	return {
		limit: whole('limit', MAX_ACTIVITY_PAGE) ?? 100,
		...(before !== undefined ? { before } : {}),
		...(member !== undefined ? { member } : {}),
		...(link !== undefined ? { link } : {}),
		...(node !== undefined ? { node } : {}),
		...(kind !== undefined ? { kind: kind as ActivityChange['kind'] } : {})
	};
}
