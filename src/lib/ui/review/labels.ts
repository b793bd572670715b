/** Labels the review screens share: group names from the domain's bilingual table. */
import { GROUP_LABELS, type RaterGroup } from '$lib/domain/review/groups';
import type { ReviewLocale } from '$lib/domain/review/text';
import { m } from '$lib/paraglide/messages';

/** The review domain's locale for the UI's (both are `zh-CN` | `en` today). */
export function reviewLocale(locale: string): ReviewLocale {
	return locale === 'en' ? 'en' : 'zh-CN';
}

/** A rater group's name, or the pooled unit's. */
export function groupLabel(group: RaterGroup | 'others', locale: ReviewLocale): string {
	return group === 'others' ? m.review_group_others() : GROUP_LABELS[group][locale];
}
