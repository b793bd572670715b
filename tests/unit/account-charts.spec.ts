import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TIERS } from '../../src/lib/domain/account/tiers.ts';
import {
	fitTransform,
	foldedBelowTwo,
	icicleLayout,
	ladderRungs,
	nodeNear,
	paintTree,
	treeLayout,
	type AccountChartNode,
	type Painter
} from '../../src/lib/viz/account-charts.ts';
import Icicle from '../../src/lib/viz/Icicle.svelte';
import TidyTree from '../../src/lib/viz/TidyTree.svelte';
import TierLadder from '../../src/lib/viz/TierLadder.svelte';

const SNAPSHOTS = './__snapshots__/account-charts/';

/** A group, three subsidiaries (one without spend or name), and two levels below them. */
const unit = (
	id: string,
	parent: string | undefined,
	spend: number,
	ownSpend: number,
	ours: number,
	tier: number,
	label = id
): AccountChartNode => ({
	id,
	parent,
	label,
	spend,
	ownSpend,
	ours,
	share: spend > 0 ? ours / spend : undefined,
	tier
});
const nodes: AccountChartNode[] = [
	unit('group', undefined, 10_000_000, 1_000_000, 4_000_000, 7, 'Group'),
	unit('oil', 'group', 6_000_000, 2_000_000, 3_600_000, 6, 'Oil'),
	unit('oil-east', 'oil', 2_500_000, 2_500_000, 2_000_000, 5, 'Oil East'),
	unit('oil-west', 'oil', 1_500_000, 1_500_000, 0, 1, 'Oil West'),
	unit('power', 'group', 3_000_000, 1_000_000, 400_000, 3, 'Power'),
	unit('power-grid', 'power', 2_000_000, 500_000, 0, 2, 'Power Grid'),
	unit('grid-lab', 'power-grid', 1_500_000, 1_500_000, 0, 1, 'Grid Lab'),
	unit('blank', 'group', 0, 0, 0, 1, '')
];

/** Numbers to three decimals, so a snapshot does not hinge on the last bits of a float. */
const rounded = (_: string, v: unknown) =>
	typeof v === 'number' ? Math.round(v * 1000) / 1000 : v;
const json = (value: unknown) => JSON.stringify(value, rounded, 2);
const line = (value: unknown) => JSON.stringify(value, rounded);

describe('treeLayout', () => {
	const layout = treeLayout(nodes, new Set(), 'share');

	it('puts every unit one column per level, the top level at x = 0, level by level', () => {
		expect(layout.nodes.map((n) => [n.id, n.x])).toEqual([
			['group', 0],
			['oil', 220],
			['power', 220],
			['blank', 220],
			['oil-east', 440],
			['oil-west', 440],
			['power-grid', 440],
			['grid-lab', 660]
		]);
		expect(layout.links).toHaveLength(nodes.length - 1);
	});

	it('sizes the largest spender at 18 px and a unit without spend at 3 px', () => {
		expect(layout.nodes.find((n) => n.id === 'group')!.r).toBe(18);
		expect(layout.nodes.find((n) => n.id === 'blank')!.r).toBe(3);
	});

	it('leaves out what is folded and marks the fold', () => {
		const folded = treeLayout(nodes, new Set(['oil', 'oil-east']), 'tier');
		expect(folded.nodes.map((n) => n.id)).not.toContain('oil-east');
		expect(folded.nodes.find((n) => n.id === 'oil')!.folded).toBe(true);
	});

	it('fits the first unit 60 px from the left, halfway down', () => {
		const fit = fitTransform(layout, 600);
		expect(fit).toEqual({ x: 60, y: 300 - layout.nodes[0]!.y, k: 1 });
		expect(nodeNear(layout, fit, 60, 300)).toBe('group');
		expect(nodeNear(layout, fit, 60, 600)).toBeUndefined();
	});

	it('folds a large tree below its second level', () => {
		expect(foldedBelowTwo(nodes)).toEqual(['oil', 'power']);
	});

	it('matches its snapshot', async () => {
		await expect(json(layout)).toMatchFileSnapshot(SNAPSHOTS + 'tree-layout.json');
		await expect(json(treeLayout(nodes, new Set(['power']), 'tier'))).toMatchFileSnapshot(
			SNAPSHOTS + 'tree-layout-tier-folded.json'
		);
	});

	it('paints links, units, the selection ring and names in that order', async () => {
		const calls: string[] = [];
		const recorder = new Proxy({} as Painter, {
			get:
				(_, name: string) =>
				(...args: unknown[]) =>
					calls.push(`${name}${line(args)}`),
			set: (_, name: string, value: unknown) => (calls.push(`${name} = ${line(value)}`), true)
		});
		const colours = { link: '#d9dbe0', text: '#1d1f23', selected: '#1d1f23' };
		const view = { transform: fitTransform(layout, 600), width: 900, height: 600, ratio: 2 };
		paintTree(recorder, layout, view, colours, 'power');
		expect(calls.filter((c) => c.startsWith('fillText'))).toHaveLength(nodes.length);
		await expect(calls.join('\n')).toMatchFileSnapshot(SNAPSHOTS + 'tree-paint.txt');
		calls.length = 0;
		paintTree(recorder, layout, { ...view, transform: { x: 0, y: 0, k: 0.5 } }, colours, undefined);
		expect(calls.filter((c) => c.startsWith('fillText'))).toEqual([]);
	});
});

describe('icicleLayout', () => {
	const box = { width: 900, height: 560 };

	it('gives each level a column and each unit a height by the spend of its branch', () => {
		const cells = icicleLayout(nodes, undefined, box);
		// Four levels in 900 px; the group holds all 10M of spend, oil 6M of it.
		expect(cells.find((c) => c.id === 'group')).toMatchObject({ x: 0, y: 0, w: 224, h: 559 });
		expect(cells.find((c) => c.id === 'oil')).toMatchObject({ x: 225, h: 0.6 * 560 - 1 });
		// A unit without spend has no height and is left out.
		expect(cells.map((c) => c.id)).not.toContain('blank');
	});

	it('fills the first column with the focused branch', () => {
		const cells = icicleLayout(nodes, 'power', box);
		expect(cells.map((c) => c.id)).toEqual(['power', 'power-grid', 'grid-lab']);
		expect(cells[0]).toMatchObject({ x: 0, y: 0, h: 559 });
		// A focus that is no longer in the tree falls back to the whole account.
		expect(icicleLayout(nodes, 'gone', box)[0]!.id).toBe('group');
	});

	it('matches its snapshot', async () => {
		await expect(json(icicleLayout(nodes, undefined, box))).toMatchFileSnapshot(
			SNAPSHOTS + 'icicle-layout.json'
		);
	});
});

describe('ladderRungs', () => {
	it('lists the top two levels by tier, highest tier first, most spend with us first', () => {
		const rungs = ladderRungs(nodes, DEFAULT_TIERS, 'top');
		expect(rungs.map((r) => r.tier)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
		const on = (tier: number) => rungs.find((r) => r.tier === tier)!.units.map((u) => u.id);
		expect(on(7)).toEqual(['group']);
		expect(on(1)).toEqual(['blank']);
		expect(rungs.flatMap((r) => r.units).map((u) => u.id)).not.toContain('oil-east');
	});

	it('lists every unit on "all"', () => {
		const rungs = ladderRungs(nodes, DEFAULT_TIERS, 'all');
		expect(rungs.find((r) => r.tier === 1)!.units.map((u) => u.id)).toEqual([
			'blank',
			'grid-lab',
			'oil-west'
		]);
	});

	it('matches its snapshot', async () => {
		await expect(json(ladderRungs(nodes, DEFAULT_TIERS, 'all'))).toMatchFileSnapshot(
			SNAPSHOTS + 'ladder-rungs.json'
		);
	});
});

describe('rendered charts', () => {
	const noop = () => {};

	it('draws the tidy tree as SVG with one group per unit', async () => {
		const { body } = render(TidyTree, {
			props: { nodes, selected: 'oil', onSelect: noop, others: [] }
		});
		expect(body.match(/data-node=/g)).toHaveLength(nodes.length);
		await expect(body).toMatchFileSnapshot(SNAPSHOTS + 'TidyTree.html');
	});

	it('draws the icicle as SVG with one rectangle per unit with spend', async () => {
		const { body } = render(Icicle, { props: { nodes, selected: undefined, onSelect: noop } });
		expect(body.match(/<rect/g)).toHaveLength(nodes.length - 1);
		await expect(body).toMatchFileSnapshot(SNAPSHOTS + 'Icicle.html');
	});

	it('draws the ladder with ten rungs', async () => {
		const { body } = render(TierLadder, {
			props: { nodes, rules: DEFAULT_TIERS, chosen: undefined, selected: 'oil', onSelect: noop }
		});
		expect(body.match(/data-tier=/g)).toHaveLength(10);
		await expect(body).toMatchFileSnapshot(SNAPSHOTS + 'TierLadder.html');
	});
});
