import { iamPassrolePassedToService as rule } from '../../../src/rules/iam/iam-passrole-passed-to-service';
import { stackOf, violations } from '../../helpers';
import { BOUNDARY_ARN, boundaryPolicy, planOf, roleWithBoundary, rolePolicy } from './fixtures';

const ROLE = 'arn:aws:iam::111111111111:role/genai-dev-training';

describe('iam-passrole-passed-to-service', () => {
  it('passes PassRole limited to a service, and statements that do not grant it', async () => {
    const stack = stackOf(
      rolePolicy(
        {
          Sid: 'PassToSageMaker',
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: ROLE,
          Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
        },
        {
          Sid: 'PassAny',
          Effect: 'Allow',
          Action: 'iam:Pass*',
          Resource: ROLE,
          Condition: {
            StringLike: { 'iam:PassedToService': ['sagemaker.amazonaws.com', 'lambda.*'] },
          },
        },
        { Sid: 'ReadRoles', Effect: 'Allow', Action: ['iam:GetRole', 'iam:List*'], Resource: '*' },
        { Sid: 'DenyPass', Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' },
        { Sid: 'AllButIam', Effect: 'Allow', NotAction: ['iam:*'], Resource: '*' },
      ),
    );
    expect(await violations(rule, stack, 'aws_iam_role_policy.Work')).toEqual([]);
  });

  it('passes the permissions boundary, which grants nothing by itself', async () => {
    const stack = stackOf({ ...boundaryPolicy(), ...roleWithBoundary(BOUNDARY_ARN) });
    expect(await violations(rule, stack, 'aws_iam_policy.Boundary')).toEqual([]);
  });

  it('fails when PassRole is granted without a condition', async () => {
    const stack = stackOf(
      rolePolicy({
        Sid: 'Pass',
        Effect: 'Allow',
        Action: ['iam:GetRole', 'iam:PassRole'],
        Resource: ROLE,
      }),
    );
    expect(await violations(rule, stack, 'aws_iam_role_policy.Work')).toEqual([
      'policy statement "Pass": grants iam:PassRole (through iam:PassRole) without a StringEquals or StringLike condition on iam:PassedToService',
    ]);
  });

  it('fails when a wildcard or NotAction grants PassRole, once per statement', async () => {
    const stack = stackOf(
      rolePolicy(
        { Sid: 'Iam', Effect: 'Allow', Action: ['iam:Pass*', 'iam:*'], Resource: '*' },
        { Sid: 'Everything', Effect: 'Allow', Action: '*', Resource: '*' },
        { Sid: 'AllButS3', Effect: 'Allow', NotAction: 's3:*', Resource: '*' },
      ),
    );
    expect(await violations(rule, stack, 'aws_iam_role_policy.Work')).toEqual([
      'policy statement "Iam": grants iam:PassRole (through iam:Pass*, iam:*) without a StringEquals or StringLike condition on iam:PassedToService',
      'policy statement "Everything": grants iam:PassRole (through *) without a StringEquals or StringLike condition on iam:PassedToService',
      'policy statement "AllButS3": grants iam:PassRole (through NotAction) without a StringEquals or StringLike condition on iam:PassedToService',
    ]);
  });

  it('fails when the condition is negated or admits every service', async () => {
    const stack = stackOf(
      rolePolicy(
        {
          Sid: 'Negated',
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: ROLE,
          Condition: { StringNotEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
        },
        {
          Sid: 'Any',
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: ROLE,
          Condition: { StringLike: { 'iam:PassedToService': '*' } },
        },
      ),
    );
    expect(await violations(rule, stack, 'aws_iam_role_policy.Work')).toEqual([
      expect.stringMatching(/^policy statement "Negated": grants iam:PassRole/),
      expect.stringMatching(/^policy statement "Any": grants iam:PassRole/),
    ]);
  });

  it("fails when a policy that is not any role's boundary grants iam:*", async () => {
    const stack = stackOf({ ...boundaryPolicy(), ...roleWithBoundary() });
    expect(await violations(rule, stack, 'aws_iam_policy.Boundary')).toEqual([
      'policy statement "CeilingPlatformServices": grants iam:PassRole (through iam:*) without a StringEquals or StringLike condition on iam:PassedToService',
    ]);
  });

  it('fails when the planned policy grants PassRole without a condition', async () => {
    const stack = stackOf(
      {
        aws_iam_policy: {
          Deploy: { name: 'deploy', policy: '${data.aws_iam_policy_document.Deploy.json}' },
        },
      },
      {
        plan: planOf('aws_iam_policy.Deploy', {
          policy: JSON.stringify({
            Version: '2012-10-17',
            Statement: { Effect: 'Allow', Action: 'iam:PassRole', Resource: ROLE },
          }),
        }),
      },
    );
    expect(await violations(rule, stack, 'aws_iam_policy.Deploy')).toEqual([
      'policy statement #1: grants iam:PassRole (through iam:PassRole) without a StringEquals or StringLike condition on iam:PassedToService',
    ]);
  });
});
