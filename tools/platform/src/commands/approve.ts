/* eslint-disable @typescript-eslint/no-require-imports -- what `run` needs is loaded when it runs (see commands/index.ts) */
import { optionPath } from '../paths';
import type { CliContext, CommandSpec, OptionValues } from '../command';
import { CONFIG_DIR, DEFAULT_CONFIG_DIR, HELP } from '../options';

/** Both names are required; the command checks them against the configuration. */
export interface ApproveArgs {
  readonly configDir: string;
  readonly environment: string | undefined;
  readonly modelPackageArn: string | undefined;
}

export const spec: CommandSpec = {
  name: 'approve',
  summary:
    'approve a promoted model package once its environment serves it and the smoke test passed',
  details: [
    "Assumes <env>'s promotion role and sets the package, which platform promote registered as",
    'PendingManualApproval, to Approved: the approval forwards it to the next environment of the chain. It',
    'refuses a package that <config-dir>/releases/<env>.json does not pin and one that was rejected; an',
    'Approved package is left as it is. promote.yml runs it after the apply and the smoke test.',
  ],
  options: [
    CONFIG_DIR,
    {
      name: 'env',
      value: 'name',
      description: 'the environment whose registry holds the package (required)',
      example: 'test',
    },
    {
      name: 'model-package-arn',
      value: 'arn',
      description: 'the versioned model package that releases/<env>.json pins (required)',
      example: 'arn:aws:sagemaker:eu-west-1:222222222222:model-package/genai-llm-finetuned/1',
    },
    HELP,
  ],
  examples: [
    'platform approve --env test --model-package-arn arn:aws:sagemaker:eu-west-1:222222222222:model-package/genai-llm-finetuned/1',
  ],
};

export function parse(options: OptionValues): ApproveArgs {
  return {
    configDir: options.single('config-dir') ?? DEFAULT_CONFIG_DIR,
    environment: options.single('env'),
    modelPackageArn: options.single('model-package-arn'),
  };
}

export async function run(args: ApproveArgs, context: CliContext): Promise<number> {
  const { runApprove } = require('../promote/approve') as typeof import('../promote/approve');
  return runApprove({
    configDir: optionPath(context.cwd, args.configDir, DEFAULT_CONFIG_DIR),
    environment: args.environment,
    modelPackageArn: args.modelPackageArn,
    env: context.env,
    cwd: context.cwd,
    output: context.output,
  });
}
