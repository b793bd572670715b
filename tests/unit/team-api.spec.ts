/**
 * A workspace's team through the real server: an owner starts it, invites two members into
 * different sectors, each gets exactly their sector's documents through every route and socket,
 * and a removal closes that person's sockets and refuses their next connection while the others
 * keep working.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../src/lib/transport/protocol.ts';
import { AccountTree, ROOT } from '../../src/lib/model/account.ts';
import { setTitle } from '../../src/lib/model/meta.ts';
import { MAX_TITLE_LENGTH } from '../../src/lib/domain/documents.ts';
import { connectClient, startTestServer, type TestServer } from './helpers/relay-harness.ts';

process.env.PANORAMA_LOG = process.env.PANORAMA_LOG ?? 'silent';

/** Waits for `check` to hold (vi.waitFor retries only what throws). */
const waitFor = (check: () => boolean) =>
	vi.waitFor(() => {
		if (!check()) throw new Error('not yet');
	});

let server: TestServer;
beforeAll(async () => {
	// Each test builds a team from scratch: creation limits are not what is tested here.
	server = await startTestServer({ createBurst: 10_000, instanceCreateBurst: 10_000 });
});
afterAll(() => server.stop());

async function call(
	method: 'GET' | 'POST',
	path: string,
	token: string | undefined,
	body?: unknown
) {
	const response = await fetch(server.url + path, {
		method,
		headers: {
			'content-type': 'application/json',
			...(token ? { authorization: `Bearer ${token}` } : {})
		},
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	return { status: response.status, body: (await response.json()) as Answer };
}

/** The parts of the team API's answers these tests read. */
interface Answer {
	reason?: string;
	credential?: string;
	token?: string;
	member?: { id: string };
	sectors?: Array<{ id: string; name: string }>;
	documents?: Array<{ id: string; title: string; role: string }>;
	title?: string;
	requests?: Array<{ id: string; status: string; memberName: string; decidedBy?: string }>;
	entries?: Array<{ by: { name?: string; role: string }; change: { kind: string; name?: string } }>;
	members?: Array<{ member: string; name: string }>;
	links?: string[];
}

/** A workspace with sectors 华东 and 华南, an account plan in each, and Li (east) and Wang (south). */
async function team() {
	const workspace = await server.createDoc('workspace');
	const ws = `/api/workspaces/${workspace.id}`;
	const started = await call('POST', `${ws}/team`, workspace.token, { name: '赵总' });
	expect(started.status).toBe(201);
	const owner = started.body.credential!;
	await call('POST', `${ws}/sectors`, owner, { name: '华东' });
	const sectors = (await call('POST', `${ws}/sectors`, owner, { name: '华南' })).body.sectors!;
	const [east, south] = sectors.map((s) => s.id);
	const shanghai = await server.createDoc('account');
	const guangzhou = await server.createDoc('account');
	for (const [doc, sector] of [
		[shanghai, east],
		[guangzhou, south]
	] as const) {
		const placed = await call('POST', `${ws}/documents`, owner, {
			doc: doc.id,
			sector,
			docToken: doc.token
		});
		expect(placed.status).toBe(200);
	}
	const join = async (name: string, sector: string) => {
		const invitation = await call('POST', `${ws}/invitations`, owner, { role: 'member', sector });
		expect(invitation.status).toBe(201);
		const joined = await call('POST', `${ws}/members`, invitation.body.token, { name });
		expect(joined.status).toBe(201);
		return { id: joined.body.member!.id, token: joined.body.credential! };
	};
	const li = await join('李经理', east!);
	const wang = await join('王经理', south!);
	return { workspace, ws, owner, east: east!, south: south!, shanghai, guangzhou, li, wang };
}

describe('a workspace team', () => {
	it('gives each member their sector and nothing of another, through the listing and the relay', async () => {
		const t = await team();
		const listed = async (token: string) =>
			(await call('GET', `${t.ws}/documents`, token)).body.documents!.map((d) => d.id);
		expect(await listed(t.owner)).toEqual([t.shanghai.id, t.guangzhou.id]);
		expect(await listed(t.li.token)).toEqual([t.shanghai.id]);
		expect(await listed(t.wang.token)).toEqual([t.guangzhou.id]);

		// Li's credential opens Shanghai through the relay and writes; Guangzhou reads as unknown.
		const own = connectClient(server.wsUrl, t.shanghai.id, t.li.token);
		own.doc.getMap('t').set('by', 'li');
		await waitFor(() => own.acks.length > 0);
		const other = connectClient(server.wsUrl, t.guangzhou.id, t.li.token);
		await waitFor(() => other.closes.length > 0);
		expect(other.closes[0]).toBe(CloseCode.tokenInvalid);
		// Nor does it open the workspace document itself, which holds link tokens.
		const listing = connectClient(server.wsUrl, t.workspace.id, t.li.token);
		await waitFor(() => listing.closes.length > 0);
		expect(listing.closes[0]).toBe(CloseCode.tokenInvalid);
		for (const c of [own, other, listing]) c.destroy();
	});

	it('an invitation opens nothing, and a credential opens nothing of another team', async () => {
		const t = await team();
		const invitation = await call('POST', `${t.ws}/invitations`, t.owner, { role: 'owner' });
		const token = invitation.body.token!;
		expect((await call('POST', `${t.ws}/members`, token, { name: '钱' })).status).toBe(201);
		// Claimed, the invitation is still no key: not to a document, nor to the team.
		for (const docId of [t.shanghai.id, t.workspace.id]) {
			const probe = connectClient(server.wsUrl, docId, token);
			await waitFor(() => probe.closes.length > 0);
			expect(probe.closes[0]).toBe(CloseCode.tokenInvalid);
			probe.destroy();
		}
		expect((await call('GET', `${t.ws}/members`, token)).status).toBe(401);
		expect((await call('GET', `${t.ws}/documents`, token)).status).toBe(401);
		// Another team's owner, holding a valid credential of theirs, gets nothing of this one.
		const other = await team();
		const across = connectClient(server.wsUrl, t.shanghai.id, other.owner);
		await waitFor(() => across.closes.length > 0);
		expect(across.closes[0]).toBe(CloseCode.tokenInvalid);
		across.destroy();
		expect((await call('GET', `/api/docs/${t.shanghai.id}/activity`, other.owner)).status).toBe(
			401
		);
		// A malformed body is refused with a reason and the server keeps serving.
		const garbage = await fetch(`${server.url}${t.ws}/members/${t.li.id}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${t.owner}` },
			body: '{"role": '
		});
		expect(garbage.status).toBe(400);
		expect(
			(await call('POST', `${t.ws}/members/${t.li.id}`, t.owner, { seat: 7 })).body.reason
		).toBe('bad-change');
		expect((await call('GET', `${t.ws}/documents`, t.owner)).status).toBe(200);
	});

	it('claims an invitation once; a member cannot invite, and a manager not above themselves', async () => {
		const t = await team();
		const invitation = await call('POST', `${t.ws}/invitations`, t.owner, { role: 'manager' });
		const first = await call('POST', `${t.ws}/members`, invitation.body.token, { name: '孙' });
		expect(first.status).toBe(201);
		const again = await call('POST', `${t.ws}/members`, invitation.body.token, { name: '钱' });
		expect(again).toMatchObject({ status: 409, body: { reason: 'invitation-taken' } });
		const manager = first.body.credential!;

		expect(
			(await call('POST', `${t.ws}/invitations`, t.li.token, { role: 'member' })).body.reason
		).toBe('not-allowed');
		expect(
			(await call('POST', `${t.ws}/invitations`, manager, { role: 'owner' })).body.reason
		).toBe('not-allowed');
		expect((await call('POST', `${t.ws}/invitations`, manager, { role: 'guest' })).status).toBe(
			201
		);
		// Nobody's credential works on another workspace's team.
		const elsewhere = await server.createDoc('workspace');
		const foreign = await call('GET', `/api/workspaces/${elsewhere.id}/members`, t.li.token);
		expect(foreign.status).toBe(401);
	});

	it('removing a member closes their sockets and refuses their next one; others keep working', async () => {
		const t = await team();
		const li = connectClient(server.wsUrl, t.shanghai.id, t.li.token);
		const boss = connectClient(server.wsUrl, t.shanghai.id, t.owner);
		li.doc.getMap('t').set('before', 1);
		await waitFor(() => li.acks.length > 0);

		const removed = await call('POST', `${t.ws}/members/${t.li.id}`, t.owner, { remove: true });
		expect(removed.status).toBe(200);
		await waitFor(() => li.closes.includes(CloseCode.tokenRevoked));
		li.destroy();

		const again = connectClient(server.wsUrl, t.shanghai.id, t.li.token);
		await waitFor(() => again.closes.length > 0);
		expect(again.closes[0]).toBe(CloseCode.tokenInvalid);
		again.destroy();
		expect((await call('GET', `${t.ws}/documents`, t.li.token)).status).toBe(401);

		boss.doc.getMap('t').set('after', 2);
		await waitFor(() => boss.acks.length > 0);
		expect(boss.closes).toEqual([]);
		boss.destroy();
	});

	it('moving a member out of a sector takes its documents from them at once', async () => {
		const t = await team();
		const li = connectClient(server.wsUrl, t.shanghai.id, t.li.token);
		li.doc.getMap('t').set('x', 1);
		await waitFor(() => li.acks.length > 0);
		const moved = await call('POST', `${t.ws}/members/${t.li.id}`, t.owner, { unseat: t.east });
		expect(moved.status).toBe(200);
		await waitFor(() => li.closes.includes(CloseCode.tokenRevoked));
		li.destroy();
		expect((await call('GET', `${t.ws}/documents`, t.li.token)).body.documents).toEqual([]);
	});

	it('a member asks for another sector, its head decides, and the access comes and goes', async () => {
		const t = await team();
		const ws = t.ws;
		// Wang heads 华南: the owner seats him as its head.
		await call('POST', `${ws}/members/${t.wang.id}`, t.owner, {
			seat: { sector: t.south, head: true }
		});
		const asked = await call('POST', `${ws}/requests`, t.li.token, {
			target: { sector: t.south },
			role: 'viewer',
			days: 7,
			reason: '广州分公司的季度复盘'
		});
		expect(asked.status).toBe(201);
		const id = asked.body.requests![0]!.id;
		// Asking about something that is not there says nothing about what is.
		const probe = await call('POST', `${ws}/requests`, t.li.token, {
			target: { doc: 'no-such-doc' },
			role: 'viewer',
			reason: ''
		});
		expect(probe).toMatchObject({ status: 404, body: { reason: 'no-target' } });
		// Li cannot approve her own request; the other sector's member cannot either.
		expect(
			(await call('POST', `${ws}/requests/${id}`, t.li.token, { decision: 'approved' })).status
		).toBe(403);
		const listed = async (token: string) =>
			(await call('GET', `${ws}/documents`, token)).body.documents!.map((d) => d.id);
		expect(await listed(t.li.token)).toEqual([t.shanghai.id]);

		const approved = await call('POST', `${ws}/requests/${id}`, t.wang.token, {
			decision: 'approved'
		});
		expect(approved.body.requests).toEqual([
			expect.objectContaining({ id, status: 'approved', memberName: '李经理', decidedBy: '王经理' })
		]);
		expect(await listed(t.li.token)).toEqual([t.shanghai.id, t.guangzhou.id]);
		const reading = connectClient(server.wsUrl, t.guangzhou.id, t.li.token);
		await waitFor(() => reading.provider.synced);
		// A viewer's write is refused: the grant said viewer.
		reading.doc.getMap('t').set('x', 1);
		await waitFor(() => reading.denials.length > 0);
		expect(
			(await call('POST', `${ws}/requests/${id}`, t.wang.token, { decision: 'declined' })).body
				.reason
		).toBe('already-decided');

		await call('POST', `${ws}/requests/${id}`, t.owner, { decision: 'revoked' });
		await waitFor(() => reading.closes.includes(CloseCode.tokenRevoked));
		reading.destroy();
		expect(await listed(t.li.token)).toEqual([t.shanghai.id]);
	});

	it('keeps who changed what in an account, named by the server, readable by those who may read it', async () => {
		const t = await team();
		const li = connectClient(server.wsUrl, t.shanghai.id, t.li.token);
		await waitFor(() => li.provider.synced);
		const plan = new AccountTree(li.doc);
		const group = plan.addNode(ROOT, { name: '华远集团', kind: 'group' });
		plan.addNode(group, { name: '上海分公司' });
		await waitFor(() => li.acks.length > 0);
		const boss = connectClient(server.wsUrl, t.shanghai.id, t.owner);
		await waitFor(() => boss.provider.synced);
		new AccountTree(boss.doc).setField(group, 'name', '华远能源集团');

		const path = `/api/docs/${t.shanghai.id}/activity`;
		await vi.waitFor(async () => {
			const page = await call('GET', path, t.owner);
			expect(page.body.entries!.map((e) => [e.by.name, e.change.kind, e.change.name])).toEqual([
				['赵总', 'node-changed', '华远集团'],
				['李经理', 'node-added', '上海分公司'],
				['李经理', 'node-added', '华远集团']
			]);
		});
		const mine = await call('GET', `${path}?member=${t.li.id}&limit=1`, t.owner);
		expect(mine.body.entries).toHaveLength(1);
		// Another sector's member reads nothing of it, as if it did not exist.
		expect((await call('GET', path, t.wang.token)).status).toBe(401);
		expect((await call('GET', `${path}?kind=everything`, t.owner)).body.reason).toBe('bad-kind');
		li.destroy();
		boss.destroy();
	});

	it("names who appears in an account's record for the person filter, and narrows to a share link's holders", async () => {
		const t = await team();
		const li = connectClient(server.wsUrl, t.shanghai.id, t.li.token);
		await waitFor(() => li.provider.synced);
		const group = new AccountTree(li.doc).addNode(ROOT, { name: '华远集团', kind: 'group' });
		await waitFor(() => li.acks.length > 0);
		const editorLink = await server.link(t.shanghai.id, t.shanghai.token, 'editor');
		const guest = connectClient(server.wsUrl, t.shanghai.id, editorLink);
		await waitFor(() => guest.provider.synced && guest.doc.getMap('nodes').has(group));
		new AccountTree(guest.doc).addNode(group, { name: '南京分公司' });

		const path = `/api/docs/${t.shanghai.id}/activity`;
		await vi.waitFor(async () => {
			expect((await call('GET', path, t.owner)).body.entries).toHaveLength(2);
		});
		// Read with Li's own credential: the filter offers her by name and the editor link's holders.
		expect((await call('GET', `${path}/people`, t.li.token)).body).toEqual({
			members: [{ member: t.li.id, name: '李经理' }],
			links: ['editor']
		});
		const byLink = await call('GET', `${path}?link=editor`, t.li.token);
		expect(byLink.body.entries!.map((e) => [e.by.role, e.change.name])).toEqual([
			['editor', '南京分公司']
		]);
		expect((await call('GET', `${path}?link=rater`, t.owner)).body.reason).toBe('bad-link');
		expect((await call('GET', `${path}?link=editor&member=${t.li.id}`, t.owner)).status).toBe(400);
		// Another sector's member learns nobody's name from it.
		expect((await call('GET', `${path}/people`, t.wang.token)).status).toBe(401);
		li.destroy();
		guest.destroy();
	});

	it("a malformed entry in an account costs its record, never the writer's saves", async () => {
		const { id, token } = await server.createDoc('account');
		const writer = connectClient(server.wsUrl, id, token);
		await waitFor(() => writer.provider.synced);
		writer.doc.transact(() => {
			writer.doc.getMap('nodes').set('junk', 'a string where a node map belongs');
			writer.doc.getMap('moves').set('1:1', { node: 42 });
		});
		await waitFor(() => writer.acks.length > 0);
		const node = new Y.Map<unknown>();
		writer.doc.transact(() => {
			node.set('name', '华远集团');
			writer.doc.getMap('nodes').set('group', node);
		});
		await vi.waitFor(async () => {
			const page = await call('GET', `/api/docs/${id}/activity`, token);
			expect(page.body.entries!.map((e) => [e.by.role, e.change.kind, e.change.name])).toEqual([
				['owner', 'node-added', '华远集团']
			]);
		});
		expect(writer.closes).toEqual([]);
		writer.destroy();
	});

	it("places only a document whose owner link the caller holds, and never another team's", async () => {
		const t = await team();
		const stranger = await server.createDoc('account');
		const withoutOwner = await call('POST', `${t.ws}/documents`, t.owner, {
			doc: stranger.id,
			sector: t.east,
			docToken: await server.link(stranger.id, stranger.token, 'editor')
		});
		expect(withoutOwner).toMatchObject({ status: 403, body: { reason: 'not-doc-owner' } });
		// Li may not move Guangzhou (south) into her sector: she does not own it.
		const grab = await call('POST', `${t.ws}/documents`, t.li.token, {
			doc: t.guangzhou.id,
			sector: t.east,
			docToken: t.li.token
		});
		expect(grab.status).toBe(403);
		const other = await team();
		const steal = await call('POST', `${other.ws}/documents`, other.owner, {
			doc: t.shanghai.id,
			sector: other.east,
			docToken: t.shanghai.token
		});
		expect(steal).toMatchObject({ status: 409, body: { reason: 'other-workspace' } });
	});

	it('lists each document by the title its content has now, with the role the member opens it as', async () => {
		const t = await team();
		const editor = connectClient(server.wsUrl, t.shanghai.id, t.li.token);
		// Renamed as a person does: in the document they have, the creation title included.
		await waitFor(() => editor.provider.synced);
		setTitle(editor.doc, '上海分公司 2027');
		await waitFor(() => editor.acks.length > 0);
		await vi.waitFor(
			async () => {
				const listed = (await call('GET', `${t.ws}/documents`, t.li.token)).body.documents!;
				expect(listed).toEqual([
					expect.objectContaining({ id: t.shanghai.id, title: '上海分公司 2027', role: 'editor' })
				]);
			},
			{ timeout: 5000 }
		);
		// A client may write any length into its document; the registry keeps the limit.
		editor.doc.getMap('meta').set('title', '长'.repeat(5000));
		await vi.waitFor(
			async () => {
				const listed = (await call('GET', `${t.ws}/documents`, t.li.token)).body.documents!;
				expect(listed[0]!.title).toBe('长'.repeat(MAX_TITLE_LENGTH));
			},
			{ timeout: 5000 }
		);
		const mine = (await call('GET', `${t.ws}/documents`, t.owner)).body.documents!;
		expect(mine.map((d) => d.role)).toEqual(['owner', 'owner']);
		expect((await call('GET', `${t.ws}/members`, t.li.token)).body.title).toBe('test');
		editor.destroy();
	});
});
