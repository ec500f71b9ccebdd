/* eslint-disable @typescript-eslint/no-require-imports -- what `run` needs is loaded when it runs (see commands/index.ts) */
import { optionPath } from '../paths';
import type { CliContext, OptionValues, ParseDefaults } from '../command';
import {
  CONCURRENCY,
  HELP,
  parseConcurrency,
  STACK_OPTIONS,
  type StackArgs,
  stackArgs,
  DEFAULT_CONFIG_DIR,
  DEFAULT_OUT_DIR,
} from '../options';

/** What validate and plan share: both run terraform over synthesized stacks. */

export interface TerraformArgs extends StackArgs {
  readonly concurrency: number;
}

export const TERRAFORM_OPTIONS = [...STACK_OPTIONS, CONCURRENCY, HELP];

export function parseTerraformArgs(options: OptionValues, defaults: ParseDefaults): TerraformArgs {
  return {
    ...stackArgs(options),
    concurrency: parseConcurrency(options.single('concurrency'), defaults.concurrency),
  };
}

export async function runTerraform(
  command: 'validate' | 'plan',
  args: TerraformArgs,
  context: CliContext,
): Promise<number> {
  const { runTerraformCommand } =
    require('../terraform-command') as typeof import('../terraform-command');
  return runTerraformCommand({
    command,
    configDir: optionPath(context.cwd, args.configDir, DEFAULT_CONFIG_DIR),
    out: optionPath(context.cwd, args.out, DEFAULT_OUT_DIR),
    appsDir: context.appsDir,
    filter: args.filter,
    concurrency: args.concurrency,
    env: context.env,
    cwd: context.cwd,
    output: context.output,
  });
}
