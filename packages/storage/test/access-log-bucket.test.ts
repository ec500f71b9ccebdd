import { synthMlBucket } from './helpers';

describe('AccessLogBucket', () => {
  const { json } = synthMlBucket();
  const logs = (type: string) =>
    Object.entries(json.resource?.[type] ?? {}).find(([name]) =>
      name.startsWith('AccessLogs_'),
    )?.[1] ?? {};

  it('is encrypted with the platform key, versioned and private', () => {
    expect(logs('aws_s3_bucket')).toMatchObject({ bucket: 'genai-dev-access-logs-111111111111' });
    expect(JSON.stringify(logs('aws_s3_bucket_server_side_encryption_configuration'))).toContain(
      'aws_kms_key.Key_961B73FD.arn',
    );
    expect(logs('aws_s3_bucket_versioning')).toMatchObject({
      versioning_configuration: { status: 'Enabled' },
    });
    expect(logs('aws_s3_bucket_public_access_block')).toMatchObject({
      block_public_policy: true,
      restrict_public_buckets: true,
    });
  });

  it('admits only S3 log delivery for this account platform buckets', () => {
    const statements = JSON.parse(logs('aws_s3_bucket_policy').policy as string).Statement;
    expect(
      statements.filter((statement: { Effect: string }) => statement.Effect === 'Allow'),
    ).toEqual([
      {
        Sid: 'S3ServerAccessLogDelivery',
        Effect: 'Allow',
        Principal: { Service: 'logging.s3.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: 'arn:aws:s3:::genai-dev-access-logs-111111111111/*',
        Condition: {
          StringEquals: { 'aws:SourceAccount': '111111111111' },
          ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::genai-dev-*' },
        },
      },
    ]);
  });

  it('expires logs after the retention period', () => {
    const rules = logs('aws_s3_bucket_lifecycle_configuration').rule as Record<string, unknown>[];
    expect(rules[0]).toMatchObject({
      id: 'expire-access-logs',
      filter: [{}],
      expiration: [{ days: 365 }],
    });
  });
});
