import { iamActionsExist as rule } from '../../../src/rules/iam/iam-actions-exist';
import { policy, stackOf, violations } from '../../helpers';
import { BOUNDARY_ARN, boundaryPolicy, planOf, roleWithBoundary, rolePolicy } from './fixtures';

describe('iam-actions-exist', () => {
  it('passes real actions, wildcards that match and "*"', async () => {
    const stack = stackOf(
      rolePolicy(
        {
          Sid: 'Read',
          Effect: 'Allow',
          Action: ['s3:GetObject', 'S3:listbucket', 'kms:Decrypt*'],
          Resource: '*',
        },
        {
          Sid: 'Deny',
          Effect: 'Deny',
          NotAction: ['iam:*', 'organizations:Describe*', 'sts:Get?essionToken'],
          Resource: '*',
        },
        { Sid: 'All', Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::x' },
      ),
    );
    expect(await violations(rule, stack, 'aws_iam_role_policy.Work')).toEqual([]);
  });

  it('passes the permissions boundary and the flow-logs role trust policy', async () => {
    const stack = stackOf({ ...boundaryPolicy(), ...roleWithBoundary(BOUNDARY_ARN) });
    expect(await violations(rule, stack, 'aws_iam_policy.Boundary')).toEqual([]);
    expect(await violations(rule, stack, 'aws_iam_role.FlowLogs')).toEqual([]);
  });

  it('fails when an action is misspelled, with a suggestion', async () => {
    const stack = stackOf(
      rolePolicy({
        Sid: 'Read',
        Effect: 'Allow',
        Action: ['s3:GetObjects', 's3:ListBucket'],
        Resource: '*',
      }),
    );
    expect(await violations(rule, stack, 'aws_iam_role_policy.Work')).toEqual([
      'policy statement "Read": s3:GetObjects is not an action of s3; did you mean s3:GetObject?',
    ]);
  });

  it('fails when a wildcard or NotAction matches no action, once per action', async () => {
    const stack = stackOf(
      rolePolicy(
        { Effect: 'Allow', Action: ['s3:Frobnicate*', 'kms:Decrypt'], Resource: '*' },
        { Sid: 'Deny', Effect: 'Deny', NotAction: ['sts:AssumeRoles', 'iam:*'], Resource: '*' },
      ),
    );
    expect(await violations(rule, stack, 'aws_iam_role_policy.Work')).toEqual([
      'policy statement #1: s3:Frobnicate* is not an action of s3',
      'policy statement "Deny": sts:AssumeRoles is not an action of sts; did you mean sts:AssumeRole?',
    ]);
  });

  it('fails when the service prefix does not exist or the action has no prefix', async () => {
    const stack = stackOf({
      aws_s3_bucket_policy: {
        Data: {
          bucket: 'genai-dev-data',
          policy: policy({
            Effect: 'Deny',
            Principal: '*',
            Action: ['s4:GetObject', 'GetObject'],
            Resource: '*',
          }),
        },
      },
    });
    expect(await violations(rule, stack, 'aws_s3_bucket_policy.Data')).toEqual([
      'policy statement #1: s4:GetObject names s4, which is not an IAM service prefix',
      'policy statement #1: GetObject is not of the form service:action',
    ]);
  });

  it('fails when the planned policy names an action that does not exist', async () => {
    const stack = stackOf(
      {
        aws_iam_policy: {
          Deploy: { name: 'deploy', policy: '${data.aws_iam_policy_document.Deploy.json}' },
        },
      },
      {
        plan: planOf('aws_iam_policy.Deploy', {
          policy: policy({
            Sid: 'Logs',
            Effect: 'Allow',
            Action: 'logs:PutLogEvent',
            Resource: '*',
          }),
        }),
      },
    );
    expect(await violations(rule, stack, 'aws_iam_policy.Deploy')).toEqual([
      'policy statement "Logs": logs:PutLogEvent is not an action of logs; did you mean logs:PutLogEvents?',
    ]);
  });
});
