/**
 * A journey map (旅程触点图): ordered stages (阶段), each with ordered touchpoints (接触点). These
 * are the plain shapes the `journey` document reads into, and the checks every edit passes.
 * Positions are fractional-index strings (see `order.ts`): siblings sort by `order`, then by id.
 */

/** A stage or a touchpoint: what a note, a vote or the facilitator's focus points at. */
export interface JourneyRef {
	kind: 'stage' | 'touchpoint';
	id: string;
}

export interface Stage {
	id: string;
	name: string;
	/** Fractional index among the stages. */
	order: string;
}

/** The fields of a touchpoint a person edits, with their stored types. */
export interface TouchpointFields {
	name: string;
	/** How the customer meets us here: app, counter, call centre… */
	channel: string;
	/** The department that owns the touchpoint (责任部门). */
	department: string;
	/** What the customer is trying to get done. */
	goal: string;
	/** One entry per pain point; the heatmap counts them. */
	painPoints: string[];
	opportunities: string[];
	/** Satisfaction 1 (very poor) … 5 (excellent), whole numbers; null until scored. */
	satisfaction: number | null;
	/** Emotion −2 (upset) … +2 (delighted), whole numbers; null until known. */
	emotion: number | null;
	notes: string;
}
export type TouchpointField = keyof TouchpointFields;

export interface Touchpoint extends TouchpointFields {
	id: string;
	/** The stage's id. */
	stage: string;
	/** Fractional index among the stage's touchpoints. */
	order: string;
}

/** A stage with its touchpoints, both in display order. */
export interface StageView extends Stage {
	touchpoints: Touchpoint[];
}

/** A whole journey map as the UI reads it. */
export interface JourneyView {
	stages: StageView[];
	/**
	 * Touchpoints whose stage no longer exists: someone added or moved one into a stage that
	 * another person removed at the same time. Shown apart so nothing vanishes silently.
	 */
	unplaced: Touchpoint[];
}

export const TOUCHPOINT_FIELDS = [
	'name',
	'channel',
	'department',
	'goal',
	'painPoints',
	'opportunities',
	'satisfaction',
	'emotion',
	'notes'
] as const satisfies readonly TouchpointField[];

/** Satisfaction scores accepted, inclusive. */
export const SATISFACTION = { min: 1, max: 5 } as const;
/** Emotions accepted, inclusive. */
export const EMOTION = { min: -2, max: 2 } as const;

/**
 * Longest text accepted per field, in UTF-16 code units. Generous for what a person types in a
 * workshop, small enough that a pasted document cannot bloat a map everyone syncs.
 */
export const TEXT_LIMITS = {
	stageName: 80,
	name: 120,
	channel: 120,
	department: 120,
	goal: 500,
	/** Per pain point or opportunity. */
	listItem: 300,
	notes: 2000
} as const;

/** Most pain points (or opportunities) one touchpoint holds. */
export const MAX_LIST_ITEMS = 20;

/** Why a value was refused; the UI translates it. */
export type FieldProblem =
	| 'unknown-field'
	| 'not-text'
	| 'too-long'
	| 'not-a-list'
	| 'too-many'
	| 'not-integer'
	| 'out-of-range';

/** Why an edit of the map was refused. */
export type JourneyProblem = FieldProblem | 'unknown-stage' | 'unknown-touchpoint';

export function isTouchpointField(value: unknown): value is TouchpointField {
	return typeof value === 'string' && (TOUCHPOINT_FIELDS as readonly string[]).includes(value);
}

function checkText(value: unknown, max: number): FieldProblem | undefined {
	if (typeof value !== 'string') return 'not-text';
	return value.length > max ? 'too-long' : undefined;
}

function checkScale(value: unknown, scale: { min: number; max: number }): FieldProblem | undefined {
	if (value === null) return undefined;
	if (typeof value !== 'number' || !Number.isInteger(value)) return 'not-integer';
	return value < scale.min || value > scale.max ? 'out-of-range' : undefined;
}

function checkList(value: unknown): FieldProblem | undefined {
	if (!Array.isArray(value)) return 'not-a-list';
	if (value.length > MAX_LIST_ITEMS) return 'too-many';
	for (const item of value) {
		const problem = checkText(item, TEXT_LIMITS.listItem);
		if (problem) return problem;
	}
	return undefined;
}

/**
 * Checks a value for a touchpoint field, as typed by a person or sent by another client: texts
 * within {@link TEXT_LIMITS}, lists of at most {@link MAX_LIST_ITEMS} texts, satisfaction a whole
 * number 1..5 or null, emotion a whole number −2..2 or null. Texts are not trimmed: the check runs
 * on every keystroke, and trimming would eat the space a person just typed.
 */
export function checkTouchpointField(field: unknown, value: unknown): FieldProblem | undefined {
	if (!isTouchpointField(field)) return 'unknown-field';
	switch (field) {
		case 'satisfaction':
			return checkScale(value, SATISFACTION);
		case 'emotion':
			return checkScale(value, EMOTION);
		case 'painPoints':
		case 'opportunities':
			return checkList(value);
		case 'notes':
			return checkText(value, TEXT_LIMITS.notes);
		case 'goal':
			return checkText(value, TEXT_LIMITS.goal);
		default:
			return checkText(value, TEXT_LIMITS[field]);
	}
}

/** Checks a stage name. */
export function checkStageName(value: unknown): FieldProblem | undefined {
	return checkText(value, TEXT_LIMITS.stageName);
}

/** An empty touchpoint: the defaults a new one starts from. */
export function emptyTouchpoint(): TouchpointFields {
	return {
		name: '',
		channel: '',
		department: '',
		goal: '',
		painPoints: [],
		opportunities: [],
		satisfaction: null,
		emotion: null,
		notes: ''
	};
}
