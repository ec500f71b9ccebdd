/* eslint-disable @typescript-eslint/no-require-imports -- what `run` needs is loaded when it runs (see commands/index.ts) */
import { optionPath } from '../paths';
import type { CliContext, CommandSpec, OptionValues } from '../command';
import { CONFIG_DIR, DEFAULT_CONFIG_DIR, HELP } from '../options';

/** The three names are required; the command checks them against the configuration. */
export interface PromoteArgs {
  readonly configDir: string;
  readonly from: string | undefined;
  readonly to: string | undefined;
  readonly modelPackageArn: string | undefined;
  readonly dryRun: boolean;
}

export const spec: CommandSpec = {
  name: 'promote',
  summary: 'promote an approved model package one hop along the chain and record the release',
  details: [
    "Runs preflight for <to> and assumes <to>'s promotion role; checks that the package is Approved in <from>'s",
    "registry; copies its serving image (only that one) from the group's ECR repository of <from> into <to>'s,",
    "and its artifact into the same project's ML bucket of <to> (artifacts/models/, re-encrypted with <to>'s",
    "key; in parallel parts, resumable, above 5 GiB); registers it in <to>'s registry as PendingManualApproval,",
    "naming <to>'s image, with the source ARN as lineage; then writes <config-dir>/releases/<to>.json. platform",
    'approve approves it once <to> serves it and its smoke test passed. A second run changes nothing.',
    'AWS_ENDPOINT_URL_STS, _S3, _SAGEMAKER and _ECR override the endpoints.',
  ],
  options: [
    CONFIG_DIR,
    {
      name: 'from',
      value: 'env',
      description: 'the environment whose registry holds the approved package (required)',
      example: 'dev',
    },
    {
      name: 'to',
      value: 'env',
      description: 'the next environment of the promotion chain (required)',
      example: 'test',
    },
    {
      name: 'model-package-arn',
      value: 'arn',
      description: 'the approved, versioned model package in the source registry (required)',
      example: 'arn:aws:sagemaker:eu-west-1:111111111111:model-package/genai-llm-finetuned/3',
    },
    { name: 'dry-run', description: 'check and print what would be done; change nothing' },
    HELP,
  ],
  examples: [
    'platform promote --from dev --to test --model-package-arn arn:aws:sagemaker:eu-west-1:111111111111:model-package/genai-llm-finetuned/3',
    'platform promote --from test --to prod --model-package-arn <arn> --dry-run',
  ],
};

export function parse(options: OptionValues): PromoteArgs {
  return {
    configDir: options.single('config-dir') ?? DEFAULT_CONFIG_DIR,
    from: options.single('from'),
    to: options.single('to'),
    modelPackageArn: options.single('model-package-arn'),
    dryRun: options.flag('dry-run'),
  };
}

export async function run(args: PromoteArgs, context: CliContext): Promise<number> {
  const { runPromote } = require('../promote/promote') as typeof import('../promote/promote');
  return runPromote({
    configDir: optionPath(context.cwd, args.configDir, DEFAULT_CONFIG_DIR),
    from: args.from,
    to: args.to,
    modelPackageArn: args.modelPackageArn,
    dryRun: args.dryRun,
    env: context.env,
    cwd: context.cwd,
    output: context.output,
  });
}
