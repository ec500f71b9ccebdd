import type { CliContext, CommandSpec, OptionValues } from '../command';
import {
  AUTO_APPROVE,
  type DeployArgs,
  DEPLOY_OPTIONS,
  HELP,
  parseDeployArgs,
  runDeployCommand,
} from './deploy-args';

export const spec: CommandSpec = {
  name: 'deploy',
  summary: "apply an environment's stacks in dependency order with the caller's credentials",
  details: [
    'synth and the policy gate over the selected stacks of <env>, preflight (the credentials must be in its',
    'account), then one stack at a time in dependency order (bootstrap only when --app names it, foundation,',
    "then the blueprints): terraform init against the stack's S3 backend, plan -out tfplan, the summary of the",
    'plan, and apply of exactly that plan with --auto-approve or after "yes" on the terminal. Stops at the',
    'first failure and names the stacks applied before it. Providers come from the registry, or from the',
    'mirror named by TF_PROVIDER_MIRROR; their checksums from the committed .terraform.lock.hcl.',
  ],
  options: [...DEPLOY_OPTIONS, AUTO_APPROVE, HELP],
  examples: [
    'platform deploy --env dev',
    'platform deploy --env test --app inference-realtime --auto-approve',
    'platform deploy --env shared --auto-approve',
  ],
};

export function parse(options: OptionValues): DeployArgs {
  return parseDeployArgs('deploy', options);
}

export function run(args: DeployArgs, context: CliContext): Promise<number> {
  return runDeployCommand('deploy', args, context);
}
