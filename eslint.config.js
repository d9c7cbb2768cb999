/**
 * Lint: typescript-eslint's recommended rules, React's rules of hooks, and the
 * architecture as import rules — no import cycles, and no arrow pointing up a
 * layer. The layers (bottom to top):
 *
 *   src/core                 the domain: pure TypeScript, imports no platform
 *   src/main, src/preload    Electron, src/server the service, src/renderer the UI — each on core only
 *   inside src/renderer/src:
 *     platform/, i18n/, store/, ui/   the bottom: host contract, strings, IndexedDB, shared widgets and its records
 *     features (intake/, cases/, sync/, …)   above the bottom, never the app shell
 *     app/ and main.tsx          the shell on top
 *
 * Type-only imports are allowed across a cycle (they vanish at build time), but
 * not upward across a layer.
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import globals from 'globals';

const R = './src/renderer/src';
/** Feature folders of the renderer (everything that is neither the bottom nor the shell). */
const FEATURES = [
  'audit', 'cases', 'catalog', 'correction', 'dashboards', 'deferral', 'documents', 'handouts', 'health',
  'intake', 'materials', 'review', 'search', 'session', 'settings', 'sharing', 'sync', 'training', 'users',
].map((f) => `${R}/${f}`);

const DB_IN_COMPONENT = 'A component does not touch IndexedDB: call (or add) a function or hook in its feature\'s store module (e.g. handouts/handout-store.ts), built on store/live-query for live data.';

const PLATFORM_PACKAGES = ['react', 'react-dom', 'react-dom/*', 'dexie', 'dexie-react-hooks', 'electron', 'fastify', 'pg', '@electric-sql/*', 'node:*', 'fs', 'path', 'http', 'https'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'dist-web/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.data/**', 'src/server/inbox/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { 'import-x': importX },
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      // Cycles through runtime imports; a type-only import is erased at build time.
      'import-x/no-cycle': ['error', { ignoreExternal: true, allowUnsafeDynamicCyclicDependency: false }],
      'import-x/no-restricted-paths': ['error', {
        zones: [
          // core imports no other layer
          { target: './src/core', from: ['./src/renderer', './src/main', './src/preload', './src/server', './test'], message: 'src/core is the domain: it imports no other layer.' },
          // the service, Electron main and preload never reach into the UI or each other
          { target: './src/server', from: ['./src/renderer', './src/main', './src/preload'], message: 'The service depends on src/core only.' },
          { target: ['./src/main', './src/preload'], from: ['./src/renderer', './src/server'], message: 'Electron main/preload depend on src/core only.' },
          { target: './src/renderer', from: ['./src/server', './src/main', './src/preload'], message: 'The renderer reaches the platform only through the host contract.' },
          // inside the renderer: the bottom never imports a feature or the shell; features never import the shell
          { target: [`${R}/store`, `${R}/platform`, `${R}/i18n`, `${R}/ui`], from: [...FEATURES, `${R}/app`, `${R}/main.tsx`], message: 'store/, platform/, i18n/ and ui/ are the bottom of the renderer: no upward imports.' },
          { target: FEATURES, from: [`${R}/app`, `${R}/main.tsx`], message: 'Features never import the app shell.' },
        ],
      }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // Validation of external input is done with zod; `any` stays banned elsewhere.
      '@typescript-eslint/no-explicit-any': 'error',
      'no-control-regex': 'off', // identity and text validators match control characters on purpose
      // the ideographic space (U+3000) is Chinese typography in strings and JSX text
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipJSXText: true, skipRegExps: true }],
    },
  },
  {
    // React's rules of hooks where React runs (the e2e fixtures' use… helpers are not hooks)
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // Components never touch IndexedDB: a feature's store module (catalog-store.ts,
    // sync-store.ts, …) is the only code that reads or writes it, and a component calls its
    // named functions and hooks (loadCatalogVersion, useCaseTimeline, …). Types and the
    // training-mode flag may still come from store/db.
    files: ['src/renderer/src/**/*.tsx'],
    ignores: ['**/*.test.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'dexie', message: DB_IN_COMPONENT },
          { name: 'dexie-react-hooks', message: DB_IN_COMPONENT },
        ],
        patterns: [{ regex: '(^|/)(store/db|audit-db)$', importNames: ['getDb', 'getLiveDb', 'getTrainingDb', 'getSetting', 'putSetting', 'WorkstationDb'], message: DB_IN_COMPONENT }],
      }],
    },
  },
  {
    // core stays pure: no platform packages, no clock, DOM or network
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: PLATFORM_PACKAGES, message: 'src/core imports no platform package.' }] }],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'indexedDB', 'navigator', 'fetch', 'XMLHttpRequest', 'WebSocket', 'performance'],
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'src/core reads no clock: pass the time in.' },
        { selector: 'NewExpression[callee.name="Date"][arguments.length=0]', message: 'src/core reads no clock: pass the time in.' },
      ],
    },
  },
  {
    // Tests build broken, untyped JSON on purpose to check that it is refused. A test sits above
    // every layer: a store test may drive a feature, an integration test may start the real
    // service beside the workstation's engine. Core's own tests import no other layer (test
    // fixtures aside).
    files: ['**/*.test.{ts,tsx}', 'test/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      'import-x/no-restricted-paths': ['error', {
        // core's tests may use the shared test fixtures (test/fixtures), nothing of the other layers
        zones: [{ target: './src/core', from: ['./src/renderer', './src/main', './src/preload', './src/server'], message: 'src/core is the domain: it imports no other layer.' }],
      }],
    },
  },
  {
    files: ['**/*.{js,mjs}', 'scripts/**', 'test/**', '*.config.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
