/**
 * What each change to an account document did, in the plan's own words: "moved 南京分公司 under
 * 华东子公司", "changed the tier thresholds". Read from every transaction of the document (what
 * changed is Yjs's; what it was before is a shadow this watcher keeps), with the transaction's
 * origin handed on, so the server can say who made each change from the connection that delivered
 * it rather than from anything the client wrote.
 */
import * as Y from 'yjs';
import { ROOT, TRASH, type AccountTree, type NodeField } from './account';

/** One change, with the names as they were when it was made. */
export type ActivityChange =
	| { kind: 'node-added'; node: string; name: string; parent: string; parentName: string }
	| {
			kind: 'node-moved';
			node: string;
			name: string;
			from: string;
			fromName: string;
			parent: string;
			parentName: string;
	  }
	| { kind: 'node-removed'; node: string; name: string }
	| { kind: 'node-restored'; node: string; name: string; parent: string; parentName: string }
	| {
			kind: 'node-changed';
			node: string;
			name: string;
			field: NodeField;
			from: string | number;
			to: string | number;
	  }
	| { kind: 'settings-changed'; setting: string }
	| { kind: 'item-changed'; list: string; id: string; action: 'added' | 'changed' | 'removed' };

/** The plan's lists whose entries are recorded by id (model/account-plan.ts, model/account.ts). */
const LISTS = ['agreements', 'contacts', 'checklist', 'team', 'goals', 'actions', 'feedback'];
const FIELDS: readonly NodeField[] = [
	'name',
	'kind',
	'region',
	'headcount',
	'spend',
	'ours',
	'owner'
];

interface Shadow {
	parent: string | undefined;
	fields: Record<NodeField, string | number>;
}

/**
 * Calls `record` after every transaction on `tree`'s document that changed the plan, with the
 * transaction's origin and what changed. Returns the unsubscriber.
 */
export function watchAccountActivity(
	tree: AccountTree,
	record: (origin: unknown, changes: ActivityChange[]) => void
): () => void {
	const doc = tree.doc;
	const shadows = new Map<string, Shadow>();
	const shadowOf = (id: string): Shadow | undefined => {
		const node = tree.node(id);
		if (!node) return undefined;
		const fields = Object.fromEntries(FIELDS.map((f) => [f, node[f]])) as Shadow['fields'];
		return { parent: tree.tree.parentOf(id), fields };
	};
	for (const id of tree.nodes.keys()) {
		const shadow = shadowOf(id);
		if (shadow) shadows.set(id, shadow);
	}
	const nameOf = (id: string | undefined) =>
		id === undefined || id === ROOT
			? ''
			: String(shadows.get(id)?.fields.name ?? tree.node(id)?.name ?? '');

	const lists = new Map<unknown, string>(LISTS.map((name) => [doc.getMap(name), name]));
	const nodes: unknown = tree.nodes;
	const moves: unknown = tree.moves;
	const settingsMap: unknown = tree.settings;

	const onTransaction = (transaction: Y.Transaction) => {
		const touched = new Set<string>();
		const changes: ActivityChange[] = [];
		let settings: Set<string | null> | undefined;
		for (const [type, keys] of transaction.changed) {
			if (type === nodes || type === moves) {
				for (const key of keys) if (key !== null && type === nodes) touched.add(key);
				if (type === moves) {
					for (const key of keys) {
						const op = key === null ? undefined : tree.moves.get(key);
						if (op) touched.add(op.node);
					}
				}
			} else if (type === settingsMap) {
				settings = keys;
			} else if (type._item?.parent === tree.nodes && type._item.parentSub) {
				touched.add(type._item.parentSub);
			} else {
				const list = lists.get(type);
				if (!list) continue;
				const map = type as unknown as Y.Map<unknown>;
				for (const id of keys) {
					if (id === null) continue;
					const action = !map.has(id)
						? 'removed'
						: isNew(transaction, map, id)
							? 'added'
							: 'changed';
					changes.push({ kind: 'item-changed', list, id, action });
				}
			}
		}
		for (const id of touched) {
			const before = shadows.get(id);
			const after = shadowOf(id);
			const name = String(after?.fields.name ?? before?.fields.name ?? '');
			if (!before && after) {
				changes.push({
					kind: 'node-added',
					node: id,
					name,
					parent: after.parent ?? ROOT,
					parentName: nameOf(after.parent)
				});
			} else if (before && after) {
				if (before.parent !== after.parent) {
					if (after.parent === TRASH) changes.push({ kind: 'node-removed', node: id, name });
					else if (before.parent === TRASH) {
						changes.push({
							kind: 'node-restored',
							node: id,
							name,
							parent: after.parent ?? ROOT,
							parentName: nameOf(after.parent)
						});
					} else {
						changes.push({
							kind: 'node-moved',
							node: id,
							name,
							from: before.parent ?? ROOT,
							fromName: nameOf(before.parent),
							parent: after.parent ?? ROOT,
							parentName: nameOf(after.parent)
						});
					}
				}
				for (const field of FIELDS) {
					if (before.fields[field] !== after.fields[field]) {
						changes.push({
							kind: 'node-changed',
							node: id,
							name: String(before.fields.name),
							field,
							from: before.fields[field],
							to: after.fields[field]
						});
					}
				}
			}
			if (after) shadows.set(id, after);
			else shadows.delete(id);
		}
		for (const setting of settings ?? []) {
			if (setting !== null) changes.push({ kind: 'settings-changed', setting });
		}
		if (changes.length > 0) record(transaction.origin, changes);
	};
	doc.on('afterTransaction', onTransaction);
	return () => doc.off('afterTransaction', onTransaction);
}

/** Whether `id` was added to `map` by `transaction` (its entry was made in it). */
function isNew(transaction: Y.Transaction, map: Y.Map<unknown>, id: string): boolean {
	const item = map._map.get(id);
	if (!item) return false;
	const before = transaction.beforeState.get(item.id.client) ?? 0;
	// The entry's item was created in this transaction, and no earlier item held the key.
	return item.id.clock >= before && item.left === null;
}
