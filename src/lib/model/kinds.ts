/**
 * Every document kind the browser opens, in one table: how its reactive view loads, what its
 * per-person undo reaches, what people call it, its icon, and its demo. A new kind is one entry.
 *
 * Views and demos load on demand (each its own chunk), so a page pays only for the kind it opens.
 */
import type * as Y from 'yjs';
import { DocKind } from '../domain/documents';
import { m } from '../paraglide/messages';
import type { AccountView } from './account-view.svelte';
import type { BoardView } from './board-view.svelte';
import type { DemoLanguage } from './demo-account';
import type { JourneyMapView } from './journey-view.svelte';
import type { ReviewCycleView } from './review-cycle-view.svelte';
import type { ReviewDraftView } from './review-draft-view.svelte';
import type { UndoScope } from './undo';
import type { WorkspaceView } from './workspace-view.svelte';
import type { DevelopmentPlanView } from './development-plan-view.svelte';

/** Makes a kind's view over an open document; `key` unseals a sealed kind (a draft's key). */
export type ViewFactory<V> = (doc: Y.Doc, key?: string) => V;

export interface KindSpec<V> {
	/** What people call a document of this kind. */
	name: () => string;
	/** One line under the name where a person chooses what to create. */
	blurb?: () => string;
	/** A single glyph shown next to the name (decorative: the name says it in words). */
	icon: string;
	/**
	 * A document people create from home and find in its list. Boards and drafts are children
	 * their parent's server call makes; a workspace is the list itself.
	 */
	creatable: boolean;
	/** Loads the kind's reactive view. */
	view: () => Promise<ViewFactory<V>>;
	/**
	 * What per-person undo reaches (it tracks only this person's own edits); absent where nobody
	 * edits the document through the relay (boards, drafts).
	 */
	undo?: UndoScope;
	/** Fills a fresh document with a demo, for the demo workspace. */
	demo?: {
		title: () => string;
		write: () => Promise<(doc: Y.Doc, language: DemoLanguage) => void>;
	};
}

const unsealed = () => {
	throw new Error('a review draft opens only with its key');
};

export const KINDS = {
	[DocKind.account]: {
		name: m.kind_account,
		blurb: m.kind_account_blurb,
		icon: '▦',
		creatable: true,
		view: async () => {
			const { AccountView } = await import('./account-view.svelte');
			return (doc) => new AccountView(doc);
		},
		undo: 'document',
		demo: {
			title: m.demo_account_title,
			write: async () => {
				const { writeDemoAccount } = await import('./demo-account');
				return (doc, language) => writeDemoAccount(doc, { language });
			}
		}
	} satisfies KindSpec<AccountView>,
	[DocKind.journey]: {
		name: m.kind_journey,
		blurb: m.kind_journey_blurb,
		icon: '⟿',
		creatable: true,
		view: async () => {
			const { JourneyMapView } = await import('./journey-view.svelte');
			return (doc) => new JourneyMapView(doc);
		},
		/*
		 * The map and its title, and the notes promoted into it (a promotion writes a list item and
		 * its source in one step; undo takes back both). The workshop state (`workshop`,
		 * `workshopMarks`) is left out on purpose: the facilitator's Ctrl+Z must not unlock the
		 * board, stop the timer or end silent mode; undoing a reveal cannot take notes back out of
		 * the board document, and an undone phase change would reuse a round number.
		 */
		undo: ['meta', 'stages', 'touchpoints', 'promotions']
	} satisfies KindSpec<JourneyMapView>,
	[DocKind.journeyBoard]: {
		name: m.kind_journey_board,
		icon: '▤',
		creatable: false,
		view: async () => {
			const { BoardView } = await import('./board-view.svelte');
			return (doc) => new BoardView(doc);
		}
	} satisfies KindSpec<BoardView>,
	[DocKind.reviewCycle]: {
		name: m.kind_review_cycle,
		blurb: m.kind_review_cycle_blurb,
		icon: '◎',
		creatable: true,
		view: async () => {
			const { ReviewCycleView } = await import('./review-cycle-view.svelte');
			return (doc) => new ReviewCycleView(doc);
		},
		undo: 'document'
	} satisfies KindSpec<ReviewCycleView>,
	[DocKind.reviewDraft]: {
		name: m.kind_review_draft,
		icon: '✎',
		creatable: false,
		view: async () => {
			const [{ ReviewDraftView }, { draftCipher }] = await Promise.all([
				import('./review-draft-view.svelte'),
				import('./draft-cipher')
			]);
			return (doc, key) => (key ? new ReviewDraftView(doc, draftCipher(key)) : unsealed());
		}
	} satisfies KindSpec<ReviewDraftView>,
	[DocKind.workspace]: {
		name: m.kind_workspace,
		icon: '▣',
		creatable: false,
		view: async () => {
			const { WorkspaceView } = await import('./workspace-view.svelte');
			return (doc) => new WorkspaceView(doc);
		},
		undo: 'document'
	} satisfies KindSpec<WorkspaceView>,
	[DocKind.developmentPlan]: {
		name: m.kind_development_plan,
		icon: '✦',
		// Made from a 360° report (its page offers it), not from the home page.
		creatable: false,
		view: async () => {
			const { DevelopmentPlanView } = await import('./development-plan-view.svelte');
			return (doc) => new DevelopmentPlanView(doc);
		},
		undo: 'document'
	} satisfies KindSpec<DevelopmentPlanView>
} as const;

/** A kind a browser opens (the server-only pending board is not one). */
export type OpenableKind = keyof typeof KINDS;

/** The view type of kind `K`. */
export type ViewOf<K extends OpenableKind> =
	Awaited<ReturnType<(typeof KINDS)[K]['view']>> extends ViewFactory<infer V> ? V : never;

/** The registry entry of `kind`, or undefined for a kind no browser opens. */
export function kindSpec(kind: string): KindSpec<unknown> | undefined {
	return Object.hasOwn(KINDS, kind)
		? (KINDS[kind as OpenableKind] as KindSpec<unknown>)
		: undefined;
}

/** The name of `kind` for people, or a generic one for a kind this version does not know. */
export function kindName(kind: string): string {
	return (kindSpec(kind)?.name ?? m.kind_other)();
}

/** The kinds a person creates from home, in the order home offers them. */
export const CREATABLE_KINDS = (Object.keys(KINDS) as OpenableKind[]).filter(
	(kind) => KINDS[kind].creatable
);
