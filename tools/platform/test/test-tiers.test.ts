import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/**
 * The test tiers (jest.tiers.js) hold only if files land in the right one: an integration test
 * must be in a project that runs that tier, each budget exception must name a unit test file,
 * and a unit test file must not start other programs.
 */
const ROOT = resolve(__dirname, '..', '..', '..');
/* eslint-disable @typescript-eslint/no-require-imports -- the root's CommonJS Jest files */
const budgets = require(join(ROOT, 'jest.budgets.js')) as {
  DEFAULT_SECONDS: number;
  EXCEPTIONS: Record<string, { seconds: number; why: string }>;
};
const { OWN_RUNNER } = require(join(ROOT, 'jest.tiers.js')) as {
  OWN_RUNNER: Record<string, string>;
};
const { budgetReport, HangWatch } = require(join(ROOT, 'tools', 'jest-summary-reporter.cjs')) as {
  HangWatch: new (
    rootDir: string,
    seconds: number,
  ) => { start(path: string): void; end(path: string): void; check(): void; stop(): void };
  budgetReport: (
    rootDir: string,
    results: { startTime: number; testResults: unknown[] },
  ) => string[];
};
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * Unit test files that start a process, and why each may. Anything else that does belongs in a
 * `*.integration.test.ts` file.
 */
const UNIT_FILES_WITH_PROCESSES: Record<string, string> = {
  'packages/core/test/binary-version-checks.test.ts':
    "spies on cdktf's execSync to count the version checks it lets through: three short shell commands (terraform version, echo)",
};

/**
 * Modules under a test/ folder (not test files) that register Jest hooks when imported, and why
 * they may: under jest-light-runner a module is evaluated once per worker, so such hooks would
 * run for the first file that imports it and never for the next (jest.tiers.js).
 */
const HELPERS_WITH_HOOKS: Record<string, string> = {
  'tools/platform/test/helpers.ts':
    "removes temporary directories made without a run directory, which only happens under Jest's own runner",
};

function filesUnder(dir: string, suffix: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(suffix))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

function testFiles(dir: string): string[] {
  return filesUnder(dir, '.test.ts');
}

const projects = ['packages', 'apps', 'tools'].flatMap((group) =>
  readdirSync(join(ROOT, group), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(ROOT, group, entry.name, 'test')))
    .map((entry) => join(group, entry.name)),
);
const allTests = projects.flatMap((project) => testFiles(join(ROOT, project, 'test')));
const unitTests = allTests.filter((file) => !file.endsWith('.integration.test.ts'));

describe('test tiers', () => {
  test('every project with integration tests runs that tier (jest.integration.config.js and an Nx target)', () => {
    const withIntegration = projects.filter((project) =>
      allTests.some(
        (file) => file.startsWith(`${project}/`) && file.endsWith('.integration.test.ts'),
      ),
    );
    expect(withIntegration.length).toBeGreaterThan(0);
    for (const project of withIntegration) {
      expect(existsSync(join(ROOT, project, 'jest.integration.config.js'))).toBe(true);
      const targets = JSON.parse(readFileSync(join(ROOT, project, 'project.json'), 'utf8')).targets;
      expect(Object.keys(targets)).toContain('test-integration');
    }
  });

  test('no unit test file starts a process, except those declared with a reason', () => {
    const startsProcesses =
      /^import .* from '(node:)?child_process';$|require\(['"](node:)?child_process['"]\)/m;
    const starting = unitTests.filter((file) =>
      startsProcesses.test(readFileSync(join(ROOT, file), 'utf8')),
    );
    expect(starting.sort()).toEqual(Object.keys(UNIT_FILES_WITH_PROCESSES).sort());
  });

  test('each budget exception names a unit test file, a time above the default and a reason', () => {
    for (const [file, exception] of Object.entries(budgets.EXCEPTIONS)) {
      expect({ file, isUnitTest: unitTests.includes(file) }).toEqual({ file, isUnitTest: true });
      expect(exception.seconds).toBeGreaterThan(budgets.DEFAULT_SECONDS);
      expect(exception.why.length).toBeGreaterThan(20);
    }
  });

  test('the summary lists the files over budget, slowest first, with their budget', () => {
    const result = (file: string, seconds: number) => ({
      testFilePath: join(ROOT, file),
      perfStats: { start: 0, end: seconds * 1000 },
    });
    const [excepted, exception] = Object.entries(budgets.EXCEPTIONS)[0] ?? [];
    const lines = budgetReport(ROOT, {
      startTime: Date.now() - 5000,
      testResults: [
        result('packages/core/test/fast.test.ts', budgets.DEFAULT_SECONDS / 4),
        result('packages/core/test/slow.test.ts', budgets.DEFAULT_SECONDS + 1),
        result('packages/core/test/slower.test.ts', budgets.DEFAULT_SECONDS + 2),
        ...(excepted ? [result(excepted, exception.seconds - 0.5)] : []),
      ],
    });
    expect(lines[0]).toMatch(
      new RegExp(
        `^budgets: 2 of ${excepted ? 4 : 3} test files over their budget; \\d+\\.\\d s wall, load average [\\d. ]+ on \\d+ cores$`,
      ),
    );
    expect(lines.slice(1)).toEqual([
      `  ${(budgets.DEFAULT_SECONDS + 2).toFixed(1).padStart(6)} s  budget ${String(budgets.DEFAULT_SECONDS).padStart(2)} s  packages/core/test/slower.test.ts`,
      `  ${(budgets.DEFAULT_SECONDS + 1).toFixed(1).padStart(6)} s  budget ${String(budgets.DEFAULT_SECONDS).padStart(2)} s  packages/core/test/slow.test.ts`,
    ]);
  });

  test('says when an exception is stale: its file ran in under half the default', () => {
    const [excepted] = Object.keys(budgets.EXCEPTIONS);
    if (!excepted) return;
    const lines = budgetReport(ROOT, {
      startTime: Date.now(),
      testResults: [{ testFilePath: join(ROOT, excepted), perfStats: { start: 0, end: 100 } }],
    });
    expect(lines).toContain(
      `  stale exception: ${excepted} took 0.1 s, under the default ${budgets.DEFAULT_SECONDS} s (jest.budgets.js)`,
    );
  });

  test("the files that need Jest's own runner are declared, and exist", () => {
    // What jest-light-runner does not provide (README of jest-light-runner 0.7): module mocks and
    // registries, jest.setTimeout; and the ESM-only parser that only a moduleNameMapper loads.
    const needsOwnRunner =
      /\bjest\.(mock|doMock|unmock|requireActual|resetModules|isolateModules|setTimeout)\(|from '@actions\/(workflow-parser|expressions)/;
    const needing = unitTests.filter((file) =>
      needsOwnRunner.test(readFileSync(join(ROOT, file), 'utf8')),
    );
    expect(needing.sort()).toEqual(Object.keys(OWN_RUNNER).sort());
  });

  test('no shared test module registers hooks on import, except those declared with a reason', () => {
    const helpers = projects
      .flatMap((project) => filesUnder(join(ROOT, project, 'test'), '.ts'))
      .filter((file) => !file.endsWith('.test.ts'));
    expect(helpers.length).toBeGreaterThan(10);
    const topLevelHook = /^(beforeAll|beforeEach|afterAll|afterEach)\(/m;
    const registering = helpers.filter((file) =>
      topLevelHook.test(readFileSync(join(ROOT, file), 'utf8')),
    );
    expect(registering.sort()).toEqual(Object.keys(HELPERS_WITH_HOOKS).sort());
  });

  test('a test file that runs past the hang limit stops the run, naming the file', () => {
    const exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const watch = new HangWatch(ROOT, 0);
    try {
      watch.start(join(ROOT, 'packages/core/test/finished.test.ts'));
      watch.end(join(ROOT, 'packages/core/test/finished.test.ts'));
      watch.check();
      expect(exit).not.toHaveBeenCalled();
      watch.start(join(ROOT, 'packages/core/test/hanging.test.ts'));
      watch.check();
      expect(exit).toHaveBeenCalledWith(1);
      expect(String(stderr.mock.calls[0][0])).toContain(
        'unit tier: packages/core/test/hanging.test.ts has run for 0 s',
      );
    } finally {
      watch.stop();
      exit.mockRestore();
      stderr.mockRestore();
    }
  });
});
