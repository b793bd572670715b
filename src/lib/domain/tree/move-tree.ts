/**
 * A replicated tree with a move operation, after Kleppmann et al., "A highly-available move
 * operation for replicated trees" (2021). Every replica holds the same set of move ops and replays
 * them in timestamp order; a move that would make a node its own ancestor is skipped. So replicas
 * that have seen the same ops show the same tree, and no replica ever shows a cycle, whatever the
 * delivery order.
 *
 * Replay is incremental: an op newer than every op seen is applied at the end; an older one undoes
 * the newer ops, applies, and redoes them. A remote move therefore costs the few ops it overtakes,
 * not a rebuild.
 */

/** The root every live node hangs from. */
export const ROOT = 'root';
/** Deleted nodes hang from here, so a delete can be undone and concurrent edits are not lost. */
export const TRASH = 'trash';

/** One move: put `node` under `parent` at sibling position `order`. A node's first op creates it. */
export interface MoveOp {
	/** Lamport timestamp: one more than the highest the author had seen. */
	ts: number;
	/** The author's replica id; breaks timestamp ties, so the order of ops is total. */
	client: number;
	node: string;
	parent: string;
	/** Fractional index among siblings (lexicographic order). */
	order: string;
}

export interface Placement {
	parent: string;
	order: string;
}

/** Told about every effective change of a node's placement, in replay order. */
export interface MoveListener {
	moved(node: string, from: Placement | undefined, to: Placement | undefined): void;
}

interface LogEntry {
	op: MoveOp;
	/** The node's placement before this op, to undo it. */
	before: Placement | undefined;
	/** False when the op was skipped because it would have made a cycle. */
	applied: boolean;
}

/** Total order of ops: timestamp, then replica id. */
export function compareOps(a: MoveOp, b: MoveOp): number {
	return a.ts - b.ts || a.client - b.client;
}

export class MoveTree {
	#log: LogEntry[] = [];
	#seen = new Set<string>();
	#placement = new Map<string, Placement>();
	#children = new Map<string, Set<string>>();
	#sorted = new Map<string, string[]>();
	#maxTs = 0;
	#listener: MoveListener | undefined;

	constructor(listener?: MoveListener) {
		this.#listener = listener;
	}

	/** The timestamp a new local op must carry. */
	nextTimestamp(): number {
		return this.#maxTs + 1;
	}

	/** Number of ops in the log. */
	get size(): number {
		return this.#log.length;
	}

	/** Applies one op wherever it falls in the order; an op seen before is ignored. */
	apply(op: MoveOp): void {
		const key = `${op.ts}:${op.client}`;
		if (this.#seen.has(key)) return;
		this.#seen.add(key);
		if (op.ts > this.#maxTs) this.#maxTs = op.ts;
		const log = this.#log;
		let index = log.length;
		// Ops arrive mostly in order: walk back from the end while the entry is newer.
		while (index > 0 && compareOps(log[index - 1]!.op, op) > 0) index--;
		const overtaken = log.splice(index);
		for (let i = overtaken.length - 1; i >= 0; i--) this.#undo(overtaken[i]!);
		log.push(this.#do(op));
		for (const entry of overtaken) log.push(this.#do(entry.op));
	}

	/**
	 * Takes an op out of the log, as if it had never been made: per-person undo removes the op it
	 * undoes. The tree stays a function of the set of ops, so replicas still converge.
	 */
	remove(op: MoveOp): void {
		const key = `${op.ts}:${op.client}`;
		if (!this.#seen.delete(key)) return;
		const log = this.#log;
		let index = log.length - 1;
		while (index >= 0 && compareOps(log[index]!.op, op) !== 0) index--;
		if (index < 0) return;
		const overtaken = log.splice(index);
		for (let i = overtaken.length - 1; i >= 0; i--) this.#undo(overtaken[i]!);
		for (const entry of overtaken.slice(1)) log.push(this.#do(entry.op));
	}

	/**
	 * Applies many ops at once (opening a document, merging a long offline session): undoes back
	 * to the oldest new op once and replays the merged rest, instead of once per op.
	 */
	applyAll(ops: Iterable<MoveOp>): void {
		const fresh: MoveOp[] = [];
		for (const op of ops) {
			const key = `${op.ts}:${op.client}`;
			if (this.#seen.has(key)) continue;
			this.#seen.add(key);
			if (op.ts > this.#maxTs) this.#maxTs = op.ts;
			fresh.push(op);
		}
		if (fresh.length === 0) return;
		fresh.sort(compareOps);
		const log = this.#log;
		let index = log.length;
		while (index > 0 && compareOps(log[index - 1]!.op, fresh[0]!) > 0) index--;
		const overtaken = log.splice(index);
		for (let i = overtaken.length - 1; i >= 0; i--) this.#undo(overtaken[i]!);
		let i = 0;
		let j = 0;
		while (i < fresh.length || j < overtaken.length) {
			const takeFresh =
				j >= overtaken.length || (i < fresh.length && compareOps(fresh[i]!, overtaken[j]!.op) < 0);
			log.push(this.#do(takeFresh ? fresh[i++]! : overtaken[j++]!.op));
		}
	}

	has(node: string): boolean {
		return this.#placement.has(node);
	}

	parentOf(node: string): string | undefined {
		return this.#placement.get(node)?.parent;
	}

	placementOf(node: string): Placement | undefined {
		return this.#placement.get(node);
	}

	/** Children of `parent` in sibling order (by fractional index, then id for equal indices). */
	children(parent: string): readonly string[] {
		let sorted = this.#sorted.get(parent);
		if (!sorted) {
			const placement = this.#placement;
			sorted = [...(this.#children.get(parent) ?? [])].sort((a, b) => {
				const oa = placement.get(a)!.order;
				const ob = placement.get(b)!.order;
				return oa < ob ? -1 : oa > ob ? 1 : a < b ? -1 : a > b ? 1 : 0;
			});
			this.#sorted.set(parent, sorted);
		}
		return sorted;
	}

	/** True when `ancestor` is `node` or lies on the path from `node` up to its root. */
	isAncestorOrSelf(ancestor: string, node: string): boolean {
		let current: string | undefined = node;
		// The tree never has a cycle; the bound only guards against a bug turning into a hang.
		for (let steps = 0; current !== undefined && steps <= this.#placement.size + 1; steps++) {
			if (current === ancestor) return true;
			current = this.#placement.get(current)?.parent;
		}
		return false;
	}

	/** The path from `node` up to (and including) the topmost placed ancestor's parent. */
	ancestors(node: string): string[] {
		const path: string[] = [];
		let current = this.#placement.get(node)?.parent;
		while (current !== undefined && path.length <= this.#placement.size) {
			path.push(current);
			current = this.#placement.get(current)?.parent;
		}
		return path;
	}

	/** The root a node hangs from: ROOT, TRASH, or undefined while an ancestor is still unknown. */
	rootOf(node: string): string | undefined {
		const path = this.ancestors(node);
		const top = path[path.length - 1];
		return top === ROOT || top === TRASH ? top : undefined;
	}

	/**
	 * What the trash shows: nodes deleted (moved under TRASH) and nodes left hanging from a parent
	 * that no longer exists (its creation was undone after someone added under it). Nothing a
	 * person made is ever out of sight.
	 */
	trashed(): string[] {
		const detached: string[] = [];
		for (const [node, { parent }] of this.#placement) {
			if (parent !== ROOT && parent !== TRASH && !this.#placement.has(parent)) detached.push(node);
		}
		return [...this.children(TRASH), ...detached.sort()];
	}

	/** Every node with a placement. */
	nodes(): IterableIterator<string> {
		return this.#placement.keys();
	}

	#do(op: MoveOp): LogEntry {
		const before = this.#placement.get(op.node);
		if (op.node === op.parent || op.node === ROOT || op.node === TRASH) {
			return { op, before, applied: false };
		}
		if (this.isAncestorOrSelf(op.node, op.parent)) return { op, before, applied: false };
		const to = { parent: op.parent, order: op.order };
		this.#place(op.node, before, to);
		return { op, before, applied: true };
	}

	#undo(entry: LogEntry): void {
		if (!entry.applied) return;
		this.#place(entry.op.node, this.#placement.get(entry.op.node), entry.before);
	}

	#place(node: string, from: Placement | undefined, to: Placement | undefined): void {
		if (from) {
			this.#children.get(from.parent)?.delete(node);
			this.#sorted.delete(from.parent);
		}
		if (to) {
			this.#placement.set(node, to);
			let siblings = this.#children.get(to.parent);
			if (!siblings) this.#children.set(to.parent, (siblings = new Set()));
			siblings.add(node);
			this.#sorted.delete(to.parent);
		} else {
			this.#placement.delete(node);
		}
		this.#listener?.moved(node, from, to);
	}
}
