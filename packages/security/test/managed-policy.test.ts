import type { PolicyStatement } from '@genai-sandbox/core';
import {
  onlyResourceOfType,
  resourcesOfType,
  synthesize,
  testStack,
} from '@genai-sandbox/core/testing';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import {
  IAM_POLICY_SIZE_LIMITS,
  ManagedPolicy,
  type ManagedPolicyProps,
  policySize,
  REFERENCE_SIZE_ALLOWANCE,
} from '../src';

const read: PolicyStatement = {
  Sid: 'Read',
  Effect: 'Allow',
  Action: 's3:GetObject',
  Resource: 'arn:aws:s3:::genai-dev-x/*',
};

function build(props: Partial<ManagedPolicyProps> = {}) {
  const stack = testStack();
  const role = new IamRole(stack, 'Role', {
    name: 'genai-dev-role',
    assumeRolePolicy: '{}',
    permissionsBoundary: 'arn:aws:iam::111111111111:policy/genai-dev-permissions-boundary',
  });
  const policy = new ManagedPolicy(stack, 'Policy', {
    purpose: 'reader',
    description: 'Reads x',
    statements: [read],
    roles: [role],
    ...props,
  });
  return { stack, policy, role };
}

describe('policySize', () => {
  it('counts the document without whitespace', () => {
    const rendered = JSON.stringify({ Version: '2012-10-17', Statement: [read] });
    expect(policySize([read])).toBe(rendered.length);
    expect(policySize(JSON.stringify(JSON.parse(rendered), null, 2))).toBe(rendered.length);
  });

  it('counts every reference at its upper bound, before and after synthesis', () => {
    const token = build().role.arn; // an unresolved cdktf token until synthesis
    expect(token).toMatch(/^\$\{TfToken\[/);
    const literal = policySize([{ ...read, Resource: '' }]);
    expect(policySize([{ ...read, Resource: token }])).toBe(literal + REFERENCE_SIZE_ALLOWANCE);
    expect(policySize('{"Resource":"${aws_kms_key.Key_1.arn}"}')).toBe(
      '{"Resource":""}'.length + REFERENCE_SIZE_ALLOWANCE,
    );
  });
});

describe('ManagedPolicy', () => {
  it('creates a named policy and attaches it to each role, after the role exists', () => {
    const { stack, policy } = build();
    const json = synthesize(stack);
    expect(onlyResourceOfType(json, 'aws_iam_policy')).toMatchObject({
      name: 'genai-dev-reader',
      description: 'Reads x',
    });
    expect(
      JSON.parse(onlyResourceOfType(json, 'aws_iam_policy').policy as string).Statement,
    ).toEqual([read]);
    const [roleName] = Object.keys(resourcesOfType(json, 'aws_iam_role'));
    expect(onlyResourceOfType(json, 'aws_iam_role_policy_attachment')).toEqual({
      role: `\${aws_iam_role.${roleName}.name}`,
      policy_arn: expect.stringMatching(/^\$\{aws_iam_policy\.Policy_[A-F0-9]+\.arn\}$/),
    });
    expect(policy.size).toBe(policySize([read]));
  });

  it('fails when the document exceeds the managed-policy limit, naming size, limit and fix', () => {
    const many = Array.from({ length: 120 }, (_, index) => ({
      ...read,
      Sid: `Read${index}`,
      Resource: `arn:aws:s3:::genai-dev-bucket-number-${index}/*`,
    }));
    expect(policySize(many)).toBeGreaterThan(IAM_POLICY_SIZE_LIMITS.managedPolicy);
    expect(() => build({ statements: many })).toThrow(
      /genai-dev-reader\):\n {2}the document counts \d+ characters, more than the 6144 IAM allows for a managed policy; split the statements/,
    );
  });

  it('fails when there is nothing to grant or no role to attach to, listing both', () => {
    expect(() => build({ statements: [], roles: [] })).toThrow(
      /statements is empty.*\n.*roles is empty/,
    );
  });
});
