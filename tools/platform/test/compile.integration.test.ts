import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureCompiled, workspaces } from '../bin/compile.cjs';
import { tempDir } from './helpers';

/** A repository in miniature: one package, one app and the CLI, each with src/index.ts. */
function miniRepository(): string {
  const root = tempDir('platform-compile-');
  writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: {} }));
  writeFileSync(join(root, 'tsconfig.base.json'), '{}');
  for (const dir of ['packages/greeting', 'apps/hello', 'tools/platform']) {
    mkdirSync(join(root, dir, 'src'), { recursive: true });
    writeFileSync(join(root, dir, 'package.json'), '{}');
  }
  mkdirSync(join(root, 'packages/notes')); // no package.json: not a workspace
  writeFileSync(
    join(root, 'packages/greeting/src/index.ts'),
    "export const greeting: string = 'hello';\n",
  );
  writeFileSync(join(root, 'apps/hello/src/index.ts'), 'export type Unused = number;\n');
  writeFileSync(
    join(root, 'tools/platform/src/index.ts'),
    "export { greeting } from './message';\n",
  );
  writeFileSync(join(root, 'tools/platform/src/message.ts'), "export const greeting = 'hi';\n");
  return root;
}

function evaluate(file: string): unknown {
  const result = spawnSync(process.execPath, ['-p', `require(${JSON.stringify(file)}).greeting`], {
    encoding: 'utf8',
  });
  return result.stdout.trim();
}

describe('bin/compile.cjs', () => {
  test('finds the workspaces that have a package.json and a src/', () => {
    const root = miniRepository();
    expect(workspaces(root).map((dir) => dir.slice(root.length + 1))).toEqual([
      'packages/greeting',
      'apps/hello',
      'tools/platform',
    ]);
  });

  test('compiles every workspace into its dist/ once, and again only when a source changed', () => {
    const root = miniRepository();
    expect(ensureCompiled(root)).toBe(true);
    expect(evaluate(join(root, 'packages/greeting/dist/index.js'))).toBe('hello');
    expect(evaluate(join(root, 'tools/platform/dist/index.js'))).toBe('hi');
    expect(ensureCompiled(root)).toBe(false);

    const source = join(root, 'tools/platform/src/message.ts');
    writeFileSync(source, "export const greeting = 'changed';\n");
    // A later modification time, whatever the file system's resolution.
    utimesSync(source, new Date(), new Date(Date.now() + 5000));
    expect(ensureCompiled(root)).toBe(true);
    expect(evaluate(join(root, 'tools/platform/dist/index.js'))).toBe('changed');
  });

  test('recompiles when a source file is added or a dist/ was deleted', () => {
    const root = miniRepository();
    ensureCompiled(root);
    writeFileSync(join(root, 'apps/hello/src/extra.ts'), 'export const extra = 1;\n');
    expect(ensureCompiled(root)).toBe(true);
    expect(readFileSync(join(root, 'apps/hello/dist/extra.js'), 'utf8')).toContain('extra = 1');

    rmSync(join(root, 'packages/greeting/dist'), { recursive: true });
    expect(ensureCompiled(root)).toBe(true);
    expect(evaluate(join(root, 'packages/greeting/dist/index.js'))).toBe('hello');
  });

  test('fails on a syntax error, naming the file, and writes no fingerprint', () => {
    const root = miniRepository();
    writeFileSync(join(root, 'apps/hello/src/index.ts'), 'export const = ;\n');
    expect(() => ensureCompiled(root)).toThrow(/index\.ts/);
    expect(existsSync(join(root, 'tools/platform/dist/.source-fingerprint'))).toBe(false);
    writeFileSync(join(root, 'apps/hello/src/index.ts'), 'export const fixed = 1;\n');
    expect(ensureCompiled(root)).toBe(true);
  });
});
