#!/usr/bin/env node
'use strict';
// `platform` (npm run platform, npm run synth, node_modules/.bin/platform): compiles the
// workspace when a source changed, then runs the compiled CLI: `synth` in a process started from
// the start-up snapshot of snapshot.cjs, every other command (and synth when the snapshot cannot
// be used) in this process with the module cache of module-cache.cjs. To run the TypeScript
// sources directly instead:
// node --conditions=@genai-sandbox/source --import tsx tools/platform/src/main.ts
const { readFileSync, statSync } = require('node:fs');
const { join, resolve } = require('node:path');
const { ensureCompiled, stampFile } = require('./compile.cjs');

/** The repository root: tools/platform/bin -> ../../.. */
const ROOT = join(__dirname, '..', '..', '..');

let compiled = false;
try {
  ensureCompiled();
  compiled = true;
} catch (error) {
  // esbuild's message lists every problem with its file, line and column.
  process.stderr.write(
    `platform: compiling the workspace failed. ${error instanceof Error ? error.message : String(error)}\n` +
      'Fix the TypeScript above and run the command again; "npm run typecheck" shows every problem.\n',
  );
  process.exitCode = 1;
}
if (compiled) {
  const argv = process.argv.slice(2);
  const warn = (text) => process.stderr.write(`${text}\n`);
  // `platform synth` starts from the start-up snapshot (snapshot.cjs) when it can be made.
  const snapshot = require('./snapshot.cjs');
  // Making it takes seconds: said on a terminal, not in logs and pipes.
  const note = process.stderr.isTTY ? warn : undefined;
  const blob = snapshot.snapshotFor(argv, resolutionKey(), { warn, note });
  if (blob) snapshot.runFromSnapshot(blob, argv, { warn, fallback: runFromFiles });
  else runFromFiles();
}

/** Runs the compiled CLI in this process, with the module cache of module-cache.cjs. */
function runFromFiles() {
  // PLATFORM_MODULE_CACHE=off loads every module as Node does; a directory keeps the cache there.
  const setting = process.env.PLATFORM_MODULE_CACHE?.trim();
  if (setting !== 'off') {
    require('./module-cache.cjs').installModuleCache(
      ROOT,
      setting ? resolve(setting) : join(ROOT, 'node_modules', '.cache', 'genai-sandbox-modules'),
      resolutionKey(),
    );
  }
  require('../dist/main.js');
}

/**
 * What decides where a `require` leads: the compiled workspace (the fingerprint of its sources and
 * package.json files), the installed packages (npm rewrites node_modules/.package-lock.json at
 * every install) and NODE_PATH. Node's version and options name the cache file.
 */
function resolutionKey() {
  const lock = statSync(join(ROOT, 'node_modules', '.package-lock.json'), {
    throwIfNoEntry: false,
  });
  return JSON.stringify([
    readFileSync(stampFile(), 'utf8'),
    lock ? `${lock.size}:${lock.mtimeMs}:${lock.ctimeMs}` : '-',
    process.env.NODE_PATH ?? '',
  ]);
}
