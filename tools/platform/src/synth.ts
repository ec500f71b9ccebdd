import { formatWarnings } from '@genai-sandbox/config';
import { synthesizeStacks } from '@genai-sandbox/core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FilterArgs } from './args';
import { stackDependencies } from './deploy/order';
import { CliError } from './errors';
import {
  type CdktfManifest,
  readManifest,
  STACK_FILE,
  stackManifestEntry,
  STACKS_DIR,
  type StackManifest,
  writeManifest,
} from './manifest';
import {
  assertReplaceable,
  carryOver,
  carryOverWorkDir,
  createStagingDir,
  removeQuietly,
  swapIn,
} from './output-dir';
import { displayPath, indent, type Output, plural, seconds } from './progress';
import { type Selection, selectStacks } from './select-stacks';
import {
  shardStacks,
  synthesizeInShards,
  synthProcessCount,
  synthWorkersSetting,
} from './synth-shards';

export interface SynthOptions {
  /** Absolute. */
  readonly configDir: string;
  /** Absolute. */
  readonly out: string;
  readonly appsDir: string;
  readonly filter: FilterArgs;
  /** For paths in messages. */
  readonly cwd: string;
  readonly output: Output;
}

export interface SynthResult {
  readonly synthesized: readonly string[];
  readonly kept: readonly string[];
}

/** A synthesis between its start (stacks selected, staging directory made) and its finish. */
interface SynthRun {
  readonly started: number;
  readonly selection: Selection;
  readonly shown: string;
  readonly staging: string;
}

function startSynth(options: SynthOptions): SynthRun {
  const started = Date.now();
  const selection = selectStacks(options.configDir, options.appsDir, options.filter);
  if (selection.warnings.length > 0) options.output.err(formatWarnings(selection.warnings));
  assertReplaceable(options.out);
  return {
    started,
    selection,
    shown: displayPath(options.cwd, options.out),
    staging: createStagingDir(options.out),
  };
}

/**
 * Synthesizes the selected stacks in this process into a staging directory beside `out`, then
 * swaps it in, so that a failure at any point (configuration, a construct's validation, a full
 * disk) leaves an earlier output exactly as it was.
 */
export function synth(options: SynthOptions): SynthResult {
  return synthInThisProcess(options, startSynth(options));
}

function synthInThisProcess(options: SynthOptions, run: SynthRun): SynthResult {
  try {
    synthesizeStacks(run.selection.stacks, run.staging);
  } catch (error) {
    removeQuietly(run.staging);
    throw synthesisFailed(run, error);
  }
  return finishSynth(options, run, readManifest(run.staging));
}

/**
 * `platform synth`: as synth, across the processes PLATFORM_SYNTH_WORKERS asks for
 * (synth-shards.ts), with the same output and the same all-or-nothing swap.
 */
export async function synthInProcesses(
  options: SynthOptions & { readonly env: NodeJS.ProcessEnv },
): Promise<SynthResult> {
  // A bad PLATFORM_SYNTH_WORKERS fails here, before anything is selected or written.
  const workers = synthWorkersSetting(options.env);
  const run = startSynth(options);
  const processes = synthProcessCount(workers, run.selection.stacks.length);
  if (processes <= 1) return synthInThisProcess(options, run);
  let manifest: CdktfManifest;
  try {
    manifest = await synthesizeInShards(
      shardStacks(run.selection.stacks, processes),
      run.staging,
      { configDir: options.configDir, appsDir: options.appsDir, filter: options.filter },
      synthesizeStacks,
    );
    // The shards' entries in one manifest, as a single process writes it.
    writeManifest(run.staging, manifest);
  } catch (error) {
    removeQuietly(run.staging);
    throw synthesisFailed(run, error);
  }
  return finishSynth(options, run, manifest);
}

function synthesisFailed(run: SynthRun, error: unknown): CliError {
  const reason = error instanceof Error ? error.message : String(error);
  return new CliError(`Synthesis failed; ${run.shown} was left untouched.\n${reason}`);
}

/** Carries kept stacks over, writes the manifest with dependencies, swaps the output in, reports. */
function finishSynth(
  options: SynthOptions,
  run: SynthRun,
  fresh: CdktfManifest | undefined,
): SynthResult {
  const { selection, shown, staging } = run;
  let kept: string[] = [];
  let stacks: Record<string, StackManifest>;
  try {
    if (!fresh)
      throw new CliError(
        `Synthesis wrote no ${join(staging, 'manifest.json')}; this is a bug in core's synthesizeStacks.`,
      );
    stacks = { ...fresh.stacks };
    if (selection.filtered) {
      const previous = readManifest(options.out);
      kept = carryOver(options.out, staging, new Set(Object.keys(stacks)));
      for (const name of kept) stacks[name] = previous?.stacks[name] ?? stackManifestEntry(name);
    }
    // Every stack of the configuration, for the dependencies of kept stacks too.
    const everyStack = selection.filtered
      ? selectStacks(options.configDir, options.appsDir, {}, { loadApps: false }).stacks
      : selection.stacks;
    stacks = withDependencies(stacks, stackDependencies(everyStack));
    writeManifest(staging, { version: fresh.version, stacks });
    if (selection.filtered) carryOverWorkDir(options.out, staging);
    swapIn(staging, options.out);
  } catch (error) {
    removeQuietly(staging);
    throw error;
  }

  for (const stack of selection.stacks) {
    const file = join(STACKS_DIR, stack.name, STACK_FILE);
    const warnings = stacks[stack.name].annotations.map(
      (annotation) =>
        `${levelName(annotation.level)} [${annotation.constructPath}] ${annotation.message}`,
    );
    const line = `  ${stack.name}  ${join(shown, file)}  ${plural(countResources(join(options.out, file)), 'resource')}`;
    options.output.out(warnings.length > 0 ? `${line}\n${indent(warnings.join('\n'))}` : line);
  }
  const names = selection.stacks.map((stack) => stack.name);
  const scope = selection.filtered
    ? `filtered run: ${plural(names.length, 'stack')} replaced, ${kept.length} kept`
    : `${shown} replaced`;
  options.output.out(
    `Synthesized ${plural(names.length, 'stack')} into ${shown} in ${seconds(Date.now() - run.started)} (${scope}).`,
  );
  return { synthesized: names, kept };
}

/**
 * The manifest with each stack's dependencies among the stacks it lists (foundation before the
 * blueprints of its environment), so that `cdktf deploy` from the root orders them as
 * `platform deploy` does.
 */
function withDependencies(
  stacks: Record<string, StackManifest>,
  dependencies: ReadonlyMap<string, readonly string[]>,
): Record<string, StackManifest> {
  return Object.fromEntries(
    Object.entries(stacks).map(([name, entry]) => [
      name,
      {
        ...entry,
        dependencies: (dependencies.get(name) ?? []).filter((dependency) => dependency in stacks),
      },
    ]),
  );
}

function countResources(file: string): number {
  const stack = JSON.parse(readFileSync(file, 'utf8')) as {
    resource?: Record<string, Record<string, unknown>>;
  };
  return Object.values(stack.resource ?? {}).reduce(
    (sum, byName) => sum + Object.keys(byName).length,
    0,
  );
}

function levelName(level: string): string {
  return level.replace('@cdktf/', '');
}
