/** What screens call the things a note, a vote or the focus points at. */
import type { JourneyView } from '$lib/domain/journey/types';

/** Longest note text used as a name (vote results, "about"): a line, not the whole note. */
const NOTE_NAME_LENGTH = 60;

/**
 * Stage, touchpoint and note ids → what to call them: names for the first two, a note's text
 * (shortened with "…") for a note, as vote results on notes need.
 */
export function itemNames(
	journey: Pick<JourneyView, 'stages'>,
	notes: ReadonlyArray<{ id: string; text: string }> = []
): Map<string, string> {
	return new Map([
		...notes.map((n) => [n.id, shortNote(n.text)] as const),
		...journey.stages.map((s) => [s.id, s.name] as const),
		...journey.stages.flatMap((s) => s.touchpoints).map((t) => [t.id, t.name] as const)
	]);
}

function shortNote(text: string): string {
	const line = text.replace(/\s+/g, ' ').trim();
	return line.length > NOTE_NAME_LENGTH ? `${line.slice(0, NOTE_NAME_LENGTH - 1)}…` : line;
}
