/**
 * The customer checklist (客户检查单): what must be known before pricing. The app blocks nothing;
 * it shows how complete the checklist is and marks what is missing.
 */

export const Segment = {
	government: 'government',
	soe: 'soe',
	multinational: 'multinational',
	fortune500: 'fortune500',
	private: 'private'
} as const;
export type Segment = (typeof Segment)[keyof typeof Segment];

export const CHECKLIST_FIELDS = [
	'segment',
	'hq',
	'headcount',
	'travelPolicy',
	'lowestFare',
	'premiumCabin',
	'nearPlan',
	'longPlan',
	'newBranches'
] as const;
export type ChecklistField = (typeof CHECKLIST_FIELDS)[number];

export type Checklist = Partial<Record<ChecklistField, string>>;

export interface Completeness {
	done: number;
	total: number;
	missing: ChecklistField[];
}

/** A field counts as filled when it holds something other than blank space. */
export function completeness(checklist: Checklist): Completeness {
	const missing = CHECKLIST_FIELDS.filter((field) => !(checklist[field] ?? '').trim());
	return {
		done: CHECKLIST_FIELDS.length - missing.length,
		total: CHECKLIST_FIELDS.length,
		missing
	};
}
