import { s3BucketKmsEncryption as rule } from '../../../src/rules/s3/s3-bucket-kms-encryption';
import { stackOf, violations } from '../../helpers';

const bucket = { aws_s3_bucket: { Data: { bucket: 'genai-dev-data-111111111111' } } };
const encryption = (byDefault: Record<string, unknown>) => ({
  aws_s3_bucket_server_side_encryption_configuration: {
    DataEncryption: {
      bucket: '${aws_s3_bucket.Data.id}',
      rule: [{ apply_server_side_encryption_by_default: byDefault, bucket_key_enabled: true }],
    },
  },
});

describe('s3-bucket-kms-encryption', () => {
  it('passes a bucket encrypted with a customer managed key', async () => {
    const stack = stackOf({
      ...bucket,
      ...encryption({ sse_algorithm: 'aws:kms', kms_master_key_id: '${aws_kms_key.Platform.arn}' }),
    });
    expect(await violations(rule, stack, 'aws_s3_bucket.Data')).toEqual([]);
  });

  it('fails when the bucket has no encryption configuration', async () => {
    expect(await violations(rule, stackOf(bucket), 'aws_s3_bucket.Data')).toEqual([
      'no aws_s3_bucket_server_side_encryption_configuration refers to this bucket',
    ]);
  });

  it('fails when the bucket uses SSE-S3', async () => {
    const stack = stackOf({ ...bucket, ...encryption({ sse_algorithm: 'AES256' }) });
    expect(await violations(rule, stack, 'aws_s3_bucket.Data')).toEqual([
      expect.stringContaining('default encryption is AES256'),
    ]);
  });

  it('fails when the bucket uses the AWS managed aws/s3 key', async () => {
    const stack = stackOf({
      ...bucket,
      ...encryption({ sse_algorithm: 'aws:kms', kms_master_key_id: 'alias/aws/s3' }),
    });
    expect(await violations(rule, stack, 'aws_s3_bucket.Data')).toEqual([
      expect.stringContaining('AWS managed aws/s3 key'),
    ]);
  });
});
