#!/usr/bin/env node
// Benchmarks synthesis of every stack: the platform CLI (one process, deep imports, tsx) against
// the conventional cdktf path (one ts-node process per app, barrel import), side by side.
// Usage: npm run bench [-- --runs N]   Prints wall time and peak RSS of each, and the ratios.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs: received "${values.runs}"; expected a whole number of runs, at least 1`);
  process.exit(2);
}
const scratch = mkdtempSync(join(tmpdir(), 'genai-bench-'));
const rssPreload = join(root, 'tools/platform/bench/report-rss.cjs');

/** Runs one node process and returns its wall time (ms) and peak RSS (bytes). */
function measure(args, env = {}) {
  const rssFile = join(scratch, `rss-${process.hrtime.bigint()}`);
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['-r', rssPreload, ...args], {
    cwd: root,
    env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile },
    encoding: 'utf8',
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) {
    console.error(result.stdout, result.stderr);
    throw new Error(`benchmarked command failed: node ${args.join(' ')}`);
  }
  return { wallMs, rssBytes: Number(readFileSync(rssFile, 'utf8')) };
}

const median = (numbers) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)];
const source = ['--conditions=@genai-sandbox/source'];

// Fast path: exactly what `npm run synth` runs, minus npm's own start-up.
const fastOut = join(scratch, 'fast');
const fast = Array.from({ length: runs }, () =>
  measure([...source, '--import', 'tsx', 'tools/platform/src/main.ts', 'synth', '--out', fastOut]),
);

// Conventional path: cdktf runs each app in its own process; the apps' times add up, the
// peak is the largest process.
const apps = readdirSync(join(root, 'apps')).filter((app) =>
  existsSync(join(root, 'apps', app, 'src/main.ts')),
);
const conventionalOut = join(scratch, 'conventional');
const conventional = Array.from({ length: Math.min(runs, 2) }, () => {
  const perApp = apps.map((app) =>
    measure([...source, '-r', 'ts-node/register', 'tools/platform/bench/conventional-entry.ts'], {
      BENCH_APP_MAIN: join(root, 'apps', app, 'src/main.ts'),
      CDKTF_OUTDIR: conventionalOut,
      TS_NODE_PROJECT: join(root, 'tsconfig.json'),
    }),
  );
  return {
    wallMs: perApp.reduce((sum, run) => sum + run.wallMs, 0),
    rssBytes: Math.max(...perApp.map((run) => run.rssBytes)),
  };
});

// Both paths must produce the same Terraform, or the comparison means nothing.
const stacks = readdirSync(join(fastOut, 'stacks')).sort();
const differing = stacks.filter(
  (stack) =>
    readFileSync(join(fastOut, 'stacks', stack, 'cdk.tf.json'), 'utf8') !==
    readFileSync(join(conventionalOut, 'stacks', stack, 'cdk.tf.json'), 'utf8'),
);
rmSync(scratch, { recursive: true, force: true });
if (differing.length > 0)
  throw new Error(`the two paths synthesized different Terraform for: ${differing.join(', ')}`);

const row = (label, samples) => {
  const wall = median(samples.map((sample) => sample.wallMs));
  const rss = median(samples.map((sample) => sample.rssBytes));
  console.log(
    `${label.padEnd(44)} ${(wall / 1000).toFixed(2).padStart(7)} s ${(rss / 2 ** 20).toFixed(0).padStart(7)} MB`,
  );
  return { wall, rss };
};
console.log(
  `Synthesis of ${stacks.length} stacks from ${apps.length} app(s), median of ${runs} / ${conventional.length} run(s), ${process.version}`,
);
console.log(`${'path'.padEnd(44)} ${'wall'.padStart(9)} ${'peak RSS'.padStart(10)}`);
const a = row('platform synth (one process, deep imports)', fast);
const b = row('conventional cdktf (ts-node, barrel import)', conventional);
console.log(
  `ratio conventional / platform: wall ${(b.wall / a.wall).toFixed(1)}x, peak RSS ${(b.rss / a.rss).toFixed(1)}x`,
);
console.log('outputs of both paths are byte-identical');
