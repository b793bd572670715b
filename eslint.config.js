import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/**
 * Layers depend one way: routes → ui/viz → session → transport/api/device → model → domain. Each
 * entry forbids a layer from importing the ones above it; patterns name both `$lib/x/*` and
 * relative `../x/*` paths. A file gets the rule of the last entry that matches it (flat config
 * replaces a rule's options, it does not merge them), so every entry repeats what holds for all of
 * `src/` and the entries go from general to particular.
 */
const upper = (...layers) => layers.flatMap((layer) => [`$lib/${layer}/*`, `**/${layer}/*`]);
/** Components (PascalCase); `x.svelte` runes modules (`x.svelte.ts`) are plain modules. */
const components = ['[A-Z]*.svelte', '**/[A-Z]*.svelte'];
const everywhere = ['better-sqlite3', 'ws', '**/server/**'];
const layerRules = [
	{ files: ['src/**'], forbid: everywhere },
	{
		files: ['src/lib/domain/**'],
		forbid: [
			'yjs',
			'y-*',
			'svelte',
			'svelte/*',
			...upper('model', 'transport', 'device', 'api', 'session', 'ui', 'viz'),
			'd3-*'
		]
	},
	{
		files: ['src/lib/model/**'],
		forbid: [...components, ...upper('transport', 'device', 'api', 'session', 'ui', 'viz'), 'd3-*']
	},
	{
		files: ['src/lib/transport/**', 'src/lib/api/**'],
		forbid: [...upper('session', 'ui', 'viz'), 'd3-*']
	},
	// What lives on the device (library, profile, outbox) does not open documents either.
	{
		files: ['src/lib/device/**'],
		forbid: [...upper('transport', 'session', 'ui', 'viz'), 'd3-*']
	},
	{ files: ['src/lib/session/**'], forbid: [...components, ...upper('ui', 'viz'), 'd3-*'] },
	{
		files: ['src/lib/workers/**'],
		forbid: [
			'svelte',
			'svelte/*',
			...components,
			...upper('transport', 'device', 'api', 'session', 'ui', 'viz'),
			'd3-*'
		]
	}
].map(({ files, forbid }) => ({
	files,
	rules: {
		'no-restricted-imports': [
			'error',
			{
				patterns: [
					{
						group: [...new Set([...forbid, ...everywhere])],
						caseSensitive: true,
						message: 'Layers import one way.'
					}
				]
			}
		]
	}
}));

/**
 * A document is opened in one place, `session/`: pages and components reach the synced doc, its
 * status and presence through their `DocSession`, never through `transport/` (whose wire
 * constants in `protocol` and types they may still name).
 */
const transportThroughSession = {
	files: ['src/lib/ui/**', 'src/lib/viz/**', 'src/routes/**'],
	rules: {
		'@typescript-eslint/no-restricted-imports': [
			'error',
			{
				patterns: [
					{
						group: [
							'$lib/transport/*',
							'**/transport/*',
							'!$lib/transport/protocol',
							'!**/transport/protocol'
						],
						allowTypeImports: true,
						message: 'Open documents through session/ (DocSession), not transport/.'
					}
				]
			}
		]
	}
};

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
	transportThroughSession,
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
