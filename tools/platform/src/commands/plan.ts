import type { CliContext, CommandSpec, OptionValues, ParseDefaults } from '../command';
import {
  parseTerraformArgs,
  runTerraform,
  TERRAFORM_OPTIONS,
  type TerraformArgs,
} from './terraform-args';

export type PlanArgs = TerraformArgs;

export const spec: CommandSpec = {
  name: 'plan',
  summary: 'run an offline terraform plan on synthesized stacks',
  details: [
    'Per stack: terraform plan -refresh=false with a local backend, fake credentials and a provider that',
    'skips every AWS call, so no account is touched. Writes <out>/stacks/<stack>/plan.json (terraform show',
    '-json). Run synth first. Providers come only from the filesystem mirror named by TF_PROVIDER_MIRROR.',
  ],
  options: TERRAFORM_OPTIONS,
  examples: [
    'TF_PROVIDER_MIRROR=/opt/tf-plugins platform plan',
    'platform plan --app foundation --env dev,test',
  ],
};

export function parse(options: OptionValues, defaults: ParseDefaults): PlanArgs {
  return parseTerraformArgs(options, defaults);
}

export function run(args: PlanArgs, context: CliContext): Promise<number> {
  return runTerraform('plan', args, context);
}
