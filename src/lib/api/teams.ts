/**
 * A workspace's team through the API contract (`contract.ts`): every call but `startTeam` and
 * `joinTeam` carries the caller's member credential, and the server answers from its records what
 * that member may see — nothing here filters.
 */
import { request } from './client';
import {
	endpoints,
	type AccessRequestBody,
	type MemberChangeBody,
	type MemberRole
} from './contract';

export type {
	AccessRequestView,
	JoinedTeam,
	MemberRole,
	TeamDocuments,
	TeamMemberView,
	TeamView
} from './contract';

/** The workspace's owner link makes its holder the team's first owner. */
export function startTeam(workspace: string, ownerToken: string, name: string) {
	return request(endpoints.startTeam, { params: [workspace], body: { name }, token: ownerToken });
}

/** Claims an invitation for this device; answers the member and their credential. */
export function joinTeam(workspace: string, invitation: string, name: string) {
	return request(endpoints.joinTeam, { params: [workspace], body: { name }, token: invitation });
}

export function readTeam(workspace: string, credential: string) {
	return request(endpoints.team, { params: [workspace], token: credential });
}

export function invite(
	workspace: string,
	credential: string,
	role: MemberRole,
	sector: string | undefined
) {
	return request(endpoints.invite, {
		params: [workspace],
		body: { role, ...(sector ? { sector } : {}) },
		token: credential
	});
}

export function changeMember(
	workspace: string,
	credential: string,
	member: string,
	change: MemberChangeBody
) {
	return request(endpoints.changeMember, {
		params: [workspace, member],
		body: change,
		token: credential
	});
}

export function addSector(workspace: string, credential: string, name: string) {
	return request(endpoints.addSector, { params: [workspace], body: { name }, token: credential });
}

/** `docToken` is the document's owner link: only its owner puts a document in a sector. */
export function placeDocument(
	workspace: string,
	credential: string,
	doc: string,
	sector: string,
	docToken: string
) {
	return request(endpoints.placeDocument, {
		params: [workspace],
		body: { doc, sector, docToken },
		token: credential
	});
}

export function teamDocuments(workspace: string, credential: string) {
	return request(endpoints.teamDocuments, { params: [workspace], token: credential });
}

export function requestAccess(workspace: string, credential: string, body: AccessRequestBody) {
	return request(endpoints.requestAccess, { params: [workspace], body, token: credential });
}

export function accessRequests(workspace: string, credential: string) {
	return request(endpoints.accessRequests, { params: [workspace], token: credential });
}

export function decideRequest(
	workspace: string,
	credential: string,
	requestId: string,
	decision: 'approved' | 'declined' | 'revoked'
) {
	return request(endpoints.decideRequest, {
		params: [workspace, requestId],
		body: { decision },
		token: credential
	});
}
