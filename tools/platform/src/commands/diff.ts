import type { CliContext, CommandSpec, OptionValues } from '../command';
import {
  type DeployArgs,
  DEPLOY_OPTIONS,
  HELP,
  parseDeployArgs,
  runDeployCommand,
} from './deploy-args';

export const spec: CommandSpec = {
  name: 'diff',
  summary: "plan an environment's stacks against their real state and summarize the changes",
  details: [
    'What deploy does up to the plan, for every selected stack of <env>: synth, the policy gate, preflight, then',
    "terraform init against the stack's S3 backend and plan, with the caller's credentials; prints per stack",
    'what is added, changed, replaced and destroyed, by address. Applies nothing (the equivalent of cdktf diff).',
    '"platform plan" is the offline tier instead: no credentials, no state.',
  ],
  options: [...DEPLOY_OPTIONS, HELP],
  examples: ['platform diff --env dev', 'platform diff --env prod --project fraud-detection'],
};

export function parse(options: OptionValues): DeployArgs {
  return parseDeployArgs('diff', options);
}

export function run(args: DeployArgs, context: CliContext): Promise<number> {
  return runDeployCommand('diff', args, context);
}
