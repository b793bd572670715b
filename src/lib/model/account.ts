/**
 * The `account` document's structure tree in Yjs, and the typed reads and edits over it.
 *
 * Layout (all top-level, flat, so concurrent edits merge field by field):
 * - `moves`: Y.Map<`${client}:${ts}`, MoveOp>, append-only but for per-person undo, replayed by
 *   the domain's {@link MoveTree};
 * - `nodes`: Y.Map<nodeId, Y.Map<field>> with name, kind, region, headcount, spend, ours, owner;
 * - `agreements` / `contacts`: Y.Map<id, {node, …}>, one entry per agreement or contact;
 * - `settings`: tier thresholds and the national-account threshold.
 */
import { generateKeyBetween } from 'fractional-indexing';
import * as Y from 'yjs';
import {
	DEFAULT_NATIONAL_THRESHOLD,
	potentialNationalAgreements,
	type FlagLookup
} from '../domain/account/flags';
import {
	isAgreementStatus,
	isAgreementType,
	isoToday,
	isNodeKind,
	type AccountNode,
	type Agreement,
	type Contact,
	type NodeKind
} from '../domain/account/node';
import { RollupIndex, ownTotals } from '../domain/account/rollup';
import { DEFAULT_TIERS, checkThresholds, type TierThresholds } from '../domain/account/tiers';
import { MoveTree, ROOT, TRASH, type MoveOp } from '../domain/tree/move-tree';
import { Origin } from './origins';

export { ROOT, TRASH };

/** Fields of a node stored directly in its Y.Map. */
export type NodeField = 'name' | 'kind' | 'region' | 'headcount' | 'spend' | 'ours' | 'owner';

type StoredAgreement = Omit<Agreement, 'id'> & { node: string };
type StoredContact = Omit<Contact, 'id'> & { node: string };

/** A short random id: 12 base-62 characters, about 71 bits. */
export function newId(): string {
	const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
	const bytes = crypto.getRandomValues(new Uint8Array(12));
	let id = '';
	for (const byte of bytes) id += alphabet[byte % 62];
	return id;
}

export function isMoveOp(value: unknown): value is MoveOp {
	if (typeof value !== 'object' || value === null) return false;
	const v = value as Record<string, unknown>;
	return (
		typeof v.ts === 'number' &&
		typeof v.client === 'number' &&
		typeof v.node === 'string' &&
		typeof v.parent === 'string' &&
		typeof v.order === 'string'
	);
}

const number = (value: unknown) =>
	typeof value === 'number' && Number.isFinite(value) ? value : 0;
const text = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * Live, typed access to one account document's tree. Remote and local changes take the same path:
 * every edit is a Yjs write, and observers replay it into the tree and the roll-ups.
 */
export class AccountTree {
	readonly tree: MoveTree;
	readonly rollups = new RollupIndex();
	readonly moves: Y.Map<MoveOp>;
	readonly nodes: Y.Map<Y.Map<unknown>>;
	readonly agreements: Y.Map<StoredAgreement>;
	readonly contacts: Y.Map<StoredContact>;
	readonly settings: Y.Map<unknown>;
	#agreementsByNode = new ByNode<StoredAgreement>();
	#contactsByNode = new ByNode<StoredContact>();
	#listeners = new Set<() => void>();
	#version = 0;
	#unobserve: Array<() => void> = [];

	constructor(readonly doc: Y.Doc) {
		this.tree = new MoveTree(this.rollups);
		this.rollups.attach(this.tree);
		this.moves = doc.getMap('moves');
		this.nodes = doc.getMap('nodes');
		this.agreements = doc.getMap('agreements');
		this.contacts = doc.getMap('contacts');
		this.settings = doc.getMap('settings');
		this.#load();
		this.#observe();
	}

	/** Increases with every change; views read it to know when to re-render. */
	get version(): number {
		return this.#version;
	}

	subscribe(listener: () => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	destroy(): void {
		for (const stop of this.#unobserve) stop();
		this.#listeners.clear();
	}

	// ---- reads ----------------------------------------------------------------------------

	node(id: string): AccountNode | undefined {
		const map = this.nodes.get(id);
		if (!map) return undefined;
		const kind = map.get('kind');
		return {
			id,
			name: text(map.get('name')),
			kind: isNodeKind(kind) ? kind : 'branch',
			region: text(map.get('region')),
			headcount: number(map.get('headcount')),
			spend: number(map.get('spend')),
			ours: number(map.get('ours')),
			owner: text(map.get('owner')),
			agreements: this.#agreementsByNode.of(id).map(([agreementId, a]) => ({
				id: agreementId,
				type: agreementTypeOrRegional(a.type),
				status: agreementStatusOf(a),
				number: a.number,
				start: a.start,
				end: a.end,
				terms: a.terms
			})),
			contacts: this.#contactsByNode.of(id).map(([contactId, c]) => ({
				id: contactId,
				name: c.name,
				title: c.title,
				influence: c.influence
			}))
		};
	}

	children(parent: string): readonly string[] {
		return this.tree.children(parent);
	}

	/** Nodes under the root, depth first, in sibling order. */
	liveNodes(): string[] {
		const out: string[] = [];
		const walk = (id: string) => {
			for (const child of this.tree.children(id)) {
				out.push(child);
				walk(child);
			}
		};
		walk(ROOT);
		return out;
	}

	isLive(id: string): boolean {
		return this.tree.rootOf(id) === ROOT;
	}

	tiers(): TierThresholds {
		const stored = this.settings.get('tiers') as TierThresholds | undefined;
		return stored && checkThresholds(stored) === undefined ? stored : DEFAULT_TIERS;
	}

	nationalThreshold(): number {
		const stored = this.settings.get('nationalThreshold');
		return typeof stored === 'number' && Number.isInteger(stored) && stored >= 1
			? stored
			: DEFAULT_NATIONAL_THRESHOLD;
	}

	/** Whether `id` carries the potential-national-account flag (see `domain/account/flags`). */
	isPotentialNational(id: string): boolean {
		return this.potentialNationalAgreements(id) !== undefined;
	}

	/** The regional agreements behind `id`'s flag, or undefined when it carries none. */
	potentialNationalAgreements(id: string): number | undefined {
		const lookup: FlagLookup = {
			kind: (node) => {
				const kind = this.nodes.get(node)?.get('kind');
				return isNodeKind(kind) ? kind : undefined;
			},
			own: (node) => this.rollups.own(node),
			subtree: (node) => this.rollups.totals(node),
			parent: (node) => {
				const parent = this.tree.parentOf(node);
				return parent === ROOT || parent === TRASH ? undefined : parent;
			},
			children: (node) => this.tree.children(node)
		};
		return potentialNationalAgreements(id, lookup, this.nationalThreshold());
	}

	// ---- edits ----------------------------------------------------------------------------

	/** Adds a node under `parent`, after `after` (or first) among its siblings; returns its id. */
	addNode(
		parent: string,
		fields: Partial<Omit<AccountNode, 'id' | 'agreements' | 'contacts'>> = {},
		position: { after?: string | undefined } = {}
	): string {
		const id = newId();
		this.doc.transact(() => {
			const map = new Y.Map<unknown>();
			map.set('name', fields.name ?? '');
			map.set('kind', fields.kind ?? this.#childKind(parent));
			if (fields.region) map.set('region', fields.region);
			if (fields.headcount) map.set('headcount', fields.headcount);
			if (fields.spend) map.set('spend', fields.spend);
			if (fields.ours) map.set('ours', fields.ours);
			if (fields.owner) map.set('owner', fields.owner);
			this.nodes.set(id, map);
			this.#writeMove(id, parent, this.#orderAt(parent, position.after, id));
		}, Origin.local);
		return id;
	}

	/**
	 * Moves `id` under `parent` to sibling position `index` (counted without `id` itself). Refused
	 * (returns false) when it would put a node inside itself.
	 */
	move(id: string, parent: string, index: number): boolean {
		if (id === ROOT || id === TRASH || this.tree.isAncestorOrSelf(id, parent)) return false;
		const siblings = this.tree.children(parent).filter((s) => s !== id);
		const clamped = Math.max(0, Math.min(index, siblings.length));
		const order = this.#orderBetween(
			siblings[clamped - 1] ? this.tree.placementOf(siblings[clamped - 1]!)!.order : null,
			siblings[clamped] ? this.tree.placementOf(siblings[clamped]!)!.order : null
		);
		this.doc.transact(() => this.#writeMove(id, parent, order), Origin.local);
		return true;
	}

	/**
	 * Deletes to the trash, remembering where the node was; {@link restore} brings it back with
	 * its whole subtree.
	 */
	trash(id: string): void {
		const from = this.tree.parentOf(id);
		this.doc.transact(() => {
			if (from && from !== TRASH) this.nodes.get(id)?.set('trashedFrom', from);
			this.move(id, TRASH, this.tree.children(TRASH).length);
		}, Origin.local);
	}

	/**
	 * Puts a trashed node back at the end of `parent`'s children; by default where it was deleted
	 * from, when that node is still in the tree, else at the top.
	 */
	restore(id: string, parent?: string): boolean {
		const from = this.nodes.get(id)?.get('trashedFrom');
		const target =
			parent ?? (typeof from === 'string' && (from === ROOT || this.isLive(from)) ? from : ROOT);
		return this.move(id, target, this.tree.children(target).length);
	}

	setField(id: string, field: NodeField, value: string | number): void {
		const map = this.nodes.get(id);
		if (!map || map.get(field) === value) return;
		this.doc.transact(() => map.set(field, value), Origin.local);
	}

	/** Adds or replaces an agreement of `node`; returns its id. */
	putAgreement(node: string, agreement: Omit<Agreement, 'id'> & { id?: string }): string {
		const id = agreement.id ?? newId();
		const { id: _ignored, ...fields } = agreement;
		this.doc.transact(() => this.agreements.set(id, { ...fields, node }), Origin.local);
		return id;
	}

	removeAgreement(id: string): void {
		this.doc.transact(() => this.agreements.delete(id), Origin.local);
	}

	putContact(node: string, contact: Omit<Contact, 'id'> & { id?: string }): string {
		const id = contact.id ?? newId();
		const { id: _ignored, ...fields } = contact;
		this.doc.transact(() => this.contacts.set(id, { ...fields, node }), Origin.local);
		return id;
	}

	removeContact(id: string): void {
		this.doc.transact(() => this.contacts.delete(id), Origin.local);
	}

	setTiers(tiers: TierThresholds): void {
		if (checkThresholds(tiers) !== undefined) throw new RangeError('invalid tier thresholds');
		this.doc.transact(() => this.settings.set('tiers', tiers), Origin.local);
	}

	setNationalThreshold(value: number): void {
		this.doc.transact(() => this.settings.set('nationalThreshold', value), Origin.local);
	}

	// ---- internals ------------------------------------------------------------------------

	#childKind(parent: string): NodeKind {
		if (parent === ROOT) return 'group';
		const parentKind = this.nodes.get(parent)?.get('kind');
		return parentKind === 'group' ? 'subsidiary' : 'branch';
	}

	#writeMove(node: string, parent: string, order: string): void {
		const op: MoveOp = {
			ts: this.tree.nextTimestamp(),
			client: this.doc.clientID,
			node,
			parent,
			order
		};
		this.moves.set(`${op.client}:${op.ts}`, op);
	}

	#orderAt(parent: string, after: string | undefined, self: string): string {
		const siblings = this.tree.children(parent).filter((s) => s !== self);
		const index = after === undefined ? -1 : siblings.indexOf(after);
		const before = index >= 0 ? this.tree.placementOf(siblings[index]!)!.order : null;
		const next = siblings[index + 1];
		return this.#orderBetween(before, next ? this.tree.placementOf(next)!.order : null);
	}

	/** A fractional index between two siblings'; equal neighbours (made concurrently) share it. */
	#orderBetween(before: string | null, after: string | null): string {
		if (before !== null && after !== null && before >= after)
			return generateKeyBetween(before, null);
		return generateKeyBetween(before, after);
	}

	#load(): void {
		for (const [id, a] of this.agreements) this.#agreementsByNode.put(id, a);
		for (const [id, c] of this.contacts) this.#contactsByNode.put(id, c);
		for (const id of this.nodes.keys()) this.#refreshOwn(id);
		const ops: MoveOp[] = [];
		for (const op of this.moves.values()) if (isMoveOp(op)) ops.push(op);
		this.tree.applyAll(ops);
		this.rollups.flush();
	}

	#refreshOwn(id: string): void {
		const node = this.node(id);
		if (node) this.rollups.setOwn(id, ownTotals(node, isoToday()));
	}

	#observe(): void {
		const changed = () => {
			this.rollups.flush();
			this.#version++;
			for (const listener of this.#listeners) listener();
		};
		const onMoves = (event: Y.YMapEvent<MoveOp>) => {
			// Removals (undo) first, then every new op in one batch: a merge of thousands of
			// offline ops replays once, not once per op.
			const added: MoveOp[] = [];
			for (const [key, change] of event.changes.keys) {
				if (isMoveOp(change.oldValue)) this.tree.remove(change.oldValue);
				if (change.action !== 'delete') {
					const op = this.moves.get(key);
					if (isMoveOp(op)) added.push(op);
				}
			}
			if (added.length === 1) this.tree.apply(added[0]!);
			else this.tree.applyAll(added);
			changed();
		};
		const onNodes = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
			const touched = new Set<string>();
			for (const event of events) {
				if (event.target === this.nodes) {
					for (const key of event.keys.keys()) touched.add(key);
				} else {
					const id = event.path[0];
					if (typeof id === 'string') touched.add(id);
				}
			}
			for (const id of touched) {
				if (this.nodes.has(id)) this.#refreshOwn(id);
			}
			changed();
		};
		const onIndexed =
			<T extends { node: string }>(map: Y.Map<T>, index: ByNode<T>) =>
			(event: Y.YMapEvent<T>) => {
				const touched = new Set<string>();
				for (const key of event.keysChanged) {
					const previous = index.delete(key);
					if (previous) touched.add(previous);
					const value = map.get(key);
					if (value && typeof value.node === 'string') {
						index.put(key, value);
						touched.add(value.node);
					}
				}
				for (const id of touched) this.#refreshOwn(id);
				changed();
			};
		const onAgreements = onIndexed(this.agreements, this.#agreementsByNode);
		const onContacts = onIndexed(this.contacts, this.#contactsByNode);
		const onSettings = () => changed();
		this.moves.observe(onMoves);
		this.nodes.observeDeep(onNodes);
		this.agreements.observe(onAgreements);
		this.contacts.observe(onContacts);
		this.settings.observe(onSettings);
		this.#unobserve.push(
			() => this.moves.unobserve(onMoves),
			() => this.nodes.unobserveDeep(onNodes),
			() => this.agreements.unobserve(onAgreements),
			() => this.contacts.unobserve(onContacts),
			() => this.settings.unobserve(onSettings)
		);
	}
}

/** Entries (agreements, contacts) grouped by the node they belong to. */
class ByNode<T extends { node: string }> {
	#byNode = new Map<string, Map<string, T>>();
	#nodeOf = new Map<string, string>();

	put(id: string, value: T): void {
		this.delete(id);
		let forNode = this.#byNode.get(value.node);
		if (!forNode) this.#byNode.set(value.node, (forNode = new Map()));
		forNode.set(id, value);
		this.#nodeOf.set(id, value.node);
	}

	/** Removes an entry; returns the node it belonged to. */
	delete(id: string): string | undefined {
		const node = this.#nodeOf.get(id);
		if (node === undefined) return undefined;
		this.#nodeOf.delete(id);
		this.#byNode.get(node)?.delete(id);
		return node;
	}

	of(node: string): Array<[string, T]> {
		return [...(this.#byNode.get(node) ?? [])];
	}
}

/** Agreement types that can appear; the stored value is checked on read. */
export function agreementTypeOrRegional(value: unknown): Agreement['type'] {
	return isAgreementType(value) ? value : 'regional';
}

/**
 * Agreements stored before they had a status: one with a number was a real, signed agreement; a
 * blank one was a click on "Add agreement" and is still being negotiated.
 */
function agreementStatusOf(stored: Partial<StoredAgreement>): Agreement['status'] {
	if (isAgreementStatus(stored.status)) return stored.status;
	return typeof stored.number === 'string' && stored.number.trim() !== ''
		? 'signed'
		: 'negotiating';
}
