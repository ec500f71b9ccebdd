// Measures what bundling adds to a synth: every function of the catalogue built once in a fresh
// process (esbuild's start included), as `platform synth` would with an empty bundle cache (a
// fresh clone, CI), then read back from the cache on disk, as the next synth would. Fails above
// the budgets: 1 s for all functions built together, 1 MB per zip.
// Usage: npm run bench:functions
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const BUDGET_MS = 1000;
const MAX_ZIP_BYTES = 1024 * 1024;

async function main(): Promise<void> {
  const cacheDir = mkdtempSync(join(tmpdir(), 'bundle-bench-'));
  process.env.PLATFORM_FUNCTION_CACHE = cacheDir;
  try {
    await measure();
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

async function measure(): Promise<void> {
  const started = performance.now();
  const { bundleFunction, clearFunctionBundleCache } = await import('../src/function-bundle');
  const { FUNCTION_NAMES, functionSource } = await import('@genai-sandbox/functions');
  const loadedMs = performance.now() - started;
  const rows: string[] = [];
  let oversize = 0;
  for (const name of FUNCTION_NAMES) {
    const bundle = bundleFunction(functionSource(name));
    const again = bundleFunction(functionSource(name));
    if (bundle.zip.length > MAX_ZIP_BYTES) oversize += 1;
    rows.push(
      `  ${name.padEnd(24)} build ${String(bundle.buildMs).padStart(5)} ms  (again in this process: ${again.buildMs} ms)  ` +
        `code ${(bundle.codeBytes / 1024).toFixed(0).padStart(5)} KB  zip ${(bundle.zip.length / 1024).toFixed(0).padStart(5)} KB  ${bundle.fileName}`,
    );
  }
  const totalMs = performance.now() - started;
  clearFunctionBundleCache();
  const readStarted = performance.now();
  for (const name of FUNCTION_NAMES) {
    const read = bundleFunction(functionSource(name));
    if (read.from !== 'disk') throw new Error(`${name}: the cache on disk did not answer`);
  }
  const readMs = performance.now() - readStarted;
  console.log(`Functions: ${FUNCTION_NAMES.length}; modules loaded in ${loadedMs.toFixed(0)} ms`);
  console.log(rows.join('\n'));
  console.log(
    `Bundling all functions added ${totalMs.toFixed(0)} ms (budget ${BUDGET_MS} ms); largest zip budget ${MAX_ZIP_BYTES / 1024} KB.`,
  );
  console.log(`Reading all of them back from the bundle cache on disk: ${readMs.toFixed(0)} ms.`);
  if (totalMs > BUDGET_MS || oversize > 0) {
    console.error(
      `Over budget: ${totalMs > BUDGET_MS ? `${totalMs.toFixed(0)} ms > ${BUDGET_MS} ms` : ''}${oversize > 0 ? ` ${oversize} zip(s) over 1 MB` : ''}`,
    );
    process.exit(1);
  }
}

void main();
