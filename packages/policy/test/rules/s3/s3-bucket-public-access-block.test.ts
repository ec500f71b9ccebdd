import { s3BucketPublicAccessBlock as rule } from '../../../src/rules/s3/s3-bucket-public-access-block';
import { stackOf, violations } from '../../helpers';

const bucket = { aws_s3_bucket: { Data: { bucket: 'genai-dev-data-111111111111' } } };
const ALL_TRUE = {
  block_public_acls: true,
  block_public_policy: true,
  ignore_public_acls: true,
  restrict_public_buckets: true,
};
const block = (settings: Record<string, unknown>) => ({
  aws_s3_bucket_public_access_block: {
    DataPublicAccessBlock: { bucket: '${aws_s3_bucket.Data.id}', ...settings },
  },
});

describe('s3-bucket-public-access-block', () => {
  it('passes a bucket that blocks all four kinds of public access', async () => {
    const stack = stackOf({ ...bucket, ...block(ALL_TRUE) });
    expect(await violations(rule, stack, 'aws_s3_bucket.Data')).toEqual([]);
  });

  it('reads the settings from the plan', async () => {
    const stack = stackOf(
      { ...bucket, ...block({ ...ALL_TRUE, restrict_public_buckets: '${var.restrict}' }) },
      {
        plan: {
          planned_values: {
            root_module: {
              resources: [
                {
                  address: 'aws_s3_bucket_public_access_block.DataPublicAccessBlock',
                  mode: 'managed',
                  type: 'aws_s3_bucket_public_access_block',
                  name: 'DataPublicAccessBlock',
                  values: { ...ALL_TRUE, restrict_public_buckets: false },
                },
              ],
            },
          },
        },
      },
    );
    expect(await violations(rule, stack, 'aws_s3_bucket.Data')).toEqual([
      'aws_s3_bucket_public_access_block: restrict_public_buckets is not true',
    ]);
  });

  it('fails when no public access block refers to the bucket', async () => {
    expect(await violations(rule, stackOf(bucket), 'aws_s3_bucket.Data')).toEqual([
      'no aws_s3_bucket_public_access_block refers to this bucket',
    ]);
  });

  it('fails when settings are false or left out, naming each', async () => {
    const stack = stackOf({
      ...bucket,
      ...block({ block_public_acls: true, block_public_policy: false, ignore_public_acls: true }),
    });
    expect(await violations(rule, stack, 'aws_s3_bucket.Data')).toEqual([
      'aws_s3_bucket_public_access_block: block_public_policy, restrict_public_buckets are not true',
    ]);
  });
});
