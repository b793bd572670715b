/** The current UI locale: remembered choice, else the browser's languages. */
import { format, pickLocale, type Locale, type MessageKey } from './messages';

const STORAGE_KEY = 'panorama:locale';

function initialLocale(): Locale {
	const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
	if (stored === 'en' || stored === 'zh-CN') return stored;
	return pickLocale(globalThis.navigator?.languages ?? []);
}

let current = $state<Locale>(initialLocale());

export const i18n = {
	get locale(): Locale {
		return current;
	},
	set locale(locale: Locale) {
		current = locale;
		globalThis.localStorage?.setItem(STORAGE_KEY, locale);
		if (globalThis.document) document.documentElement.lang = locale;
	}
};

/** Translates `key` in the current locale. Reactive in templates. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
	return format(current, key, params);
}
