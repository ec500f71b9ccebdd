import {
  onlyResourceOfType,
  synthesize,
  testConfiguration,
  testStack,
} from '@genai-sandbox/core/testing';
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
      Action: PLATFORM_SERVICES.filter((s) => !['iam', 'kms', 's3', 'sts'].includes(s))
        .sort()
        .map((s) => `${s}:*`),
      Resource: '*',
    });
    expect(statements.flatMap((statement) => [statement.Action].flat())).not.toContain('*');
  });

  it('caps IAM, KMS, S3 and STS at the names of the environment instead of "*"', () => {
    expect(bySid('CeilingIamOfThisEnvironment')).toEqual({
      Sid: 'CeilingIamOfThisEnvironment',
      Effect: 'Allow',
      Action: 'iam:*',
      Resource: [
        'arn:aws:iam::111111111111:role/genai-dev-*',
        'arn:aws:iam::111111111111:role/aws-service-role/*',
        'arn:aws:iam::111111111111:policy/genai-dev-*',
      ],
    });
    expect(bySid('CeilingKeysOfThisRegion')?.Resource).toEqual([
      'arn:aws:kms:eu-west-1:*:key/*',
      'arn:aws:kms:eu-west-1:111111111111:alias/genai-dev-*',
    ]);
    expect(bySid('CeilingPlatformBuckets')?.Resource).toEqual([
      'arn:aws:s3:::genai-*',
      'arn:aws:s3:::genai-*/*',
    ]);
    expect(bySid('CeilingRoleChainingInThisEnvironment')).toMatchObject({
      Action: ['sts:AssumeRole', 'sts:TagSession'],
      Resource: 'arn:aws:iam::111111111111:role/genai-dev-*',
    });
    // Only the actions the IAM catalogue lists without resource types stay on "*".
    expect(bySid('CeilingActionsWithoutResources')?.Action).toEqual([
      'kms:CreateKey',
      'kms:ListAliases',
      's3:ListAllMyBuckets',
    ]);
    const allows = statements.filter((statement) => statement.Effect === 'Allow');
    for (const service of ['iam', 'kms', 's3', 'sts'])
      expect(
        allows.filter(
          (statement) =>
            statement.Resource === '*' && [statement.Action].flat().includes(`${service}:*`),
        ),
      ).toEqual([]);
  });

  it('adds the given denies and the buckets outside the platform names', () => {
    const withProtections = testStack();
    const deny = {
      Sid: 'DenyX',
      Effect: 'Deny' as const,
      Action: 's3:*',
      Resource: 'arn:aws:s3:::x',
    };
    const protectedBoundary = new PermissionsBoundary(withProtections, 'Boundary', {
      denies: [deny],
      additionalBucketNames: ['acme-terraform-state', 'genai-tfstate-111111111111'],
    });
    expect(protectedBoundary.policyStatements).toContainEqual(deny);
    expect(
      protectedBoundary.policyStatements.find((s) => s.Sid === 'CeilingPlatformBuckets')?.Resource,
    ).toEqual([
      'arn:aws:s3:::genai-*',
      'arn:aws:s3:::genai-*/*',
      'arn:aws:s3:::acme-terraform-state',
      'arn:aws:s3:::acme-terraform-state/*',
    ]);
  });

  it('fails when denies holds an Allow, since a boundary grants nothing', () => {
    expect(
      () =>
        new PermissionsBoundary(testStack(), 'B', {
          denies: [{ Sid: 'Sneaky', Effect: 'Allow', Action: 'iam:*', Resource: '*' }],
        }),
    ).toThrow(/denies must hold Deny statements only; received \["Sneaky"\]/);
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

  it('admits attaching policies to the SMUS project roles of the configuration, and nothing else of them', () => {
    const role = 'arn:aws:iam::111111111111:role/datazone_usr_role_prj1_env1';
    const config = testConfiguration((fixture) => {
      fixture.environments.dev.projects = [
        { name: 'fraud-detection', profile: 'genai-full', smusProjectRoleArn: role },
      ];
    });
    const withRole = testStack({ config });
    new PermissionsBoundary(withRole, 'Boundary');
    const ceilings = JSON.parse(
      onlyResourceOfType(synthesize(withRole), 'aws_iam_policy').policy as string,
    ).Statement.filter((statement: { Resource?: unknown }) =>
      [statement.Resource].flat().includes(role),
    );
    expect(ceilings).toEqual([
      {
        Sid: 'CeilingAttachToProjectRoles',
        Effect: 'Allow',
        Action: ['iam:AttachRolePolicy', 'iam:DetachRolePolicy', 'iam:ListAttachedRolePolicies'],
        Resource: [role],
      },
    ]);
    expect(bySid('CeilingAttachToProjectRoles')).toBeUndefined();
  });

  it('fails when a service prefix is malformed', () => {
    expect(
      () => new PermissionsBoundary(testStack(), 'B', { allowedServices: ['s3', 'S3 Full'] }),
    ).toThrow(/received \["S3 Full"\]/);
  });
});
