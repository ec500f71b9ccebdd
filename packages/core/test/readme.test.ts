import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { synthesize, testConfiguration, testStack } from '../src/testing';
import { addOutput, ConstructEnvironment } from '../src';
import { Testing } from 'cdktf';
import { MyStack } from './readme-example';
import { jobNetwork } from './readme-example-inputs';
import { TeamStack } from './readme-example-plain-stack';

// Examples are tests (docs/architecture.md#conventions): the README shows each example file verbatim, and each synthesizes.
describe('README examples', () => {
  const blocks = [
    ...readFileSync(join(__dirname, '..', 'README.md'), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g),
  ].map((match) => match[1]);

  test.each(['readme-example.ts', 'readme-example-inputs.ts', 'readme-example-plain-stack.ts'])(
    '%s is in the README',
    (file) => {
      expect(blocks).toContain(readFileSync(join(__dirname, file), 'utf8'));
    },
  );

  test('MyStack names its role from the configuration and outputs it', () => {
    const config = testConfiguration();
    const environment = config.environments.find((candidate) => candidate.name === 'dev')!;
    const project = environment.projects[0];
    const stack = new MyStack(Testing.app(), { config, environment, project });
    const json = synthesize(stack);
    expect(json.output?.router_role_name).toMatchObject({
      value: stack.naming.name('iam-role', 'router'),
      description: 'Role of the router Lambda',
    });
  });

  test('jobNetwork reads foundation outputs as Terraform variables', () => {
    const stack = testStack();
    const { subnet, vpcArn } = jobNetwork(stack);
    addOutput(stack, 'subnet', { value: subnet, description: 'first private subnet' });
    addOutput(stack, 'vpc_arn', { value: vpcArn, description: 'the VPC' });
    const json = synthesize(stack);
    expect(Object.keys((json as { variable?: object }).variable ?? {})).toEqual(
      expect.arrayContaining(['private_subnet_ids', 'vpc_id']),
    );
    expect(json.output?.subnet.value).toBe('${element(var.private_subnet_ids, 0)}');
    expect(json.output?.vpc_arn.value).toMatch(/^arn:aws:ec2:.*:vpc\/\$\{var\.vpc_id\}$/);
  });

  test('TeamStack is a TerraformStack of its own with explicit construct values', () => {
    const stack = new TeamStack(Testing.app(), 'team-ml-dev');
    const environment = ConstructEnvironment.of(stack);
    expect(environment.region).toBe('eu-central-1');
    expect(environment.naming.bucketName('ml')).toBe('risk-dev-scoring-ml-210987654321');
    expect(synthesize(stack).terraform?.backend).toEqual({
      s3: expect.objectContaining({ key: 'team-ml-dev.tfstate', encrypt: true }),
    });
  });
});
