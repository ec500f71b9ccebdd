import { onlyResourceOfType, synthesize, testStack } from '@genai-sandbox/core/testing';
import { PlatformKey, ServiceRole } from '@genai-sandbox/security';
import { TerraformVariable } from 'cdktf';
import {
  AccessLogBucket,
  type IMlBucket,
  ML_BUCKET_LAYOUT,
  MlBucket,
  MlBucketReference,
} from '../src';

function setup() {
  const stack = testStack({ project: 'fraud-detection' });
  const role = new ServiceRole(stack, 'Role', {
    purpose: 'jobs',
    description: 'Jobs',
    service: 'sagemaker.amazonaws.com',
  });
  const policy = () =>
    JSON.parse(onlyResourceOfType(synthesize(stack), 'aws_iam_role_policy').policy as string)
      .Statement;
  return { stack, role, policy };
}

function ownedBucket(stack: ReturnType<typeof testStack>): MlBucket {
  const key = new PlatformKey(stack, 'Key', {
    purpose: 'platform',
    description: 'Platform key',
    allowS3ServerAccessLogs: true,
  });
  const accessLogBucket = new AccessLogBucket(stack, 'AccessLogs', { encryptionKey: key });
  return new MlBucket(stack, 'Ml', { encryptionKey: key, accessLogBucket });
}

describe('IMlBucket', () => {
  it('grants an owned bucket like a referenced one, naming the owned key by its ARN', () => {
    const { stack, role, policy } = setup();
    const owned: IMlBucket = ownedBucket(stack);
    const referenced: IMlBucket = MlBucketReference.ofProject(stack);
    // Same Sids and actions; only how the bucket and key are named differs.
    const shape = (bucket: IMlBucket) =>
      bucket
        .grantRead(setup().role, ML_BUCKET_LAYOUT.data.raw)
        .map(({ Sid, Action }) => ({ Sid, Action }));
    expect(shape(owned)).toEqual(shape(referenced));

    const added = owned.grantRead(role, ML_BUCKET_LAYOUT.data.raw);
    expect(added.map((statement) => statement.Sid)).toEqual([
      'MlReadDataRaw',
      'MlListDataRaw',
      'MlBucketLocation',
      'MlKeyReadThroughS3',
    ]);
    // What it returned is what the role holds (tokens resolved in the synthesized policy).
    expect(policy().map((statement: { Sid: string }) => statement.Sid)).toEqual(
      added.map((statement) => statement.Sid),
    );
    expect(policy()[3]).toEqual({
      Sid: 'MlKeyReadThroughS3',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:DescribeKey'],
      Resource: expect.stringMatching(/^\$\{aws_kms_key\.Key_[0-9A-F]+\.arn\}$/),
      Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } },
    });
    expect(owned.grantRead(role, ML_BUCKET_LAYOUT.data.raw)).toEqual([]);
  });

  it('grants read and write on an owned bucket, returning only what was new', () => {
    const { stack, role } = setup();
    const owned = ownedBucket(stack);
    owned.grantRead(role, ML_BUCKET_LAYOUT.data.raw);
    expect(owned.grantReadWrite(role, ML_BUCKET_LAYOUT.data.processed).map((s) => s.Sid)).toEqual([
      'MlReadWriteDataProcessed',
      'MlListDataProcessed',
      'MlKeyReadWriteThroughS3',
    ]);
  });

  it('grants a prefix known only at deploy time, leaving its check to the caller', () => {
    const { stack, role, policy } = setup();
    const prefix = new TerraformVariable(stack, 'prefix', { type: 'string' }).stringValue;
    const bucket = MlBucketReference.ofProject(stack);
    expect(() => bucket.grantRead(role, prefix)).not.toThrow();
    expect(policy()[0].Resource).toBe(`${bucket.bucketArn}/\${var.prefix}*`);
    expect(policy()[1].Condition).toEqual({ StringLike: { 's3:prefix': ['${var.prefix}*'] } });
  });

  it('fails when an owned bucket is granted a prefix outside the layout', () => {
    const { stack, role } = setup();
    expect(() => ownedBucket(stack).grantReadWrite(role, 'secrets/')).toThrow(
      /prefix "secrets\/" must be a folder of the/,
    );
  });
});
