/**
 * ESLint: the recommended rules of JavaScript, typescript-eslint and eslint-plugin-astro, and the house's import
 * boundaries.
 */
import { registerHooks } from 'node:module';

// typescript-eslint parses with TypeScript's JavaScript API, which TypeScript 7 (our type checker) no longer ships:
// inside ESLint, `typescript` is the 6.0 package installed as typescript-for-lint.
registerHooks({
  resolve: (specifier, context, next) => next(specifier === 'typescript' ? 'typescript-for-lint' : specifier, context),
});
const { default: js } = await import('@eslint/js');
const { default: tseslint } = await import('typescript-eslint');
const { default: astro } = await import('eslint-plugin-astro');

/** Folders a folder of src/ must not import from, and why. */
const BOUNDARIES = [
  ['src/analytics', ['ingest', 'server', 'dashboard', 'cli'], 'the read path does not depend on the write path or the edge'],
  ['src/ingest', ['analytics', 'server', 'dashboard', 'cli'], 'the write path does not depend on the read path or the edge'],
  [
    'src/domain',
    ['analytics', 'ingest', 'server', 'dashboard', 'cli', 'content-model', 'client'],
    'the shared vocabulary depends on nothing of the app',
  ],
  ['src/schemas', ['analytics', 'ingest', 'server', 'dashboard', 'cli', 'content-model', 'client'], 'schemas are pure'],
  [
    'src/importers',
    ['analytics', 'ingest', 'server', 'dashboard', 'cli', 'client'],
    'importers write content files and know nothing of the store',
  ],
  [
    'src/client',
    ['analytics', 'ingest', 'server', 'dashboard', 'cli', 'content-model', 'demo'],
    'browser scripts never import server code',
  ],
];

export default tseslint.config(
  { ignores: ['dist/', '.astro/', '.test-builds/', 'node_modules/', 'test-results/', 'test/fixtures/', 'content/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...astro.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly', fetch: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
    },
  },
  ...BOUNDARIES.map(([folder, forbidden, why]) => ({
    files: [`${folder}/**`],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: forbidden.flatMap((f) => [`**/${f}/*`, `../${f}/*`]), message: `${why}.` }] },
      ],
    },
  })),
  {
    files: ['db/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/src/*'], message: 'db/ knows nothing of the app.' }] }] },
  },
);
