/** Reactive reads of a `review-cycle` document: every getter reads through Yjs. */
import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
import { checkCycle } from '../domain/review/cycle';
import { feasibility } from '../domain/review/nomination';
import {
	cycleClosedAt,
	cycleLaunchedAt,
	cyclePeriod,
	cycleTemplate,
	observeCycle,
	readCycleConfig,
	readNominations,
	readSubjects
} from './review-cycle';

export class ReviewCycleView {
	#subscribe: () => void;

	constructor(readonly doc: Y.Doc) {
		this.#subscribe = createSubscriber((update) => observeCycle(doc, update));
	}

	get started(): boolean {
		return this.config !== undefined;
	}

	get config() {
		this.#subscribe();
		return readCycleConfig(this.doc);
	}

	get template() {
		this.#subscribe();
		return cycleTemplate(this.doc);
	}

	get period() {
		this.#subscribe();
		return cyclePeriod(this.doc);
	}

	get subjects() {
		this.#subscribe();
		return readSubjects(this.doc);
	}

	/** When the server launched the cycle; from then on its settings are locked. */
	get launchedAt() {
		this.#subscribe();
		return cycleLaunchedAt(this.doc);
	}

	/** When the server closed the cycle; from then on only the reports remain. */
	get closedAt() {
		this.#subscribe();
		return cycleClosedAt(this.doc);
	}

	get nominations() {
		this.#subscribe();
		return readNominations(this.doc);
	}

	/** What stops the cycle from launching; empty when it can. */
	get problems() {
		const config = this.config;
		return config ? checkCycle(config) : [];
	}

	/** Subjects whose approved raters cannot meet the anonymity thresholds, before launch. */
	get feasibility() {
		const config = this.config;
		return config ? feasibility(config, this.nominations) : [];
	}
}
