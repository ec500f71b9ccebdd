import { attribute } from '../../model/stack-model';
import { COMPLIANT, nonCompliant, type Rule } from '../../types';
import { bucketPart } from './related';

export const s3BucketAccessLogging: Rule = {
  id: 's3-bucket-access-logging',
  title: 'S3 buckets write server access logs',
  explanation:
    'CloudTrail records object-level reads and writes only when data events are enabled; server access logs keep a record of every request to the bucket, which an investigation of leaked data or a failed promotion needs.',
  fix: "Build data buckets with MlBucket from @genai-sandbox/storage and pass the account's AccessLogBucket as accessLogBucket; the access-log bucket itself carries a suppression with its reason.",
  severity: 'error',
  resourceTypes: ['aws_s3_bucket'],
  check({ resource, stack }) {
    const loggings = bucketPart(stack, resource, 'aws_s3_bucket_logging');
    if (loggings.length === 0)
      return nonCompliant('no aws_s3_bucket_logging refers to this bucket');
    const targets = loggings.map((logging) => attribute(logging, 'target_bucket'));
    if (targets.some((target) => typeof target === 'string' && target.trim() !== ''))
      return COMPLIANT;
    return nonCompliant(
      `aws_s3_bucket_logging has no target_bucket (target_bucket is ${targets.map((target) => JSON.stringify(target ?? null)).join(', ')})`,
    );
  },
};
