/* eslint-disable @typescript-eslint/no-require-imports -- what `run` needs is loaded when it runs (see commands/index.ts) */
import type { CliContext, CommandSpec, OptionValues } from '../command';
import { UsageError } from '../errors';
import { CONFIG_DIR, DEFAULT_CONFIG_DIR, DEFAULT_OUT_DIR, HELP, OUT_DIR } from '../options';
import { optionPath } from '../paths';

export interface StackInputsArgs {
  readonly configDir: string;
  readonly out: string;
  readonly environment: string | undefined;
}

export const spec: CommandSpec = {
  name: 'stack-inputs',
  summary: "print foundation's outputs as TF_VAR_ exports, for cdktf deploy",
  details: [
    "Synthesizes <env>'s stacks, checks the credentials with preflight, reads terraform output -json of",
    "foundation-<env> from its S3 backend and prints the stack inputs the environment's stacks declare as",
    '"export TF_VAR_<name>=..." lines (everything else goes to stderr), so that cdktf deploy, whose synth',
    'replaces the stack directories, receives them from the environment. platform deploy needs none of this.',
    'Use: eval "$(npx platform stack-inputs --env dev)" && npm run cdktf -- deploy \'inference-*-dev\'',
  ],
  options: [
    CONFIG_DIR,
    OUT_DIR,
    {
      name: 'env',
      value: 'name',
      description: 'the environment whose foundation outputs to read (required; one name)',
      example: 'dev',
    },
    HELP,
  ],
  examples: ['platform stack-inputs --env dev'],
};

export function parse(options: OptionValues): StackInputsArgs {
  const environments = options.list('env');
  if (!environments || environments.length !== 1)
    throw new UsageError(
      `"platform stack-inputs" needs exactly one --env <name>${environments ? `, received ${environments.join(',')}` : ''}: ` +
        "it reads one environment's foundation outputs with that account's credentials. Example: --env dev.",
    );
  return {
    configDir: options.single('config-dir') ?? DEFAULT_CONFIG_DIR,
    out: options.single('out') ?? DEFAULT_OUT_DIR,
    environment: environments[0],
  };
}

export async function run(args: StackInputsArgs, context: CliContext): Promise<number> {
  const { runStackInputs } =
    require('../deploy/stack-inputs-exports') as typeof import('../deploy/stack-inputs-exports');
  return runStackInputs({
    configDir: optionPath(context.cwd, args.configDir, DEFAULT_CONFIG_DIR),
    out: optionPath(context.cwd, args.out, DEFAULT_OUT_DIR),
    appsDir: context.appsDir,
    environment: args.environment as string,
    env: context.env,
    cwd: context.cwd,
    output: context.output,
  });
}
