/**
 * Seeds a new journey document with the template the creator picked, in the creator's language,
 * so the map is complete in the store before anyone opens it.
 */
import type * as Y from 'yjs';
import { JOURNEY_TEMPLATES, TEMPLATE_LOCALES } from '../src/lib/domain/journey/templates.ts';
import { writeJourneyTemplate } from '../src/lib/model/journey.ts';

/** Why a template request was refused. */
export type SeedProblem = 'bad-template' | 'bad-locale';

/**
 * Writes template `template` (an id, default blank) in `locale` (default zh-CN) into `doc`.
 * Returns a problem and writes nothing when either names nothing we ship.
 */
export function seedJourney(
	doc: Y.Doc,
	template: unknown,
	locale: unknown
): SeedProblem | undefined {
	const chosen = JOURNEY_TEMPLATES.find((t) => t.id === (template ?? 'blank'));
	if (!chosen) return 'bad-template';
	const language = TEMPLATE_LOCALES.find((l) => l === (locale ?? 'zh-CN'));
	if (!language) return 'bad-locale';
	writeJourneyTemplate(doc, chosen, language);
	return undefined;
}
