/**
 * What each change to an account document did, in the plan's own words: "moved 南京分公司 under
 * 华东子公司", "changed the tier thresholds". Read from every transaction of the document (what
 * changed is Yjs's; what it was before is a shadow this watcher keeps), with the transaction's
 * origin handed on, so the server can say who made each change from the connection that delivered
 * it rather than from anything the client wrote.
 */
import * as Y from 'yjs';
import { MoveTree, type MoveOp } from '../domain/tree/move-tree';
import { ROOT, TRASH, isMoveOp, type NodeField } from './account';

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
	| { kind: 'item-changed'; list: string; id: string; action: 'added' | 'changed' | 'removed' }
	/** What one change did past {@link MAX_CHANGES_PER_TRANSACTION}, counted instead of listed. */
	| { kind: 'more-changes'; count: number };

/**
 * Entries one transaction makes at most: an import or a paste of thousands of nodes is one line
 * of "and N more", so no single write can grow the record by more than this.
 */
export const MAX_CHANGES_PER_TRANSACTION = 200;

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

const TEXT_FIELDS: ReadonlySet<NodeField> = new Set(['name', 'kind', 'region', 'owner']);

/**
 * Calls `record` after every transaction on the account document `doc` that changed the plan,
 * with the transaction's origin and what changed. Returns the unsubscriber.
 *
 * Runs inside the relay's transactions, on whatever a writer sent: it reads the document
 * defensively (a node that is not a map, a move that is not a move: skipped) and never throws
 * into the transaction — a malformed entry must cost its record, not other people's saves.
 */
export function watchAccountActivity(
	doc: Y.Doc,
	record: (origin: unknown, changes: ActivityChange[]) => void,
	onError: (error: unknown) => void = () => {}
): () => void {
	const nodes = doc.getMap<unknown>('nodes');
	const moves = doc.getMap<unknown>('moves');
	const settingsMap = doc.getMap<unknown>('settings');
	const tree = new MoveTree();
	/** Each move op by its key, so an op taken back (per-person undo) can leave the tree. */
	const ops = new Map<string, MoveOp>();
	const takeMoves = (keys: Iterable<string>) => {
		const added: MoveOp[] = [];
		for (const key of keys) {
			const before = ops.get(key);
			const op = moves.get(key);
			if (before && op !== before) {
				tree.remove(before);
				ops.delete(key);
			}
			if (isMoveOp(op) && op !== before) {
				ops.set(key, op);
				added.push(op);
			}
		}
		tree.applyAll(added);
	};
	takeMoves(moves.keys());

	const shadowOf = (id: string): Shadow | undefined => {
		const map = nodes.get(id);
		if (!(map instanceof Y.Map)) return undefined;
		const fields = {} as Shadow['fields'];
		for (const field of FIELDS) {
			const value: unknown = map.get(field);
			fields[field] = TEXT_FIELDS.has(field)
				? typeof value === 'string'
					? value
					: ''
				: typeof value === 'number' && Number.isFinite(value)
					? value
					: 0;
		}
		return { parent: tree.parentOf(id), fields };
	};
	const shadows = new Map<string, Shadow>();
	for (const id of nodes.keys()) {
		const shadow = shadowOf(id);
		if (shadow) shadows.set(id, shadow);
	}
	const nameOf = (id: string | undefined) =>
		id === undefined || id === ROOT ? '' : String(shadows.get(id)?.fields.name ?? '');
	const lists = new Map<unknown, string>(LISTS.map((name) => [doc.getMap(name), name]));

	const describe = (transaction: Y.Transaction): ActivityChange[] => {
		const touched = new Set<string>();
		const changes: ActivityChange[] = [];
		let settings: Set<string | null> | undefined;
		for (const [changedType, keys] of transaction.changed) {
			const named = [...keys].filter((key): key is string => key !== null);
			// Compared by identity with the plan's own maps; typed loosely for that.
			const type: unknown = changedType;
			if (type === nodes) {
				for (const key of named) touched.add(key);
			} else if (type === moves) {
				for (const key of named) {
					const op = moves.get(key) ?? ops.get(key);
					if (isMoveOp(op)) touched.add(op.node);
				}
				takeMoves(named);
			} else if (type === settingsMap) {
				settings = keys;
			} else if (isNodeField(changedType, nodes)) {
				touched.add(changedType._item!.parentSub!);
			} else {
				const list = lists.get(type);
				if (!list) continue;
				const map = type as unknown as Y.Map<unknown>;
				for (const id of named) {
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
		return changes;
	};

	const onTransaction = (transaction: Y.Transaction) => {
		let changes: ActivityChange[];
		try {
			changes = describe(transaction);
		} catch (error) {
			onError(error);
			return;
		}
		if (changes.length > MAX_CHANGES_PER_TRANSACTION) {
			const more = changes.length - MAX_CHANGES_PER_TRANSACTION;
			changes = [
				...changes.slice(0, MAX_CHANGES_PER_TRANSACTION),
				{ kind: 'more-changes', count: more }
			];
		}
		if (changes.length > 0) record(transaction.origin, changes);
	};
	doc.on('afterTransaction', onTransaction);
	return () => doc.off('afterTransaction', onTransaction);
}

/** Whether `type` is one node's own map (its fields), inside the plan's `nodes`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- reason: Yjs types its changed types as AbstractType<YEvent<any>>
function isNodeField(type: Y.AbstractType<any>, nodes: Y.Map<unknown>): boolean {
	const item = type._item;
	return item !== null && item.parent === (nodes as unknown) && typeof item.parentSub === 'string';
}

/** Whether `id` was added to `map` by `transaction` (its entry was made in it). */
function isNew(transaction: Y.Transaction, map: Y.Map<unknown>, id: string): boolean {
	const item = map._map.get(id);
	if (!item) return false;
	const before = transaction.beforeState.get(item.id.client) ?? 0;
	// The entry's item was created in this transaction, and no earlier item held the key.
	return item.id.clock >= before && item.left === null;
}
