import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { FilterArgs } from './options';
import { CliError } from './errors';
import { STACK_FILE, STACKS_DIR } from './manifest';
import { DEFAULT_CONFIG_DIR, DEFAULT_OUT_DIR } from './options';
import { WORK_DIR } from './output-dir';
import { Mutex } from './pool';
import { displayPath, indent, type Output, plural, Progress, seconds } from './progress';
import { selectStacks } from './select-stacks';
import { checkTerraformVersion, locateTerraform } from './terraform/binary';
import { terraformEnvironment, writeRunFiles } from './terraform/environment';
import { inspectMirror, requiredProviders } from './terraform/mirror';
import { committedLockFile, describeSource, providerSource } from './terraform/provider-source';
import { batchSize } from './terraform/batch-dir';
import { runStacks } from './terraform/run-stacks';

export interface TerraformCommandOptions {
  readonly command: 'validate' | 'plan';
  /** Absolute. */
  readonly configDir: string;
  /** Absolute. */
  readonly out: string;
  readonly appsDir: string;
  readonly filter: FilterArgs;
  readonly concurrency: number;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly output: Output;
}

/**
 * validate or plan over the synthesized stacks. Every precondition is checked before any stack
 * runs: the stacks exist, then terraform and the mirror (reported together, so one run shows
 * both), then the terraform version and the providers in the mirror. Then the stacks run in
 * parallel. Returns the exit code: 1 when any stack failed.
 */
export async function runTerraformCommand(options: TerraformCommandOptions): Promise<number> {
  const started = Date.now();
  const { command, out, output } = options;
  const shownOut = displayPath(options.cwd, out);
  const selection = selectStacks(options.configDir, options.appsDir, options.filter, {
    loadApps: false,
  });
  const stacks = selection.stacks.map((stack) => ({
    name: stack.name,
    dir: join(out, STACKS_DIR, stack.name),
  }));

  const missing = stacks.filter((stack) => !existsSync(join(stack.dir, STACK_FILE)));
  if (missing.length > 0) {
    throw new CliError(
      `${plural(missing.length, 'stack')} not synthesized in ${shownOut}: ${missing.map((stack) => stack.name).join(', ')}. ` +
        `${command} works on the output of synth; run "npm run platform -- synth${synthArguments(options)}" first.`,
    );
  }

  const located = locateTerraform(options.env, options.cwd);
  const source = providerSource(options.env);
  const problems = [
    'problem' in located ? located.problem : undefined,
    'problem' in source ? source.problem : undefined,
  ].filter((problem): problem is string => problem !== undefined);
  if (problems.length > 0 || !('path' in located) || !('source' in source)) {
    throw new CliError(
      `Cannot run terraform ${command}:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
    );
  }

  let version;
  try {
    // The version check runs with the inherited environment minus TF_* (it needs no configuration).
    version = await checkTerraformVersion(
      located.path,
      terraformEnvironment(options.env),
      options.cwd,
    );
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
  // From the registry terraform reports what it cannot find; a mirror is checked first, in one message.
  const inspection =
    source.source.kind === 'mirror'
      ? inspectMirror(
          source.source.path,
          requiredProviders(stacks.map((stack) => join(stack.dir, STACK_FILE))),
          version.platform,
        )
      : { problems: [], packed: false };
  if (inspection.problems.length > 0) {
    throw new CliError(
      `Cannot run terraform ${command}: the provider mirror lacks what the stacks need.\n${inspection.problems.map((problem) => `  - ${problem}`).join('\n')}`,
    );
  }
  // A plugin cache for a packed mirror or the registry; init is then serialized (see writeRunFiles).
  const pluginCache = inspection.packed || source.source.kind === 'registry';
  const files = writeRunFiles(join(out, WORK_DIR), source.source, { pluginCache });
  const env = terraformEnvironment(options.env, files);
  const size = batchSize(options.env, stacks.length, options.concurrency);

  output.out(
    `${command}: ${plural(stacks.length, 'stack')} with Terraform ${version.version} (${located.path}), ` +
      `${describeSource(source.source)}, ${options.concurrency} at a time` +
      (size > 1 ? `, up to ${size} stacks per terraform process` : ''),
  );
  const progress = new Progress(output, command, stacks.length);
  const outcomes = await runStacks({
    command,
    stacks,
    workRoot: join(out, WORK_DIR),
    terraform: located.path,
    env,
    concurrency: options.concurrency,
    batchSize: size,
    initLock: pluginCache ? new Mutex() : undefined,
    lockFile: committedLockFile(options.appsDir),
    progress,
    note: (line) => output.out(line),
  });

  const failed = outcomes.filter(({ outcome }) => !outcome.ok);
  const written =
    command === 'plan'
      ? `; offline plans (no state, fake credentials) in ${join(shownOut, STACKS_DIR, '<stack>', 'plan.json')}; "platform diff --env <env>" plans against the real state`
      : '';
  output.out(
    `${command}: ${stacks.length - failed.length} ok, ${failed.length} failed, ${plural(stacks.length, 'stack')} in ${seconds(Date.now() - started)}${written}.`,
  );
  for (const { stack, outcome } of failed) {
    output.err(
      `\n=== ${command} ${stack} failed ===\n${indent(outcome.failure ?? 'no output', '  ')}`,
    );
  }
  return failed.length > 0 ? 1 : 0;
}

function synthArguments(options: TerraformCommandOptions): string {
  const parts: string[] = [];
  const configDir = relative(options.cwd, options.configDir);
  if (configDir !== DEFAULT_CONFIG_DIR) parts.push(`--config-dir ${options.configDir}`);
  if (options.filter.apps) parts.push(`--app ${options.filter.apps.join(',')}`);
  if (options.filter.environments) parts.push(`--env ${options.filter.environments.join(',')}`);
  if (options.filter.projects) parts.push(`--project ${options.filter.projects.join(',')}`);
  if (relative(options.cwd, options.out) !== DEFAULT_OUT_DIR) parts.push(`--out ${options.out}`);
  return parts.length > 0 ? ` ${parts.join(' ')}` : '';
}
