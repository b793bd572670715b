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

/**
 * A field counts as filled when it holds something other than blank space. Headcount is read from
 * the structure tree's roll-up (`rolledHeadcount`, people across the top units), not typed here:
 * it counts once the units carry headcounts.
 */
export function completeness(checklist: Checklist, rolledHeadcount = 0): Completeness {
	const missing = CHECKLIST_FIELDS.filter((field) =>
		field === 'headcount' ? !(rolledHeadcount > 0) : !(checklist[field] ?? '').trim()
	);
	return {
		done: CHECKLIST_FIELDS.length - missing.length,
		total: CHECKLIST_FIELDS.length,
		missing
	};
}
