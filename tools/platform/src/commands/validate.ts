import type { CliContext, CommandSpec, OptionValues, ParseDefaults } from '../command';
import {
  parseTerraformArgs,
  runTerraform,
  TERRAFORM_OPTIONS,
  type TerraformArgs,
} from './terraform-args';

export type ValidateArgs = TerraformArgs;

export const spec: CommandSpec = {
  name: 'validate',
  summary: 'run terraform validate on synthesized stacks',
  details: [
    'Per stack: terraform init -backend=false, then terraform validate -json, in a work directory',
    'under <out>/.work/. Prints every diagnostic (severity, summary, detail, address). Run synth first.',
    'Providers come from registry.terraform.io, or only from the filesystem mirror named by TF_PROVIDER_MIRROR',
    'when it is set; either way they must match the checksums of the committed .terraform.lock.hcl.',
  ],
  options: TERRAFORM_OPTIONS,
  examples: [
    'TF_PROVIDER_MIRROR=/opt/tf-plugins platform validate',
    'platform validate --env dev --concurrency 2',
  ],
};

export function parse(options: OptionValues, defaults: ParseDefaults): ValidateArgs {
  return parseTerraformArgs(options, defaults);
}

export function run(args: ValidateArgs, context: CliContext): Promise<number> {
  return runTerraform('validate', args, context);
}
