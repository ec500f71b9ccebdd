import { resourcesOfType, synthesize, testStack } from '@genai-sandbox/core/testing';
import { SageMakerJobRoles, ServiceRole } from '../src';

type Statement = { Sid: string; Effect: string; Resource: unknown; Condition?: unknown };

function policies(stack: ReturnType<typeof testStack>): Record<string, Statement[]> {
  const json = synthesize(stack);
  return Object.fromEntries(
    Object.values(resourcesOfType(json, 'aws_iam_role_policy')).map((policy) => [
      policy.name as string,
      JSON.parse(policy.policy as string).Statement as Statement[],
    ]),
  );
}

describe('SageMakerJobRoles', () => {
  it('gives the job role base execution and the guards, and the pipeline role job creation', () => {
    const stack = testStack({ project: 'fraud-detection' });
    const roles = new SageMakerJobRoles(stack, 'Roles', { description: 'the pipeline' });
    const byName = policies(stack);
    const guards = [
      'DenyJobsWithoutVpcSubnets',
      'DenyJobsWithoutVpcSecurityGroupIds',
      'DenyJobsWithoutVolumeKmsKeyArn',
      'DenyJobsWithoutOutputKmsKeyArn',
    ];
    const base = ['BaseOwnLogGroups', 'BaseReadGlueCatalog', 'BasePlatformKey'];
    const vpc = [
      'VpcDescribe',
      'VpcCreateNetworkInterfaces',
      'VpcUsePlatformSubnetsAndGroups',
      'VpcManageNetworkInterfaces',
      'VpcDeleteNetworkInterfacePermissions',
    ];
    expect(byName.training.map((statement) => statement.Sid)).toEqual([...base, ...vpc, ...guards]);
    expect(byName['training-pipeline'].map((statement) => statement.Sid)).toEqual([
      ...base,
      ...guards,
      'CreateJobsInVpcWithPlatformKey',
      'ManagePipelineJobs',
      'PlatformKeyGrantsForSageMaker',
      'PassJobRoleToSageMaker',
    ]);
    const pass = byName['training-pipeline'].find((s) => s.Sid === 'PassJobRoleToSageMaker');
    expect(pass).toMatchObject({
      Resource: [expect.stringMatching(/^\${aws_iam_role\.Roles_TrainingRole_[0-9A-F]+\.arn}$/)],
      Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
    });
    expect(roles.jobRole.roleName).toBe('genai-dev-fraud-detection-training');
    expect(roles.pipelineRole.roleName).toBe('genai-dev-fraud-detection-training-pipeline');
  });

  it('lets two instances live in one stack under their own IDs and purposes', () => {
    const stack = testStack({ project: 'fraud-detection' });
    new SageMakerJobRoles(stack, 'Training', { description: 'training' });
    const tuning = new SageMakerJobRoles(stack, 'Tuning', {
      description: 'tuning',
      jobPurpose: 'tuning',
      pipelinePurpose: 'tuning-pipeline',
    });
    const names = Object.values(resourcesOfType(synthesize(stack), 'aws_iam_role')).map(
      (role) => role.name,
    );
    expect(names.sort()).toEqual([
      'genai-dev-fraud-detection-training',
      'genai-dev-fraud-detection-training-pipeline',
      'genai-dev-fraud-detection-tuning',
      'genai-dev-fraud-detection-tuning-pipeline',
    ]);
    // Each pipeline passes only its own job role.
    const pass = policies(stack)['tuning-pipeline'].find(
      (statement) => statement.Sid === 'PassJobRoleToSageMaker',
    );
    expect(pass?.Resource).toEqual([expect.stringContaining(`aws_iam_role.Tuning_TrainingRole_`)]);
    expect(tuning.jobRole.node.path).toBe('test-fraud-detection-dev/Tuning/TrainingRole');
  });

  it('keeps the Terraform addresses of roles created directly in the stack under the ID "Default"', () => {
    const direct = testStack({ project: 'fraud-detection' });
    for (const id of ['TrainingRole', 'PipelineRole']) {
      new ServiceRole(direct, id, {
        purpose: id,
        description: id,
        service: 'sagemaker.amazonaws.com',
        statements: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'x' }],
      });
    }
    const nested = testStack({ project: 'fraud-detection' });
    new SageMakerJobRoles(nested, 'Default', { description: 'the pipeline' });
    const addresses = (stack: ReturnType<typeof testStack>) =>
      ['aws_iam_role', 'aws_iam_role_policy'].flatMap((type) =>
        Object.keys(resourcesOfType(synthesize(stack), type)).sort(),
      );
    expect(addresses(nested)).toEqual(addresses(direct));
    expect(addresses(nested)).toHaveLength(4);
  });
});
