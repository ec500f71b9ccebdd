/** Action lists for grants and bucket policies, kept in one place (docs/architecture.md#conventions). */
export const OBJECT_READ_ACTIONS = [
  's3:GetObject',
  's3:GetObjectVersion',
  's3:GetObjectTagging',
] as const;
export const BUCKET_LIST_ACTIONS = ['s3:ListBucket'] as const;
export const OBJECT_WRITE_ACTIONS = [
  's3:PutObject',
  's3:PutObjectTagging',
  's3:AbortMultipartUpload',
] as const;
export const KMS_DECRYPT_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey'] as const;
/** Bucket-level reads that Athena, Spark and the SageMaker SDK make before touching objects. */
export const BUCKET_LOCATION_ACTIONS = ['s3:GetBucketLocation'] as const;
/** Multipart uploads (large Parquet files) list their parts; deletes replace reprocessed outputs. */
export const OBJECT_READ_WRITE_EXTRA_ACTIONS = [
  's3:ListMultipartUploadParts',
  's3:DeleteObject',
] as const;
/** SSE-KMS through S3: reads decrypt; writes generate data keys, and multipart uploads also decrypt. */
export const KMS_THROUGH_S3_WRITE_ACTIONS = [
  'kms:Decrypt',
  'kms:DescribeKey',
  'kms:GenerateDataKey',
] as const;
