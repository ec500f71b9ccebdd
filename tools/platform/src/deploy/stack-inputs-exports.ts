import { stackName } from '@genai-sandbox/config';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliError } from '../errors';
import { STACK_FILE, STACKS_DIR } from '../manifest';
import { verifyIdentity } from '../preflight/preflight';
import type { Output } from '../progress';
import { synth } from '../synth';
import { committedLockFile, installLockFile } from '../terraform/provider-source';
import {
  requiredVariables,
  stackInputsAsShellExports,
  stackInputsFromOutputs,
} from '../terraform/stack-inputs';
import { prepareTerraform } from './run-deploy';
import { selectDeployStacks } from './select';

export interface StackInputsOptions {
  /** Absolute. */
  readonly configDir: string;
  /** Absolute. */
  readonly out: string;
  readonly appsDir: string;
  readonly environment: string;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly output: Output;
}

/**
 * `platform stack-inputs --env <env>`: what `platform deploy` writes beside each stack before its
 * plan (foundation's outputs as the stacks' input variables), printed instead as `export
 * TF_VAR_...` lines, so that `cdktf deploy` (whose synth replaces the stack directories, and with
 * them any tfvars file) receives them from the environment. Synthesizes the environment's stacks,
 * checks the credentials, reads `terraform output -json` of its foundation stack from the real
 * backend and prints the inputs every stack of the environment declares. Everything but the
 * exports goes to stderr, so the output can be `eval`ed.
 */
export async function runStackInputs(options: StackInputsOptions): Promise<number> {
  const progress: Output = { out: options.output.err, err: options.output.err };
  const selection = selectDeployStacks(options.configDir, options.appsDir, options.environment, {});
  synth({
    configDir: options.configDir,
    out: options.out,
    appsDir: options.appsDir,
    filter: selection.filter,
    cwd: options.cwd,
    output: progress,
  });
  const stacksDir = join(options.out, STACKS_DIR);
  const declared = new Set(
    selection.stacks.flatMap((stack) =>
      requiredVariables(JSON.parse(readFileSync(join(stacksDir, stack.name, STACK_FILE), 'utf8'))),
    ),
  );
  if (declared.size === 0) {
    progress.out(
      `stack-inputs ${options.environment}: no stack of ${options.environment} declares stack inputs; nothing to export.`,
    );
    return 0;
  }
  const foundation = stackName('foundation', options.environment);
  const foundationDir = join(stacksDir, foundation);
  if (!existsSync(join(foundationDir, STACK_FILE))) {
    throw new CliError(
      `stack-inputs: the stacks of ${options.environment} read foundation's outputs, but ${foundation} is not among them (does --env name an environment with a foundation app?).`,
    );
  }
  await verifyIdentity({
    configDir: options.configDir,
    environment: options.environment,
    env: options.env,
    cwd: options.cwd,
    output: progress,
  });
  const runner = await prepareTerraform(options, 'stack-inputs');
  installLockFile(committedLockFile(options.appsDir), foundationDir);
  await runner.terraform.step(foundationDir, ['init', '-input=false', '-no-color']);
  const outputs = await runner.terraform.step(foundationDir, ['output', '-json', '-no-color']);
  let values: Record<string, unknown>;
  try {
    values = stackInputsFromOutputs(
      { variable: Object.fromEntries([...declared].map((name) => [name, {}])) },
      outputs.stdout,
      `terraform output -json of ${foundation}`,
    );
  } catch (error) {
    throw new CliError(
      `stack-inputs: ${error instanceof Error ? error.message : String(error)}\nNothing was exported.`,
    );
  }
  for (const line of stackInputsAsShellExports(values)) options.output.out(line);
  progress.out(
    `stack-inputs ${options.environment}: ${Object.keys(values).join(', ')} from ${foundation} (${runner.description}). ` +
      `Run: eval "$(npx platform stack-inputs --env ${options.environment})" && npx cdktf deploy '*-${options.environment}'`,
  );
  return 0;
}
