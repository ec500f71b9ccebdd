import { resourcesOfType } from '@genai-sandbox/core/testing';
import { folderMarkerId, ML_BUCKET_FOLDERS } from '../src';
import { synthMlBucket } from './helpers';

describe('MlBucket', () => {
  const { json, ml, bucket, ref } = synthMlBucket();
  const keyArn = ref('aws_kms_key', 'Key_', 'arn');
  const policy = JSON.parse(ml('aws_s3_bucket_policy').policy as string);
  const sid = (name: string) =>
    policy.Statement.find((statement: { Sid: string }) => statement.Sid === name);

  it('is named per project and account', () => {
    expect(ml('aws_s3_bucket')).toMatchObject({
      bucket: 'genai-dev-fraud-detection-ml-111111111111',
      force_destroy: false,
    });
    expect(bucket.layout.artifacts.models).toBe('artifacts/models/');
  });

  it('encrypts with the platform key and S3 bucket keys', () => {
    expect(ml('aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([
      {
        apply_server_side_encryption_by_default: {
          sse_algorithm: 'aws:kms',
          kms_master_key_id: keyArn,
        },
        bucket_key_enabled: true,
      },
    ]);
  });

  it('is versioned, blocks all public access and disables ACLs', () => {
    expect(ml('aws_s3_bucket_versioning').versioning_configuration).toEqual({ status: 'Enabled' });
    expect(ml('aws_s3_bucket_public_access_block')).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(ml('aws_s3_bucket_ownership_controls').rule).toEqual({
      object_ownership: 'BucketOwnerEnforced',
    });
  });

  it('refuses plain HTTP, TLS below 1.2, and objects under other keys', () => {
    const arn = ref('aws_s3_bucket', 'Ml_', 'arn');
    expect(sid('DenyInsecureTransport')).toEqual({
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [arn, `${arn}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
    expect(sid('DenyTlsBelow12').Condition).toEqual({
      NumericLessThan: { 's3:TlsVersion': '1.2' },
    });
    // Not ...IfExists: a request naming no key (S3 log delivery) must get the default key, not a deny.
    expect(sid('DenyObjectsEncryptedWithOtherKeys').Condition).toEqual({
      StringNotEquals: {
        's3:x-amz-server-side-encryption-aws-kms-key-id': [
          keyArn,
          'arn:aws:kms:eu-west-1:111111111111:alias/genai-dev-platform',
        ],
      },
    });
    expect(sid('DenyObjectsEncryptedWithS3ManagedKeys').Condition).toEqual({
      StringEquals: { 's3:x-amz-server-side-encryption': 'AES256' },
    });
    expect(
      policy.Statement.filter((statement: { Effect: string }) => statement.Effect === 'Allow'),
    ).toEqual([]);
  });

  it('applies the ML bucket lifecycle rules, sparing the folder markers', () => {
    const rules = ml('aws_s3_bucket_lifecycle_configuration').rule as Record<string, unknown>[];
    const summary = rules.map((rule) => ({
      id: rule.id,
      filter: rule.filter,
      expiration: rule.expiration,
      transition: rule.transition,
    }));
    const onPrefix = (prefix: string) => [{ and: [{ prefix, object_size_greater_than: 0 }] }];
    expect(summary).toEqual([
      {
        id: 'expire-raw-data',
        filter: onPrefix('data/raw/'),
        expiration: [{ days: 30 }],
        transition: undefined,
      },
      {
        id: 'expire-checkpoints',
        filter: onPrefix('artifacts/checkpoints/'),
        expiration: [{ days: 7 }],
        transition: undefined,
      },
      {
        id: 'expire-batch-input',
        filter: onPrefix('inference/batch/input/'),
        expiration: [{ days: 14 }],
        transition: undefined,
      },
      {
        id: 'archive-async-output',
        filter: onPrefix('inference/async/output/'),
        expiration: undefined,
        transition: [{ days: 30, storage_class: 'GLACIER' }],
      },
      {
        id: 'archive-logs',
        filter: onPrefix('logs/'),
        expiration: undefined,
        transition: [{ days: 90, storage_class: 'GLACIER' }],
      },
      { id: 'bucket-hygiene', filter: [{}], expiration: undefined, transition: undefined },
    ]);
    expect(rules.every((rule) => rule.status === 'Enabled')).toBe(true);
    expect(rules[0].noncurrent_version_expiration).toEqual([{ noncurrent_days: 30 }]);
    expect(rules[5]).toMatchObject({
      abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
      noncurrent_version_expiration: [{ noncurrent_days: 90 }],
    });
  });

  it('logs access to the access-log bucket under its own prefix, and notifies EventBridge', () => {
    expect(ml('aws_s3_bucket_logging')).toMatchObject({
      target_bucket: ref('aws_s3_bucket', 'AccessLogs_', 'bucket'),
      target_prefix: 'genai-dev-fraud-detection-ml-111111111111/',
    });
    expect(ml('aws_s3_bucket_notification')).toMatchObject({ eventbridge: true });
  });

  it('creates a KMS-encrypted marker for every folder of the ML bucket layout', () => {
    const markers = Object.values(resourcesOfType(json, 'aws_s3_object'));
    expect(markers.map((marker) => marker.key).sort()).toEqual([...ML_BUCKET_FOLDERS]);
    expect(ML_BUCKET_FOLDERS).toEqual(
      expect.arrayContaining([
        'data/raw/',
        'data/processed/',
        'data/features/',
        'artifacts/models/sagemaker-finetuned/',
        'artifacts/checkpoints/',
        'inference/async/failures/',
        'configs/training/',
        'logs/inference/',
      ]),
    );
    expect(ML_BUCKET_FOLDERS).not.toContain('artifacts/models/');
    for (const marker of markers)
      expect(marker).toMatchObject({
        server_side_encryption: 'aws:kms',
        kms_key_id: keyArn,
        content: '',
      });
    expect(folderMarkerId('artifacts/models/sagemaker-finetuned/')).toBe(
      'FolderArtifactsModelsSagemakerFinetuned',
    );
  });

  it('sets prevent_destroy on the bucket in production only', () => {
    expect(ml('aws_s3_bucket').lifecycle).toBeUndefined();
    expect(synthMlBucket({}, 'prod').ml('aws_s3_bucket').lifecycle).toEqual({
      prevent_destroy: true,
    });
  });

  it('lets downstream roles read and list only artifacts/models/', () => {
    const reader = 'arn:aws:iam::222222222222:role/genai-test-promotion';
    const { ml: downstream } = synthMlBucket({ modelArtifactReaders: [reader] });
    const statements = JSON.parse(downstream('aws_s3_bucket_policy').policy as string).Statement;
    const arn = 'arn:aws:s3:::genai-dev-fraud-detection-ml-111111111111';
    expect(
      statements.filter((statement: { Effect: string }) => statement.Effect === 'Allow'),
    ).toEqual([
      {
        Sid: 'DownstreamReadModelArtifacts',
        Effect: 'Allow',
        Principal: { AWS: ['arn:aws:iam::222222222222:root'] },
        Action: ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectTagging'],
        Resource: `${arn}/artifacts/models/*`,
        Condition: { ArnEquals: { 'aws:PrincipalArn': [reader] } },
      },
      {
        Sid: 'DownstreamListModelArtifacts',
        Effect: 'Allow',
        Principal: { AWS: ['arn:aws:iam::222222222222:root'] },
        Action: ['s3:ListBucket'],
        Resource: arn,
        Condition: {
          ArnEquals: { 'aws:PrincipalArn': [reader] },
          StringLike: { 's3:prefix': 'artifacts/models/*' },
        },
      },
    ]);
  });

  it('fails when a reader is not a role of another account, listing every problem', () => {
    expect(() =>
      synthMlBucket({
        modelArtifactReaders: ['arn:aws:iam::111111111111:role/self', '*'],
        lifecycleRules: [{ id: 'x', prefix: '/data', expirationDays: 0 }],
      }),
    ).toThrow(
      /MlBucket test-dev\/Ml: 4 invalid props:\n {2}- lifecycleRules\[0\]\.expirationDays \(received 0\).*\n {2}- lifecycleRules\[0\]\.prefix \(received "\/data"\): rule "x": must be a folder.*\n {2}- modelArtifactReaders \(received "arn:aws:iam::111111111111:role\/self"\): not an IAM role ARN of another account.*\n {2}- modelArtifactReaders \(received "\*"\): not an IAM role ARN/,
    );
  });
});
