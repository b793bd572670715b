/**
 * The UI locale. Paraglide picks the first of: the remembered choice (localStorage), the
 * browser's languages, zh-CN. Switching re-renders the app in place (the layout keys on
 * `i18n.locale`) instead of reloading the page.
 */
import { getLocale, locales, setLocale, type Locale } from '$lib/paraglide/runtime';

let current = $state<Locale>(getLocale());

export const i18n = {
	locales,
	get locale(): Locale {
		return current;
	},
	set locale(locale: Locale) {
		setLocale(locale, { reload: false });
		current = locale;
	}
};
