/** How a team's roles and dates read, in one place for every team screen. */
import type { MemberRole } from '$lib/api/contract';
import type { Role } from '$lib/domain/documents';
import { m } from '$lib/paraglide/messages';

export const MEMBER_ROLES: readonly MemberRole[] = ['owner', 'manager', 'member', 'guest'];

export function memberRoleName(role: MemberRole): string {
	return {
		owner: m.team_role_owner,
		manager: m.team_role_manager,
		member: m.team_role_member,
		guest: m.team_role_guest
	}[role]();
}

export function memberRoleHelp(role: MemberRole): string {
	return {
		owner: m.team_role_owner_help,
		manager: m.team_role_manager_help,
		member: m.team_role_member_help,
		guest: m.team_role_guest_help
	}[role]();
}

/** What the member's credential opens a document as. */
export function documentRoleName(role: Role): string {
	if (role === 'owner') return m.team_doc_role_owner();
	if (role === 'editor') return m.team_doc_role_editor();
	return m.team_doc_role_viewer();
}

const dates = new Map<string, Intl.DateTimeFormat>();

/** A calendar date ("2026年12月19日" / "Dec 19, 2026"). */
export function formatDate(at: number, locale: string): string {
	let format = dates.get(locale);
	if (!format)
		dates.set(locale, (format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' })));
	return format.format(at);
}

/** People's names as a list the locale writes ("王总、李经理和张三" / "Wang, Li and Zhang"). */
export function formatNames(names: readonly string[], locale: string): string {
	return new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
}
