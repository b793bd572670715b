/** What a refused or failed review request means, in the reader's language. */
import { m } from '$lib/paraglide/messages';
import { reasonCode, reasonTexts } from '$lib/ui/reasons';

const KNOWN: Record<string, () => string> = {
	offline: m.review_reason_offline,
	'token-revoked': m.review_reason_revoked,
	// A draft replaced by a re-issued invitation: the same situation as a replaced link.
	'no-draft': m.review_reason_revoked,
	'token-wrong-document': m.review_reason_wrong_document,
	'token-invalid': m.review_reason_wrong_document,
	'token-missing': m.review_reason_wrong_document,
	'out-of-range': m.review_reason_out_of_range,
	'not-integer': m.review_reason_out_of_range,
	'required-missing': m.review_reason_required_missing,
	'comment-too-long': m.review_reason_comment_too_long,
	'already-submitted': m.review_reason_already_submitted,
	'cycle-closed': m.review_reason_cycle_closed,
	'not-released': m.review_reason_not_released,
	'cycle-invalid': m.review_reason_cycle_invalid,
	'no-cycle': m.review_reason_no_cycle,
	'already-decided': m.review_reason_already_decided
};

export { reasonCode };

export const reasonText = reasonTexts(KNOWN, m.review_reason_other);
