#!/usr/bin/env node
'use strict';
// `platform` (npm run platform, npm run synth, node_modules/.bin/platform): compiles the
// workspace when a source changed, then runs the compiled CLI. To run the TypeScript sources
// directly instead: node --conditions=@genai-sandbox/source --import tsx tools/platform/src/main.ts
const { ensureCompiled } = require('./compile.cjs');

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
if (compiled) require('../dist/main.js');
