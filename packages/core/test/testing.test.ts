import { suppressPolicyRule } from '../src';
import { atLeast, synthesize, synthesizeWithMetadata, testStack } from '../src/testing';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';

describe('test helpers', () => {
  it('atLeast returns the items when there are enough', () => {
    expect(atLeast(2, [1, 2, 3], 'numbers')).toEqual([1, 2, 3]);
  });

  it('fails when there are fewer items than the minimum, so a loop of assertions cannot pass empty', () => {
    expect(() => atLeast(1, [], 'log groups')).toThrow('expected at least 1 log groups, found 0');
  });

  it('synthesizeWithMetadata keeps the policy suppressions that synthesize drops', () => {
    const stack = testStack();
    suppressPolicyRule(
      new S3Bucket(stack, 'Bucket', { bucket: 'genai-dev-x-111111111111' }),
      's3-bucket-access-logging',
      'a bucket that exists only for this test',
    );
    const meta = (json: ReturnType<typeof synthesize>) =>
      Object.values(json.resource?.aws_s3_bucket ?? {})[0]['//'] as
        | { policy_suppressions?: unknown[] }
        | undefined;
    expect(meta(synthesize(stack))).toBeUndefined();
    expect(meta(synthesizeWithMetadata(stack))?.policy_suppressions).toHaveLength(1);
  });
});
