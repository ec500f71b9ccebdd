import type { PlannedStack } from '@genai-sandbox/core';
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { UsageError } from './errors';
import { type CdktfManifest, readManifest, STACKS_DIR } from './manifest';
import type { FilterArgs } from './options';

/**
 * Synthesis across processes, opt-in with PLATFORM_SYNTH_WORKERS=<n>. Each shard is a set of whole
 * (app, environment) groups; the parent synthesizes the first shard itself while child processes
 * do the others into directories of their own inside the staging directory, and the parent then
 * moves their stacks in. Each stack's output depends on its own constructs only, so the result is
 * the same bytes as one process (the golden test checks it).
 *
 * Off by default. Each process plans the configuration again and compiles the synthesis code
 * anew (a process started from the CLI's start-up snapshot, bin/snapshot.cjs, has the modules
 * loaded but not V8's optimised code): for 35 stacks two processes took 1.73 to 1.76 s against
 * 1.59 to 1.61 s for one; for 302 stacks 5.8 to 6.5 s against 7.0 to 7.2 s (interleaved, 3 and 4
 * runs, on a day this machine started Node in 0.14 s rather than its usual 0.04 s). Before the
 * snapshot, two processes were no faster at 302 stacks either. Machines with more cores gain more.
 */

/** The worker script, compiled beside this file; absent when running TypeScript sources. */
const WORKER = join(__dirname, 'synth-shard-worker.js');

/** What a shard process is sent. */
export interface ShardTask {
  readonly configDir: string;
  readonly appsDir: string;
  readonly filter: FilterArgs;
  readonly names: readonly string[];
  readonly outdir: string;
}

/** What it answers. */
export type ShardResult = { readonly ok: true } | { readonly ok: false; readonly message: string };

/** PLATFORM_SYNTH_WORKERS: a number of processes, "auto" (one per CPU, at most 4), or unset. */
export function synthWorkersSetting(env: NodeJS.ProcessEnv): number | 'auto' | undefined {
  const setting = env.PLATFORM_SYNTH_WORKERS?.trim() || undefined;
  if (setting === undefined || setting === 'auto') return setting;
  if (/^[1-9][0-9]*$/.test(setting)) return Number(setting);
  throw new UsageError(
    `PLATFORM_SYNTH_WORKERS is ${JSON.stringify(setting)}: set it to a number of processes (1 or more), to "auto" for one per CPU (at most 4), or unset it for one process.`,
  );
}

/**
 * How many processes synthesize `stackCount` stacks for that setting: one when unset, at most
 * one per ten stacks, and one when the compiled worker is missing (tests run the sources
 * in-process).
 */
export function synthProcessCount(
  setting: number | 'auto' | undefined,
  stackCount: number,
): number {
  if (!existsSync(WORKER)) return 1;
  const wanted = setting === 'auto' ? Math.min(availableParallelism(), 4) : (setting ?? 1);
  return Math.max(1, Math.min(wanted, Math.ceil(stackCount / 10)));
}

/**
 * The stacks in `count` shards of whole (app, environment) groups, the largest groups first into
 * the smallest shard, each shard in the selection's order.
 */
export function shardStacks(stacks: readonly PlannedStack[], count: number): PlannedStack[][] {
  const groups = new Map<string, PlannedStack[]>();
  for (const stack of stacks) {
    const key = `${stack.app.name}\0${stack.context.environment.name}`;
    groups.set(key, [...(groups.get(key) ?? []), stack]);
  }
  const shards: PlannedStack[][] = Array.from({ length: count }, () => []);
  const ordered = [...groups.values()].sort((a, b) => b.length - a.length);
  for (const group of ordered) {
    const smallest = shards.reduce((best, shard) => (shard.length < best.length ? shard : best));
    smallest.push(...group);
  }
  const position = new Map(stacks.map((stack, index) => [stack.name, index]));
  return shards
    .filter((shard) => shard.length > 0)
    .map((shard) =>
      shard.sort((a, b) => (position.get(a.name) ?? 0) - (position.get(b.name) ?? 0)),
    );
}

/**
 * Starts a child process on one shard and resolves once the task is written to it (the parent
 * then blocks in its own synthesis, and a queued message would wait for that); `done` resolves
 * when the child has written its stacks.
 */
async function startShard(task: ShardTask): Promise<{ child: ChildProcess; done: Promise<void> }> {
  const child = startWorker();
  const done = new Promise<void>((resolve, reject) => {
    let answered: ShardResult | undefined;
    child.once('message', (message) => {
      answered = message as ShardResult;
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (answered?.ok && code === 0) resolve();
      else
        reject(
          new Error(
            answered && !answered.ok
              ? answered.message
              : `a synthesis process for ${task.names.length} stacks exited with code ${code}`,
          ),
        );
    });
  });
  // Observed by the caller through `done`; without a handler here an early failure would be unhandled.
  done.catch(() => undefined);
  await new Promise<void>((resolve, reject) =>
    child.send(task, (error) => (error ? reject(error) : resolve())),
  );
  return { child, done };
}

/** The argument that makes the CLI's start-up snapshot serve a shard (snapshot-main.ts). */
export const SHARD_WORKER_ARGUMENT = '--serve-synth-shard';

/**
 * A worker process: from the start-up snapshot this process runs from, if any (it starts in a
 * fraction of the time loading the modules takes), else the compiled worker script.
 */
function startWorker(): ChildProcess {
  const stdio: ['ignore', 'inherit', 'inherit', 'ipc'] = ['ignore', 'inherit', 'inherit', 'ipc'];
  // This process's Node options name the snapshot, and V8 loads it only under the options it
  // was made with: the worker gets them all.
  return snapshotBlob(process.execArgv)
    ? spawn(process.execPath, [...process.execArgv, '--', SHARD_WORKER_ARGUMENT], { stdio })
    : fork(WORKER, [], { stdio });
}

/** The start-up snapshot named by Node's options, as bin/snapshot.cjs passes it. */
export function snapshotBlob(execArgv: readonly string[]): string | undefined {
  for (const [index, option] of execArgv.entries()) {
    if (option === '--snapshot-blob') return execArgv[index + 1];
    if (option.startsWith('--snapshot-blob=')) return option.slice('--snapshot-blob='.length);
  }
  return undefined;
}

/**
 * Synthesizes `shards` into `staging` (cdktf's layout, one manifest) with one process per shard,
 * the first in this process through `synthesizeHere`. Throws the first failure after stopping the
 * other processes; the caller removes the staging directory.
 */
export async function synthesizeInShards(
  shards: readonly (readonly PlannedStack[])[],
  staging: string,
  task: Omit<ShardTask, 'names' | 'outdir'>,
  synthesizeHere: (stacks: readonly PlannedStack[], outdir: string) => void,
): Promise<CdktfManifest> {
  const children = await Promise.all(
    shards.slice(1).map((shard, index) =>
      startShard({
        ...task,
        names: shard.map((stack) => stack.name),
        outdir: join(staging, `.shard-${index + 1}`),
      }),
    ),
  );
  try {
    synthesizeHere(shards[0], staging);
    await Promise.all(children.map((child) => child.done));
  } catch (error) {
    for (const { child } of children) child.kill();
    await Promise.allSettled(children.map((child) => child.done));
    throw error;
  }
  const manifest = readManifest(staging);
  if (!manifest) throw new Error(`synthesis wrote no manifest.json in ${staging}`);
  const stacks = { ...manifest.stacks };
  for (const index of children.keys()) {
    const dir = join(staging, `.shard-${index + 1}`);
    const shard = readManifest(dir);
    if (!shard) throw new Error(`a synthesis process wrote no manifest.json in ${dir}`);
    mkdirSync(join(staging, STACKS_DIR), { recursive: true });
    for (const name of Object.keys(shard.stacks)) {
      renameSync(join(dir, STACKS_DIR, name), join(staging, STACKS_DIR, name));
      stacks[name] = shard.stacks[name];
    }
    rmSync(dir, { recursive: true, force: true });
  }
  return { version: manifest.version, stacks };
}
