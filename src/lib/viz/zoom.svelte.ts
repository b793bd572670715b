/**
 * Pan and zoom as data: a `Transform` the component reads to draw, written by d3-zoom through an
 * attachment (`{@attach zoom.attach}`) on whatever surface is drawn. D3 never touches the
 * elements Svelte owns; it only listens and reports a transform.
 */
import { select } from 'd3-selection';
import { zoom as d3Zoom, zoomIdentity, type ZoomBehavior } from 'd3-zoom';
import { untrack } from 'svelte';
import type { Attachment } from 'svelte/attachments';
import { IDENTITY, type Transform } from './account-charts';

export class Zoom {
	/** The current pan and zoom; screen = layout × k + (x, y). */
	transform = $state<Transform>(IDENTITY);
	#behavior: ZoomBehavior<Element, unknown>;
	#element: Element | undefined;

	/** `scaleExtent`: the smallest and largest zoom factor. */
	constructor(scaleExtent: [number, number]) {
		this.#behavior = d3Zoom<Element, unknown>()
			.scaleExtent(scaleExtent)
			.on('zoom', (event: { transform: Transform }) => {
				const { x, y, k } = event.transform;
				this.transform = { x, y, k };
			});
	}

	/** Listens for wheel, drag and pinch on `element` (double-click stays the component's). */
	readonly attach: Attachment<Element> = (element) => {
		this.#element = element;
		const target = select(element);
		target.call(this.#behavior).on('dblclick.zoom', null);
		untrack(() => this.set(this.transform));
		return () => {
			target.on('.zoom', null);
			if (this.#element === element) this.#element = undefined;
		};
	};

	/** Moves the view to `transform` (d3-zoom continues from there on the next gesture). */
	set(transform: Transform): void {
		if (!this.#element) {
			this.transform = transform;
			return;
		}
		const next = zoomIdentity.translate(transform.x, transform.y).scale(transform.k);
		select(this.#element).call(this.#behavior.transform, next);
	}
}
