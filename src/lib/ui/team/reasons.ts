/** What went wrong with a team command, in the reader's language. */
import { m } from '$lib/paraglide/messages';
import { reasonTexts } from '$lib/ui/reasons';

export const teamReason = reasonTexts(
	{
		'not-allowed': m.team_reason_not_allowed,
		'last-owner': m.team_reason_last_owner,
		'member-removed': m.team_reason_member_removed,
		'invitation-taken': m.team_reason_invitation_taken,
		'token-expired': m.team_reason_expired,
		'token-invalid': m.team_reason_invalid,
		'token-wrong-document': m.team_reason_invalid,
		offline: m.team_reason_offline,
		'not-doc-owner': m.team_reason_not_doc_owner,
		'other-workspace': m.team_reason_other_workspace,
		'already-decided': m.team_reason_already_decided,
		'not-granted': m.team_reason_not_granted,
		'bad-name': m.team_reason_bad_name,
		'has-team': m.team_reason_has_team,
		'not-found': m.team_reason_no_team
	},
	m.team_reason_other
);
