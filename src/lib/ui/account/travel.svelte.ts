/**
 * An open account's travel analysis: starts the bookings worker once the account holds bookings,
 * follows what they span, and keeps the spend alerts current — flagged on the tree, and written
 * to the feedback log by whoever may write. Created by the account page, shared by its panels.
 */
import type { SpendAlert } from '$lib/domain/bookings/alerts';
import {
	parsePeriodKey,
	periodDays,
	periodKey,
	previousPeriod,
	type PeriodKind
} from '$lib/domain/bookings/periods';
import { actualsWindow } from '$lib/domain/bookings/node-actuals';
import { latestPeriod, type ReportQuery, type TravelReport } from '$lib/domain/bookings/report';
import type { AccountView } from '$lib/model/account-view.svelte';
import type { BookingsAnalysis } from '$lib/workers/bookings-analysis';
import type { BookingsExtent, PlaceLabels } from '$lib/workers/bookings-protocol';

const DAY_MS = 86_400_000;
/** A period whose data stops more than this many days before its end is not compared. */
const INCOMPLETE_DAYS = 7;

/** Who answers for a unit: its owner, else the owner of its nearest ancestor that has one. */
function ownerOf(view: AccountView, node: string): string {
	for (const id of [node, ...view.path(node)]) {
		const owner = view.tree.node(id)?.owner;
		if (owner) return owner;
	}
	return '';
}

export class Travel {
	analysis = $state<BookingsAnalysis>();
	extent = $state<BookingsExtent>();
	alerts = $state<SpendAlert[]>([]);
	// reason: rebuilt whole by $derived and never mutated, so a plain Map is the right type.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	readonly alertByNode = $derived(new Map(this.alerts.map((alert) => [alert.node, alert])));
	#stopped = false;
	#stopExtent: (() => void) | undefined;

	readonly #view: () => AccountView;

	/** `view` and `writable` are read through getters, so a new document gets a new worker. */
	constructor(view: () => AccountView, writable: () => boolean) {
		this.#view = view;
		this.#followActuals(view);
		$effect(() => {
			const bookings = view().bookings;
			view().watchBookings();
			if (this.analysis?.bookings === bookings || bookings.blocks.size === 0) return;
			void this.start();
		});

		$effect(() => {
			const analysis = this.analysis;
			const lastDay = this.extent?.lastDay;
			const settings = view().travelSettings;
			const departments = view().departmentPaths();
			if (!analysis || lastDay === undefined) {
				this.alerts = [];
				return;
			}
			const today = Math.floor(Date.now() / DAY_MS);
			let period = latestPeriod(settings.alertPeriod, lastDay, today);
			// Data that stops well before the period ends (an export taken mid-quarter) would read
			// as a fall everywhere: compare the last period the data covers instead.
			if (lastDay < periodDays(period)[1] - INCOMPLETE_DAYS) period = previousPeriod(period);
			let current = true;
			analysis
				.alerts({ departments, period, threshold: settings.alertDrop })
				.then((alerts) => {
					if (!current) return;
					this.alerts = alerts;
					if (!writable()) return;
					view().plan.raiseAlerts(
						alerts.map(({ node, spend, before, drop }) => ({
							node,
							owner: ownerOf(view(), node),
							period: periodKey(period),
							previous: periodKey(previousPeriod(period)),
							spend,
							before,
							drop
						}))
					);
				})
				.catch(() => {
					// reason: the worker is gone because the page is closing; nothing to show.
				});
			return () => (current = false);
		});
	}

	/**
	 * Asks the worker for each node's actuals whenever the bookings, the department mapping or
	 * our carriers change, and hands them to the view (tiers and share read them there).
	 */
	#followActuals(view: () => AccountView): void {
		$effect(() => {
			const analysis = this.analysis;
			const lastDay = this.extent?.lastDay;
			const ourCarriers = view().travelSettings.ourCarriers;
			const departments = view().departmentPaths();
			const target = view();
			if (!analysis || lastDay === undefined) {
				target.actuals = undefined;
				return;
			}
			let current = true;
			analysis
				.actuals({ departments, ourCarriers, ...actualsWindow(lastDay) })
				.then((actuals) => current && (target.actuals = actuals))
				.catch(() => {
					// reason: the worker is gone because the page is closing; nothing to show.
				});
			return () => (current = false);
		});
	}

	/** The worker for the open account, started now if it is not yet (e.g. for a first import). */
	async start(): Promise<BookingsAnalysis> {
		const bookings = this.#view().bookings;
		const { BookingsAnalysis } = await import('$lib/workers/bookings-analysis');
		if (this.#stopped) throw new Error('closed');
		if (this.analysis?.bookings !== bookings) {
			this.#stopExtent?.();
			this.analysis?.destroy();
			this.extent = undefined;
			this.analysis = new BookingsAnalysis(bookings);
			this.#stopExtent = this.analysis.onExtent((extent) => (this.extent = extent));
		}
		return this.analysis;
	}

	destroy(): void {
		this.#stopped = true;
		this.#stopExtent?.();
		this.analysis?.destroy();
	}
}

/**
 * One report kept current: re-asked of the worker whenever the query's inputs or the bookings
 * change; an answer that arrives after a newer question is dropped.
 */
export class ReportRequest {
	result = $state<{ report: TravelReport; labels: PlaceLabels }>();
	failed = $state(false);
	loading = $state(true);

	constructor(travel: () => Travel, query: () => ReportQuery | undefined) {
		$effect(() => {
			const analysis = travel().analysis;
			void travel().extent;
			const asked = query();
			if (!analysis || !asked) return;
			let current = true;
			this.loading = true;
			analysis
				.report($state.snapshot(asked) as ReportQuery)
				.then((result) => {
					if (!current) return;
					this.result = result;
					this.failed = false;
					this.loading = false;
				})
				.catch(() => {
					if (!current) return;
					this.failed = true;
					this.loading = false;
				});
			return () => (current = false);
		});
	}
}

/** What a routes tab or report asks for, as chosen on its controls. */
export interface ReportChoice {
	/** A period key of `kind` (`2026-Q3`); anything else asks nothing yet. */
	period: string;
	kind: PeriodKind;
	/** Node id, or '' for the whole account. */
	scope: string;
	merged: boolean;
	history: number;
	topDestinations: number;
}

/** The worker query for a choice, with the account's departments and travel settings. */
export function reportQuery(view: AccountView, choice: ReportChoice): ReportQuery | undefined {
	const period = parsePeriodKey(choice.period);
	if (!period || period.kind !== choice.kind) return undefined;
	const settings = view.travelSettings;
	return {
		period,
		history: choice.history,
		departments: view.departmentPaths(),
		node: choice.scope || null,
		ourCarriers: settings.ourCarriers,
		benchmark: settings.benchmark,
		mergeDirections: choice.merged,
		topDestinations: choice.topDestinations
	};
}

/** A city code's name in the reader's language, from the labels a report came with. */
export function placeName(labels: PlaceLabels, code: string, locale: string): string {
	return labels[code]?.[locale === 'zh-CN' ? 'zh' : 'en'] ?? code;
}

/** A route key as text: 北京 – 上海 when directions are merged, 北京 → 上海 when not. */
export function routeName(labels: PlaceLabels, key: string, merged: boolean, locale: string) {
	const [a = '', b = ''] = key.split('-');
	return `${placeName(labels, a, locale)} ${merged ? '–' : '→'} ${placeName(labels, b, locale)}`;
}
