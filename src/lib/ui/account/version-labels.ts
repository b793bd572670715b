/** How versions and version errors read: a quarter-end version is named in the reader's language. */
import type { PlanVersion } from '$lib/api/versions';
import { ApiError } from '$lib/api/client';
import type { ChecklistField } from '$lib/domain/account/checklist';
import { parseQuarterKey } from '$lib/domain/account/quarter';
import { m } from '$lib/paraglide/messages';

/** "Q3 review", or "End of Q3 2026" / "2026年第3季度末" for one the server took. */
export function versionLabel(version: PlanVersion): string {
	const quarter = version.quarter ? parseQuarterKey(version.quarter) : undefined;
	return quarter ? m.versions_quarter_end(quarter) : version.name;
}

/** Why a versions request failed, as one clause for `versions_error`. */
export function versionErrorReason(error: unknown): string {
	if (!(error instanceof ApiError)) return m.versions_error_other({ reason: String(error) });
	if (error.reason === 'offline') return m.versions_error_offline();
	if (error.status === 401 || error.status === 403) return m.versions_error_refused();
	if (error.reason === 'too-many-versions') return m.versions_error_limit();
	return m.versions_error_other({ reason: error.reason });
}

/** The checklist's own field labels, as the checklist tab shows them. */
export const checklistFieldLabel: Record<ChecklistField, () => string> = {
	segment: m.field_segment,
	hq: m.field_hq,
	headcount: m.field_headcount,
	travelPolicy: m.field_travel_policy,
	lowestFare: m.field_lowest_fare,
	premiumCabin: m.field_premium_cabin,
	nearPlan: m.field_near_plan,
	longPlan: m.field_long_plan,
	newBranches: m.field_new_branches
};

/** Plan action fields and statuses, as the plan tab names them. */
export const actionFieldLabel: Record<'title' | 'owner' | 'due' | 'status', () => string> = {
	title: m.action_title,
	owner: m.action_owner,
	due: m.action_due,
	status: m.action_status
};

export function actionStatusLabel(status: string): string {
	if (status === 'open') return m.status_open();
	if (status === 'doing') return m.status_doing();
	if (status === 'done') return m.status_done();
	return status;
}

const segmentLabel: Record<string, () => string> = {
	government: m.segment_government,
	soe: m.segment_soe,
	multinational: m.segment_multinational,
	fortune500: m.segment_fortune500,
	private: m.segment_private
};

/** A checklist answer as the checklist tab shows it (segments and yes/no by name). */
export function checklistValueLabel(field: ChecklistField, value: string): string {
	if (value === '') return m.diff_empty_value();
	if (field === 'segment') return segmentLabel[value]?.() ?? value;
	if (field === 'lowestFare') return value === 'yes' ? m.yes() : value === 'no' ? m.no() : value;
	return value;
}
