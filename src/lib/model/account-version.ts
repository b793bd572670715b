/**
 * Versions of an account document, on the model side: reading a version's state (kept by the
 * server as one Yjs update) into a scratch document, extracting the plain {@link PlanState} the
 * domain's diff compares, and restoring a version into the live document as one new change.
 */
import { generateKeyBetween } from 'fractional-indexing';
import * as Y from 'yjs';
import { diffPlans, type PlanDiff, type PlanState } from '../domain/account/plan-diff';
import { shareOf } from '../domain/account/rollup';
import { tierOf } from '../domain/account/tiers';
import type { MoveOp } from '../domain/tree/move-tree';
import { AccountTree, ROOT, TRASH } from './account';
import { AccountPlan } from './account-plan';
import { Origin } from './origins';

/** A scratch document holding a version's state (an update as the server sent it). */
export function versionDoc(state: Uint8Array): Y.Doc {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, state);
	return doc;
}

/** The plain state the comparison reads, from an open account's tree and plan. */
export function planState(tree: AccountTree, plan: AccountPlan): PlanState {
	const thresholds = tree.tiers();
	const nodes = new Map<
		string,
		PlanState['nodes'] extends ReadonlyMap<string, infer N> ? N : never
	>();
	for (const id of tree.liveNodes()) {
		const node = tree.node(id);
		if (!node) continue;
		const totals = tree.rollups.totals(id);
		nodes.set(id, {
			name: node.name,
			kind: node.kind,
			parent: tree.tree.parentOf(id) ?? ROOT,
			spend: node.spend,
			ours: node.ours,
			share: shareOf(totals),
			tier: tierOf(totals, thresholds)
		});
	}
	return {
		nodes,
		tiers: thresholds,
		checklist: plan.checklist(),
		goals: new Map(plan.goals.all().map((g) => [g.id, { text: g.text }])),
		actions: new Map(
			plan.actions
				.all()
				.map((a) => [a.id, { title: a.title, owner: a.owner, due: a.due, status: a.status }])
		)
	};
}

/** The plain state of an account document not otherwise open (a version's scratch document). */
export function planStateOfDoc(doc: Y.Doc): PlanState {
	const tree = new AccountTree(doc);
	try {
		return planState(tree, new AccountPlan(doc));
	} finally {
		tree.destroy();
	}
}

/** What changed from document `from` to document `to` (either may be a version or the live one). */
export function diffDocs(from: Y.Doc, to: Y.Doc): PlanDiff {
	return diffPlans(planStateOfDoc(from), planStateOfDoc(to));
}

/** Top-level maps a restore leaves alone: the title is the document's name, not its plan. */
const KEPT = new Set(['meta']);
/** Top-level maps a restore writes through the tree rather than key by key. */
const TREE = new Set(['moves', 'nodes']);

function sameValue(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (a instanceof Uint8Array && b instanceof Uint8Array) {
		return a.length === b.length && a.every((byte, i) => byte === b[i]);
	}
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	const ka = Object.keys(a);
	const kb = Object.keys(b);
	return (
		ka.length === kb.length &&
		ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
	);
}

/** Makes `target` hold what `source` holds, writing only the keys that differ. */
function restoreMap(target: Y.Map<unknown>, source: Y.Map<unknown>): void {
	for (const key of [...target.keys()]) if (!source.has(key)) target.delete(key);
	for (const [key, value] of source) {
		// Only the node payloads hold nested types, and they are restored field by field.
		if (value instanceof Y.AbstractType) continue;
		if (!sameValue(target.get(key), value)) target.set(key, value);
	}
}

/**
 * Makes the live document `tree.doc` show what `version` shows — nodes, their places and fields,
 * agreements, contacts, settings, checklist, team, goals, actions, feedback and bookings; the
 * title stays — as **one** transaction of this person's ({@link Origin.local}), so everyone
 * receives it as an ordinary change and one undo takes it back. Writes only what differs.
 *
 * Places are restored as new move ops in the version's depth-first order, parents before
 * children: each parent then already hangs where the version has it, so no op can be skipped as
 * a cycle (e.g. when a parent and child swap). Nodes the version does not have go to the trash.
 * Returns how many nodes were moved.
 */
export function restoreVersion(tree: AccountTree, version: Y.Doc): number {
	const doc = tree.doc;
	const past = new AccountTree(version);
	try {
		let moved = 0;
		doc.transact(() => {
			const names = new Set([...doc.share.keys(), ...version.share.keys()]);
			for (const name of names) {
				if (KEPT.has(name) || TREE.has(name)) continue;
				restoreMap(doc.getMap(name), version.getMap(name));
			}

			// Payloads first: a node coming back needs its fields when its move lands.
			for (const [id, fields] of past.nodes) {
				if (!(fields instanceof Y.Map)) continue;
				let map = tree.nodes.get(id);
				if (!(map instanceof Y.Map)) {
					map = new Y.Map<unknown>();
					tree.nodes.set(id, map);
				}
				restoreMap(map, fields);
			}

			// The moves observer runs at the end of the transaction, so timestamps are counted here.
			let ts = tree.tree.nextTimestamp();
			const write = (node: string, parent: string, order: string) => {
				const op: MoveOp = { ts: ts++, client: doc.clientID, node, parent, order };
				tree.moves.set(`${op.client}:${op.ts}`, op);
				moved++;
			};
			const placeUnder = (parent: string) => {
				for (const id of past.tree.children(parent)) {
					const then = past.tree.placementOf(id)!;
					const now = tree.tree.placementOf(id);
					if (!now || now.parent !== then.parent || now.order !== then.order) {
						write(id, then.parent, then.order);
					}
					placeUnder(id);
				}
			};
			placeUnder(ROOT);
			placeUnder(TRASH);

			const trashed = past.tree.children(TRASH);
			let last = trashed.length > 0 ? past.tree.placementOf(trashed.at(-1)!)!.order : null;
			// Live nodes the version lacks go to the trash, each subtree whole (only its top moves).
			const gone = new Set<string>();
			for (const id of tree.liveNodes()) {
				if (past.tree.has(id)) continue;
				gone.add(id);
				if (gone.has(tree.tree.parentOf(id)!)) continue;
				last = generateKeyBetween(last, null);
				write(id, TRASH, last);
			}
		}, Origin.local);
		return moved;
	} finally {
		past.destroy();
	}
}
