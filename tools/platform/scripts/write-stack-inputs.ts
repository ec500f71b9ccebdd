/**
 * Writes a stack's foundation inputs for a real plan or apply:
 *
 *   node --conditions=@genai-sandbox/source --import tsx write-stack-inputs.ts <outputs.json> <stack-dir>
 *
 * <outputs.json> is `terraform output -json` of foundation-<env>; the values of the variables the
 * stack declares land in <stack-dir>/platform_stack_inputs.auto.tfvars.json, which Terraform loads
 * by itself. terraform-env.sh runs it before planning each stack that declares variables.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { STACK_INPUTS_FILE, stackInputsFromOutputs } from '../src/terraform/stack-inputs';

const [outputsFile, stackDir] = process.argv.slice(2);
if (!outputsFile || !stackDir) {
  console.error('Usage: write-stack-inputs.ts <foundation outputs.json> <stack directory>');
  process.exit(2);
}
try {
  const stack = JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8'));
  const values = stackInputsFromOutputs(stack, readFileSync(outputsFile, 'utf8'), outputsFile);
  writeFileSync(join(stackDir, STACK_INPUTS_FILE), `${JSON.stringify(values, null, 2)}\n`);
  console.log(`${join(stackDir, STACK_INPUTS_FILE)}: ${Object.keys(values).join(', ')}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
