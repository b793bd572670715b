/**
 * Reactive reads of a journey document for components: every read subscribes to the document
 * (through `createSubscriber`), so a remote edit re-renders what shows it. Writes go through
 * {@link JourneyMapView.model}, whose commands check their input.
 */
import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
import type { JourneyView } from '../domain/journey/types';
import type { WorkshopState } from '../domain/journey/workshop';
import { JourneyModel } from './journey';
import { readClusters, readPromotions, type NoteCluster, type Promotion } from './journey-clusters';

export class JourneyMapView {
	readonly model: JourneyModel;
	readonly #subscribe: () => void;

	constructor(doc: Y.Doc) {
		this.model = new JourneyModel(doc);
		this.#subscribe = createSubscriber((update) => this.model.observe(update));
	}

	/** Stages in order, each with its touchpoints in order. */
	get journey(): JourneyView {
		this.#subscribe();
		return this.model.read();
	}

	get workshop(): WorkshopState {
		this.#subscribe();
		return this.model.readWorkshop();
	}

	/** The facilitator's clusters of notes (two notes or more each). */
	get clusters(): NoteCluster[] {
		this.#subscribe();
		return readClusters(this.model.doc);
	}

	/** Notes promoted into the map's pain points and opportunities, oldest first. */
	get promotions(): Promotion[] {
		this.#subscribe();
		return readPromotions(this.model.doc);
	}

	/**
	 * Nothing to stop: the document is observed only while a reader is mounted. Kept so the pages
	 * that own a view can end it the same way whatever it holds.
	 */
	destroy(): void {}
}
