import { attribute } from '../../model/stack-model';
import { COMPLIANT, nonCompliant, type Rule } from '../../types';
import { bucketPart } from './related';

interface EncryptionRule {
  apply_server_side_encryption_by_default?:
    | { sse_algorithm?: string; kms_master_key_id?: string }[]
    | { sse_algorithm?: string; kms_master_key_id?: string };
}

export const s3BucketKmsEncryption: Rule = {
  id: 's3-bucket-kms-encryption',
  title: 'S3 buckets are encrypted with a customer managed KMS key',
  explanation:
    'SSE-S3 and the AWS managed aws/s3 key cannot be restricted by a key policy or shared deliberately across accounts; a customer key puts every read behind kms:Decrypt, which the platform controls and CloudTrail records.',
  fix: 'Build buckets with SecureBucket or MlBucket from @genai-sandbox/storage and pass the platform key (PlatformKey).',
  severity: 'error',
  resourceTypes: ['aws_s3_bucket'],
  check({ resource, stack }) {
    const configurations = bucketPart(
      stack,
      resource,
      'aws_s3_bucket_server_side_encryption_configuration',
    );
    if (configurations.length === 0)
      return nonCompliant(
        'no aws_s3_bucket_server_side_encryption_configuration refers to this bucket',
      );
    const defaults = configurations.flatMap((configuration) =>
      ((attribute(configuration, 'rule') ?? []) as EncryptionRule[]).flatMap((rule) =>
        [rule.apply_server_side_encryption_by_default ?? []].flat(),
      ),
    );
    const kms = defaults.find(
      (entry) => entry.sse_algorithm === 'aws:kms' || entry.sse_algorithm === 'aws:kms:dsse',
    );
    if (!kms) {
      return nonCompliant(
        `default encryption is ${defaults.map((entry) => entry.sse_algorithm).join(', ') || 'not set'}; expected aws:kms with a customer key`,
      );
    }
    if (!kms.kms_master_key_id || /alias\/aws\/s3$/.test(kms.kms_master_key_id)) {
      return nonCompliant(
        `aws:kms without a customer managed key (kms_master_key_id is ${kms.kms_master_key_id ?? 'unset'}): the AWS managed aws/s3 key is used`,
      );
    }
    return COMPLIANT;
  },
};
