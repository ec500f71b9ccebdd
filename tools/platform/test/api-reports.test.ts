import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiEntryPoints, runApiReports } from '../src/api-reports';
import { tempDir } from './helpers';

const repositoryRoot = join(__dirname, '..', '..', '..');

/** A workspace with one published package `@genai-sandbox/demo` whose built types are `types`. */
function workspace(types: Record<string, string>, exports?: Record<string, unknown>): string {
  const root = tempDir('api-reports-');
  const dir = join(root, 'packages', 'demo');
  mkdirSync(join(dir, 'dist'), { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: '@genai-sandbox/demo',
      version: '1.0.0',
      exports: exports ?? {
        '.': { types: './dist/index.d.ts', default: './dist/index.js' },
        './testing': { types: './dist/testing.d.ts', default: './dist/testing.js' },
      },
    }),
  );
  for (const [file, text] of Object.entries(types)) writeFileSync(join(dir, 'dist', file), text);
  return root;
}

const run = (root: string, check: boolean) =>
  runApiReports(apiEntryPoints(join(root, 'packages')), {
    check,
    tempDir: join(root, 'tmp'),
    cwd: root,
    log: () => undefined,
  });

describe('API reports', () => {
  it('has one entry point per export of every published package, named after the package and subpath', () => {
    const entries = apiEntryPoints(join(repositoryRoot, 'packages'));
    expect(entries.map((entry) => entry.reportName)).toEqual(
      expect.arrayContaining(['core', 'core-testing', 'storage', 'policy']),
    );
    expect(entries.find((entry) => entry.reportName === 'core-testing')?.importPath).toBe(
      '@genai-sandbox/core/testing',
    );
    expect(entries.some((entry) => entry.importPath.includes('aws-test-server'))).toBe(false);
  });

  /**
   * Each run of api-extractor parses the analysis' whole program (Node's types included, about a
   * second): a workspace whose reports an update run wrote is made once, and the tests that start
   * from it read its results or change a copy of it.
   */
  let updated: { root: string; results: ReturnType<typeof run> };
  beforeAll(() => {
    const root = workspace({
      'index.d.ts': 'export declare function greet(name: string): string;\n',
      'testing.d.ts': 'export declare const FIXTURE = "demo";\n',
    });
    updated = { root, results: run(root, false) };
  });
  const copyOfUpdated = () => {
    const root = tempDir('api-reports-');
    cpSync(updated.root, root, { recursive: true });
    return root;
  };

  it('writes a report per entry point, then finds them up to date', () => {
    expect(
      updated.results.map((result) => [result.entry.reportName, result.changed, result.errors]),
    ).toEqual([
      ['demo', true, []],
      ['demo-testing', true, []],
    ]);
    const report = readFileSync(
      join(updated.root, 'packages', 'demo', 'api', 'demo.api.md'),
      'utf8',
    );
    expect(report).toContain('export function greet(name: string): string;');
    expect(run(updated.root, true).map((result) => result.changed)).toEqual([false, false]);
  });

  it('fails the check when the API changed, and leaves the checked-in report as it was', () => {
    const root = copyOfUpdated();
    const reportPath = join(root, 'packages', 'demo', 'api', 'demo.api.md');
    const before = readFileSync(reportPath, 'utf8');
    writeFileSync(
      join(root, 'packages', 'demo', 'dist', 'index.d.ts'),
      'export declare function greet(name: string, loud: boolean): string;\n',
    );
    const [index, testing] = run(root, true);
    expect([index.changed, testing.changed]).toEqual([true, false]);
    expect(readFileSync(reportPath, 'utf8')).toBe(before);
    expect(readFileSync(join(root, 'tmp', 'reports', 'demo.api.md'), 'utf8')).toContain(
      'loud: boolean',
    );
  });

  describe('in a workspace without reports, whose ./testing types are not built', () => {
    // One check run serves both tests: the main entry point has its types but no report.
    let root: string;
    let results: ReturnType<typeof run>;
    beforeAll(() => {
      root = workspace({ 'index.d.ts': 'export declare const A = 1;\n' });
      results = run(root, true);
    });

    it('fails the check when a report is missing, without creating it', () => {
      expect([results[0].changed, results[0].errors]).toEqual([true, []]);
      expect(existsSync(join(root, 'packages', 'demo', 'api'))).toBe(false);
    });

    it('fails when the packages are not built, saying which file is missing and how to build it', () => {
      expect(results[1].errors).toEqual([
        'packages/demo/dist/testing.d.ts does not exist (the "types" of @genai-sandbox/demo/testing): build the packages first with "npm run build".',
      ]);
    });
  });

  it('fails when an export has no types, naming the file, the export and the fix', () => {
    const root = workspace({}, { '.': './dist/index.js' });
    expect(() => apiEntryPoints(join(root, 'packages'))).toThrow(
      `${join(root, 'packages', 'demo', 'package.json')}: exports["."] has no "types" condition, so it has no API to report. ` +
        'Add "types": "./dist/<file>.d.ts" next to its "default".',
    );
  });
});
