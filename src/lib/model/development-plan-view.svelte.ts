/** Reactive reads and edits of a subject's development plan. */
import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
import {
	addPlanStep,
	observeDevelopmentPlan,
	readDevelopmentPlan,
	removePlanStep,
	setPlanText,
	updatePlanStep,
	type DevelopmentPlan,
	type PlanStep
} from './development-plan';

export class DevelopmentPlanView {
	#subscribe: () => void;

	constructor(private readonly doc: Y.Doc) {
		this.#subscribe = createSubscriber((update) => observeDevelopmentPlan(doc, update));
	}

	get plan(): DevelopmentPlan {
		this.#subscribe();
		return readDevelopmentPlan(this.doc);
	}

	setText(field: 'keep' | 'grow', value: string): void {
		setPlanText(this.doc, field, value);
	}

	addStep(text: string, due: string): string {
		return addPlanStep(this.doc, text, due);
	}

	updateStep(id: string, change: Partial<Pick<PlanStep, 'text' | 'due' | 'done'>>): void {
		updatePlanStep(this.doc, id, change);
	}

	removeStep(id: string): void {
		removePlanStep(this.doc, id);
	}
}
