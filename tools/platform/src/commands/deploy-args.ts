/* eslint-disable @typescript-eslint/no-require-imports -- what `run` needs is loaded when it runs (see commands/index.ts) */
import { optionPath } from '../paths';
import type { CliContext, OptionSpec, OptionValues } from '../command';
import { UsageError } from '../errors';
import {
  HELP,
  STACK_OPTIONS,
  stackArgs,
  type StackArgs,
  DEFAULT_CONFIG_DIR,
  DEFAULT_OUT_DIR,
} from '../options';

/** What deploy and diff share: one account's stacks, planned against the real state. */

export interface DeployArgs extends StackArgs {
  readonly environment: string;
  readonly stacks: readonly string[] | undefined;
  readonly autoApprove: boolean;
}

/** --env takes one name here: one run works with the credentials of one account. */
const ONE_ENVIRONMENT: OptionSpec = {
  name: 'env',
  value: 'name',
  description:
    'the environment whose stacks to plan (required; one name; "shared" for the shared-services account)',
  example: 'dev',
};

const STACK: OptionSpec = {
  name: 'stack',
  value: 'name',
  list: true,
  description: 'only these stacks of the environment, by full name',
  example: 'inference-realtime-fraud-detection-test',
};

export const AUTO_APPROVE: OptionSpec = {
  name: 'auto-approve',
  description:
    'apply every plan without asking (CI); otherwise each stack with changes asks on the terminal',
};

export const DEPLOY_OPTIONS: readonly OptionSpec[] = [
  ...STACK_OPTIONS.map((option) => (option.name === 'env' ? ONE_ENVIRONMENT : option)),
  STACK,
];

export { HELP };

export function parseDeployArgs(command: string, options: OptionValues): DeployArgs {
  const environments = options.list('env');
  if (!environments || environments.length !== 1) {
    throw new UsageError(
      `"platform ${command}" needs exactly one --env <name>${environments ? `, received ${environments.join(',')}` : ''}: ` +
        'one run plans the stacks of one account with its credentials. Example: --env dev.',
    );
  }
  const base = stackArgs(options);
  return {
    ...base,
    filter: { apps: base.filter.apps, projects: base.filter.projects },
    environment: environments[0],
    stacks: options.list('stack'),
    autoApprove: options.flag('auto-approve'),
  };
}

export async function runDeployCommand(
  mode: 'deploy' | 'diff',
  args: DeployArgs,
  context: CliContext,
): Promise<number> {
  const { runDeploy } = require('../deploy/run-deploy') as typeof import('../deploy/run-deploy');
  return runDeploy({
    mode,
    configDir: optionPath(context.cwd, args.configDir, DEFAULT_CONFIG_DIR),
    out: optionPath(context.cwd, args.out, DEFAULT_OUT_DIR),
    appsDir: context.appsDir,
    environment: args.environment,
    filter: { ...args.filter, stacks: args.stacks },
    autoApprove: args.autoApprove,
    confirm: context.confirm,
    env: context.env,
    cwd: context.cwd,
    output: context.output,
  });
}
