import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './helpers';

const MODULE_CACHE = join(__dirname, '..', 'bin', 'module-cache.cjs');

/**
 * A root with a package in node_modules and a local module; run.js installs the cache with the
 * resolution key it is given, loads them and prints what they exported and the cache's counts.
 */
function project(): string {
  const root = tempDir('platform-module-cache-');
  write(root, 'node_modules/dep/package.json', JSON.stringify({ main: 'lib/main.js' }));
  write(root, 'node_modules/dep/lib/main.js', "module.exports = 'main';\n");
  write(root, 'node_modules/dep/lib/other.js', "module.exports = 'other';\n");
  write(root, 'src/local.js', "exports.word = 'one';\n");
  write(
    root,
    'src/entry.js',
    "module.exports = [require('dep'), require('./local').word, typeof require.resolve].join(' ');\n",
  );
  write(
    root,
    'run.js',
    `const { installModuleCache } = require(${JSON.stringify(MODULE_CACHE)});
const cache = installModuleCache(__dirname, require('node:path').join(__dirname, 'cache'), process.argv[2]);
const value = require('./src/entry.js');
process.on('exit', () => process.stdout.write(JSON.stringify({ value, counts: cache.counts })));
`,
  );
  settle();
  return root;
}

function write(root: string, path: string, text: string): void {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** Waits out the cache's one-second guard against edits in the same timestamp tick. */
function settle(): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1100);
}

function run(root: string, resolutionKey = 'key-1') {
  const result = spawnSync(process.execPath, [join(root, 'run.js'), resolutionKey], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`run.js failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as {
    value: string;
    counts: { cachedCode: number; compiled: number; cachedResolutions: number; resolved: number };
  };
}

describe('bin/module-cache.cjs', () => {
  test('a second run uses the code and the resolutions of the first, with the same result', () => {
    const root = project();
    const first = run(root);
    expect(first).toEqual({
      value: 'main one function',
      counts: { cachedCode: 0, compiled: 3, cachedResolutions: 0, resolved: 3 },
    });
    expect(readdirSync(join(root, 'cache'))).toHaveLength(1);

    expect(run(root)).toEqual({
      value: 'main one function',
      counts: { cachedCode: 3, compiled: 0, cachedResolutions: 3, resolved: 0 },
    });
  });

  test('runs the code on disk after an edit that keeps the size and the modification time', () => {
    const root = project();
    run(root);
    const local = join(root, 'src', 'local.js');
    const { atime, mtime } = statSync(local);
    writeFileSync(local, "exports.word = 'two';\n");
    utimesSync(local, atime, mtime);
    settle();

    const edited = run(root);
    expect(edited.value).toBe('main two function');
    expect(edited.counts).toMatchObject({ cachedCode: 2, compiled: 1 });
  });

  test('resolves anew when the resolution key changes', () => {
    const root = project();
    run(root);
    write(root, 'node_modules/dep/package.json', JSON.stringify({ main: 'lib/other.js' }));
    settle();

    const reinstalled = run(root, 'key-2');
    expect(reinstalled.value).toBe('other one function');
    expect(reinstalled.counts).toMatchObject({ cachedResolutions: 0, resolved: 3 });
  });

  test('a damaged cache file is an empty cache, replaced by the run', () => {
    const root = project();
    run(root);
    const [file] = readdirSync(join(root, 'cache'));
    writeFileSync(join(root, 'cache', file), 'not a cache');

    expect(run(root).counts).toMatchObject({ cachedCode: 0, compiled: 3 });
    expect(run(root).counts).toMatchObject({ cachedCode: 3, compiled: 0 });
  });

  test('a syntax error is reported by Node, naming the file', () => {
    const root = project();
    write(root, 'src/local.js', 'exports.word = ;\n');
    expect(() => run(root)).toThrow(/local\.js[\s\S]*SyntaxError: Unexpected token ';'/);
  });
});
