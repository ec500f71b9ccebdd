import { onlyResourceOfType, synthesize, testStack } from '@genai-sandbox/core/testing';
import { PermissionsBoundary, PLATFORM_SERVICES } from '../src';

describe('PermissionsBoundary', () => {
  const stack = testStack();
  const boundary = new PermissionsBoundary(stack, 'Boundary');
  const policy = onlyResourceOfType(synthesize(stack), 'aws_iam_policy');
  const statements = JSON.parse(policy.policy as string).Statement as Record<string, unknown>[];
  const bySid = (sid: string) => statements.find((statement) => statement.Sid === sid);
  const arn = 'arn:aws:iam::111111111111:policy/genai-dev-permissions-boundary';

  it('is a named managed policy whose ARN the roles can reference', () => {
    expect(policy.name).toBe('genai-dev-permissions-boundary');
    expect(boundary.policyArn).toBe(arn);
  });

  it('caps roles at the platform services, never at every action', () => {
    expect(bySid('CeilingPlatformServices')).toMatchObject({
      Effect: 'Allow',
      Action: [...PLATFORM_SERVICES].sort().map((s) => `${s}:*`),
    });
    expect(statements.flatMap((statement) => [statement.Action].flat())).not.toContain('*');
  });

  it('denies other regions except for global services', () => {
    expect(bySid('DenyOtherRegions')).toMatchObject({
      Effect: 'Deny',
      NotAction: expect.arrayContaining(['iam:*', 'sts:*']),
      Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
    });
  });

  it('stops roles from creating principals without this boundary or removing and editing it', () => {
    expect(bySid('DenyPrincipalsWithoutThisBoundary')).toMatchObject({
      Effect: 'Deny',
      Action: expect.arrayContaining(['iam:CreateRole', 'iam:PutRolePermissionsBoundary']),
      Condition: { StringNotEquals: { 'iam:PermissionsBoundary': arn } },
    });
    expect(bySid('DenyBoundaryRemoval')).toMatchObject({
      Effect: 'Deny',
      Action: expect.arrayContaining(['iam:DeleteRolePermissionsBoundary']),
    });
    expect(bySid('DenyBoundaryEdits')).toMatchObject({
      Effect: 'Deny',
      Resource: arn,
      Action: expect.arrayContaining(['iam:CreatePolicyVersion']),
    });
  });

  it('fails when a service prefix is malformed', () => {
    expect(
      () => new PermissionsBoundary(testStack(), 'B', { allowedServices: ['s3', 'S3 Full'] }),
    ).toThrow(/received \["S3 Full"\]/);
  });
});
