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
    'skips every AWS call, so no account is touched: the offline tier ("platform diff" plans against the real',
    'state). Writes <out>/stacks/<stack>/plan.json (terraform show -json). Run synth first. Providers come from',
    'registry.terraform.io, or only from the mirror named by TF_PROVIDER_MIRROR when it is set; either way they',
    'must match the checksums of the committed .terraform.lock.hcl.',
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
