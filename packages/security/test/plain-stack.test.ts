import { plainTestStack, resourcesOfType, synthesize } from '@genai-sandbox/core/testing';
import { Construct } from 'constructs';
import { PermissionsBoundary, PlatformKey, SageMakerJobRoles, ServiceRole } from '../src';

const VPC_ARN = 'arn:aws:ec2:eu-central-1:210987654321:vpc/vpc-0a1b2c3d4e5f60718';

function teamRoles() {
  const stack = plainTestStack({ platform: 'risk' });
  const key = new PlatformKey(stack, 'Key', {
    purpose: 'data',
    description: 'Scoring data',
    allowS3ServerAccessLogs: true,
  });
  const boundary = new PermissionsBoundary(stack, 'Boundary');
  const roles = new SageMakerJobRoles(stack, 'Jobs', {
    description: 'scoring models',
    encryptionKey: PlatformKey.fromAlias(stack, key.aliasName),
    vpcArn: VPC_ARN,
    permissionsBoundary: boundary,
  });
  return { stack, key, boundary, roles };
}

describe('security constructs in a plain TerraformStack', () => {
  it('synthesize a key, a boundary and SageMaker job roles with explicit values', () => {
    const { stack, key, boundary } = teamRoles();
    const json = synthesize(stack);
    expect(key.aliasName).toBe('alias/risk-dev-data');
    expect(boundary.policyName).toBe('risk-dev-permissions-boundary');
    const roleResources = Object.values(resourcesOfType(json, 'aws_iam_role'));
    expect(roleResources.map((role) => role.name).sort()).toEqual([
      'risk-dev-training',
      'risk-dev-training-pipeline',
    ]);
    for (const role of roleResources) {
      expect(role.permissions_boundary).toBe(boundary.policyArn);
      expect(boundary.policyArn).toBe(
        'arn:aws:iam::210987654321:policy/risk-dev-permissions-boundary',
      );
    }
    // Key policy: this account, this region's CloudWatch Logs.
    const keyPolicy = JSON.stringify(Object.values(resourcesOfType(json, 'aws_kms_key'))[0].policy);
    expect(keyPolicy).toContain('arn:aws:iam::210987654321:root');
    expect(keyPolicy).toContain('logs.eu-central-1.amazonaws.com');
  });

  it('guards the jobs with the key and VPC passed in, not the platform ones', () => {
    const { roles } = teamRoles();
    const statements = JSON.stringify(roles.pipelineRole.policyStatements);
    expect(statements).toContain('arn:aws:kms:eu-central-1:210987654321:alias/risk-dev-data');
    for (const role of [roles.jobRole, roles.pipelineRole]) {
      expect(JSON.stringify(role.policyStatements)).not.toContain('risk-dev-platform');
    }
    expect(JSON.stringify(roles.jobRole.policyStatements)).toContain(VPC_ARN);
    expect(statements).toContain(
      'arn:aws:sagemaker:eu-central-1:210987654321:training-job/pipelines-*',
    );
  });

  it('fails when SageMaker job roles in a plain stack are given no VPC, naming the prop', () => {
    const stack = plainTestStack();
    expect(
      () =>
        new SageMakerJobRoles(stack, 'Jobs', {
          description: 'models',
          encryptionKey: PlatformKey.fromAlias(stack, 'alias/team-dev-data'),
        }),
    ).toThrow('team-stack/Jobs: pass vpcArn; its default comes from the platform configuration');
  });

  it('fails when a key alias is not an alias name', () => {
    expect(() => PlatformKey.fromAlias(plainTestStack(), 'team-dev-data')).toThrow(
      'PlatformKeyReference.ofAlias: aliasName is "team-dev-data"; pass a KMS alias name such as "alias/team-dev-platform" (PlatformKey.aliasName)',
    );
  });

  it('names a service role from the explicit values', () => {
    const stack = plainTestStack({ project: 'churn' });
    const role = new ServiceRole(new Construct(stack, 'Glue'), 'Role', {
      purpose: 'crawler',
      description: 'Glue crawler',
      service: 'glue.amazonaws.com',
    });
    expect(role.roleName).toBe('team-dev-churn-crawler');
  });
});
