import { s3BucketTlsOnly as rule } from '../../../src/rules/s3/s3-bucket-tls-only';
import { policy, stackOf, violations } from '../../helpers';

const NAME = 'genai-dev-data-111111111111';
const bucket = { aws_s3_bucket: { Data: { bucket: NAME } } };
const ARN = '${aws_s3_bucket.Data.arn}';
const denyPlainHttp = (overrides: Record<string, unknown> = {}) => ({
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: [ARN, `${ARN}/*`],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  ...overrides,
});
const bucketPolicy = (document: string, bucketRef = '${aws_s3_bucket.Data.id}') => ({
  aws_s3_bucket_policy: { DataPolicy: { bucket: bucketRef, policy: document } },
});
const check = (document: string) =>
  violations(rule, stackOf({ ...bucket, ...bucketPolicy(document) }), 'aws_s3_bucket.Data');

describe('s3-bucket-tls-only', () => {
  it('passes the deny statement SecureBucket renders', async () => {
    expect(await check(policy(denyPlainHttp()))).toEqual([]);
  });

  it('passes literal ARNs, Principal AWS "*", Action "*" and BoolIfExists', async () => {
    const statement = denyPlainHttp({
      Principal: { AWS: '*' },
      Action: '*',
      Resource: [`arn:aws:s3:::${NAME}`, `arn:aws:s3:::${NAME}/*`],
      Condition: { BoolIfExists: { 'aws:SecureTransport': false } },
    });
    expect(await check(policy(statement))).toEqual([]);
  });

  it('passes when the bucket ARN and its objects are covered by separate statements', async () => {
    const statements = [
      denyPlainHttp({ Sid: 'Bucket', Resource: ARN }),
      denyPlainHttp({ Sid: 'Objects', Resource: `arn:aws:s3:::${NAME}/*` }),
    ];
    expect(await check(policy(...statements))).toEqual([]);
  });

  it('reads the policy from the plan, where references are resolved', async () => {
    const stack = stackOf(
      { ...bucket, ...bucketPolicy('${data.aws_iam_policy_document.tls.json}') },
      {
        plan: {
          planned_values: {
            root_module: {
              resources: [
                {
                  address: 'aws_s3_bucket_policy.DataPolicy',
                  mode: 'managed',
                  type: 'aws_s3_bucket_policy',
                  name: 'DataPolicy',
                  values: {
                    bucket: NAME,
                    policy: policy(denyPlainHttp({ Resource: `arn:aws:s3:::${NAME}/*` })),
                  },
                },
              ],
            },
          },
        },
      },
    );
    expect(await violations(rule, stack, 'aws_s3_bucket.Data')).toEqual([
      `policy statement "DenyInsecureTransport" denies requests without TLS, but not on arn:aws:s3:::${NAME}`,
    ]);
  });

  it('fails when no bucket policy refers to the bucket', async () => {
    expect(await violations(rule, stackOf(bucket), 'aws_s3_bucket.Data')).toEqual([
      'no aws_s3_bucket_policy with a policy document refers to this bucket',
    ]);
  });

  it("fails when only another bucket's policy mentions this bucket's ARN", async () => {
    const stack = stackOf({
      aws_s3_bucket: { ...bucket.aws_s3_bucket, Other: { bucket: 'genai-dev-other-111111111111' } },
      ...bucketPolicy(policy(denyPlainHttp()), '${aws_s3_bucket.Other.id}'),
    });
    expect(await violations(rule, stack, 'aws_s3_bucket.Data')).toEqual([
      'no aws_s3_bucket_policy with a policy document refers to this bucket',
    ]);
  });

  it('fails when the policy has no deny on aws:SecureTransport', async () => {
    const tlsVersion = denyPlainHttp({
      Sid: 'DenyTlsBelow12',
      Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } },
    });
    expect(await check(policy(tlsVersion))).toEqual([
      'the bucket policy has no Deny statement with condition Bool aws:SecureTransport "false"',
    ]);
  });

  it('fails when the deny misses the bucket objects', async () => {
    expect(await check(policy(denyPlainHttp({ Resource: ARN })))).toEqual([
      `policy statement "DenyInsecureTransport" denies requests without TLS, but not on arn:aws:s3:::${NAME}/*`,
    ]);
  });

  it('fails when the deny is limited to one principal, some actions or another condition', async () => {
    const narrow = denyPlainHttp({
      Sid: undefined,
      Principal: { AWS: 'arn:aws:iam::111111111111:root' },
      Action: ['s3:GetObject'],
      Condition: {
        Bool: { 'aws:SecureTransport': 'false' },
        StringEquals: { 'aws:PrincipalAccount': '111111111111' },
      },
    });
    expect(await check(policy(narrow))).toEqual([
      'policy statement #1 denies requests without TLS, but its principal is arn:aws:iam::111111111111:root, not "*"; its actions ["s3:GetObject"] do not cover s3:*; it only applies when StringEquals aws:PrincipalAccount also hold',
    ]);
  });

  it('fails when the policy is not JSON', async () => {
    expect(await check('{"Statement": [')).toEqual([
      expect.stringMatching(/^aws_s3_bucket_policy policy is not a JSON policy document/),
    ]);
  });
});
