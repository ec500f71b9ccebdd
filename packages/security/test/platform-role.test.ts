import { onlyResourceOfType, synthesize, testStack } from '@genai-sandbox/core/testing';
import { Testing, TerraformVariable } from 'cdktf';
import { ChainedRole, type ChainedRoleProps, EventTargetRole, ServiceRole } from '../src';

const READ = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/x/*' } as const;
const DEPLOY = 'arn:aws:iam::111111111111:role/genai-dev-github-deploy';

function chained(props: Partial<ChainedRoleProps> = {}) {
  const stack = testStack();
  const role = new ChainedRole(stack, 'Role', {
    purpose: 'promotion',
    description: 'Promotes models',
    trustedRoleArns: [DEPLOY],
    statements: [READ],
    ...props,
  });
  return { stack, role };
}

const trustOf = (stack: ReturnType<typeof testStack>) =>
  JSON.parse(onlyResourceOfType(synthesize(stack), 'aws_iam_role').assume_role_policy as string)
    .Statement;

describe('ChainedRole', () => {
  it('trusts the named role of this account, with session tags, under the given Sid', () => {
    const { stack, role } = chained({ trustSid: 'DeployRoleOfThisEnvironment', policyName: 'p' });
    expect(trustOf(stack)).toEqual([
      {
        Sid: 'DeployRoleOfThisEnvironment',
        Effect: 'Allow',
        Principal: { AWS: DEPLOY },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
      },
    ]);
    expect(onlyResourceOfType(synthesize(stack), 'aws_iam_role_policy')).toMatchObject({
      name: 'p',
    });
    expect(role.roleName).toBe('genai-dev-promotion');
  });

  it('lists several trusted roles, and takes one known only at deploy time', () => {
    const stack = testStack();
    const other = new TerraformVariable(stack, 'other', { type: 'string' }).stringValue;
    new ChainedRole(stack, 'Role', {
      purpose: 'promotion',
      description: 'Promotes models',
      trustedRoleArns: [DEPLOY, other],
      statements: [READ],
    });
    expect(trustOf(stack)[0]).toMatchObject({
      Sid: 'TrustedRolesOfThisAccount',
      Principal: { AWS: [DEPLOY, '${var.other}'] },
    });
  });

  it('fails when a trusted role is of another account or a wildcard, or none is named', () => {
    expect(() =>
      chained({ trustedRoleArns: ['arn:aws:iam::222222222222:role/x', `${DEPLOY}*`] }),
    ).toThrow(
      /ChainedRole test-dev\/Role:\n.*"arn:aws:iam::222222222222:role\/x" is not a role of this account.*\n.*github-deploy\*" is not a role of this account/,
    );
    expect(() => chained({ trustedRoleArns: [] })).toThrow(/trustedRoleArns is empty/);
  });
});

describe('EventTargetRole', () => {
  it('trusts EventBridge for exactly one rule and may do one thing', () => {
    const stack = testStack();
    const rule = new TerraformVariable(stack, 'rule', { type: 'string' }).stringValue;
    const role = new EventTargetRole(stack, 'Role', {
      purpose: 'forward',
      ruleArn: rule,
      statement: READ,
      permissionsBoundary: { policyArn: 'arn:aws:iam::111111111111:policy/b' },
    });
    const json = synthesize(stack);
    const iamRole = onlyResourceOfType(json, 'aws_iam_role');
    expect(iamRole).toMatchObject({ permissions_boundary: 'arn:aws:iam::111111111111:policy/b' });
    expect(iamRole.description).toBeUndefined();
    expect(JSON.parse(iamRole.assume_role_policy as string).Statement).toEqual([
      {
        Sid: 'EventBridgeForThisRule',
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'aws:SourceAccount': '111111111111' },
          ArnEquals: { 'aws:SourceArn': '${var.rule}' },
        },
      },
    ]);
    expect(role.policyStatements).toEqual([READ]);
  });
});

describe('PlatformRole', () => {
  it('fails synthesis when the inline policy is larger than IAM allows for a role', () => {
    const stack = testStack();
    const role = new ServiceRole(stack, 'Role', {
      purpose: 'big',
      description: 'Too much',
      service: 'glue.amazonaws.com',
    });
    for (let index = 0; index < 120; index++) {
      role.addToPolicy({ ...READ, Sid: `Read${index}`, Resource: `arn:aws:s3:::b/${index}/*` });
    }
    expect(() => Testing.synth(stack, true)).toThrow(
      /ServiceRole test-dev\/Role: the inline policy counts \d+ characters, more than the 10240/,
    );
  });

  it('keeps an identical statement once and answers whether it added it', () => {
    const { role } = chained();
    expect(role.addToPolicy(READ)).toBe(false);
    expect(role.addToPolicy({ ...READ, Sid: 'Other' })).toBe(true);
    expect(role.policyStatements).toHaveLength(2);
  });
});
