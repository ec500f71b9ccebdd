import { onlyResourceOfType, synthesize, testStack } from '@genai-sandbox/core/testing';
import { PlatformKey, ServiceRole } from '@genai-sandbox/security';
import { TerraformVariable } from 'cdktf';
import { ContainerRepository, ModelPackageGroup } from '../src';

const GROUP = 'genai-llm-finetuned';
const SAGEMAKER = 'arn:aws:sagemaker:eu-west-1:111111111111';

function setup() {
  const stack = testStack({ project: 'fraud-detection' });
  const role = new ServiceRole(stack, 'Role', {
    purpose: 'jobs',
    description: 'Jobs',
    service: 'sagemaker.amazonaws.com',
  });
  const policy = () =>
    JSON.parse(onlyResourceOfType(synthesize(stack), 'aws_iam_role_policy').policy as string)
      .Statement;
  return { stack, role, policy };
}

const registerStatements = (group: string, packages: string) => [
  {
    Sid: 'RegisterPendingModelPackages',
    Effect: 'Allow',
    Action: ['sagemaker:CreateModelPackage'],
    Resource: packages,
    Condition: { StringEquals: { 'sagemaker:ModelApprovalStatus': 'PendingManualApproval' } },
  },
  {
    Sid: 'ReadAndTagModelPackages',
    Effect: 'Allow',
    Action: ['sagemaker:DescribeModelPackage', 'sagemaker:AddTags'],
    Resource: packages,
  },
  {
    Sid: 'ReadAndTagModelPackageGroup',
    Effect: 'Allow',
    Action: ['sagemaker:DescribeModelPackageGroup', 'sagemaker:AddTags'],
    Resource: group,
  },
];

describe('IModelPackageGroup.grantRegister', () => {
  it('lets a role of another stack register pending packages into a group named by fromName', () => {
    const { stack, role, policy } = setup();
    const group = ModelPackageGroup.fromName(stack, 'Group', GROUP);
    expect(group.groupArn).toBe(`${SAGEMAKER}:model-package-group/${GROUP}`);
    const added = group.grantRegister(role);
    expect(added).toEqual(
      registerStatements(
        `${SAGEMAKER}:model-package-group/${GROUP}`,
        `${SAGEMAKER}:model-package/${GROUP}/*`,
      ),
    );
    expect(policy()).toEqual(added);
    expect(group.grantRegister(role)).toEqual([]);
  });

  it('grants the same on a group this stack owns', () => {
    const { stack, role } = setup();
    const group = new ModelPackageGroup(stack, 'Group', { groupName: GROUP, description: 'd' });
    expect(group.grantRegister(role)).toEqual(
      registerStatements(group.groupArn, `${SAGEMAKER}:model-package/${GROUP}/*`),
    );
  });

  it('names the packages of a group whose name is known only at deploy time', () => {
    const { stack, role, policy } = setup();
    const name = new TerraformVariable(stack, 'group', { type: 'string' }).stringValue;
    ModelPackageGroup.fromName(stack, 'Group', name).grantRegister(role);
    expect(policy().map((statement: { Resource: string }) => statement.Resource)).toEqual([
      `${SAGEMAKER}:model-package/\${var.group}/*`,
      `${SAGEMAKER}:model-package/\${var.group}/*`,
      `${SAGEMAKER}:model-package-group/\${var.group}`,
    ]);
  });

  it('fails when the name is not a SageMaker name', () => {
    const { stack } = setup();
    expect(() => ModelPackageGroup.fromName(stack, 'Group', 'bad_name!')).toThrow(
      /ModelPackageGroup.fromName test-fraud-detection-dev\/Group: 1 invalid prop:\n {2}- groupName .*bad_name!/,
    );
  });
});

describe('IContainerRepository.grantPull', () => {
  const pull = (repositoryArn: string) => [
    {
      Sid: 'PullPlatformImages',
      Effect: 'Allow',
      Action: [
        'ecr:BatchCheckLayerAvailability',
        'ecr:BatchGetImage',
        'ecr:GetDownloadUrlForLayer',
      ],
      Resource: [repositoryArn],
    },
    {
      Sid: 'EcrAuthorizationToken',
      Effect: 'Allow',
      Action: ['ecr:GetAuthorizationToken'],
      Resource: '*',
    },
  ];

  it('lets a role pull from a repository named by fromName, and returns what it added', () => {
    const { stack, role, policy } = setup();
    const repository = ContainerRepository.fromName(stack, 'Repository', 'genai-dev-llm');
    const added = repository.grantPull(role);
    expect(added).toEqual(pull('arn:aws:ecr:eu-west-1:111111111111:repository/genai-dev-llm'));
    expect(policy()).toEqual(added);
    expect(repository.grantPull(role)).toEqual([]);
  });

  it('grants the same on a repository this stack owns, whose ARN is known at deploy time', () => {
    const { stack, role, policy } = setup();
    const key = new PlatformKey(stack, 'Key', { purpose: 'platform', description: 'Key' });
    const repository = new ContainerRepository(stack, 'Repository', {
      purpose: 'llm',
      encryptionKey: key,
    });
    expect(repository.grantPull(role)).toHaveLength(2);
    expect(policy()[0].Resource).toEqual([
      expect.stringMatching(/^\$\{aws_ecr_repository\.Repository_[0-9A-F]+\.arn\}$/),
    ]);
  });

  it('takes a repository name known only at deploy time', () => {
    const { stack, role, policy } = setup();
    const name = new TerraformVariable(stack, 'repository', { type: 'string' }).stringValue;
    ContainerRepository.fromName(stack, 'Repository', name).grantPull(role);
    expect(policy()[0].Resource).toEqual([
      'arn:aws:ecr:eu-west-1:111111111111:repository/${var.repository}',
    ]);
  });

  it('fails when the name is not an ECR repository name', () => {
    const { stack } = setup();
    expect(() => ContainerRepository.fromName(stack, 'Repository', 'Upper/Case')).toThrow(
      /ContainerRepository.fromName .*\/Repository: 1 invalid prop:\n {2}- repositoryName \(received "Upper\/Case"\): not an ECR repository name/,
    );
  });
});
