/* eslint-disable @typescript-eslint/no-require-imports -- what `run` needs is loaded when it runs (see commands/index.ts) */
import { optionPath, workspaceBase } from '../paths';
import { resolve } from 'node:path';
import type { CliContext, CommandSpec, OptionValues } from '../command';
import {
  checkOption,
  CONFIG_DIR,
  type GenerateArgs,
  generateArgs,
  HELP,
  DEFAULT_CONFIG_DIR,
} from '../options';

export type WorkflowsArgs = GenerateArgs;

export const spec: CommandSpec = {
  name: 'workflows',
  summary:
    'generate the GitHub Actions workflows (ci, deploy, promote, release) from the configuration',
  details: [
    'Writes .github/workflows/{ci,deploy,promote,release}.yml from environments/: the promotion chain, accounts, regions',
    'and the role ARNs the bootstrap stacks create. Run it after changing the chain or an account;',
    '--check fails when a committed workflow differs from what the configuration gives.',
  ],
  options: [CONFIG_DIR, checkOption('a workflow in .github/workflows'), HELP],
  examples: ['platform workflows', 'platform workflows --check'],
};

export function parse(options: OptionValues): WorkflowsArgs {
  return generateArgs(options);
}

export async function run(args: WorkflowsArgs, context: CliContext): Promise<number> {
  const { WORKFLOWS_DIR, writeWorkflows } =
    require('../workflows/generate') as typeof import('../workflows/generate');
  return writeWorkflows({
    configDir: optionPath(context.cwd, args.configDir, DEFAULT_CONFIG_DIR),
    workflowsDir: resolve(workspaceBase(context.cwd), WORKFLOWS_DIR),
    check: args.check,
    output: context.output,
    cwd: context.cwd,
  });
}
