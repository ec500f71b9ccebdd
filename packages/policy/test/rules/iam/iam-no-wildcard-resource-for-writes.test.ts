import { iamNoWildcardResourceForWrites as rule } from '../../../src/rules/iam/iam-no-wildcard-resource-for-writes';
import { policy, stackOf, violations } from '../../helpers';
import { BOUNDARY_ARN, boundaryPolicy, planOf, roleWithBoundary, rolePolicy } from './fixtures';

describe('iam-no-wildcard-resource-for-writes', () => {
  it('passes writes on named resources, reads on "*" and writes that support only "*"', async () => {
    const stack = stackOf(
      rolePolicy(
        {
          Sid: 'Write',
          Effect: 'Allow',
          Action: ['s3:PutObject', 'kms:Encrypt*'],
          Resource: 'arn:aws:s3:::genai-dev-data/*',
        },
        {
          Sid: 'Read',
          Effect: 'Allow',
          Action: ['s3:Get*', 's3:ListAllMyBuckets', 'logs:Describe*'],
          Resource: '*',
        },
        {
          Sid: 'Tracing',
          Effect: 'Allow',
          Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
          Resource: '*',
        },
        { Sid: 'DenyWrites', Effect: 'Deny', Action: 's3:*', Resource: '*' },
      ),
    );
    expect(await violations(rule, stack, 'aws_iam_role_policy.Work')).toEqual([]);
  });

  it('passes the permissions boundary that a role names by its ARN', async () => {
    const stack = stackOf({ ...boundaryPolicy(), ...roleWithBoundary(BOUNDARY_ARN) });
    expect(await violations(rule, stack, 'aws_iam_policy.Boundary')).toEqual([]);
  });

  it('passes the permissions boundary that a role refers to, with a path', async () => {
    const reference = stackOf({
      ...boundaryPolicy(),
      ...roleWithBoundary('${aws_iam_policy.Boundary.arn}'),
    });
    expect(await violations(rule, reference, 'aws_iam_policy.Boundary')).toEqual([]);
    const withPath = stackOf({
      ...boundaryPolicy({ path: '/platform/' }),
      ...roleWithBoundary(
        'arn:aws:iam::111111111111:policy/platform/genai-dev-permissions-boundary',
      ),
    });
    expect(await violations(rule, withPath, 'aws_iam_policy.Boundary')).toEqual([]);
  });

  it('passes key and bucket policies, where "*" is the resource itself', async () => {
    const stack = stackOf({
      aws_kms_key: {
        Platform: {
          policy: policy({
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::111111111111:root' },
            Action: 'kms:*',
            Resource: '*',
          }),
        },
      },
    });
    expect(await violations(rule, stack, 'aws_kms_key.Platform')).toEqual([]);
  });

  it('fails when a write action is granted on "*"', async () => {
    const stack = stackOf(
      rolePolicy({
        Sid: 'Upload',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject'],
        Resource: '*',
      }),
    );
    expect(await violations(rule, stack, 'aws_iam_role_policy.Work')).toEqual([
      'policy statement "Upload": grants s3:PutObject (Write) on Resource "*"; it can be limited to named resources',
    ]);
  });

  it('fails when a service wildcard expands to writes on "*", once per pattern', async () => {
    const stack = stackOf(
      rolePolicy({ Effect: 'Allow', Action: ['kms:Encrypt*', 'iam:*'], Resource: ['*'] }),
    );
    expect(await violations(rule, stack, 'aws_iam_role_policy.Work')).toEqual([
      'policy statement #1: grants kms:Encrypt* on Resource "*", which includes 1 write, permissions management or tagging action that can be limited to named resources (kms:Encrypt)',
      expect.stringMatching(
        /^policy statement #1: grants iam:\* on Resource "\*", which includes \d+ write, permissions management or tagging actions .*\(iam:PassRole, .*, \.\.\.\)$/,
      ),
    ]);
  });

  it("fails when a boundary-shaped policy is not any role's boundary", async () => {
    const unused = stackOf({ ...boundaryPolicy(), ...roleWithBoundary() });
    const otherAccount = stackOf({
      ...boundaryPolicy(),
      ...roleWithBoundary('arn:aws:iam::999999999999:policy/genai-dev-permissions-boundary'),
    });
    const otherPath = stackOf({
      ...boundaryPolicy({ path: '/platform/' }),
      ...roleWithBoundary(BOUNDARY_ARN),
    });
    for (const stack of [unused, otherAccount, otherPath]) {
      expect(await violations(rule, stack, 'aws_iam_policy.Boundary')).toEqual(
        ['iam', 'kms', 'logs', 's3', 'sagemaker', 'sts'].map((service) =>
          expect.stringContaining(`"CeilingPlatformServices": grants ${service}:* on Resource "*"`),
        ),
      );
    }
  });

  it('fails when the planned policy grants writes on "*"', async () => {
    const stack = stackOf(
      {
        aws_iam_policy: {
          Deploy: { name: 'deploy', policy: '${data.aws_iam_policy_document.Deploy.json}' },
        },
      },
      {
        plan: planOf('aws_iam_policy.Deploy', {
          name: 'deploy',
          policy: policy({
            Sid: 'Tag',
            Effect: 'Allow',
            Action: 'sagemaker:AddTags',
            Resource: '*',
          }),
        }),
      },
    );
    expect(await violations(rule, stack, 'aws_iam_policy.Deploy')).toEqual([
      'policy statement "Tag": grants sagemaker:AddTags (Tagging, Write) on Resource "*"; it can be limited to named resources',
    ]);
  });
});
