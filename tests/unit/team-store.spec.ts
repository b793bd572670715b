/**
 * One contract for the team store on both backends: members, invitations claimed once, sectors,
 * and placements that never carry a document into another workspace.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../server/store/postgres-store.ts';
import { openSqliteStore } from '../../server/store/sqlite-store.ts';
import type { DocStore } from '../../server/store/doc-store.ts';
import type { MemberRecord, TeamStore } from '../../server/teams/team-store.ts';
import type { ActivityQuery, ActivityStore } from '../../server/activity/activity-store.ts';
import { testDatabase } from './helpers/postgres.ts';

process.env.PANORAMA_LOG = 'silent';

interface Backend {
	name: string;
	/** `teams` and `other` are two instances on one place (SQLite: one process, so the same). */
	open(): Promise<{
		teams: TeamStore;
		other: TeamStore;
		activity: ActivityStore;
		store: DocStore;
		dispose(): Promise<void>;
	}>;
}

const backends: Backend[] = [
	{
		name: 'SQLite',
		async open() {
			const dir = mkdtempSync(join(tmpdir(), 'panorama-teams-'));
			const store = openSqliteStore(join(dir, 'panorama.db'));
			return {
				teams: store.teams,
				other: store.teams,
				activity: store.activity,
				store,
				async dispose() {
					await store.close();
					rmSync(dir, { recursive: true, force: true });
				}
			};
		}
	},
	{
		name: 'PostgreSQL',
		async open() {
			const url = await testDatabase('teams');
			const store = openPostgresStore(url);
			const second = openPostgresStore(url);
			await Promise.all([store.ready, second.ready]);
			return {
				teams: store.teams,
				other: second.teams,
				activity: store.activity,
				store,
				async dispose() {
					await Promise.all([store.close(), second.close()]);
				}
			};
		}
	}
];

const member = (id: string, extra: Partial<MemberRecord> = {}): MemberRecord => ({
	id,
	workspace: 'ws',
	name: `名字 ${id}`,
	role: 'member',
	sectors: [],
	joinedAt: 1000,
	activeAt: 1000,
	...extra
});

for (const backend of backends) {
	describe(`team store (${backend.name})`, () => {
		let opened: Awaited<ReturnType<Backend['open']>>;
		let teams: TeamStore;
		beforeEach(async () => {
			opened = await backend.open();
			teams = opened.teams;
		});
		afterEach(() => opened.dispose());

		it('keeps members in joining order and applies changes to one of them', async () => {
			await teams.addMember(member('owner', { role: 'owner', joinedAt: 1 }));
			await teams.addMember(member('li', { sectors: [{ sector: 'east', head: true }] }));
			await teams.addMember(member('elsewhere', { workspace: 'other' }));
			expect((await teams.members('ws')).map((m) => m.id)).toEqual(['owner', 'li']);
			expect(await teams.member('li')).toEqual(
				member('li', { sectors: [{ sector: 'east', head: true }] })
			);

			expect(await teams.changeMember('li', { role: 'guest', sectors: [], removedAt: 5000 })).toBe(
				true
			);
			expect(await teams.member('li')).toMatchObject({
				role: 'guest',
				sectors: [],
				removedAt: 5000,
				name: '名字 li'
			});
			expect(await teams.changeMember('nobody', { role: 'owner' })).toBe(false);
			await expect(teams.addMember(member('li'))).rejects.toThrow();
		});

		it('records activity without ever moving it backwards', async () => {
			await teams.addMember(member('li'));
			await teams.touchMember('li', 9000);
			await teams.touchMember('li', 2000);
			expect((await teams.member('li'))!.activeAt).toBe(9000);
		});

		it('turns an invitation into exactly one member, however many devices race for it', async () => {
			await teams.addInvitation({
				id: 'inv',
				workspace: 'ws',
				role: 'member',
				sector: 'east',
				invitedBy: 'owner',
				createdAt: 1,
				expiresAt: 10_000
			});
			const results = await Promise.all(
				['a', 'b', 'c', 'd'].map((id, i) =>
					(i % 2 ? opened.other : teams).claimInvitation('inv', member(id))
				)
			);
			expect(results.filter((r) => r === 'claimed')).toHaveLength(1);
			expect(results.filter((r) => r === 'taken')).toHaveLength(3);
			const winner = ['a', 'b', 'c', 'd'][results.indexOf('claimed')]!;
			expect((await teams.members('ws')).map((m) => m.id)).toEqual([winner]);
			expect(await teams.invitation('inv')).toMatchObject({ claimedBy: winner, sector: 'east' });
			expect(await teams.claimInvitation('missing', member('e'))).toBe('unknown');
			expect(await teams.member('e')).toBeUndefined();
		});

		it('keeps access requests, decides each once and revokes only what was granted', async () => {
			const ask = (id: string, target: { sector: string } | { doc: string }, until?: number) =>
				teams.addRequest({
					id,
					workspace: 'ws',
					member: 'li',
					target,
					role: 'viewer',
					...(until !== undefined ? { until } : {}),
					reason: '季度复盘需要查看',
					createdAt: 10,
					status: 'pending'
				});
			await ask('r1', { sector: 'south' }, 99_000);
			await ask('r2', { doc: 'guangzhou' });
			const decided = await Promise.all([
				teams.decideRequest('r1', 'approved', 'head', 20),
				opened.other.decideRequest('r1', 'declined', 'owner', 21)
			]);
			expect(decided.filter(Boolean)).toHaveLength(1);
			const r1 = (await teams.request('r1'))!;
			expect(r1.status).toBe(decided[0] ? 'approved' : 'declined');
			expect(r1).toMatchObject({
				target: { sector: 'south' },
				until: 99_000,
				reason: '季度复盘需要查看'
			});

			expect(await teams.revokeRequest('r2', 'owner', 30)).toBe(false);
			await teams.decideRequest('r2', 'approved', 'owner', 31);
			expect(await teams.revokeRequest('r2', 'owner', 32)).toBe(true);
			expect(await teams.revokeRequest('r2', 'owner', 33)).toBe(false);
			expect(await teams.request('r2')).toMatchObject({
				target: { doc: 'guangzhou' },
				status: 'approved',
				decidedBy: 'owner',
				revokedBy: 'owner',
				revokedAt: 32
			});
			expect((await teams.request('r2'))!.until).toBeUndefined();
			expect((await teams.requests('ws')).map((r) => r.id)).toEqual(['r1', 'r2']);
		});

		it('keeps an activity record, newest first, by person, link, node or kind, a page at a time, and who appears in it', async () => {
			const rename = (node: string, to: string) => ({
				kind: 'node-changed' as const,
				node,
				name: node,
				field: 'name' as const,
				from: node,
				to
			});
			await opened.activity.addActivity([
				{
					doc: 'plan',
					at: 1,
					member: 'li',
					role: 'editor',
					change: rename('nanjing', '南京营业部')
				},
				{
					doc: 'plan',
					at: 2,
					role: 'editor',
					change: { kind: 'settings-changed', setting: 'tiers' }
				},
				{ doc: 'other', at: 3, member: 'li', role: 'editor', change: rename('x', 'y') },
				{ doc: 'plan', at: 4, member: 'wang', role: 'owner', change: rename('shanghai', '上海') }
			]);
			const all = await opened.activity.activity('plan', { limit: 10 });
			expect(all.map((e) => [e.at, e.member, e.change.kind])).toEqual([
				[4, 'wang', 'node-changed'],
				[2, undefined, 'settings-changed'],
				[1, 'li', 'node-changed']
			]);
			expect(all[2]!.change).toEqual(rename('nanjing', '南京营业部'));
			const page = await opened.activity.activity('plan', { limit: 2 });
			const rest = await opened.activity.activity('plan', { limit: 2, before: page.at(-1)!.seq });
			expect([...page, ...rest].map((e) => e.at)).toEqual([4, 2, 1]);
			const by = (query: Partial<ActivityQuery>) =>
				opened.activity.activity('plan', { limit: 10, ...query }).then((l) => l.map((e) => e.at));
			expect(await by({ member: 'li' })).toEqual([1]);
			expect(await by({ node: 'shanghai' })).toEqual([4]);
			expect(await by({ kind: 'settings-changed' })).toEqual([2]);
			expect(await by({ link: 'editor' })).toEqual([2]);
			expect(await by({ link: 'owner' })).toEqual([]);
			// Everyone who appears in the plan's record: members most recent first, links by role.
			expect(await opened.activity.activityPeople('plan')).toEqual({
				members: ['wang', 'li'],
				links: ['editor']
			});
			expect(await opened.activity.activityPeople('nothing')).toEqual({ members: [], links: [] });
		});

		it('keeps sectors and places each document in one, never in another workspace', async () => {
			await teams.addSector({ id: 'east', workspace: 'ws', name: '华东', createdAt: 1 });
			await teams.addSector({ id: 'south', workspace: 'ws', name: '华南', createdAt: 2 });
			expect(await teams.renameSector('south', '华南区')).toBe(true);
			expect((await teams.sectors('ws')).map((s) => s.name)).toEqual(['华东', '华南区']);

			await teams.place({ doc: 'shanghai', workspace: 'ws', sector: 'east' });
			await teams.place({ doc: 'guangzhou', workspace: 'ws', sector: 'south' });
			await teams.place({ doc: 'shanghai', workspace: 'ws', sector: 'south' });
			expect(await teams.placements('ws')).toEqual([
				{ doc: 'shanghai', workspace: 'ws', sector: 'south' },
				{ doc: 'guangzhou', workspace: 'ws', sector: 'south' }
			]);
			await expect(
				teams.place({ doc: 'shanghai', workspace: 'other', sector: 'x' })
			).rejects.toThrow(/another workspace/);
			expect(await teams.placement('shanghai')).toMatchObject({ workspace: 'ws' });
			expect(await teams.placements('other')).toEqual([]);
		});
	});
}
