import { resourcesOfType, synthesize, testStack } from '@genai-sandbox/core/testing';
import { PlatformKey } from '@genai-sandbox/security';
import { TerraformStateBucket, type TerraformStateBucketProps } from '../src';

function synthState(props: Partial<TerraformStateBucketProps> = {}, environment = 'dev') {
  const stack = testStack({ environment });
  const key = new PlatformKey(stack, 'Key', {
    purpose: 'state',
    description: 'State key',
    allowS3ServerAccessLogs: true,
  });
  const state = new TerraformStateBucket(stack, 'State', {
    bucketName: 'genai-tfstate-111111111111',
    encryptionKey: key,
    ...props,
  });
  const json = synthesize(stack);
  const bucketRef = (prefix: string) =>
    `\${aws_s3_bucket.${Object.keys(resourcesOfType(json, 'aws_s3_bucket')).find((name) => name.startsWith(prefix))}.id}`;
  /** The configuration resource of a type that belongs to the bucket whose logical name starts with `prefix`. */
  const part = (type: string, prefix: string) =>
    Object.values(resourcesOfType(json, type)).find(
      (candidate) => candidate.bucket === bucketRef(prefix),
    );
  return { state, json, part };
}

describe('TerraformStateBucket', () => {
  const { state, json, part } = synthState();
  const buckets = Object.values(resourcesOfType(json, 'aws_s3_bucket'));

  it('names the state bucket from configuration and its log bucket with the naming helper', () => {
    expect(buckets.map((bucket) => bucket.bucket).sort()).toEqual([
      'genai-dev-tfstate-access-logs-111111111111',
      'genai-tfstate-111111111111',
    ]);
    expect(state.bucketArn).toMatch(/^\$\{TfToken\[/);
    expect(state.accessLogBucketName).toBe('genai-dev-tfstate-access-logs-111111111111');
  });

  it('refuses destruction of the state bucket even where configuration does not ask for it', () => {
    const stateBucket = buckets.find((bucket) => bucket.bucket === 'genai-tfstate-111111111111');
    const logBucket = buckets.find((bucket) => bucket.bucket !== 'genai-tfstate-111111111111');
    expect(stateBucket?.lifecycle).toEqual({ prevent_destroy: true });
    // The log bucket follows the environment (dev: not protected).
    expect(logBucket?.lifecycle).toBeUndefined();
  });

  it('is versioned and keeps superseded state versions for a year by default', () => {
    expect(part('aws_s3_bucket_versioning', 'State_Bucket')).toMatchObject({
      versioning_configuration: { status: 'Enabled' },
    });
    expect(part('aws_s3_bucket_lifecycle_configuration', 'State_Bucket')?.rule).toEqual([
      expect.objectContaining({
        id: 'bucket-hygiene',
        noncurrent_version_expiration: [{ noncurrent_days: 365 }],
      }),
    ]);
  });

  it('logs every request to its own access-log bucket, which only S3 log delivery for it may write', () => {
    expect(part('aws_s3_bucket_logging', 'State_Bucket')).toMatchObject({
      target_prefix: 'genai-tfstate-111111111111/',
    });
    const policy = JSON.parse(part('aws_s3_bucket_policy', 'State_AccessLogs')?.policy as string);
    expect(policy.Statement.filter((s: { Effect: string }) => s.Effect === 'Allow')).toEqual([
      expect.objectContaining({
        Principal: { Service: 'logging.s3.amazonaws.com' },
        Condition: {
          StringEquals: { 'aws:SourceAccount': '111111111111' },
          ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::genai-tfstate-111111111111' },
        },
      }),
    ]);
    expect(part('aws_s3_bucket_lifecycle_configuration', 'State_AccessLogs')?.rule).toContainEqual(
      expect.objectContaining({ id: 'expire-access-logs', expiration: [{ days: 365 }] }),
    );
  });

  it('fails on an invalid bucket name or retention, listing every problem', () => {
    expect(() =>
      synthState({
        bucketName: 'Not_A_Bucket',
        accessLogRetentionDays: 0,
        noncurrentVersionDays: 1.5,
      }),
    ).toThrow(
      /TerraformStateBucket .*: 3 invalid props:\n {2}- accessLogRetentionDays \(received 0\).*\n {2}- noncurrentVersionDays \(received 1\.5\).*\n {2}- bucketName \(received "Not_A_Bucket"\): Invalid s3-bucket name "Not_A_Bucket"/,
    );
  });
});
