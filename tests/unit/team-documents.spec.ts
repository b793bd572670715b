import { describe, expect, it } from 'vitest';
import { teamDocumentEntry } from '../../src/lib/session/team-documents.ts';
import { teamClaimsOf } from '../../src/lib/session/tokens.ts';
import type { LibraryEntry } from '../../src/lib/device/library.ts';

/** An unsigned token with these claims: the client reads claims, only the server verifies. */
const token = (claims: Record<string, unknown>) =>
	`e30.${btoa(JSON.stringify(claims)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')}.sig`;

const credential = token({ sub: 'ws1', kind: 'workspace', role: 'viewer', mb: 'm1' });
const doc = { id: 'd1', kind: 'account', title: '宝钢', sector: 's1', role: 'editor' } as const;
const known = (role: LibraryEntry['role'], tokenOf: string): LibraryEntry => ({
	id: 'd1',
	kind: 'account',
	title: '宝钢集团',
	token: tokenOf,
	role,
	addedAt: 1,
	lastOpenedAt: 2
});

describe('teamClaimsOf', () => {
	it('reads a credential and an invitation, and nothing else', () => {
		expect(teamClaimsOf(credential)).toEqual({ workspace: 'ws1', member: 'm1' });
		expect(
			teamClaimsOf(token({ sub: 'ws1', kind: 'workspace', role: 'viewer', inv: 'i1' }))
		).toEqual({ workspace: 'ws1', invitation: 'i1' });
		expect(teamClaimsOf(token({ sub: 'd1', kind: 'account', role: 'editor' }))).toBeUndefined();
		expect(teamClaimsOf('not a token')).toBeUndefined();
		expect(teamClaimsOf(token({ sub: 'ws1', kind: 'nonsense', role: 'viewer', mb: 'm1' }))).toBe(
			undefined
		);
	});
});

describe('teamDocumentEntry', () => {
	it('opens a document new to this device with the credential and the role the server gave', () => {
		expect(teamDocumentEntry(doc, credential, undefined, 5)).toEqual({
			id: 'd1',
			kind: 'account',
			title: '宝钢',
			token: credential,
			role: 'editor',
			addedAt: 5,
			lastOpenedAt: 5
		});
	});

	it('keeps a link this device holds that opens the document better', () => {
		const ownerLink = token({ sub: 'd1', kind: 'account', role: 'owner' });
		expect(teamDocumentEntry(doc, credential, known('owner', ownerLink), 5)).toBeUndefined();
	});

	it('prefers the credential to a link of the same role, so the record names the member', () => {
		const editorLink = token({ sub: 'd1', kind: 'account', role: 'editor' });
		expect(teamDocumentEntry(doc, credential, known('editor', editorLink), 5)).toMatchObject({
			token: credential,
			role: 'editor'
		});
	});

	it('replaces a weaker link, and a credential whose role may have changed, keeping the title', () => {
		const viewerLink = token({ sub: 'd1', kind: 'account', role: 'viewer' });
		expect(teamDocumentEntry(doc, credential, known('viewer', viewerLink), 5)).toMatchObject({
			token: credential,
			role: 'editor',
			title: '宝钢集团',
			addedAt: 1
		});
		const viewer = { ...doc, role: 'viewer' } as const;
		expect(teamDocumentEntry(viewer, credential, known('editor', credential), 5)).toMatchObject({
			role: 'viewer'
		});
	});
});
