import { TerraformOutput } from 'cdktf';
import { FOUNDATION_INPUTS, FoundationInputs, foundationInputPlaceholders } from '../src';
import { synthesize, testStack } from '../src/testing';

type Variable = {
  type: string;
  nullable: boolean;
  validation: { condition: string; error_message: string }[];
};
const variablesOf = (stack: ReturnType<typeof testStack>) =>
  (synthesize(stack) as { variable?: Record<string, Variable> }).variable ?? {};

describe('FoundationInputs', () => {
  it('declares only the variables a stack uses, named like foundation outputs', () => {
    const stack = testStack({ project: 'fraud-detection' });
    const inputs = FoundationInputs.of(stack);
    new TerraformOutput(stack, 'used', { value: [inputs.workloadSecurityGroupId] });
    expect(Object.keys(variablesOf(stack))).toEqual(['workload_security_group_id']);
  });

  it('is one instance per stack, so a variable is declared once however often it is read', () => {
    const stack = testStack({ project: 'fraud-detection' });
    expect(FoundationInputs.of(stack)).toBe(FoundationInputs.of(stack));
    new TerraformOutput(stack, 'used', {
      value: [FoundationInputs.of(stack).vpcId, FoundationInputs.of(stack).vpcArn],
    });
    expect(synthesize(stack).output?.used.value).toEqual([
      '${var.vpc_id}',
      'arn:aws:ec2:eu-west-1:111111111111:vpc/${var.vpc_id}',
    ]);
  });

  it('validates IDs and asks for one private subnet per availability zone', () => {
    const stack = testStack({ project: 'fraud-detection' });
    const inputs = FoundationInputs.of(stack);
    new TerraformOutput(stack, 'used', { value: [inputs.privateSubnetId(1), inputs.vpcId] });
    const variables = variablesOf(stack);
    expect(variables.private_subnet_ids).toMatchObject({ type: 'list(string)', nullable: false });
    expect(variables.private_subnet_ids.validation.map((v) => v.condition)).toEqual([
      '${alltrue([for id in var.private_subnet_ids : can(regex("^subnet-[0-9a-f]{8,17}$", id))])}',
      `\${length(var.private_subnet_ids) >= ${stack.environment.availabilityZones.length}}`,
    ]);
    expect(variables.vpc_id.validation[0].error_message).toContain('apply foundation-dev first');
    expect(synthesize(stack).output?.used.value).toEqual([
      '${element(var.private_subnet_ids, 1)}',
      '${var.vpc_id}',
    ]);
  });

  it('fails when the foundation stack itself asks for its inputs', () => {
    const stack = testStack({ app: 'foundation' });
    expect(() => FoundationInputs.of(stack)).toThrow(
      'the foundation stack produces the foundation inputs',
    );
  });

  it('fails when a subnet index is outside the environment zones', () => {
    const stack = testStack({ project: 'fraud-detection' });
    const zones = stack.environment.availabilityZones.length;
    expect(() => FoundationInputs.of(stack).privateSubnetId(zones)).toThrow(
      `has ${zones} availability zones; use an index from 0 to ${zones - 1}`,
    );
  });

  it('has offline placeholders that pass its own patterns, enough subnets for six zones', () => {
    const placeholders = foundationInputPlaceholders();
    for (const spec of Object.values(FOUNDATION_INPUTS)) {
      const value = placeholders[spec.name];
      const values = Array.isArray(value) ? value : [value];
      for (const item of values) expect(item).toMatch(new RegExp(spec.pattern));
    }
    expect(placeholders.private_subnet_ids).toHaveLength(6);
  });
});
