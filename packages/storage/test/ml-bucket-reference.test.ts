import { onlyResourceOfType, synthesize, testStack } from '@genai-sandbox/core/testing';
import { ServiceRole } from '@genai-sandbox/security';
import { ML_BUCKET_LAYOUT, MlBucketReference } from '../src';

function setup() {
  const stack = testStack({ project: 'fraud-detection' });
  const role = new ServiceRole(stack, 'Role', {
    purpose: 'jobs',
    description: 'Jobs',
    service: 'sagemaker.amazonaws.com',
  });
  return { stack, role, bucket: MlBucketReference.ofProject(stack) };
}

describe('MlBucketReference', () => {
  it('names the bucket the foundation app creates for the project', () => {
    const { bucket } = setup();
    expect(bucket.bucketName).toBe('genai-dev-fraud-detection-ml-111111111111');
    expect(bucket.bucketArn).toBe('arn:aws:s3:::genai-dev-fraud-detection-ml-111111111111');
    expect(bucket.s3Uri(ML_BUCKET_LAYOUT.data.raw)).toBe(
      's3://genai-dev-fraud-detection-ml-111111111111/data/raw/',
    );
  });

  it('grants read of one prefix, listing only it, with the key only through S3', () => {
    const { stack, role, bucket } = setup();
    const added = bucket.grantRead(role, ML_BUCKET_LAYOUT.data.raw);
    const statements = JSON.parse(
      onlyResourceOfType(synthesize(stack), 'aws_iam_role_policy').policy as string,
    ).Statement;
    expect(statements).toEqual(added);
    expect(statements).toEqual([
      {
        Sid: 'MlReadDataRaw',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectTagging'],
        Resource: `${bucket.bucketArn}/data/raw/*`,
      },
      {
        Sid: 'MlListDataRaw',
        Effect: 'Allow',
        Action: ['s3:ListBucket'],
        Resource: bucket.bucketArn,
        Condition: { StringLike: { 's3:prefix': ['data/raw/*'] } },
      },
      {
        Sid: 'MlBucketLocation',
        Effect: 'Allow',
        Action: ['s3:GetBucketLocation'],
        Resource: bucket.bucketArn,
      },
      {
        Sid: 'MlKeyReadThroughS3',
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:DescribeKey'],
        Resource: 'arn:aws:kms:eu-west-1:111111111111:key/*',
        Condition: {
          'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/genai-dev-platform' },
          StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' },
        },
      },
    ]);
  });

  it('grants writes on the prefix only and shares the key statement between prefixes', () => {
    const { role, bucket } = setup();
    const first = bucket.grantReadWrite(role, ML_BUCKET_LAYOUT.data.processed);
    const second = bucket.grantReadWrite(role, ML_BUCKET_LAYOUT.data.features);
    expect(first[0]).toMatchObject({
      Action: expect.arrayContaining(['s3:PutObject', 's3:DeleteObject']),
      Resource: `${bucket.bucketArn}/data/processed/*`,
    });
    expect(first[0].Action).not.toContain('s3:DeleteObjectVersion');
    expect(first.find((s) => s.Sid === 'MlKeyReadWriteThroughS3')?.Action).toContain(
      'kms:GenerateDataKey',
    );
    // The key and bucket-location statements were already there.
    expect(second.map((statement) => statement.Sid)).toEqual([
      'MlReadWriteDataFeatures',
      'MlListDataFeatures',
    ]);
  });

  it('fails when a prefix is outside the layout, has a wildcard or no trailing slash', () => {
    const { role, bucket } = setup();
    for (const prefix of ['', 'secrets/', 'data/raw', 'data/*/', 'data/']) {
      expect(() => bucket.grantRead(role, prefix)).toThrow(
        /^Grant on ML bucket arn:aws:s3:::genai-dev-fraud-detection-ml-111111111111: prefix ".*" must be a folder of the ML bucket layout/,
      );
    }
    expect(() => bucket.grantRead(role, 'data/raw/2024/')).not.toThrow();
  });

  it('fails when the project is not configured in the environment', () => {
    expect(() => MlBucketReference.ofProject(testStack(), 'unknown')).toThrow(
      /project "unknown" is not configured in environment dev/,
    );
    expect(() => MlBucketReference.ofProject(testStack())).toThrow(/the stack has no project/);
  });
});
