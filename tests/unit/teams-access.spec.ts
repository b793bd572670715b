import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Role } from '../../src/lib/domain/documents';
import {
	MemberRole,
	documentRole,
	refusal,
	visibleDocuments,
	type Grant,
	type Member,
	type Placement
} from '../../src/lib/domain/teams/access';

const NOW = Date.UTC(2026, 11, 5);
const DAY = 86_400_000;

/** 华东 and 华南 sectors, two plans each; one person of each role, a head per sector. */
const owner: Member = { id: 'owner', role: 'owner', sectors: [] };
const manager: Member = { id: 'manager', role: 'manager', sectors: [] };
const eastHead: Member = {
	id: 'east-head',
	role: 'member',
	sectors: [{ sector: 'east', head: true }]
};
const east: Member = { id: 'east', role: 'member', sectors: [{ sector: 'east', head: false }] };
const south: Member = { id: 'south', role: 'member', sectors: [{ sector: 'south', head: false }] };
const guest: Member = { id: 'guest', role: 'guest', sectors: [] };
const members = [owner, manager, eastHead, east, south, guest];
const placements: Placement[] = [
	{ doc: 'shanghai', sector: 'east' },
	{ doc: 'nanjing', sector: 'east' },
	{ doc: 'guangzhou', sector: 'south' },
	{ doc: 'shenzhen', sector: 'south' }
];

describe('who opens which document', () => {
	it('owners and managers see everything, members their sectors, guests nothing by default', () => {
		const all = placements.map((p) => p.doc);
		expect(visibleDocuments(owner, placements, [], NOW)).toEqual(all);
		expect(visibleDocuments(manager, placements, [], NOW)).toEqual(all);
		expect(visibleDocuments(east, placements, [], NOW)).toEqual(['shanghai', 'nanjing']);
		expect(visibleDocuments(eastHead, placements, [], NOW)).toEqual(['shanghai', 'nanjing']);
		expect(visibleDocuments(south, placements, [], NOW)).toEqual(['guangzhou', 'shenzhen']);
		expect(visibleDocuments(guest, placements, [], NOW)).toEqual([]);
		expect(documentRole(owner, placements[0]!, [], NOW)).toBe(Role.owner);
		expect(documentRole(manager, placements[0]!, [], NOW)).toBe(Role.editor);
		expect(documentRole(east, placements[0]!, [], NOW)).toBe(Role.editor);
	});

	it('a grant opens one document or one sector, with its role, until it ends', () => {
		const grants: Grant[] = [
			{ member: 'guest', target: { doc: 'guangzhou' }, role: Role.viewer },
			{ member: 'east', target: { sector: 'south' }, role: Role.viewer, until: NOW + DAY },
			{ member: 'south', target: { doc: 'shanghai' }, role: Role.editor, until: NOW - 1 }
		];
		expect(visibleDocuments(guest, placements, grants, NOW)).toEqual(['guangzhou']);
		expect(documentRole(guest, placements[2]!, grants, NOW)).toBe(Role.viewer);
		expect(visibleDocuments(east, placements, grants, NOW)).toEqual([
			'shanghai',
			'nanjing',
			'guangzhou',
			'shenzhen'
		]);
		// Time-limited: gone the moment it ends; an ended grant opens nothing.
		expect(visibleDocuments(east, placements, grants, NOW + DAY)).toEqual(['shanghai', 'nanjing']);
		expect(visibleDocuments(south, placements, grants, NOW)).toEqual(['guangzhou', 'shenzhen']);
		// A member's own sector is not narrowed by a viewer grant to it.
		const narrowing: Grant[] = [{ member: 'east', target: { sector: 'east' }, role: Role.viewer }];
		expect(documentRole(east, placements[0]!, narrowing, NOW)).toBe(Role.editor);
	});

	it('the better of two grants wins, whatever their order', () => {
		const viewer: Grant = { member: 'guest', target: { sector: 'east' }, role: Role.viewer };
		const editor: Grant = { member: 'guest', target: { doc: 'nanjing' }, role: Role.editor };
		expect(documentRole(guest, placements[1]!, [viewer, editor], NOW)).toBe(Role.editor);
		expect(documentRole(guest, placements[1]!, [editor, viewer], NOW)).toBe(Role.editor);
	});

	it('a removed member opens nothing, whatever role, sector or grant they hold', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...Object.values(MemberRole)),
				fc.subarray(['east', 'south']),
				fc.boolean(),
				(role, sectors, granted) => {
					const gone: Member = {
						id: 'gone',
						role,
						sectors: sectors.map((sector) => ({ sector, head: true })),
						removedAt: NOW - 1
					};
					const grants: Grant[] = granted
						? [{ member: 'gone', target: { sector: 'east' }, role: Role.editor }]
						: [];
					expect(visibleDocuments(gone, placements, grants, NOW)).toEqual([]);
				}
			)
		);
	});
});

describe('who changes who is in the workspace', () => {
	it('owners do anything but leave the workspace without an owner', () => {
		expect(refusal(owner, { kind: 'set-role', target: manager, role: 'owner' }, members)).toBe(
			undefined
		);
		expect(refusal(owner, { kind: 'remove', target: owner }, members)).toBe('last-owner');
		expect(refusal(owner, { kind: 'set-role', target: owner, role: 'member' }, members)).toBe(
			'last-owner'
		);
		const second: Member = { id: 'o2', role: 'owner', sectors: [] };
		expect(refusal(owner, { kind: 'remove', target: owner }, [...members, second])).toBe(undefined);
		expect(refusal(owner, { kind: 'sectors' }, members)).toBe(undefined);
	});

	it('managers manage people below manager, and only into roles below manager', () => {
		expect(refusal(manager, { kind: 'invite', role: 'member' }, members)).toBe(undefined);
		expect(refusal(manager, { kind: 'invite', role: 'manager' }, members)).toBe('not-allowed');
		expect(refusal(manager, { kind: 'set-role', target: east, role: 'guest' }, members)).toBe(
			undefined
		);
		expect(refusal(manager, { kind: 'set-role', target: east, role: 'manager' }, members)).toBe(
			'not-allowed'
		);
		expect(refusal(manager, { kind: 'remove', target: owner }, members)).toBe('not-allowed');
		expect(refusal(manager, { kind: 'remove', target: guest }, members)).toBe(undefined);
		expect(
			refusal(manager, { kind: 'seat', target: south, sector: 'east', head: true }, members)
		).toBe(undefined);
	});

	it('a sector head seats members in their own sector and decides its requests, nothing more', () => {
		const seat = (target: Member, sector: string, head = false) =>
			refusal(eastHead, { kind: 'seat', target, sector, head }, members);
		expect(seat(south, 'east')).toBe(undefined);
		expect(seat(south, 'east', true)).toBe('not-allowed');
		expect(seat(east, 'south')).toBe('not-allowed');
		expect(seat(guest, 'east')).toBe('not-allowed');
		expect(refusal(eastHead, { kind: 'unseat', target: east, sector: 'east' }, members)).toBe(
			undefined
		);
		expect(refusal(eastHead, { kind: 'invite', role: 'member', sector: 'east' }, members)).toBe(
			undefined
		);
		expect(refusal(eastHead, { kind: 'invite', role: 'member', sector: 'south' }, members)).toBe(
			'not-allowed'
		);
		expect(refusal(eastHead, { kind: 'remove', target: east }, members)).toBe('not-allowed');
		expect(refusal(eastHead, { kind: 'decide', target: { sector: 'east' } }, members)).toBe(
			undefined
		);
		expect(refusal(eastHead, { kind: 'decide', target: { sector: 'south' } }, members)).toBe(
			'not-allowed'
		);
		expect(refusal(eastHead, { kind: 'sectors' }, members)).toBe('not-allowed');
	});

	it('members, guests and removed people change nothing', () => {
		for (const actor of [east, guest, { ...owner, removedAt: NOW }]) {
			expect(refusal(actor, { kind: 'invite', role: 'guest' }, members)).toBeDefined();
			expect(refusal(actor, { kind: 'remove', target: south }, members)).toBeDefined();
			expect(
				refusal(actor, { kind: 'decide', target: { sector: 'south' } }, members)
			).toBeDefined();
		}
		expect(refusal({ ...owner, removedAt: NOW }, { kind: 'sectors' }, members)).toBe('removed');
	});
});
