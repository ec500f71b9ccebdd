/**
 * The entry of the CLI's start-up snapshot: bin/snapshot.cjs bundles this module with the apps
 * into one script, has Node run it once and save the heap (a V8 start-up snapshot), and starts
 * `platform synth` from that heap. What runs in those processes is `main` below.
 *
 * Everything loaded here is frozen into the snapshot as it was when it loaded: a module that read
 * the environment, the clock or the working directory while loading would carry the build's
 * values into every run. The workspace's modules read them when called instead, and tests compare
 * the snapshot's output with the output of a synth without it.
 */
import { clearFunctionBundleCache } from '@genai-sandbox/compute';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startupSnapshot } from 'node:v8';
import { loadCommand } from './commands';
import { preloadApps } from './discover-apps';
import { defaultAppsDir } from './paths';
import { runProcess } from './run-process';
import { synth } from './synth';
import { serveShard } from './synth-shard-worker';
import { SHARD_WORKER_ARGUMENT } from './synth-shards';

export interface SnapshotOptions {
  /**
   * A configuration synthesized once while the snapshot is made, so that the snapshot holds the
   * code V8 compiled for it: without it, each run compiles every function synthesis calls, about
   * a quarter of a 35-stack synth (1.35 s against 0.97 s in the process, measured). Skipped when
   * the configuration does not synthesize. Every function bundle it needs must be in the bundle
   * cache on disk (bin/snapshot.cjs fills it first): esbuild and fflate, which a cache miss would
   * load, cannot be snapshotted.
   */
  readonly warmUpConfigDir?: string;
}

/**
 * Loads the synth command, registers the apps (bundled by bin/snapshot.cjs, keyed by their entry
 * files), warms up, and registers the function that runs when a process starts from the snapshot.
 */
export function buildSnapshot(
  apps: Readonly<Record<string, Record<string, unknown>>>,
  options: SnapshotOptions = {},
): void {
  if (!startupSnapshot.isBuildingSnapshot()) {
    throw new Error(
      'snapshot-main.ts runs only inside `node --build-snapshot` (bin/snapshot.cjs).',
    );
  }
  loadCommand('synth');
  preloadApps(apps);
  if (options.warmUpConfigDir) warmUp(options.warmUpConfigDir);
  startupSnapshot.setDeserializeMainFunction(main);
}

function warmUp(configDir: string): void {
  const scratch = mkdtempSync(join(tmpdir(), 'platform-snapshot-warm-up-'));
  try {
    synth({
      configDir,
      out: join(scratch, 'out'),
      appsDir: defaultAppsDir(),
      filter: {},
      cwd: scratch,
      output: { out: () => undefined, err: () => undefined },
    });
  } catch {
    // Only an optimisation: a run with this configuration reports what is wrong with it.
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    // What synthesis remembers per process (bundles, file digests, zips written) stays out.
    clearFunctionBundleCache();
  }
}

function main(): void {
  // Node's own arguments end at the `--` bin/snapshot.cjs puts before the command line.
  const argv = process.argv.slice(1);
  if (argv[0] === SHARD_WORKER_ARGUMENT) serveShard();
  else runProcess(argv);
}
