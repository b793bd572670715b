/** The heatmap's measures by name, in the UI language. */
import type { HeatmapMeasure } from '$lib/domain/journey/aggregate';
import { m } from '$lib/paraglide/messages';

const names: Record<HeatmapMeasure, () => string> = {
	satisfaction: m.journey_field_satisfaction,
	participantScore: m.journey_measure_participant_score,
	emotion: m.journey_field_emotion,
	painPoints: m.journey_field_pain_points,
	notes: m.workshop_notes,
	votes: m.workshop_votes
};

export function measureName(measure: HeatmapMeasure): string {
	return names[measure]();
}
