#!/usr/bin/env node
// Benchmarks synthesis: `platform synth` (every stack in one process, started from the CLI's
// start-up snapshot, and without it) against the real `cdktf synth` of cdktf-cli (pinned in
// package.json), run in each app directory as a cdktf user does, with the app command of its
// cdktf.json. Runs are interleaved (alternating which goes
// first) so that load from other processes hits both alike; medians with min and max. Then the
// scale curve of `platform synth` over generated configurations (29, 71 and 302 stacks with
// today's apps: 1, 3 and 14 full-profile projects).
// A benchmark, not a test: it fails only when a command fails or the two outputs differ.
//
// Usage: npm run bench [-- --runs 5] [-- --projects 1,3,14] [-- --apps foundation,inference-realtime]
// (--apps: compare on those apps' stacks only; the scale curve always synthesizes every stack)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const { generateConfiguration } = require('./generate-config.js');

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    projects: { type: 'string', default: '1,3,14' },
    // cdktf synth pays about 7 s of start per app (70 s a run for 10 apps): a subset is quicker.
    apps: { type: 'string' },
  },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs: received "${values.runs}"; expected a whole number of runs, at least 1`);
  process.exit(2);
}
const curve = values.projects.split(',').map(Number);
if (curve.some((count) => !Number.isInteger(count) || count < 1)) {
  console.error(
    `--projects: received "${values.projects}"; expected whole numbers separated by commas, e.g. 1,3,14`,
  );
  process.exit(2);
}

const scratch = mkdtempSync(join(tmpdir(), 'genai-bench-'));
const usagePreload = join(root, 'tools/platform/bench/report-usage.cjs');
const platformCommand = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts
  .platform;
const cdktfPackage = require.resolve('cdktf-cli/package.json', { paths: [root] });
const cdktfManifest = JSON.parse(readFileSync(cdktfPackage, 'utf8'));
const cdktfBin = join(dirname(cdktfPackage), cdktfManifest.bin.cdktf);
const allApps = readdirSync(join(root, 'apps'))
  .filter((app) => existsSync(join(root, 'apps', app, 'cdktf.json')))
  .sort();
const apps = values.apps ? values.apps.split(',') : allApps;
const unknownApps = apps.filter((app) => !allApps.includes(app));
if (unknownApps.length > 0) {
  console.error(
    `--apps: received "${values.apps}"; ${unknownApps.join(', ')} is not an app with a cdktf.json. Choose from ${allApps.join(', ')}`,
  );
  process.exit(2);
}

/**
 * Runs one command (a shell line) to completion and returns its wall time, the CPU time of all
 * its Node.js processes, and the peak RSS of the largest of them. Processes other than Node.js
 * (cdktf synth runs `terraform version`) count in wall time only.
 */
function measure(command, { cwd = root, env = {} } = {}) {
  const usageFile = join(scratch, `usage-${process.hrtime.bigint()}`);
  const started = process.hrtime.bigint();
  const result = spawnSync(command, {
    cwd,
    shell: true,
    encoding: 'utf8',
    env: {
      ...process.env,
      ...env,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${usagePreload}`.trim(),
      BENCH_USAGE_FILE: usageFile,
    },
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) {
    console.error(result.stdout, result.stderr);
    throw new Error(`benchmarked command failed (exit ${result.status}) in ${cwd}: ${command}`);
  }
  const processes = readFileSync(usageFile, 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(' ').map(Number));
  return {
    wallMs,
    cpuMs: processes.reduce((sum, [cpu]) => sum + cpu / 1000, 0),
    rssBytes: Math.max(...processes.map(([, rss]) => rss)),
  };
}

/**
 * The benchmark's own start-up snapshot directory (bin/snapshot.cjs): made by the first run,
 * which is reported on its own, and not the checkout's.
 */
const snapshotDir = join(scratch, 'snapshot');

/**
 * `platform synth` of every stack, or of the given apps' stacks only; from the start-up snapshot
 * unless `snapshot` is 'off'.
 */
function platformSynth(out, configDir, onlyApps, snapshot = snapshotDir) {
  rmSync(out, { recursive: true, force: true });
  const config = configDir ? ` --config-dir ${configDir}` : '';
  const filter = onlyApps ? ` --app ${onlyApps.join(',')}` : '';
  return measure(`${platformCommand} synth --out ${out}${config}${filter}`, {
    env: { PLATFORM_SNAPSHOT: snapshot },
  });
}

/** `cdktf synth` in every app directory, one after the other; times add up, RSS is the peak. */
function cdktfSynth(outRoot, configDir) {
  rmSync(outRoot, { recursive: true, force: true });
  mkdirSync(outRoot); // cdktf creates its --output directory but not the parents
  const perApp = apps.map((app) =>
    measure(`node ${cdktfBin} synth --output ${join(outRoot, app)}`, {
      cwd: join(root, 'apps', app),
      // No telemetry call; the apps read the configuration directory from PLATFORM_CONFIG_DIR.
      env: { CHECKPOINT_DISABLE: '1', ...(configDir ? { PLATFORM_CONFIG_DIR: configDir } : {}) },
    }),
  );
  return {
    wallMs: perApp.reduce((sum, run) => sum + run.wallMs, 0),
    cpuMs: perApp.reduce((sum, run) => sum + run.cpuMs, 0),
    rssBytes: Math.max(...perApp.map((run) => run.rssBytes)),
  };
}

/** Stack name -> cdk.tf.json content of every `<dir>/stacks/<stack>` found under `dirs`. */
function stackFiles(dirs) {
  const files = new Map();
  for (const dir of dirs) {
    for (const stack of readdirSync(join(dir, 'stacks'))) {
      files.set(stack, readFileSync(join(dir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
    }
  }
  return files;
}

const sorted = (numbers) => [...numbers].sort((a, b) => a - b);
const median = (numbers) => {
  const s = sorted(numbers);
  const middle = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[middle] : (s[middle - 1] + s[middle]) / 2;
};
const stats = (samples, key) => {
  const numbers = samples.map((sample) => sample[key]);
  return { median: median(numbers), min: Math.min(...numbers), max: Math.max(...numbers) };
};
const secondsCell = ({ median: m, min, max }) =>
  `${(m / 1000).toFixed(2)} [${(min / 1000).toFixed(2)}-${(max / 1000).toFixed(2)}]`.padStart(21);
const megabytesCell = ({ median: m, min, max }) =>
  `${(m / 2 ** 20).toFixed(0)} [${(min / 2 ** 20).toFixed(0)}-${(max / 2 ** 20).toFixed(0)}]`.padStart(
    15,
  );
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

try {
  console.log(
    `Synthesis benchmark: node ${process.version}, ${availableParallelism()} CPUs, load average ${load()} (1, 5, 15 min) at start`,
  );
  console.log(`platform synth = ${platformCommand} synth`);
  console.log(
    `cdktf synth    = cdktf-cli ${cdktfManifest.version} in each of apps/{${apps.join(',')}}, running the app command of its cdktf.json`,
  );

  // 1. Checked-in configuration: the three paths, interleaved (rotating which goes first), after
  // the first run, which makes the start-up snapshot.
  const platformOut = join(scratch, 'platform');
  const filesOut = join(scratch, 'platform-files');
  const cdktfOut = join(scratch, 'cdktf');
  const subset = values.apps ? apps : undefined;
  const first = platformSynth(platformOut, undefined, subset);
  const paths = [
    ['platform synth', () => platformSynth(platformOut, undefined, subset)],
    ['  no snapshot', () => platformSynth(filesOut, undefined, subset, 'off')],
    ['cdktf synth', () => cdktfSynth(cdktfOut)],
  ].map(([label, run]) => ({ label, run, samples: [] }));
  for (let run = 0; run < runs; run += 1) {
    for (let index = 0; index < paths.length; index += 1) {
      const path = paths[(run + index) % paths.length];
      path.samples.push(path.run());
    }
  }
  const ours = stackFiles([platformOut]);
  const fromFiles = stackFiles([filesOut]);
  const unlike = [...ours.keys()].filter((stack) => ours.get(stack) !== fromFiles.get(stack));
  if (unlike.length > 0 || ours.size !== fromFiles.size) {
    throw new Error(
      `platform synth wrote different Terraform with and without the start-up snapshot for: ${unlike.join(', ') || '(other stacks)'}`,
    );
  }
  const theirs = stackFiles(apps.map((app) => join(cdktfOut, app)));
  const differing = [...ours.keys(), ...theirs.keys()].filter(
    (stack) => ours.get(stack) !== theirs.get(stack),
  );
  if (differing.length > 0) {
    throw new Error(
      `platform synth and cdktf synth wrote different Terraform for: ${[...new Set(differing)].join(', ')}`,
    );
  }

  console.log(
    `\nChecked-in configuration: ${ours.size} stacks from ${apps.length} apps, ${runs} interleaved runs each, median [min-max]`,
  );
  console.log(
    `${'path'.padEnd(16)}${'wall s'.padStart(21)}${'CPU s'.padStart(21)}${'peak RSS MB'.padStart(16)}`,
  );
  const rows = paths.map(({ label, samples }) => {
    const row = {
      wall: stats(samples, 'wallMs'),
      cpu: stats(samples, 'cpuMs'),
      rss: stats(samples, 'rssBytes'),
    };
    console.log(
      `${label.padEnd(16)}${secondsCell(row.wall)}${secondsCell(row.cpu)}${megabytesCell(row.rss)}`,
    );
    return row;
  });
  const ratio = (key, of = 2) => (rows[of][key].median / rows[0][key].median).toFixed(1);
  console.log(
    `ratio cdktf / platform (medians): wall ${ratio('wall')}x, CPU ${ratio('cpu')}x, peak RSS ${ratio('rss')}x; without the snapshot / with it: wall ${ratio('wall', 1)}x, CPU ${ratio('cpu', 1)}x`,
  );
  console.log(
    `first platform synth after a change of the code (makes the start-up snapshot, bin/snapshot.cjs): ${(first.wallMs / 1000).toFixed(2)} s wall`,
  );
  console.log(
    `outputs: the ${ours.size} cdk.tf.json files of all paths are byte-identical. CPU counts Node.js processes only (platform synth: the launcher and the process it starts); peak RSS is the largest process.`,
  );

  // 2. Scale curve of platform synth over generated configurations.
  console.log(
    `\nScale curve of platform synth: checked-in configuration with N full-profile projects in each of its environments, ${runs} runs each, median [min-max]`,
  );
  console.log(
    `${'projects'.padStart(8)}${'stacks'.padStart(8)}${'wall s'.padStart(21)}${'CPU s'.padStart(21)}${'peak RSS MB'.padStart(16)}`,
  );
  const points = [];
  for (const projects of curve) {
    const configDir = generateConfiguration({
      projects,
      outDir: join(scratch, `config-${projects}`),
    });
    const out = join(scratch, `curve-${projects}`);
    const samples = Array.from({ length: runs }, () => platformSynth(out, configDir));
    const stacks = readdirSync(join(out, 'stacks')).length;
    const point = { stacks, wall: stats(samples, 'wallMs') };
    points.push(point);
    console.log(
      `${String(projects).padStart(8)}${String(stacks).padStart(8)}${secondsCell(point.wall)}${secondsCell(stats(samples, 'cpuMs'))}${megabytesCell(stats(samples, 'rssBytes'))}`,
    );
  }
  if (points.length > 1) {
    const first = points[0];
    const last = points[points.length - 1];
    const perStack = (last.wall.median - first.wall.median) / (last.stacks - first.stacks);
    console.log(
      `marginal cost: ${perStack.toFixed(1)} ms a stack between ${first.stacks} and ${last.stacks} stacks (wall, medians)`,
    );
  }
  console.log(`\nload average ${load()} at end`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
