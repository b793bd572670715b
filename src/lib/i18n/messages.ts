/**
 * The message catalogue, zh-CN and en. Every string a person reads comes from here.
 * (The shell issue replaces this with Paraglide JS; keys stay the same.)
 */
export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];

const en = {
	appName: 'Panorama',
	tagline: 'Key accounts, journeys and 360° reviews — co-edited live, usable offline.',
	newAccountPlan: 'New account plan',
	creating: 'Creating…',
	createFailed: 'Could not create the document: {reason}',
	untitled: 'Untitled',
	titleLabel: 'Title',
	statusOffline: 'Offline',
	statusConnecting: 'Connecting…',
	statusSyncing: 'Syncing…',
	statusSaved: 'All changes saved',
	unsavedChanges: '{count} unsaved changes',
	noToken: 'This device has no link for this document. Open the link you were sent.',
	accessRefused: 'The relay refused this link (it may have been revoked). Ask for a new one.',
	readOnly: 'View only',
	back: 'Home'
} as const;

export type MessageKey = keyof typeof en;

const zhCN: Record<MessageKey, string> = {
	appName: 'Panorama 全景',
	tagline: '大客户、旅程触点与 360° 评估——实时协同编辑，离线可用。',
	newAccountPlan: '新建客户计划',
	creating: '正在创建…',
	createFailed: '无法创建文档：{reason}',
	untitled: '未命名',
	titleLabel: '标题',
	statusOffline: '离线',
	statusConnecting: '正在连接…',
	statusSyncing: '正在同步…',
	statusSaved: '所有更改已保存',
	unsavedChanges: '{count} 项更改未保存',
	noToken: '此设备没有该文档的链接。请打开发给你的链接。',
	accessRefused: '服务器拒绝了此链接（可能已被撤销）。请索取新链接。',
	readOnly: '只读',
	back: '首页'
};

export const catalogue: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

/** Formats message `key` in `locale`, replacing `{name}` placeholders from `params`. */
export function format(
	locale: Locale,
	key: MessageKey,
	params: Record<string, string | number> = {}
): string {
	return catalogue[locale][key].replace(/\{(\w+)\}/g, (_, name: string) =>
		String(params[name] ?? `{${name}}`)
	);
}

/** The best locale for a list of preferred languages (e.g. `navigator.languages`). */
export function pickLocale(preferred: readonly string[]): Locale {
	for (const language of preferred) {
		if (language.toLowerCase().startsWith('zh')) return 'zh-CN';
		if (language.toLowerCase().startsWith('en')) return 'en';
	}
	return 'zh-CN';
}
