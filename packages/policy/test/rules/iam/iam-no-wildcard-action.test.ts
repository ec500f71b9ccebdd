import { iamNoWildcardAction as rule } from '../../../src/rules/iam/iam-no-wildcard-action';
import { policy, stackOf, violations } from '../../helpers';

const rolePolicy = (document: string) => ({
  aws_iam_role_policy: { Deliver: { name: 'deliver', role: 'flow-logs', policy: document } },
});

describe('iam-no-wildcard-action', () => {
  it('passes a policy that lists its actions, and a Deny with NotAction', async () => {
    const stack = stackOf(
      rolePolicy(
        policy(
          {
            Sid: 'Deliver',
            Effect: 'Allow',
            Action: ['logs:PutLogEvents'],
            Resource: 'arn:aws:logs:eu-west-1:111111111111:log-group:/x:*',
          },
          { Sid: 'DenyOtherRegions', Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*' },
        ),
      ),
    );
    expect(await violations(rule, stack, 'aws_iam_role_policy.Deliver')).toEqual([]);
  });

  it('fails when an Allow statement grants Action "*"', async () => {
    const stack = stackOf(
      rolePolicy(policy({ Sid: 'Admin', Effect: 'Allow', Action: '*', Resource: '*' })),
    );
    expect(await violations(rule, stack, 'aws_iam_role_policy.Deliver')).toEqual([
      'policy statement "Admin": allows Action "*", every action of every service',
    ]);
  });

  it('fails when a bucket policy allows "*:*"', async () => {
    const stack = stackOf({
      aws_s3_bucket_policy: {
        Data: {
          bucket: 'genai-dev-data',
          policy: policy({
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::111111111111:root' },
            Action: ['s3:GetObject', '*:*'],
            Resource: '*',
          }),
        },
      },
    });
    expect(await violations(rule, stack, 'aws_s3_bucket_policy.Data')).toEqual([
      'policy statement #1: allows Action "*:*", every action of every service',
    ]);
  });

  it('fails when an Allow statement uses NotAction, once per statement', async () => {
    const stack = stackOf(
      rolePolicy(
        policy(
          { Sid: 'AllButIam', Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
          { Sid: 'Fine', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
          { Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::x' },
        ),
      ),
    );
    expect(await violations(rule, stack, 'aws_iam_role_policy.Deliver')).toEqual([
      'policy statement "AllButIam": allows NotAction ["iam:*"], which grants every other action of every service',
      'policy statement #3: allows Action "*", every action of every service',
    ]);
  });

  it('fails when a role trust policy allows every action', async () => {
    const stack = stackOf({
      aws_iam_role: {
        Deploy: {
          name: 'deploy',
          assume_role_policy: policy({
            Effect: 'Allow',
            Principal: { Service: 'ec2.amazonaws.com' },
            Action: '*',
          }),
        },
      },
    });
    expect(await violations(rule, stack, 'aws_iam_role.Deploy')).toEqual([
      'assume_role_policy statement #1: allows Action "*", every action of every service',
    ]);
  });

  it('fails when the policy is not a JSON document', async () => {
    const stack = stackOf(rolePolicy('${data.aws_iam_policy_document.Deliver.json}'));
    expect(await violations(rule, stack, 'aws_iam_role_policy.Deliver')).toEqual([
      expect.stringMatching(/^policy cannot be checked: not a JSON policy document/),
    ]);
  });

  it('fails when the planned inline policy of a role allows every action', async () => {
    const stack = stackOf(
      {
        aws_iam_role: {
          Worker: {
            name: 'worker',
            assume_role_policy: policy({
              Effect: 'Allow',
              Principal: { Service: 'lambda.amazonaws.com' },
              Action: 'sts:AssumeRole',
            }),
            inline_policy: [{ name: 'work', policy: '${data.aws_iam_policy_document.Work.json}' }],
          },
        },
      },
      {
        plan: {
          planned_values: {
            root_module: {
              resources: [
                {
                  address: 'aws_iam_role.Worker',
                  mode: 'managed',
                  type: 'aws_iam_role',
                  name: 'Worker',
                  values: {
                    inline_policy: [
                      {
                        name: 'work',
                        policy: policy({ Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' }),
                      },
                    ],
                  },
                },
              ],
            },
          },
        },
      },
    );
    expect(await violations(rule, stack, 'aws_iam_role.Worker')).toEqual([
      'inline_policy[0].policy statement "All": allows Action "*", every action of every service',
    ]);
  });
});
