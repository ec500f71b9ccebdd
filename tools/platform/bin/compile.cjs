'use strict';
// Compiles the workspace (packages/*, apps/*, tools/platform) from src/ to dist/, one JavaScript
// file per TypeScript file, so that the CLI runs compiled code instead of transpiling ~800
// modules at every start. Sources stay the truth: tests and editors use them through the
// "@genai-sandbox/source" export condition, and `ensureCompiled` recompiles whenever a source
// changed, so a run never uses stale output. Plain CommonJS, because it runs before anything is
// compiled.
const { createHash } = require('node:crypto');
const { existsSync, readdirSync, readFileSync, statSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');

/** The repository root: tools/platform/bin -> ../../.. */
const ROOT = join(__dirname, '..', '..', '..');
/** Written last by a successful compilation: the fingerprint of the sources it compiled. */
function stampFile(root = ROOT) {
  return join(root, 'tools', 'platform', 'dist', '.source-fingerprint');
}

/** The workspaces whose src/ the CLI loads: every package and app, and the CLI itself. */
function workspaces(root = ROOT) {
  const under = (parent) =>
    existsSync(join(root, parent))
      ? readdirSync(join(root, parent), { withFileTypes: true })
          .filter((entry) => entry.isDirectory())
          .map((entry) => join(root, parent, entry.name))
      : [];
  return [...under('packages'), ...under('apps'), join(root, 'tools', 'platform')].filter(
    (dir) => existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src')),
  );
}

function sourceFiles(dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) files.push(path);
  }
  return files.sort();
}

/**
 * Every input of the compilation by path, size and modification time (git rewrites the files a
 * checkout changes), the compiler settings, this file, and whether each output entry exists (a
 * deleted dist/ is stale too). Stat only: no source is read, so the check costs a few ms.
 */
function fingerprint(root = ROOT) {
  const hash = createHash('sha256');
  const add = (path) => {
    const stat = statSync(path, { throwIfNoEntry: false });
    hash.update(`${relative(root, path)}\0${stat ? `${stat.size}:${stat.mtimeMs}` : '-'}\n`);
  };
  add(join(root, 'tsconfig.json'));
  add(join(root, 'tsconfig.base.json'));
  add(join(__dirname, 'compile.cjs'));
  for (const dir of workspaces(root)) {
    add(join(dir, 'package.json'));
    add(join(dir, 'dist', 'index.js'));
    for (const file of sourceFiles(join(dir, 'src'))) add(file);
  }
  return hash.digest('hex');
}

/** Compiles every workspace's src/ into its dist/ with esbuild, as tsx would transpile it. */
function compile(root = ROOT) {
  const esbuild = require('esbuild');
  for (const dir of workspaces(root)) {
    esbuild.buildSync({
      entryPoints: sourceFiles(join(dir, 'src')),
      outbase: join(dir, 'src'),
      outdir: join(dir, 'dist'),
      bundle: false,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      // For stack traces: run with NODE_OPTIONS=--enable-source-maps to see TypeScript lines.
      sourcemap: true,
      tsconfig: join(root, 'tsconfig.json'),
      // The thrown error lists every problem with its file and line; the caller prints it.
      logLevel: 'silent',
    });
  }
}

/**
 * Compiles when the sources differ from what dist/ was compiled from; returns true when it did.
 * A failed compilation leaves no fingerprint, so the next run tries again.
 */
function ensureCompiled(root = ROOT) {
  const stamp = stampFile(root);
  const wanted = fingerprint(root);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return false;
  compile(root);
  // The fingerprint again: compiling created dist/index.js files, which it covers.
  writeFileSync(stamp, fingerprint(root));
  return true;
}

module.exports = { compile, ensureCompiled, fingerprint, stampFile, workspaces };

if (require.main === module) {
  compile();
  writeFileSync(stampFile(), fingerprint());
}
