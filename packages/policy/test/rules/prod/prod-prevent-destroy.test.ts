import { prodPreventDestroy as rule } from '../../../src/rules/prod/prod-prevent-destroy';
import { stackOf, violations } from '../../helpers';

describe('prod-prevent-destroy', () => {
  it('passes a protected bucket', async () => {
    const stack = stackOf({
      aws_s3_bucket: { Data: { bucket: 'b', lifecycle: { prevent_destroy: true } } },
    });
    expect(await violations(rule, stack, 'aws_s3_bucket.Data')).toEqual([]);
  });

  it.each([
    'aws_s3_bucket',
    'aws_kms_key',
    'aws_sagemaker_model_package_group',
    'aws_ecr_repository',
  ])('fails when a %s can be destroyed', async (type) => {
    const stack = stackOf({ [type]: { Thing: {} } });
    expect(await violations(rule, stack, `${type}.Thing`)).toEqual([
      `${type} without lifecycle.prevent_destroy = true`,
    ]);
  });

  it('looks only at stateful resource types', () => {
    expect(rule.resourceTypes).not.toContain('aws_s3_bucket_policy');
  });
});
