import { kmsKeyPolicyNoWildcardPrincipal as rule } from '../../../src/rules/kms/kms-key-policy-no-wildcard-principal';
import { check, policy, stackOf, violations } from '../../helpers';

const ACCOUNT_ROOT = {
  Sid: 'AccountAdministersKeyThroughIam',
  Effect: 'Allow',
  Principal: { AWS: 'arn:aws:iam::111111111111:root' },
  Action: 'kms:*',
  Resource: '*',
};
const keyWith = (document?: string) =>
  stackOf({ aws_kms_key: { Platform: document === undefined ? {} : { policy: document } } });
const NOT_NARROWED =
  'without a StringEquals/StringLike/ArnEquals/ArnLike condition on aws:PrincipalAccount, aws:PrincipalOrgID, aws:PrincipalArn, kms:CallerAccount, aws:SourceAccount, aws:SourceArn, kms:ViaService';

describe('kms-key-policy-no-wildcard-principal', () => {
  it('passes a policy that names its principals', async () => {
    const logs = {
      Sid: 'S3ServerAccessLogDelivery',
      Effect: 'Allow',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 'kms:GenerateDataKey',
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
    };
    expect(
      await violations(rule, keyWith(policy(ACCOUNT_ROOT, logs)), 'aws_kms_key.Platform'),
    ).toEqual([]);
  });

  it('passes a wildcard principal narrowed to the chain accounts through S3', async () => {
    const narrowed = {
      Sid: 'ChainDecryptsThroughS3',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: ['kms:Decrypt', 'kms:DescribeKey'],
      Resource: '*',
      Condition: {
        StringEquals: {
          'kms:ViaService': 's3.eu-west-1.amazonaws.com',
          'kms:CallerAccount': ['222222222222'],
        },
      },
    };
    expect(
      await violations(rule, keyWith(policy(ACCOUNT_ROOT, narrowed)), 'aws_kms_key.Platform'),
    ).toEqual([]);
  });

  it('checks an aws_kms_key_policy and leaves its key to it', async () => {
    const stack = stackOf({
      aws_kms_key: { Platform: {} },
      aws_kms_key_policy: {
        PlatformPolicy: {
          key_id: '${aws_kms_key.Platform.id}',
          policy: policy(ACCOUNT_ROOT, { ...ACCOUNT_ROOT, Sid: 'Anyone', Principal: '*' }),
        },
      },
    });
    expect(await check(rule, stack, 'aws_kms_key.Platform')).toEqual([
      { status: 'not-applicable' },
    ]);
    expect(await violations(rule, stack, 'aws_kms_key_policy.PlatformPolicy')).toEqual([
      `policy statement "Anyone" allows Principal "*" to kms:* ${NOT_NARROWED}`,
    ]);
  });

  it('reads the policy from the plan', async () => {
    const stack = stackOf(
      { aws_kms_key: { Platform: { policy: '${data.aws_iam_policy_document.key.json}' } } },
      {
        plan: {
          planned_values: {
            root_module: {
              resources: [
                {
                  address: 'aws_kms_key.Platform',
                  mode: 'managed',
                  type: 'aws_kms_key',
                  name: 'Platform',
                  values: { policy: policy({ ...ACCOUNT_ROOT, Sid: undefined, Principal: '*' }) },
                },
              ],
            },
          },
        },
      },
    );
    expect(await violations(rule, stack, 'aws_kms_key.Platform')).toEqual([
      `policy statement #1 allows Principal "*" to kms:* ${NOT_NARROWED}`,
    ]);
  });

  it('fails when the key has no policy attribute', async () => {
    expect(await violations(rule, keyWith(), 'aws_kms_key.Platform')).toEqual([
      'no policy attribute: KMS applies its default key policy, which this review cannot see; set an explicit policy',
    ]);
  });

  it('fails for each wildcard statement without a narrowing condition', async () => {
    const statements = [
      ACCOUNT_ROOT,
      {
        Sid: 'AnyoneDecrypts',
        Effect: 'Allow',
        Principal: '*',
        Action: 'kms:Decrypt',
        Resource: '*',
      },
      {
        Sid: 'WrongOperator',
        Effect: 'Allow',
        Principal: { AWS: ['*'] },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:PrincipalAccount': '999999999999' } },
      },
      {
        Sid: 'WildcardValue',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: { StringLike: { 'aws:PrincipalOrgID': '*' } },
      },
      {
        Sid: 'UnrelatedKey',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: { StringEqualsIfExists: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } },
      },
      {
        Sid: 'DenyIsFine',
        Effect: 'Deny',
        Principal: '*',
        Action: 'kms:ScheduleKeyDeletion',
        Resource: '*',
      },
    ];
    expect(await violations(rule, keyWith(policy(...statements)), 'aws_kms_key.Platform')).toEqual([
      `policy statement "AnyoneDecrypts" allows Principal "*" to kms:Decrypt ${NOT_NARROWED}`,
      `policy statement "WrongOperator" allows Principal "*" to kms:Decrypt, kms:GenerateDataKey ${NOT_NARROWED}`,
      `policy statement "WildcardValue" allows Principal "*" to kms:Decrypt ${NOT_NARROWED}`,
      `policy statement "UnrelatedKey" allows Principal "*" to kms:Decrypt ${NOT_NARROWED}`,
    ]);
  });

  it('fails when an Allow uses NotPrincipal, which admits everyone else', async () => {
    const statement = {
      Sid: 'AllButOne',
      Effect: 'Allow',
      NotPrincipal: { AWS: 'arn:aws:iam::111111111111:role/blocked' },
      Action: 'kms:Decrypt',
      Resource: '*',
    };
    expect(await violations(rule, keyWith(policy(statement)), 'aws_kms_key.Platform')).toEqual([
      `policy statement "AllButOne" allows everyone but NotPrincipal arn:aws:iam::111111111111:role/blocked to kms:Decrypt ${NOT_NARROWED}`,
    ]);
  });

  it('fails when the policy is not JSON', async () => {
    expect(await violations(rule, keyWith('not json'), 'aws_kms_key.Platform')).toEqual([
      expect.stringMatching(/^policy is not a JSON policy document/),
    ]);
  });
});
