/**
 * One team open on its page: what the server says this member may see (the team, their
 * documents, the requests they made or may decide) and the commands, each answered with the
 * server's fresh view. Nothing is decided here; the controls shown come from the same domain rules
 * the server applies (`domain/teams/access.ts`), and the server checks again.
 */
import {
	accessRequests,
	addSector,
	changeMember,
	decideRequest,
	invite,
	placeDocument,
	readTeam,
	requestAccess,
	teamDocuments,
	type AccessRequestView,
	type MemberRole,
	type TeamDocuments,
	type TeamView
} from '../api/teams';
import type { AccessRequestBody, MemberChangeBody } from '../api/contract';
import { ApiError } from '../api/client';
import { refusal, type TeamAction } from '../domain/teams/access';
import { updateMembership, type Membership } from '../device/teams';

export class TeamSession {
	team = $state.raw<TeamView>();
	documents = $state.raw<TeamDocuments['documents']>([]);
	requests = $state.raw<AccessRequestView[]>([]);
	/** The failure of the last load or command, shown to the person until the next one. */
	error = $state.raw<unknown>();
	/** The server no longer knows this credential's member: removed from the team. */
	removed = $state(false);
	busy = $state(false);

	constructor(readonly membership: Membership) {}

	get workspace(): string {
		return this.membership.workspace;
	}
	get credential(): string {
		return this.membership.credential;
	}

	/** Whether the member may do `action`, by the rules the server applies. */
	may(action: TeamAction): boolean {
		const team = this.team;
		return team !== undefined && refusal(team.me, action, team.members) === undefined;
	}

	async load(): Promise<void> {
		await this.run(async () => {
			const [team, documents, requests] = await Promise.all([
				readTeam(this.workspace, this.credential),
				teamDocuments(this.workspace, this.credential),
				accessRequests(this.workspace, this.credential)
			]);
			this.team = team;
			this.documents = documents.documents;
			this.requests = requests.requests;
			updateMembership(this.workspace, { title: team.title, name: team.me.name });
		});
	}

	invite(role: MemberRole, sector: string | undefined) {
		return this.run(() => invite(this.workspace, this.credential, role, sector));
	}

	async change(member: string, change: MemberChangeBody): Promise<void> {
		await this.run(async () => {
			this.team = await changeMember(this.workspace, this.credential, member, change);
			// A change of seats can change what this member sees.
			this.documents = (await teamDocuments(this.workspace, this.credential)).documents;
		});
	}

	async addSector(name: string): Promise<void> {
		await this.run(async () => {
			this.team = await addSector(this.workspace, this.credential, name);
		});
	}

	async place(doc: string, sector: string, docToken: string): Promise<void> {
		await this.run(async () => {
			const placed = await placeDocument(this.workspace, this.credential, doc, sector, docToken);
			this.documents = placed.documents;
		});
	}

	async ask(body: AccessRequestBody): Promise<void> {
		await this.run(async () => {
			this.requests = (await requestAccess(this.workspace, this.credential, body)).requests;
		});
	}

	async decide(request: string, decision: 'approved' | 'declined' | 'revoked'): Promise<void> {
		await this.run(async () => {
			const decided = await decideRequest(this.workspace, this.credential, request, decision);
			this.requests = decided.requests;
		});
	}

	/** Runs a command; its failure is kept for the page to show, and a removal is noticed. */
	private async run<T>(command: () => Promise<T>): Promise<T | undefined> {
		this.busy = true;
		this.error = undefined;
		try {
			return await command();
		} catch (error) {
			if (error instanceof ApiError && error.status === 401 && error.reason === 'token-revoked') {
				this.removed = true;
			}
			this.error = error;
			return undefined;
		} finally {
			this.busy = false;
		}
	}
}
