/**
 * What changed between two states of an account plan (two versions, or a version and now): nodes
 * added, removed, moved and renamed; each node's own spend, its subtree's share of wallet and its
 * tier; the tier thresholds; the checklist; goals and plan actions. Pure: the model extracts a
 * {@link PlanState} from each document (`model/account-version`) and calls {@link diffPlans}.
 *
 * Nodes are matched by id, so a node renamed and moved in the same interval is one node with two
 * changes, never a removal and an addition.
 */
import type { Checklist, ChecklistField } from './checklist';
import type { NodeKind } from './node';
import type { TierThresholds } from './tiers';

/** The id of the tree's root: a top-level node's parent. */
export const TOP = 'root';

/** One live node of the structure tree, as a plan state holds it. */
export interface PlanNodeState {
	name: string;
	kind: NodeKind;
	/** The parent's id, {@link TOP} for a top-level node. */
	parent: string;
	/** The node's own annual spend and ours (CNY), as typed on the node. */
	spend: number;
	ours: number;
	/** Share of wallet of the node's subtree in [0, 1], undefined without spend. */
	share: number | undefined;
	/** Tier 1–10 of the node's subtree under the state's thresholds. */
	tier: number;
}

export interface PlanActionState {
	title: string;
	owner: string;
	due: string;
	status: string;
}

/** Everything the comparison reads of one state of an account plan, as plain data. */
export interface PlanState {
	/** Live nodes (under the root) in depth-first sibling order. */
	nodes: ReadonlyMap<string, PlanNodeState>;
	tiers: TierThresholds;
	checklist: Checklist;
	goals: ReadonlyMap<string, { text: string }>;
	actions: ReadonlyMap<string, PlanActionState>;
}

/** A node and where it hangs: `parentName` undefined for a top-level node. */
export interface NodeRef {
	id: string;
	name: string;
	parent: string;
	parentName: string | undefined;
}

/** A node added or removed with its whole subtree: `descendants` went with it. */
export interface SubtreeRef extends NodeRef {
	descendants: number;
}

export interface Change<T> {
	from: T;
	to: T;
}

export interface PlanDiff {
	/**
	 * In `to`, not in `from` (or in its trash), in `to`'s tree order: the top of each added
	 * subtree, with how many nodes under it came too.
	 */
	added: SubtreeRef[];
	/** In `from`, not in `to` (deleted or in the trash), likewise by subtree, in `from`'s order. */
	removed: SubtreeRef[];
	/** Under another parent: `from` and `to` name the old and new parent. */
	moved: Array<{ id: string; name: string; from: NodeRef; to: NodeRef }>;
	renamed: Array<{ id: string } & Change<string>>;
	/** Own spend or ours changed on a node in both states. */
	spend: Array<{ id: string; name: string; spend: Change<number>; ours: Change<number> }>;
	/** Subtree share of wallet changed by at least {@link SHARE_EPSILON}. */
	share: Array<{ id: string; name: string } & Change<number | undefined>>;
	tier: Array<{ id: string; name: string } & Change<number>>;
	/** The three above merged, one row per node in `to`'s tree order: what a table shows. */
	figures: NodeFigures[];
	/** The tier thresholds table changed (every tier may move because of it). */
	thresholds: Change<TierThresholds> | undefined;
	checklist: Array<{ field: ChecklistField } & Change<string>>;
	goals: {
		added: Array<{ id: string; text: string }>;
		removed: Array<{ id: string; text: string }>;
		changed: Array<{ id: string } & Change<string>>;
	};
	actions: {
		added: Array<{ id: string } & PlanActionState>;
		removed: Array<{ id: string } & PlanActionState>;
		/** Fields that changed on an action in both states. */
		changed: Array<{
			id: string;
			title: string;
			fields: Array<{ field: keyof PlanActionState } & Change<string>>;
		}>;
	};
}

/** A node's changed figures; absent fields did not change. */
export interface NodeFigures {
	id: string;
	name: string;
	spend?: Change<number>;
	ours?: Change<number>;
	share?: Change<number | undefined>;
	tier?: Change<number>;
}

/** Share changes smaller than this (0.05 percentage points) do not show at one decimal. */
export const SHARE_EPSILON = 0.0005;

const ACTION_FIELDS = ['title', 'owner', 'due', 'status'] as const;

function refIn(state: PlanState, id: string): NodeRef {
	const node = state.nodes.get(id)!;
	return {
		id,
		name: node.name,
		parent: node.parent,
		parentName: node.parent === TOP ? undefined : state.nodes.get(node.parent)?.name
	};
}

/**
 * Collects nodes present in one state only, by subtree: a node whose parent is also collected is
 * counted under that parent's subtree entry instead of listed. Nodes must come in depth-first
 * order (parents first), as a state's `nodes` are.
 */
function subtreeCollector(list: SubtreeRef[], state: PlanState) {
	/** Each collected node → the entry of the subtree it is in. */
	const entryOf = new Map<string, SubtreeRef>();
	return (id: string) => {
		const above = entryOf.get(state.nodes.get(id)!.parent);
		if (above) {
			above.descendants++;
			entryOf.set(id, above);
			return;
		}
		const entry = { ...refIn(state, id), descendants: 0 };
		list.push(entry);
		entryOf.set(id, entry);
	};
}

function sameThresholds(a: TierThresholds, b: TierThresholds): boolean {
	const same = (x: number[], y: number[]) =>
		x.length === y.length && x.every((value, i) => value === y[i]);
	return same(a.minOurs, b.minOurs) && same(a.minShare, b.minShare);
}

function shareChanged(a: number | undefined, b: number | undefined): boolean {
	if (a === undefined || b === undefined) return a !== b;
	return Math.abs(a - b) >= SHARE_EPSILON;
}

/** The changes that turn plan state `from` into plan state `to`. O(nodes + items). */
export function diffPlans(from: PlanState, to: PlanState): PlanDiff {
	const diff: PlanDiff = {
		added: [],
		removed: [],
		moved: [],
		renamed: [],
		spend: [],
		share: [],
		tier: [],
		figures: [],
		thresholds: sameThresholds(from.tiers, to.tiers)
			? undefined
			: { from: from.tiers, to: to.tiers },
		checklist: [],
		goals: { added: [], removed: [], changed: [] },
		actions: { added: [], removed: [], changed: [] }
	};

	const added = subtreeCollector(diff.added, to);
	for (const [id, after] of to.nodes) {
		const before = from.nodes.get(id);
		if (!before) {
			added(id);
			continue;
		}
		if (before.parent !== after.parent) {
			diff.moved.push({ id, name: after.name, from: refIn(from, id), to: refIn(to, id) });
		}
		if (before.name !== after.name) diff.renamed.push({ id, from: before.name, to: after.name });
		const row: NodeFigures = { id, name: after.name };
		if (before.spend !== after.spend || before.ours !== after.ours) {
			const spend = { from: before.spend, to: after.spend };
			const ours = { from: before.ours, to: after.ours };
			diff.spend.push({ id, name: after.name, spend, ours });
			if (spend.from !== spend.to) row.spend = spend;
			if (ours.from !== ours.to) row.ours = ours;
		}
		if (shareChanged(before.share, after.share)) {
			row.share = { from: before.share, to: after.share };
			diff.share.push({ id, name: after.name, ...row.share });
		}
		if (before.tier !== after.tier) {
			row.tier = { from: before.tier, to: after.tier };
			diff.tier.push({ id, name: after.name, ...row.tier });
		}
		if (row.spend || row.ours || row.share || row.tier) diff.figures.push(row);
	}
	const removed = subtreeCollector(diff.removed, from);
	for (const id of from.nodes.keys()) {
		if (!to.nodes.has(id)) removed(id);
	}

	const fields = new Set([
		...(Object.keys(from.checklist) as ChecklistField[]),
		...(Object.keys(to.checklist) as ChecklistField[])
	]);
	for (const field of fields) {
		const a = from.checklist[field] ?? '';
		const b = to.checklist[field] ?? '';
		if (a !== b) diff.checklist.push({ field, from: a, to: b });
	}

	for (const [id, goal] of to.goals) {
		const before = from.goals.get(id);
		if (!before) diff.goals.added.push({ id, text: goal.text });
		else if (before.text !== goal.text) {
			diff.goals.changed.push({ id, from: before.text, to: goal.text });
		}
	}
	for (const [id, goal] of from.goals) {
		if (!to.goals.has(id)) diff.goals.removed.push({ id, text: goal.text });
	}

	for (const [id, action] of to.actions) {
		const before = from.actions.get(id);
		if (!before) {
			diff.actions.added.push({ id, ...action });
			continue;
		}
		const changed = ACTION_FIELDS.flatMap((field) =>
			before[field] === action[field] ? [] : [{ field, from: before[field], to: action[field] }]
		);
		if (changed.length > 0) diff.actions.changed.push({ id, title: action.title, fields: changed });
	}
	for (const [id, action] of from.actions) {
		if (!to.actions.has(id)) diff.actions.removed.push({ id, ...action });
	}
	return diff;
}

/** How many changes a diff lists, counting each node, field and item once per kind of change. */
export function changeCount(diff: PlanDiff): number {
	return (
		diff.added.reduce((sum, entry) => sum + 1 + entry.descendants, 0) +
		diff.removed.reduce((sum, entry) => sum + 1 + entry.descendants, 0) +
		diff.moved.length +
		diff.renamed.length +
		diff.spend.length +
		diff.share.length +
		diff.tier.length +
		(diff.thresholds ? 1 : 0) +
		diff.checklist.length +
		diff.goals.added.length +
		diff.goals.removed.length +
		diff.goals.changed.length +
		diff.actions.added.length +
		diff.actions.removed.length +
		diff.actions.changed.length
	);
}
