/**
 * Reactive reads of a journey document for components: every read registers on a version the
 * document's observer bumps, so a remote edit re-renders what shows it. Writes go through
 * {@link JourneyMapView.model}, whose commands check their input.
 */
import type * as Y from 'yjs';
import type { JourneyView } from '../domain/journey/types';
import type { WorkshopState } from '../domain/journey/workshop';
import { JourneyModel } from './journey';

export class JourneyMapView {
	readonly model: JourneyModel;
	#version = $state(0);
	#stop: () => void;

	constructor(doc: Y.Doc) {
		this.model = new JourneyModel(doc);
		this.#stop = this.model.observe(() => this.#version++);
	}

	/** Stages in order, each with its touchpoints in order. */
	get journey(): JourneyView {
		void this.#version;
		return this.model.read();
	}

	get workshop(): WorkshopState {
		void this.#version;
		return this.model.readWorkshop();
	}

	destroy(): void {
		this.#stop();
	}
}
