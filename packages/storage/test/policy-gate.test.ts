import { synthesizeWithMetadata, testStack } from '@genai-sandbox/core/testing';
import { policyViolations } from '@genai-sandbox/policy/testing';
import { PlatformKey } from '@genai-sandbox/security';
import { AccessLogBucket, MlBucket, TerraformStateBucket } from '../src';

describe('storage constructs and the baseline policy pack', () => {
  it('builds buckets that pass it, with cross-account readers and a state bucket', async () => {
    const stack = testStack();
    const key = new PlatformKey(stack, 'Key', {
      purpose: 'platform',
      description: 'Platform key',
      allowS3ServerAccessLogs: true,
      downstreamAccountIds: ['222222222222'],
    });
    const accessLogs = new AccessLogBucket(stack, 'AccessLogs', { encryptionKey: key });
    new MlBucket(stack, 'Ml', {
      project: 'fraud-detection',
      encryptionKey: key,
      accessLogBucket: accessLogs,
      modelArtifactReaders: ['arn:aws:iam::222222222222:role/genai-test-promotion'],
    });
    new TerraformStateBucket(stack, 'State', {
      bucketName: 'genai-tfstate-111111111111',
      encryptionKey: key,
    });
    expect(await policyViolations(synthesizeWithMetadata(stack), stack.config)).toEqual([]);
  });

  it('fails when a bucket policy admits an account outside the chain and drops the TLS deny', async () => {
    const stack = testStack();
    const key = new PlatformKey(stack, 'Key', { purpose: 'platform', description: 'Platform key' });
    const accessLogs = new AccessLogBucket(stack, 'AccessLogs', { encryptionKey: key });
    const bucket = new MlBucket(stack, 'Ml', {
      project: 'fraud-detection',
      encryptionKey: key,
      accessLogBucket: accessLogs,
    });
    // What a hand-edited policy would look like: an account outside the promotion chain.
    bucket.bucket.policy.addOverride(
      'policy',
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'Outsider',
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::999999999999:root' },
            Action: 's3:GetObject',
            Resource: `${bucket.bucketArn}/*`,
          },
        ],
      }),
    );
    const violations = await policyViolations(synthesizeWithMetadata(stack), stack.config);
    expect(violations.length).toBeGreaterThan(0);
    expect(violations).toEqual([
      expect.stringMatching(/^s3-bucket-tls-only aws_s3_bucket\.Ml_Bucket_/),
      expect.stringMatching(
        /^cross-account-principals-in-chain aws_s3_bucket_policy\.Ml_Bucket_Policy_\w+: .*999999999999/,
      ),
    ]);
  });
});
