import { resourcesReferencing, type StackModel, type TfResource } from '../../model/stack-model';

/**
 * The configuration resources of a bucket (aws_s3_bucket_versioning, _policy, ...) are separate
 * Terraform resources that refer to the bucket; this finds the ones of one type.
 */
export function bucketPart(stack: StackModel, bucket: TfResource, type: string): TfResource[] {
  return resourcesReferencing(stack, bucket, type);
}
