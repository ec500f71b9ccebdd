import { referencedAddresses } from '../../model/references';
import { attribute, type StackModel, type TfResource } from '../../model/stack-model';

/**
 * The configuration resources of a bucket (aws_s3_bucket_versioning, _policy, ...) are separate
 * Terraform resources whose `bucket` names it, by reference or by its literal name; this finds the
 * ones of one type. Only `bucket` counts: the logging of another bucket refers to this one as its
 * target_bucket, and another bucket's policy may mention this one's ARN.
 */
export function bucketPart(stack: StackModel, bucket: TfResource, type: string): TfResource[] {
  const name = attribute(bucket, 'bucket');
  return stack.resources.filter(
    (candidate) =>
      candidate.type === type &&
      (referencedAddresses(candidate.config.bucket).includes(bucket.address) ||
        (typeof name === 'string' &&
          name !== '' &&
          !name.includes('${') &&
          attribute(candidate, 'bucket') === name)),
  );
}
