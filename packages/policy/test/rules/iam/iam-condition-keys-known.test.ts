import { iamConditionKeysKnown as rule } from '../../../src/rules/iam/iam-condition-keys-known';
import { policy, stackOf, violations } from '../../helpers';
import { planOf, rolePolicy } from './fixtures';

describe('iam-condition-keys-known', () => {
  it('passes the global, service, variable and OIDC keys the platform uses', async () => {
    const stack = stackOf({
      ...rolePolicy(
        {
          Sid: 'Guards',
          Effect: 'Deny',
          Action: 's3:*',
          Resource: '*',
          Condition: {
            Bool: { 'aws:SecureTransport': 'false' },
            NumericLessThan: { 's3:TlsVersion': '1.2' },
            StringNotEqualsIfExists: {
              's3:x-amz-server-side-encryption-aws-kms-key-id':
                'arn:aws:kms:eu-west-1:111111111111:key/x',
            },
            StringNotEquals: {
              'aws:RequestedRegion': 'eu-west-1',
              'iam:PermissionsBoundary': 'arn:aws:iam::111111111111:policy/b',
            },
            'ForAnyValue:StringLike': { 'kms:ViaService': 's3.*.amazonaws.com' },
            'ForAllValues:StringEquals': { 'aws:TagKeys': ['project'] },
            Null: { 'aws:RequestTag/project': 'true' },
          },
        },
        {
          Sid: 'Logs',
          Effect: 'Allow',
          Action: 'kms:Decrypt',
          Resource: '*',
          Condition: {
            ArnLike: {
              'kms:EncryptionContext:aws:logs:arn':
                'arn:aws:logs:eu-west-1:111111111111:log-group:*',
            },
          },
        },
      ),
      aws_iam_role: {
        Deploy: {
          name: 'deploy',
          assume_role_policy: policy({
            Effect: 'Allow',
            Principal: {
              Federated:
                'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com',
            },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              StringEquals: {
                'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
                'token.actions.githubusercontent.com:sub':
                  'repo:example-org/genai-sandbox:environment:dev',
              },
            },
          }),
        },
      },
    });
    expect(await violations(rule, stack, 'aws_iam_role_policy.Work')).toEqual([]);
    expect(await violations(rule, stack, 'aws_iam_role.Deploy')).toEqual([]);
  });

  it('fails when a condition key is unknown, once per key', async () => {
    const stack = stackOf(
      rolePolicy({
        Sid: 'Tls',
        Effect: 'Deny',
        Action: 's3:*',
        Resource: '*',
        Condition: {
          NumericLessThan: { 's3:TLSVersions': '1.2' },
          StringNotEquals: {
            'aws:RequestRegion': 'eu-west-1',
            'aws:SourceAccount': '111111111111',
          },
        },
      }),
    );
    expect(await violations(rule, stack, 'aws_iam_role_policy.Work')).toEqual([
      'policy statement "Tls": condition key s3:TLSVersions (NumericLessThan) is not known to IAM',
      'policy statement "Tls": condition key aws:RequestRegion (StringNotEquals) is not known to IAM',
    ]);
  });

  it('fails when a condition operator is unknown', async () => {
    const stack = stackOf(
      rolePolicy({
        Sid: 'Region',
        Effect: 'Deny',
        Action: 's3:*',
        Resource: '*',
        Condition: {
          StringEqual: { 'aws:RequestedRegion': 'eu-west-1' },
          NullIfExists: { 'aws:SourceArn': 'true' },
          'ForEachValue:StringLike': { 'aws:TagKeys': 'x' },
        },
      }),
    );
    expect(await violations(rule, stack, 'aws_iam_role_policy.Work')).toEqual([
      'policy statement "Region": StringEqual is not an IAM condition operator',
      'policy statement "Region": NullIfExists is not an IAM condition operator',
      'policy statement "Region": ForEachValue:StringLike is not an IAM condition operator',
    ]);
  });

  it('fails when the planned bucket policy conditions on an unknown key', async () => {
    const stack = stackOf(
      {
        aws_s3_bucket_policy: {
          Data: { bucket: 'genai-dev-data', policy: '${data.aws_iam_policy_document.Data.json}' },
        },
      },
      {
        plan: planOf('aws_s3_bucket_policy.Data', {
          policy: policy({
            Sid: 'Tls',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: '*',
            Condition: { Bool: { 'aws:SecureTransports': 'false' } },
          }),
        }),
      },
    );
    expect(await violations(rule, stack, 'aws_s3_bucket_policy.Data')).toEqual([
      'policy statement "Tls": condition key aws:SecureTransports (Bool) is not known to IAM',
    ]);
  });
});
