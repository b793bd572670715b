import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/**
 * Layers depend one way: routes → ui/viz → session → model/sync → domain. Each entry forbids a
 * layer from importing the ones above it.
 */
const layerRules = [
	{
		files: ['src/lib/domain/**'],
		forbid: [
			'yjs',
			'y-*',
			'svelte',
			'svelte/*',
			'$lib/model/*',
			'$lib/sync/*',
			'$lib/session/*',
			'$lib/ui/*',
			'$lib/viz/*',
			'd3-*'
		]
	},
	{
		files: ['src/lib/model/**'],
		forbid: [
			'*.svelte',
			'$lib/ui/*',
			'$lib/viz/*',
			'$lib/sync/*',
			'$lib/session/*',
			'**/session/*',
			'd3-*'
		]
	},
	{
		files: ['src/lib/sync/**'],
		forbid: ['$lib/ui/*', '$lib/viz/*', '$lib/session/*', '**/session/*', 'd3-*']
	},
	{ files: ['src/lib/session/**'], forbid: ['*.svelte', '$lib/ui/*', '$lib/viz/*', 'd3-*'] },
	{
		files: ['src/lib/workers/**'],
		forbid: ['svelte', 'svelte/*', '*.svelte', '$lib/ui/*', '$lib/viz/*', '$lib/sync/*', 'd3-*']
	},
	{ files: ['src/**'], forbid: ['better-sqlite3', 'ws', '**/server/**'] }
].map(({ files, forbid }) => ({
	files,
	rules: {
		'no-restricted-imports': [
			'error',
			{ patterns: [{ group: forbid, message: 'Layers import one way.' }] }
		]
	}
}));

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'no-undef': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	...layerRules,
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'data/',
			'test-results/',
			'playwright-report/',
			'src/lib/paraglide/',
			'.shots/'
		]
	}
);
