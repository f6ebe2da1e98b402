/**
 * Boundary rules must fail when broken (STYLE.md): each test lints a small offending sample with
 * the repository's own ESLint config, at a path inside the project it pretends to belong to, and
 * expects the error from the rule that guards it. The files need not exist: `lintText` takes the
 * path only to pick the config and the Nx project.
 *
 * An integration test: it runs ESLint and Nx's project graph over the real workspace.
 */
import { ESLint, Linter } from 'eslint';
import { resolve } from 'node:path';

const repoRoot = resolve(__dirname, '..');
const BOUNDARIES = '@nx/enforce-module-boundaries';

type FlatConfig = Linter.Config;

let eslint: ESLint;
let repoConfig: FlatConfig[];

beforeAll(async () => {
  // The config module exports a promise (it computes the Nx project graph first). Loading it here
  // and handing it to ESLint avoids ESLint's dynamic `import()`, which Jest's CommonJS runtime
  // cannot run without --experimental-vm-modules.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  repoConfig = await require(resolve(repoRoot, 'eslint.config.js'));
  eslint = new ESLint({ cwd: repoRoot, overrideConfigFile: true, overrideConfig: repoConfig });
});

const lint = async (filePath: string, code: string, instance: ESLint = eslint) => {
  const [result] = await instance.lintText(code, { filePath: resolve(repoRoot, filePath) });
  if (!result) throw new Error(`no lint result for ${filePath}`);
  return result.messages;
};

const errorsOf = (messages: Linter.LintMessage[], ruleId: string) =>
  messages.filter((message) => message.ruleId === ruleId && message.severity === 2);

describe('domain files stay free of frameworks and infrastructure', () => {
  it('rejects @nestjs/common in libs/domain-kernel', async () => {
    const messages = await lint(
      'libs/domain-kernel/src/lint-sample.ts',
      `import { Injectable } from '@nestjs/common';\nexport const marker = Injectable;\n`,
    );
    const errors = errorsOf(messages, 'no-restricted-imports');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain("'@nestjs/common'");
  });

  it('rejects typeorm in a *.decide.ts file of a service', async () => {
    const messages = await lint(
      'services/gateway/src/lint-sample/lint-sample.decide.ts',
      `import { Repository } from 'typeorm';\nexport type Store = Repository<object>;\n`,
    );
    const errors = errorsOf(messages, 'no-restricted-imports');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain("'typeorm'");
  });

  it('lets the same import through in an adapter file', async () => {
    const messages = await lint(
      'services/gateway/src/lint-sample/lint-sample.repository.ts',
      `import { Repository } from 'typeorm';\nexport type Store = Repository<object>;\n`,
    );
    expect(errorsOf(messages, 'no-restricted-imports')).toEqual([]);
  });
});

describe('module boundaries follow the Nx tags', () => {
  it('rejects a domain library importing an infrastructure library', async () => {
    const sample = `import { LOG_START } from '@elan/event-store';\nexport const start = LOG_START;\n`;
    const messages = await lint('libs/domain-kernel/src/lint-sample.ts', sample);
    expect(errorsOf(messages, BOUNDARIES)).toHaveLength(1);

    // event-store already depends on domain-kernel, so Nx reports the cycle before it looks at
    // tags. With the cycle check waived, the type constraint alone must still reject it.
    const tagsOnly = new ESLint({
      cwd: repoRoot,
      overrideConfigFile: true,
      overrideConfig: [
        ...repoConfig,
        { rules: { [BOUNDARIES]: boundariesWith({ ignoredCircularDependencies: [['domain-kernel', '*']] }) } },
      ],
    });
    const [error] = errorsOf(await lint('libs/domain-kernel/src/lint-sample.ts', sample, tagsOnly), BOUNDARIES);
    expect(error?.message).toMatch(/tagged with "type:domain" can only depend on libs tagged with "type:domain"/);
  });

  it('rejects a shared library importing a service', async () => {
    // The gateway depends on event-store, so Nx would first report the cycle; waive it to see
    // the boundary itself refuse the import.
    const cyclesWaived = new ESLint({
      cwd: repoRoot,
      overrideConfigFile: true,
      overrideConfig: [
        ...repoConfig,
        { rules: { [BOUNDARIES]: boundariesWith({ ignoredCircularDependencies: [['event-store', '*']] }) } },
      ],
    });
    const messages = await lint(
      'libs/event-store/src/lint-sample.ts',
      `import * as gateway from '@elan/gateway';\nexport const leak = gateway;\n`,
      cyclesWaived,
    );
    const errors = errorsOf(messages, BOUNDARIES);
    expect(errors).toHaveLength(1);
    // Services are Nx applications: Nx refuses the import of an app before it reaches the
    // scope:shared and type:infra constraints, which forbid it as well.
    expect(errors[0]?.message).toMatch(/Imports of apps are forbidden|can only depend on libs tagged with/);
  });

  it('rejects a service importing another service', async () => {
    const messages = await lint(
      'services/gateway/src/lint-sample.ts',
      `import * as campaign from '@elan/campaign';\nexport const reachIn = campaign;\n`,
    );
    const errors = errorsOf(messages, BOUNDARIES);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/Imports of apps are forbidden|can only depend on libs tagged with/);
  });

  it('keeps the test kit out of production code of an infrastructure library', async () => {
    const messages = await lint(
      'libs/event-store/src/lint-sample.ts',
      `import { waitUntil } from '@elan/testing';\nexport const probe = waitUntil;\n`,
    );
    const errors = errorsOf(messages, BOUNDARIES);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/tagged with "type:infra" can only depend on|Circular dependency/);
  });

  it('lets the tests of an infrastructure library use the test kit', async () => {
    const messages = await lint(
      'libs/event-store/test/lint-sample.int.spec.ts',
      `import { waitUntil } from '@elan/testing';\nexport const probe = waitUntil;\n`,
    );
    expect(errorsOf(messages, BOUNDARIES)).toEqual([]);
  });

  it('accepts a service importing a domain and an infrastructure library', async () => {
    const messages = await lint(
      'services/gateway/src/lint-sample.ts',
      `import { uuidv7 } from '@elan/domain-kernel';\nimport { LOG_START } from '@elan/event-store';\n` +
        `export const sample = [uuidv7(), LOG_START];\n`,
    );
    expect(errorsOf(messages, BOUNDARIES)).toEqual([]);
  });
});

describe('money is never rounded or parsed as a float in domain files', () => {
  it.each([
    ['Math.round', 'export const share = (cents: number) => Math.round(cents * 0.1);'],
    ['Math.floor', 'export const share = (cents: number) => Math.floor(cents / 3);'],
    ['Math.ceil', 'export const share = (cents: number) => Math.ceil(cents / 3);'],
  ])('rejects %s', async (call, code) => {
    const messages = await lint('libs/domain-kernel/src/lint-sample.ts', `${code}\n`);
    const errors = errorsOf(messages, 'no-restricted-properties');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain(`'${call}'`);
    expect(errors[0]?.message).toContain('Money helpers');
  });

  it('rejects parseFloat in a *.state.ts file', async () => {
    const messages = await lint(
      'services/gateway/src/lint-sample/lint-sample.state.ts',
      `export const amount = (input: string) => parseFloat(input);\n`,
    );
    const errors = errorsOf(messages, 'no-restricted-globals');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain('Money helpers');
  });
});

it('passes a clean domain sample without any message', async () => {
  const messages = await lint(
    'libs/domain-kernel/src/lint-sample.ts',
    [
      `import { ValidationError } from './errors';`,
      ``,
      `/** Splits an amount of minor units into two integer parts that add up to it. */`,
      `export const halve = (amount: number): [number, number] => {`,
      `  if (!Number.isSafeInteger(amount)) throw new ValidationError('amount must be an integer');`,
      `  const first = amount - (amount % 2);`,
      `  return [first / 2 + (amount % 2), first / 2];`,
      `};`,
      ``,
    ].join('\n'),
  );
  expect(messages).toEqual([]);
});

/** The repository's options for the boundaries rule on production code, with some overridden. */
function boundariesWith(overrides: Record<string, unknown>): Linter.RuleEntry {
  const entry = repoConfig.map((config) => config.rules?.[BOUNDARIES]).find((rule) => rule !== undefined);
  if (!Array.isArray(entry)) throw new Error(`${BOUNDARIES} is not configured with options`);
  const [severity, options] = entry as [Linter.RuleSeverity, Record<string, unknown>];
  return [severity, { ...options, ...overrides }];
}
