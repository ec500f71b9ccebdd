import { join } from 'node:path';
import { runPolicyCheck } from '../check';
import { CliError, UsageError } from '../errors';
import { STACKS_DIR } from '../manifest';
import type { FilterArgs } from '../options';
import { WORK_DIR } from '../output-dir';
import { verifyIdentity } from '../preflight/preflight';
import { displayPath, indent, type Output, plural, seconds } from '../progress';
import { synth } from '../synth';
import { checkTerraformVersion, locateTerraform } from '../terraform/binary';
import { deployEnvironment } from '../terraform/deploy-environment';
import { terraformEnvironment } from '../terraform/environment';
import {
  committedLockFile,
  describeSource,
  installLockFile,
  providerSource,
  writeCliConfig,
} from '../terraform/provider-source';
import { FoundationOutputs } from './foundation-outputs';
import { countLine, formatPlanSummary, hasChanges, summarizePlan } from './plan-summary';
import { selectDeployStacks } from './select';
import { TerraformRunner } from './terraform-runner';

export interface DeployOptions {
  /** diff plans every stack and applies nothing; deploy applies each plan before the next stack. */
  readonly mode: 'deploy' | 'diff';
  /** Absolute. */
  readonly configDir: string;
  /** Absolute. */
  readonly out: string;
  readonly appsDir: string;
  readonly environment: string;
  readonly filter: FilterArgs & { readonly stacks?: readonly string[] };
  readonly autoApprove: boolean;
  /** Asks on the terminal; undefined when there is none. */
  readonly confirm?: (question: string) => Promise<boolean>;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly output: Output;
}

/** The saved plan of a stack, beside its cdk.tf.json; `apply` applies exactly it. */
const PLAN_FILE = 'tfplan';

/**
 * deploy and diff: synth the selected stacks, run the policy gate over them, check the
 * credentials with preflight, then per stack in dependency order terraform init (the real S3
 * backend of the stack), plan -out, the plan's summary and, for deploy, apply of that plan once
 * confirmed. deploy stops at the first failure and says what was applied; diff plans every stack.
 */
export async function runDeploy(options: DeployOptions): Promise<number> {
  const started = Date.now();
  const { mode, output } = options;
  const elapsed = () => seconds(Date.now() - started);
  if (mode === 'deploy' && !options.autoApprove && !options.confirm) {
    throw new UsageError(
      '"platform deploy" applies only after a confirmation on a terminal, and there is none (stdin or stdout is not a TTY). ' +
        'Review the changes with "platform diff" and pass --auto-approve to apply them without asking (as the deploy workflow does).',
    );
  }
  const selection = selectDeployStacks(
    options.configDir,
    options.appsDir,
    options.environment,
    options.filter,
  );

  synth({
    configDir: options.configDir,
    out: options.out,
    appsDir: options.appsDir,
    filter: selection.filter,
    cwd: options.cwd,
    output,
  });
  const gate = await runPolicyCheck({
    configDir: options.configDir,
    out: options.out,
    appsDir: options.appsDir,
    filter: selection.filter,
    cwd: options.cwd,
    output,
    format: 'text',
  });
  if (gate !== 0) {
    throw new CliError(
      `${mode}: the policy gate found errors in the stacks of ${options.environment} (above); nothing was planned or applied. Fix them and run "platform ${mode}" again.`,
    );
  }
  await verifyIdentity({
    configDir: options.configDir,
    environment: options.environment,
    env: options.env,
    cwd: options.cwd,
    output,
  });

  const runner = await prepareTerraform(options, mode);
  const stacksDir = join(options.out, STACKS_DIR);
  const names = selection.stacks.map((stack) => stack.name);
  output.out(
    `${mode} ${options.environment}: ${plural(names.length, 'stack')} in dependency order: ${names.join(', ')} (${runner.description}).`,
  );

  const foundation = new FoundationOutputs(runner.terraform, stacksDir);
  const lockFile = committedLockFile(options.appsDir);
  const applied: string[] = [];
  const unchanged: string[] = [];
  const failed: { stack: string; message: string }[] = [];
  for (const [index, stack] of selection.stacks.entries()) {
    const counter = `[${index + 1}/${names.length}] ${stack.name}`;
    const waiting = names.slice(index + 1);
    output.out(
      `${counter}: init, plan (${elapsed()} elapsed${waiting.length > 0 ? `; waiting: ${waiting.join(', ')}` : ''})`,
    );
    const dir = join(stacksDir, stack.name);
    try {
      installLockFile(lockFile, dir);
      await runner.terraform.step(dir, ['init', '-input=false', '-no-color']);
      const inputs = await foundation.writeInputs(dir, stack.context.environment.name);
      if (inputs.length > 0)
        output.out(`${counter}: stack inputs from foundation: ${inputs.join(', ')}`);
      await runner.terraform.step(dir, [
        'plan',
        '-input=false',
        '-no-color',
        '-lock-timeout=10m',
        `-out=${PLAN_FILE}`,
      ]);
      const shown = await runner.terraform.step(dir, ['show', '-json', '-no-color', PLAN_FILE]);
      const summary = summarizePlan(shown.stdout);
      const listed = formatPlanSummary(summary);
      output.out(`${counter}: ${countLine(summary)}${listed ? `\n${indent(listed)}` : ''}`);
      if (mode === 'diff') continue;
      if (!hasChanges(summary)) {
        unchanged.push(stack.name);
        output.out(`${counter}: no changes; nothing to apply (${elapsed()} elapsed)`);
        continue;
      }
      const approved =
        options.autoApprove ||
        (await options.confirm?.(
          `Apply these changes to ${stack.name} (account ${stack.context.environment.accountId})? Only "yes" applies: `,
        ));
      if (!approved) {
        output.err(
          stopped(
            mode,
            applied,
            stack.name,
            'was not applied: the changes were not confirmed',
            waiting,
          ),
        );
        return 1;
      }
      output.out(`${counter}: apply (${elapsed()} elapsed)`);
      await runner.terraform.step(dir, [
        'apply',
        '-input=false',
        '-no-color',
        '-lock-timeout=10m',
        PLAN_FILE,
      ]);
      applied.push(stack.name);
      if (stack.app.name === 'foundation') foundation.invalidate();
      output.out(`${counter}: applied (${elapsed()} elapsed)`);
    } catch (error) {
      // A terraform step (TerraformFailed) or the stack inputs: either way this stack failed.
      const message = error instanceof Error ? error.message : String(error);
      if (mode === 'deploy') {
        output.err(`\n=== ${stack.name} failed ===\n${indent(message, '  ')}`);
        output.err(stopped(mode, applied, stack.name, 'failed', waiting));
        return 1;
      }
      failed.push({ stack: stack.name, message });
      output.out(`${counter}: FAILED (${elapsed()} elapsed)`);
    }
  }
  if (mode === 'diff') {
    for (const { stack, message } of failed) {
      output.err(`\n=== diff ${stack} failed ===\n${indent(message, '  ')}`);
    }
    output.out(
      `diff ${options.environment}: ${names.length - failed.length} planned, ${failed.length} failed, in ${elapsed()}. Nothing was applied; plans in ${displayPath(options.cwd, stacksDir)}/<stack>/${PLAN_FILE}.`,
    );
    return failed.length > 0 ? 1 : 0;
  }
  output.out(
    `deploy ${options.environment}: ${applied.length} applied${applied.length > 0 ? ` (${applied.join(', ')})` : ''}, ${unchanged.length} without changes, in ${elapsed()}.`,
  );
  return 0;
}

function stopped(
  mode: string,
  applied: readonly string[],
  stack: string,
  what: string,
  waiting: readonly string[],
): string {
  return (
    `${mode} stopped: ${stack} ${what}. ` +
    `Applied before it: ${applied.join(', ') || 'none'}. ` +
    `Not started: ${waiting.join(', ') || 'none'}. ` +
    'Fix the cause and run the same command again: applied stacks plan no changes.'
  );
}

/** Terraform, its version, the provider source and the run's CLI configuration, checked before any stack. */
export async function prepareTerraform(
  options: Pick<DeployOptions, 'env' | 'cwd' | 'out'>,
  purpose: string,
): Promise<{ terraform: TerraformRunner; description: string }> {
  const located = locateTerraform(options.env, options.cwd);
  const source = providerSource(options.env);
  const problems = [
    'problem' in located ? located.problem : undefined,
    'problem' in source ? source.problem : undefined,
  ].filter((problem): problem is string => problem !== undefined);
  if (problems.length > 0 || !('path' in located) || !('source' in source)) {
    throw new CliError(
      `Cannot run terraform for ${purpose}:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
    );
  }
  let version;
  try {
    version = await checkTerraformVersion(
      located.path,
      terraformEnvironment(options.env),
      options.cwd,
    );
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
  const workRoot = join(options.out, WORK_DIR);
  const cliConfig = join(workRoot, 'deploy.tfrc');
  // A plugin cache only for the registry: from an unpacked mirror terraform links the provider.
  const pluginCache =
    source.source.kind === 'registry'
      ? (options.env.TF_PLUGIN_CACHE_DIR ?? join(workRoot, 'plugin-cache'))
      : undefined;
  writeCliConfig(cliConfig, source.source, pluginCache);
  return {
    terraform: new TerraformRunner(located.path, deployEnvironment(options.env, cliConfig)),
    description: `Terraform ${version.version}, ${describeSource(source.source)}`,
  };
}
