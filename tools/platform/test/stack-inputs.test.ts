import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  OFFLINE_INPUTS_FILE,
  offlineStackInputs,
  requiredVariables,
  STACK_INPUTS_FILE,
  stackInputsAsShellExports,
  stackInputsFromOutputs,
} from '../src';
import { prepareWorkDir } from '../src/terraform/work-dir';

const STACK = {
  variable: {
    private_subnet_ids: { type: 'list(string)' },
    workload_security_group_id: { type: 'string' },
    with_default: { type: 'string', default: 'x' },
  },
};
/** What `terraform output -json` prints for foundation-dev. */
const OUTPUTS = JSON.stringify({
  vpc_id: { sensitive: false, type: 'string', value: 'vpc-0123456789abcdef0' },
  private_subnet_ids: {
    sensitive: false,
    type: ['tuple', ['string', 'string']],
    value: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
  },
  workload_security_group_id: { sensitive: false, type: 'string', value: 'sg-0123456789abcdef0' },
  platform_key_arn: { sensitive: false, type: 'string', value: 'arn:aws:kms:...' },
});

describe('stack inputs', () => {
  it('lists the variables without a default', () => {
    expect(requiredVariables(STACK)).toEqual(['private_subnet_ids', 'workload_security_group_id']);
    expect(requiredVariables({})).toEqual([]);
  });

  it('takes exactly the declared inputs from foundation outputs', () => {
    expect(stackInputsFromOutputs(STACK, OUTPUTS, 'foundation-dev outputs')).toEqual({
      private_subnet_ids: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
      workload_security_group_id: 'sg-0123456789abcdef0',
    });
  });

  it('fails when foundation lacks an output, naming the output, the source and the fix', () => {
    const outputs = JSON.stringify({ vpc_id: { value: 'vpc-0123456789abcdef0' } });
    expect(() => stackInputsFromOutputs(STACK, outputs, 'foundation-dev.json')).toThrow(
      /output "private_subnet_ids" is missing from foundation-dev.json; apply the foundation stack[\s\S]*output "workload_security_group_id" is missing/,
    );
  });

  it('fails when a required variable is no foundation input', () => {
    const stack = { variable: { token: { type: 'string' } } };
    expect(() => stackInputsFromOutputs(stack, OUTPUTS, 'x')).toThrow(
      'variable "token" is not a foundation input',
    );
    expect(() => offlineStackInputs(stack)).toThrow(
      '"token" have no default and no offline placeholder',
    );
  });

  it('fails when the outputs are not terraform output JSON', () => {
    expect(() => stackInputsFromOutputs(STACK, 'Warning: No outputs found', 'out.json')).toThrow(
      'out.json is not the JSON of "terraform output -json"',
    );
    expect(() => stackInputsFromOutputs(STACK, '[]', 'out.json')).toThrow('not the object');
  });

  it('gives an offline plan deterministic placeholders', () => {
    expect(offlineStackInputs(STACK)).toEqual({
      private_subnet_ids: expect.arrayContaining(['subnet-00000000000000001']),
      workload_security_group_id: 'sg-00000000000000000',
    });
  });

  it('writes the placeholders beside the offline override, never the deploy inputs', () => {
    const stackDir = mkdtempSync(join(tmpdir(), 'stack-'));
    const workDir = mkdtempSync(join(tmpdir(), 'work-'));
    writeFileSync(join(stackDir, 'cdk.tf.json'), JSON.stringify(STACK));
    writeFileSync(join(stackDir, STACK_INPUTS_FILE), '{"workload_security_group_id":"sg-1"}');
    prepareWorkDir(stackDir, workDir, 'plan');
    expect(readdirSync(workDir)).not.toContain(STACK_INPUTS_FILE);
    expect(JSON.parse(readFileSync(join(workDir, OFFLINE_INPUTS_FILE), 'utf8'))).toEqual(
      offlineStackInputs(STACK),
    );
    prepareWorkDir(stackDir, workDir, 'validate');
    expect(readdirSync(workDir)).not.toContain(OFFLINE_INPUTS_FILE);
  });
});

describe('stackInputsAsShellExports', () => {
  it('quotes every value as one shell word: strings as they are, lists as JSON', () => {
    expect(
      stackInputsAsShellExports({
        vpc_id: 'vpc-0123',
        private_subnet_ids: ['subnet-1', 'subnet-2'],
        odd: "it's",
      }),
    ).toEqual([
      "export TF_VAR_vpc_id='vpc-0123'",
      'export TF_VAR_private_subnet_ids=\'["subnet-1","subnet-2"]\'',
      "export TF_VAR_odd='it'\\''s'",
    ]);
  });
});
