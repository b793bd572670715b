/**
 * Layouts for the account's charts: the tidy tree (who buys how much), the icicle (where the
 * spend is) and the tier ladder. Pure functions from a flat list of nodes to geometry and
 * colours; the components only draw what these return, and hold the zoom as a plain transform.
 */
import { hierarchy, partition, tree as tidyTree } from 'd3-hierarchy';
import { TIER_COUNT, type TierThresholds } from '../domain/account/tiers';
import { NO_DATA, radiusScale, shareColor, tierColor } from './scales';

/** One unit of the account as the charts read it; money in the account's currency (CNY). */
export interface AccountChartNode {
	id: string;
	/** The parent's id; `undefined` on the top level. */
	parent: string | undefined;
	/** The unit's name; empty when it has none (the component shows "unnamed"). */
	label: string;
	/** Total spend of the unit and everything below it. */
	spend: number;
	/** The unit's own spend, without its children's. */
	ownSpend: number;
	/** Spend with us, of the unit and everything below it. */
	ours: number;
	/** Share of wallet, 0..1 (ours ÷ spend); `undefined` without spend. */
	share: number | undefined;
	/** Tier, 1..10. */
	tier: number;
}

/** A pan and zoom: screen = layout × `k` + (`x`, `y`). */
export interface Transform {
	x: number;
	y: number;
	k: number;
}

export const IDENTITY: Transform = { x: 0, y: 0, k: 1 };

/** Children of each id in list order; the top level under `undefined`. */
export function childrenOf(nodes: readonly AccountChartNode[]): Map<string | undefined, string[]> {
	const out = new Map<string | undefined, string[]>();
	for (const node of nodes) {
		const siblings = out.get(node.parent);
		if (siblings) siblings.push(node.id);
		else out.set(node.parent, [node.id]);
	}
	return out;
}

interface Datum {
	id: string;
	children?: Datum[];
}

/** The units to fold so a large tree opens two levels deep: those on level 2 with children. */
export function foldedBelowTwo(nodes: readonly AccountChartNode[]): string[] {
	const kids = childrenOf(nodes);
	const out: string[] = [];
	for (const top of kids.get(undefined) ?? []) {
		for (const child of kids.get(top) ?? []) if (kids.get(child)?.length) out.push(child);
	}
	return out;
}

export type TreeColour = 'share' | 'tier';

/** Fill of a unit: share of wallet on the sequential ramp, or tier on the ordinal one. */
export function nodeFill(node: AccountChartNode, by: TreeColour): string {
	if (by === 'tier') return tierColor(node.tier);
	return node.share === undefined ? NO_DATA : shareColor(node.share);
}

export interface TreeLayout {
	/** Units in depth-first order; `x`, `y` in layout pixels (depth runs along `x`). */
	nodes: Array<{
		id: string;
		label: string;
		depth: number;
		x: number;
		y: number;
		/** Radius in pixels: area proportional to total spend. */
		r: number;
		fill: string;
		/** Has children that are folded away. */
		folded: boolean;
		hasChildren: boolean;
	}>;
	/** One curve per parent–child pair, keyed by the child. */
	links: Array<{ id: string; from: [number, number]; to: [number, number]; d: string }>;
}

/** Vertical distance between leaves and horizontal distance between levels, in pixels. */
export const TREE_ROW = 22;
export const TREE_COLUMN = 220;

/**
 * Lays the units out as a tidy tree, levels left to right, `TREE_COLUMN` px apart, leaves
 * `TREE_ROW` px apart; the children of `folded` units are left out. The top-level units sit at
 * x = 0 (the invisible root would sit one column to their left).
 */
export function treeLayout(
	nodes: readonly AccountChartNode[],
	folded: ReadonlySet<string>,
	colour: TreeColour
): TreeLayout {
	const kids = childrenOf(nodes);
	const byId = new Map(nodes.map((n) => [n.id, n]));
	const build = (id: string): Datum => {
		const below = folded.has(id) ? [] : (kids.get(id) ?? []);
		return below.length ? { id, children: below.map(build) } : { id };
	};
	const root = hierarchy<Datum>({ id: '', children: (kids.get(undefined) ?? []).map(build) });
	const laid = tidyTree<Datum>().nodeSize([TREE_ROW, TREE_COLUMN])(root);
	let maxSpend = 0;
	for (const n of laid.descendants())
		maxSpend = Math.max(maxSpend, byId.get(n.data.id)?.spend ?? 0);
	const radius = radiusScale(maxSpend);
	const out: TreeLayout = { nodes: [], links: [] };
	for (const n of laid.descendants()) {
		const node = byId.get(n.data.id);
		if (!node) continue;
		out.nodes.push({
			id: node.id,
			label: node.label,
			depth: n.depth,
			x: n.y - TREE_COLUMN,
			y: n.x,
			r: radius(node.spend),
			fill: nodeFill(node, colour),
			folded: folded.has(node.id) && (kids.get(node.id)?.length ?? 0) > 0,
			hasChildren: (kids.get(node.id)?.length ?? 0) > 0
		});
	}
	for (const link of laid.links()) {
		if (!link.source.parent) continue;
		const from: [number, number] = [link.source.y - TREE_COLUMN, link.source.x];
		const to: [number, number] = [link.target.y - TREE_COLUMN, link.target.x];
		const mid = (from[0] + to[0]) / 2;
		out.links.push({
			id: link.target.data.id,
			from,
			to,
			d: `M${from[0]},${from[1]}C${mid},${from[1]} ${mid},${to[1]} ${to[0]},${to[1]}`
		});
	}
	return out;
}

/** The transform that puts the first unit 60 px from the left edge, halfway down `height`. */
export function fitTransform(layout: TreeLayout, height: number): Transform {
	const first = layout.nodes[0];
	return { x: 60 - (first?.x ?? 0), y: height / 2 - (first?.y ?? 0), k: 1 };
}

/** The unit within `reach` screen pixels of screen point (`sx`, `sy`), the nearest; or none. */
export function nodeNear(
	layout: TreeLayout,
	transform: Transform,
	sx: number,
	sy: number,
	reach = 12
): string | undefined {
	const x = (sx - transform.x) / transform.k;
	const y = (sy - transform.y) / transform.k;
	let best: string | undefined;
	let bestDistance = reach / transform.k;
	for (const node of layout.nodes) {
		const distance = Math.hypot(node.x - x, node.y - y);
		if (distance < bestDistance) {
			best = node.id;
			bestDistance = distance;
		}
	}
	return best;
}

/** The colours a canvas needs, read once from the design tokens (CSS custom properties). */
export interface CanvasColours {
	link: string;
	text: string;
	selected: string;
}

/** What `paintTree` calls on a 2D context: a subset, so a test can record the calls. */
export type Painter = Pick<
	CanvasRenderingContext2D,
	| 'setTransform'
	| 'clearRect'
	| 'translate'
	| 'scale'
	| 'beginPath'
	| 'moveTo'
	| 'lineTo'
	| 'stroke'
	| 'arc'
	| 'fill'
	| 'fillText'
	| 'strokeStyle'
	| 'fillStyle'
	| 'lineWidth'
	| 'font'
>;

/**
 * Paints the tree on a canvas of `width` × `height` CSS pixels at `ratio` device pixels each:
 * links, then units (the selected one ringed), then names when zoomed in far enough to read them.
 */
export function paintTree(
	context: Painter,
	layout: TreeLayout,
	view: { transform: Transform; width: number; height: number; ratio: number },
	colours: CanvasColours,
	selected: string | undefined
): void {
	const { transform, ratio } = view;
	context.setTransform(ratio, 0, 0, ratio, 0, 0);
	context.clearRect(0, 0, view.width, view.height);
	context.translate(transform.x, transform.y);
	context.scale(transform.k, transform.k);
	context.strokeStyle = colours.link;
	context.lineWidth = 1 / transform.k;
	context.beginPath();
	for (const link of layout.links) {
		context.moveTo(...link.from);
		context.lineTo(...link.to);
	}
	context.stroke();
	for (const node of layout.nodes) {
		context.beginPath();
		context.arc(node.x, node.y, node.r, 0, 2 * Math.PI);
		context.fillStyle = node.fill;
		context.fill();
		if (node.id === selected) {
			context.lineWidth = 3 / transform.k;
			context.strokeStyle = colours.selected;
			context.stroke();
		}
	}
	if (transform.k > 0.6) {
		context.fillStyle = colours.text;
		context.font = '12px sans-serif';
		for (const node of layout.nodes) context.fillText(node.label, node.x + 14, node.y + 4);
	}
}

export interface IcicleCell {
	id: string;
	label: string;
	x: number;
	y: number;
	/** Width and height in pixels, a pixel short of the next cell's edge; never negative. */
	w: number;
	h: number;
	fill: string;
	/** The cell is dark enough that its label is set in white. */
	dark: boolean;
	spend: number;
	share: number | undefined;
}

/**
 * Lays out the icicle in a `width` × `height` box: one column per level left to right, each
 * unit as tall as its share of the focused branch's spend (the sum of own spends below it).
 * With a `focus`, that unit fills the first column; cells under half a pixel tall are dropped.
 */
export function icicleLayout(
	nodes: readonly AccountChartNode[],
	focus: string | undefined,
	box: { width: number; height: number }
): IcicleCell[] {
	const kids = childrenOf(nodes);
	const byId = new Map(nodes.map((n) => [n.id, n]));
	const start = focus !== undefined && byId.has(focus) ? focus : undefined;
	const build = (id: string | undefined): Datum => {
		const below = kids.get(id) ?? [];
		const datum = { id: id ?? '' };
		return below.length ? { ...datum, children: below.map(build) } : datum;
	};
	const root = hierarchy<Datum>(build(start)).sum((d) => byId.get(d.id)?.ownSpend ?? 0);
	const laid = partition<Datum>().size([box.height, box.width])(root);
	const columns = (root.height || 1) + (start === undefined ? 0 : 1);
	const columnWidth = box.width / columns;
	const shift = start === undefined ? 1 : 0;
	const cells: IcicleCell[] = [];
	for (const n of laid.descendants()) {
		const node = byId.get(n.data.id);
		if (!node || n.x1 - n.x0 <= 0.5) continue;
		cells.push({
			id: node.id,
			label: node.label,
			x: (n.depth - shift) * columnWidth,
			y: n.x0,
			w: Math.max(0, columnWidth - 1),
			h: Math.max(0, n.x1 - n.x0 - 1),
			fill: nodeFill(node, 'share'),
			dark: (node.share ?? 0) > 0.55,
			spend: node.spend,
			share: node.share
		});
	}
	return cells;
}

export type LadderLevel = 'top' | 'all';

export interface Rung {
	tier: number;
	colour: string;
	/** The units on this tier, most spend with us first (ties by id). */
	units: AccountChartNode[];
	/** What the tier asks: spend with us and share of wallet (0..1). */
	minOurs: number;
	minShare: number;
}

/**
 * The ten tiers, highest first, each with the units standing on it: the top two levels of the
 * tree, or every unit.
 */
export function ladderRungs(
	nodes: readonly AccountChartNode[],
	rules: TierThresholds,
	level: LadderLevel
): Rung[] {
	const depth = new Map<string, number>();
	const byTier = Array.from({ length: TIER_COUNT }, () => [] as AccountChartNode[]);
	for (const node of nodes) {
		const d = node.parent === undefined ? 1 : (depth.get(node.parent) ?? 0) + 1;
		depth.set(node.id, d);
		if (level === 'top' && d > 2) continue;
		byTier[Math.min(TIER_COUNT, Math.max(1, node.tier)) - 1]!.push(node);
	}
	return byTier
		.map((units, index) => ({
			tier: index + 1,
			colour: tierColor(index + 1),
			units: units.sort((a, b) => b.ours - a.ours || a.id.localeCompare(b.id)),
			minOurs: rules.minOurs[index]!,
			minShare: rules.minShare[index]!
		}))
		.reverse();
}
