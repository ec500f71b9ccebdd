import { formatWarnings } from '@genai-sandbox/config';
import { synthesizeStacks } from '@genai-sandbox/core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FilterArgs } from './args';
import { stackDependencies } from './deploy/order';
import { CliError } from './errors';
import {
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
import { selectStacks } from './select-stacks';

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

/**
 * Synthesizes the selected stacks in this process into a staging directory beside `out`, then
 * swaps it in, so that a failure at any point (configuration, a construct's validation, a full
 * disk) leaves an earlier output exactly as it was.
 */
export function synth(options: SynthOptions): SynthResult {
  const started = Date.now();
  const selection = selectStacks(options.configDir, options.appsDir, options.filter);
  if (selection.warnings.length > 0) options.output.err(formatWarnings(selection.warnings));
  assertReplaceable(options.out);
  const shown = displayPath(options.cwd, options.out);

  const staging = createStagingDir(options.out);
  let kept: string[] = [];
  let stacks: Record<string, StackManifest>;
  try {
    try {
      synthesizeStacks(selection.stacks, staging);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new CliError(`Synthesis failed; ${shown} was left untouched.\n${reason}`);
    }
    const fresh = readManifest(staging);
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
    `Synthesized ${plural(names.length, 'stack')} into ${shown} in ${seconds(Date.now() - started)} (${scope}).`,
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
