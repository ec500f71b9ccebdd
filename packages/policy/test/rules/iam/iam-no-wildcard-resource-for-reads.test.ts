import { iamNoWildcardResourceForReads as rule } from '../../../src/rules/iam/iam-no-wildcard-resource-for-reads';
import { stackOf, violations } from '../../helpers';
import { BOUNDARY_ARN, boundaryPolicy, roleWithBoundary, rolePolicy } from './fixtures';

describe('iam-no-wildcard-resource-for-reads', () => {
  it('passes reads on named resources and, on "*", reads without resource types', async () => {
    const stack = stackOf(
      rolePolicy(
        {
          Sid: 'ReadPlatformRoles',
          Effect: 'Allow',
          Action: ['iam:GetRole', 'iam:ListRoleTags'],
          Resource: 'arn:aws:iam::111111111111:role/genai-dev-*',
        },
        {
          Sid: 'ReadWithoutResourceTypes',
          Effect: 'Allow',
          Action: ['ec2:DescribeVpcs', 's3:ListAllMyBuckets', 'kms:ListAliases', 'aoss:List*'],
          Resource: '*',
        },
        {
          Sid: 'WritesAreAnotherRule',
          Effect: 'Allow',
          Action: 'xray:PutTraceSegments',
          Resource: '*',
        },
        { Sid: 'DenyReads', Effect: 'Deny', Action: 'lambda:Get*', Resource: '*' },
      ),
    );
    expect(await violations(rule, stack, 'aws_iam_role_policy.Work')).toEqual([]);
  });

  it('passes the permissions boundary, a ceiling that grants nothing', async () => {
    const stack = stackOf({ ...boundaryPolicy(), ...roleWithBoundary(BOUNDARY_ARN) });
    expect(await violations(rule, stack, 'aws_iam_policy.Boundary')).toEqual([]);
  });

  it('fails when a read that names a resource type is granted on "*"', async () => {
    const stack = stackOf(
      rolePolicy({
        Sid: 'ReadPlatformConfiguration',
        Effect: 'Allow',
        Action: ['iam:GetRole', 'ec2:DescribeVpcs'],
        Resource: '*',
      }),
    );
    expect(await violations(rule, stack, 'aws_iam_role_policy.Work')).toEqual([
      'policy statement "ReadPlatformConfiguration": grants iam:GetRole (Read) on Resource "*"; it can be limited to named resources',
    ]);
  });

  it('fails when a wildcard on "*" includes scoped reads (function code and environment, job definitions)', async () => {
    const stack = stackOf(
      rolePolicy({
        Sid: 'ReadPlatformConfiguration',
        Effect: 'Allow',
        Action: ['lambda:Get*', 'sagemaker:Describe*', 'ec2:Describe*'],
        Resource: '*',
      }),
    );
    const found = await violations(rule, stack, 'aws_iam_role_policy.Work');
    expect(found).toHaveLength(3);
    expect(found[0]).toMatch(
      /^policy statement "ReadPlatformConfiguration": grants lambda:Get\* on Resource "\*", which includes \d+ read or list actions that can be limited to named resources \(lambda:/,
    );
    expect(found[1]).toContain('grants sagemaker:Describe* on Resource "*"');
    // ec2:Describe* includes DescribeInstanceAttribute (user data) and DescribeVpcAttribute.
    expect(found[2]).toContain('grants ec2:Describe* on Resource "*"');
  });
});
