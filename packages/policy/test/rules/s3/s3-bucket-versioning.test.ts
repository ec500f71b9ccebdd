import { s3BucketVersioning as rule } from '../../../src/rules/s3/s3-bucket-versioning';
import { stackOf, violations } from '../../helpers';

const bucket = { aws_s3_bucket: { Data: { bucket: 'genai-dev-data-111111111111' } } };
const versioning = (status: string) => ({
  aws_s3_bucket_versioning: {
    DataVersioning: {
      bucket: '${aws_s3_bucket.Data.id}',
      versioning_configuration: { status },
    },
  },
});

describe('s3-bucket-versioning', () => {
  it('passes a bucket with versioning enabled', async () => {
    const stack = stackOf({ ...bucket, ...versioning('Enabled') });
    expect(await violations(rule, stack, 'aws_s3_bucket.Data')).toEqual([]);
  });

  it('finds a versioning resource that names the bucket literally', async () => {
    const stack = stackOf({
      ...bucket,
      aws_s3_bucket_versioning: {
        DataVersioning: {
          bucket: 'genai-dev-data-111111111111',
          versioning_configuration: { status: 'Enabled' },
        },
      },
    });
    expect(await violations(rule, stack, 'aws_s3_bucket.Data')).toEqual([]);
  });

  it('reads the status from the plan, where the block is a list', async () => {
    const stack = stackOf(
      { ...bucket, ...versioning('${var.status}') },
      {
        plan: {
          planned_values: {
            root_module: {
              resources: [
                {
                  address: 'aws_s3_bucket_versioning.DataVersioning',
                  mode: 'managed',
                  type: 'aws_s3_bucket_versioning',
                  name: 'DataVersioning',
                  values: { versioning_configuration: [{ status: 'Suspended', mfa_delete: '' }] },
                },
              ],
            },
          },
        },
      },
    );
    expect(await violations(rule, stack, 'aws_s3_bucket.Data')).toEqual([
      'versioning_configuration.status is "Suspended"; expected "Enabled"',
    ]);
  });

  it('fails when no versioning resource refers to the bucket', async () => {
    expect(await violations(rule, stackOf(bucket), 'aws_s3_bucket.Data')).toEqual([
      'no aws_s3_bucket_versioning refers to this bucket',
    ]);
  });

  it('fails when versioning is suspended', async () => {
    const stack = stackOf({ ...bucket, ...versioning('Suspended') });
    expect(await violations(rule, stack, 'aws_s3_bucket.Data')).toEqual([
      'versioning_configuration.status is "Suspended"; expected "Enabled"',
    ]);
  });

  it('fails when versioning of another bucket is enabled', async () => {
    const stack = stackOf({
      aws_s3_bucket: { ...bucket.aws_s3_bucket, Other: { bucket: 'genai-dev-other-111111111111' } },
      aws_s3_bucket_versioning: {
        OtherVersioning: {
          bucket: '${aws_s3_bucket.Other.id}',
          versioning_configuration: { status: 'Enabled' },
        },
      },
    });
    expect(await violations(rule, stack, 'aws_s3_bucket.Data')).toEqual([
      'no aws_s3_bucket_versioning refers to this bucket',
    ]);
  });
});
