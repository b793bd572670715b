/** What a refused or failed workshop request means, in the reader's language. */
import { m } from '$lib/paraglide/messages';
import { reasonCode, reasonTexts } from '$lib/ui/reasons';

const KNOWN: Record<string, () => string> = {
	offline: m.workshop_reason_offline,
	locked: m.workshop_reason_locked,
	closed: m.workshop_reason_closed,
	'no-votes-left': m.workshop_reason_no_votes_left,
	'already-voted-item': m.workshop_reason_already_voted_item,
	'unknown-item': m.workshop_reason_unknown_item,
	'unknown-target': m.workshop_reason_unknown_item,
	'note-empty': m.workshop_reason_note_empty,
	'note-too-long': m.workshop_reason_note_too_long,
	'bad-score': m.workshop_reason_bad_score,
	'join-first': m.workshop_reason_rejoin,
	'token-revoked': m.workshop_reason_rejoin,
	'token-invalid': m.workshop_reason_rejoin,
	'token-wrong-document': m.workshop_reason_rejoin,
	'token-missing': m.workshop_reason_rejoin,
	'token-expired': m.workshop_reason_rejoin,
	'not-found': m.workshop_reason_gone,
	'no-journey': m.workshop_reason_gone,
	'no-board': m.workshop_reason_gone,
	'read-only': m.workshop_reason_read_only,
	'votes-revealed': m.workshop_votes_revealed,
	'seat-removed': m.workshop_seat_removed_body,
	'bad-name': m.workshop_reason_bad_name,
	'no-seat': m.workshop_reason_no_seat
};

export { reasonCode };

export const reasonText = reasonTexts(KNOWN, m.workshop_reason_other);
