/**
 * One Jest run for the whole workspace. Test levels follow the file suffix:
 * `*.unit.spec.ts` (pure), `*.int.spec.ts` (real PostgreSQL / NATS), `*.e2e.spec.ts` (processes).
 * The global setup provisions a database of this run's own, so parallel runs never collide.
 */
const fs = require('node:fs');
const path = require('node:path');

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

module.exports = {
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['libs', 'services', 'bench', 'tools', 'e2e']
    .filter((dir) => fs.existsSync(path.join(__dirname, dir)))
    .map((dir) => `<rootDir>/${dir}`),
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: { '^@elan/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts' },
  globalSetup: '<rootDir>/libs/testing/src/jest/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/jest/global-teardown.ts',
  testTimeout: 60_000,
};
