import { resourcesOfType, testStack } from '@genai-sandbox/core/testing';
import { TerraformVariable } from 'cdktf';
import { ModelPackageGroup, type ModelPackageGroupProps } from '../src';
import { statementsOf, synth, TEST_ACCOUNT, TEST_PROMOTION_ROLE } from './helpers';

const GROUP = 'genai-llm-finetuned';
const downstream = { accountId: TEST_ACCOUNT, principalArns: [TEST_PROMOTION_ROLE] };

function synthGroup(props: Partial<ModelPackageGroupProps> = {}, environment = 'dev') {
  return synth(
    (stack) =>
      new ModelPackageGroup(stack, 'Group', {
        groupName: GROUP,
        description: 'Fine-tuned models',
        ...props,
      }),
    environment,
  );
}

describe('ModelPackageGroup', () => {
  it('creates the group under the configured name, with its ARN as an attribute', () => {
    const { only, construct } = synthGroup();
    expect(only('aws_sagemaker_model_package_group')).toMatchObject({
      model_package_group_name: GROUP,
      model_package_group_description: 'Fine-tuned models',
    });
    expect(construct.groupName).toBe(GROUP);
    expect(construct.groupArn).toBe(
      `arn:aws:sagemaker:eu-west-1:111111111111:model-package-group/${GROUP}`,
    );
  });

  it('lets only the named role of the next account describe the group and read and deploy its packages', () => {
    const { only, construct } = synthGroup({ downstream });
    const policy = only('aws_sagemaker_model_package_group_policy');
    expect(policy.model_package_group_name).toMatch(
      /^\$\{aws_sagemaker_model_package_group\.Group_[A-Z0-9]+\.model_package_group_name\}$/,
    );
    const narrowed = { ArnEquals: { 'aws:PrincipalArn': [TEST_PROMOTION_ROLE] } };
    expect(statementsOf(policy, 'resource_policy')).toEqual([
      {
        Sid: 'NextEnvironmentDescribesGroup',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${TEST_ACCOUNT}:root` },
        Action: ['sagemaker:DescribeModelPackageGroup'],
        Resource: `arn:aws:sagemaker:eu-west-1:111111111111:model-package-group/${GROUP}`,
        Condition: narrowed,
      },
      {
        Sid: 'NextEnvironmentReadsPackages',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${TEST_ACCOUNT}:root` },
        Action: [
          'sagemaker:DescribeModelPackage',
          'sagemaker:ListModelPackages',
          'sagemaker:CreateModel',
        ],
        Resource: `arn:aws:sagemaker:eu-west-1:111111111111:model-package/${GROUP}/*`,
        Condition: narrowed,
      },
    ]);
    expect(construct.policyStatements).toHaveLength(2);
  });

  it('grants nothing that changes the registry and no wildcard action', () => {
    const { only } = synthGroup({ downstream });
    const actions = statementsOf(
      only('aws_sagemaker_model_package_group_policy'),
      'resource_policy',
    ).flatMap((statement) => statement.Action as string[]);
    expect(actions).not.toContain('sagemaker:UpdateModelPackage');
    expect(actions.filter((action) => action.includes('*'))).toEqual([]);
    expect(
      actions.filter((action) => !/^sagemaker:(Describe|List|CreateModel$)/.test(action)),
    ).toEqual([]);
  });

  it('has no resource policy without a downstream environment', () => {
    const { json, construct } = synthGroup();
    expect(resourcesOfType(json, 'aws_sagemaker_model_package_group_policy')).toEqual({});
    expect(construct.policyStatements).toEqual([]);
  });

  it('sets prevent_destroy in production only', () => {
    expect(synthGroup().only('aws_sagemaker_model_package_group').lifecycle).toBeUndefined();
    expect(synthGroup({}, 'prod').only('aws_sagemaker_model_package_group').lifecycle).toEqual({
      prevent_destroy: true,
    });
  });

  it('fails when the downstream account is malformed', () => {
    expect(() =>
      synthGroup({
        downstream: { accountId: '2222', principalArns: ['arn:aws:iam::2222:role/x'] },
      }),
    ).toThrow(/downstream\.accountId \(received "2222"\): use the 12-digit ID/);
  });

  it('fails when the downstream account is the own account', () => {
    expect(() =>
      synthGroup({
        downstream: {
          accountId: '111111111111',
          principalArns: ['arn:aws:iam::111111111111:role/self'],
        },
      }),
    ).toThrow(/downstream\.accountId \(received "111111111111"\).*not this one \(111111111111\)/);
  });

  it('fails when principalArns is empty', () => {
    expect(() =>
      synthGroup({ downstream: { accountId: TEST_ACCOUNT, principalArns: [] } }),
    ).toThrow(/downstream\.principalArns \(received \[\]\): the list is empty/);
  });

  it('fails when principalArns names a role of another account, or no role at all', () => {
    for (const arn of [
      'arn:aws:iam::333333333333:role/genai-prod-promotion',
      `arn:aws:iam::${TEST_ACCOUNT}:user/alice`,
      `arn:aws:iam::${TEST_ACCOUNT}:role/`,
      '*',
    ]) {
      expect(() =>
        synthGroup({ downstream: { accountId: TEST_ACCOUNT, principalArns: [arn] } }),
      ).toThrow(
        `downstream.principalArns (received "${arn}"): use role ARNs of account ${TEST_ACCOUNT}`,
      );
    }
  });

  it('fails when the group name breaks the SageMaker rules', () => {
    for (const name of ['-leading-hyphen', 'under_score', 'a'.repeat(64)]) {
      expect(() => synthGroup({ groupName: name })).toThrow(/Invalid sagemaker name/);
    }
  });

  it('fails with every problem at once', () => {
    expect(() =>
      synthGroup({
        groupName: 'bad_name',
        downstream: { accountId: '111111111111', principalArns: [] },
      }),
    ).toThrow(
      /ModelPackageGroup .*: 3 invalid props:\n {2}- groupName \(received "bad_name"\): Invalid sagemaker name "bad_name".*\n {2}- downstream\.accountId.*\n {2}- downstream\.principalArns \(received \[\]\): the list is empty/,
    );
  });

  it('accepts values only known at deploy time', () => {
    const stack = testStack();
    const account = new TerraformVariable(stack, 'account', { type: 'string' }).stringValue;
    const role = new TerraformVariable(stack, 'role', { type: 'string' }).stringValue;
    const name = new TerraformVariable(stack, 'name', { type: 'string' }).stringValue;
    expect(
      () =>
        new ModelPackageGroup(stack, 'Group', {
          groupName: name,
          description: 'd',
          downstream: {
            accountId: account,
            principalArns: [role, `arn:aws:iam::${TEST_ACCOUNT}:role/x`],
          },
        }),
    ).not.toThrow();
  });
});
