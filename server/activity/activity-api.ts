/**
 * An account plan's activity record, for whoever may read the plan (a share link or a member
 * whose sectors include it — `access.authorize` decides): newest first, a page at a time, narrowed
 * to one person, one node or one kind of change. Members are named as the team store names them
 * now; a share link's holder only by the link's role.
 */
import { endpoints, type ActivityPage } from '../../src/lib/api/contract.ts';
import { DocKind, Role } from '../../src/lib/domain/documents.ts';
import type { ActivityChange } from '../../src/lib/model/account-activity.ts';
import type { Access } from '../access.ts';
import { endpointRoute, HttpError, type Route } from '../http.ts';
import type { TeamStore } from '../teams/team-store.ts';
import type { ActivityQuery, ActivityStore } from './activity-store.ts';

const READERS = [Role.owner, Role.editor, Role.viewer] as const;
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
				const names = new Map<string, string>();
				for (const entry of entries) {
					if (entry.member && !names.has(entry.member)) {
						names.set(entry.member, (await teams?.member(entry.member))?.name ?? '');
					}
				}
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
		})
	];
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
	const node = params.get('node') ?? undefined;
	return {
		limit: whole('limit', MAX_ACTIVITY_PAGE) ?? 100,
		...(before !== undefined ? { before } : {}),
		...(member !== undefined ? { member } : {}),
		...(node !== undefined ? { node } : {}),
		...(kind !== undefined ? { kind: kind as ActivityChange['kind'] } : {})
	};
}
