import { s3BucketAccessLogging as rule } from '../../../src/rules/s3/s3-bucket-access-logging';
import { stackOf, violations } from '../../helpers';

const buckets = {
  aws_s3_bucket: {
    Data: { bucket: 'genai-dev-data-111111111111' },
    AccessLogs: { bucket: 'genai-dev-access-logs-111111111111' },
  },
};
const logging = (settings: Record<string, unknown>) => ({
  aws_s3_bucket_logging: {
    DataLogging: { bucket: '${aws_s3_bucket.Data.id}', ...settings },
  },
});

describe('s3-bucket-access-logging', () => {
  it('passes a bucket that logs to the access-log bucket', async () => {
    const stack = stackOf({
      ...buckets,
      ...logging({
        target_bucket: '${aws_s3_bucket.AccessLogs.bucket}',
        target_prefix: 'genai-dev-data-111111111111/',
      }),
    });
    expect(await violations(rule, stack, 'aws_s3_bucket.Data')).toEqual([]);
  });

  it('fails when no logging resource refers to the bucket', async () => {
    expect(await violations(rule, stackOf(buckets), 'aws_s3_bucket.Data')).toEqual([
      'no aws_s3_bucket_logging refers to this bucket',
    ]);
  });

  it('fails when the logging resource names no target bucket', async () => {
    const stack = stackOf({ ...buckets, ...logging({ target_bucket: '', target_prefix: 'x/' }) });
    expect(await violations(rule, stack, 'aws_s3_bucket.Data')).toEqual([
      'aws_s3_bucket_logging has no target_bucket (target_bucket is "")',
    ]);
  });

  it('fails for the access-log bucket itself, which takes a suppression instead', async () => {
    const stack = stackOf({
      ...buckets,
      ...logging({ target_bucket: '${aws_s3_bucket.AccessLogs.bucket}', target_prefix: 'x/' }),
    });
    expect(await violations(rule, stack, 'aws_s3_bucket.AccessLogs')).toEqual([
      'no aws_s3_bucket_logging refers to this bucket',
    ]);
  });
});
