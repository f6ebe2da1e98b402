// ESLint flat config for the whole workspace (CommonJS, no type information: it stays fast).
//
// What it enforces beyond typescript-eslint's recommended rules:
// - module boundaries between Nx projects, from the tags in each project.json;
// - no framework, database or messaging import in domain files (deciders stay pure);
// - no float rounding or parsing in domain files (money is integer minor units).
// tools/lint-rules.int.spec.ts lints offending samples to prove each rule fires.
'use strict';

const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const nx = require('@nx/eslint-plugin');
const prettier = require('eslint-config-prettier/flat');

// Files that hold domain logic: the kernel, and the decider files of every service
// (see docs/architecture.md).
const DOMAIN_FILES = [
  'libs/domain-kernel/**/*.ts',
  '**/*.decide.ts',
  '**/*.events.ts',
  '**/*.commands.ts',
  '**/*.state.ts',
  '**/*.evolve.ts',
  // Aggregates' folders are domain code through and through (policies, ledgers, rules), not only
  // the files named after a decider's parts.
  'services/*/src/{campaign,pledge,tip,payout-account}/**/*.ts',
  'services/*/src/tier-stock/*.ts',
];

// The one place where money is rounded, split and parsed. Its own code may use Math.* on
// integers; everyone else goes through it.
const MONEY_HELPERS = ['libs/domain-kernel/src/money.ts', 'libs/domain-kernel/src/money/**/*.ts'];

const MONEY_MESSAGE =
  'Money is an integer count of minor units: use the Money helpers of @elan/domain-kernel ' +
  '(multiply by a ratio, allocate, parse) instead of float rounding or parsing.';

const depConstraints = [
  // What a project may import, by its kind.
  {
    sourceTag: 'type:service',
    onlyDependOnLibsWithTags: ['type:domain', 'type:infra', 'type:contracts', 'type:testing'],
  },
  { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:infra'] },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts'] },
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'] },
  {
    sourceTag: 'type:testing',
    onlyDependOnLibsWithTags: ['type:domain', 'type:infra', 'type:contracts', 'type:testing'],
  },
  { sourceTag: 'type:bench', notDependOnLibsWithTags: ['type:service'] },
  // End-to-end tests drive the services as processes over HTTP: they never import one.
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:testing', 'type:contracts', 'type:domain'] },

  // Whose code a project may import. Shared libraries never reach into a service.
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  // One line per service: itself and the shared libraries, never another service. Every new
  // service (campaign, pledge, tipping, payout…) adds its own line here when it is created;
  // until then services are still kept apart, since `type:service` may not import `type:service`
  // and Nx refuses any import of an application (every service is one).
  { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:gateway', 'scope:shared'] },
  { sourceTag: 'scope:campaign', onlyDependOnLibsWithTags: ['scope:campaign', 'scope:shared'] },
  { sourceTag: 'scope:pledge', onlyDependOnLibsWithTags: ['scope:pledge', 'scope:shared'] },
  { sourceTag: 'scope:tipping', onlyDependOnLibsWithTags: ['scope:tipping', 'scope:shared'] },
  { sourceTag: 'scope:payout', onlyDependOnLibsWithTags: ['scope:payout', 'scope:shared'] },
  { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'] },
  { sourceTag: 'scope:notification', onlyDependOnLibsWithTags: ['scope:notification', 'scope:shared'] },
];

// Tests of any project may use the shared test kit (given/when/then, waitUntil, infra bootstrap):
// the constraints above hold for production code, and test files add `type:testing` to them.
const TEST_FILES = ['**/*.spec.ts', '**/test/**/*.ts'];
const testDepConstraints = depConstraints.map((constraint) =>
  constraint.sourceTag.startsWith('type:') &&
  constraint.onlyDependOnLibsWithTags &&
  !constraint.onlyDependOnLibsWithTags.includes('type:testing')
    ? { ...constraint, onlyDependOnLibsWithTags: [...constraint.onlyDependOnLibsWithTags, 'type:testing'] }
    : constraint,
);

const boundaries = (constraints) => ['error', { enforceBuildableLibDependency: true, allow: [], depConstraints: constraints }];

/**
 * `@nx/enforce-module-boundaries` reads the project graph from Nx's cache (`.nx/`, gitignored)
 * and silently skips every check when there is none, as in a fresh clone. Computing the graph
 * here, before any file is linted, makes the rule work from a fresh clone and keeps the graph
 * current when projects or tags change. Without the daemon it takes about a second.
 */
async function ensureProjectGraph() {
  process.env.NX_DAEMON ??= 'false';
  const { createProjectGraphAsync } = require('@nx/devkit');
  try {
    await createProjectGraphAsync({ exitOnError: false });
  } catch (error) {
    throw new Error(
      `eslint.config.js: Nx could not compute the project graph, so module boundaries cannot be ` +
        `checked: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

const config = tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      'bench/node_modules/**',
      '**/dist/**',
      '**/tmp/**',
      '**/coverage/**',
      '.nx/**',
      'tools/lint-samples/**',
    ],
  },

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    files: ['**/*.ts'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      // `_`-prefixed names are deliberately unused (ignored tuple items, interface conformance).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },

  // Plain CommonJS files at the root (jest.config.js, this file).
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        exports: 'writable',
        __dirname: 'readonly',
        __filename: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  {
    files: ['**/*.ts', '**/*.js'],
    plugins: { '@nx': nx },
    rules: { '@nx/enforce-module-boundaries': boundaries(depConstraints) },
  },
  {
    files: TEST_FILES,
    rules: { '@nx/enforce-module-boundaries': boundaries(testDepConstraints) },
  },

  // Deciders are pure: no framework, database or messaging client in domain files.
  {
    files: DOMAIN_FILES,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', 'typeorm', 'typeorm/*', 'nats', 'nats/*', 'pg', 'pg/*'],
              message:
                'Domain files are pure functions over plain data: keep NestJS, TypeORM, pg and ' +
                'NATS in adapters, handlers and modules.',
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'round', message: MONEY_MESSAGE },
        { object: 'Math', property: 'floor', message: MONEY_MESSAGE },
        { object: 'Math', property: 'ceil', message: MONEY_MESSAGE },
        { object: 'Number', property: 'parseFloat', message: MONEY_MESSAGE },
      ],
      'no-restricted-globals': ['error', { name: 'parseFloat', message: MONEY_MESSAGE }],
    },
  },
  {
    files: MONEY_HELPERS,
    rules: { 'no-restricted-properties': 'off', 'no-restricted-globals': 'off' },
  },

  // Last: turn off the stylistic rules a formatter owns.
  prettier,
);

module.exports = ensureProjectGraph().then(() => config);
